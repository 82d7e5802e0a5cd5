"""Serving-backend recommendation by privacy tier and latency tier (SPEC.md §6, book line 3797).

Sovereign allows local backends only; Private adds the dedicated/VPC endpoints (Azure OpenAI,
AWS Bedrock, Google Vertex); Standard allows every backend. Within what a tier allows, the
latency tier orders the list: in-process and single-user servers first for interactive use,
batching servers (vLLM, TGI) first for throughput.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from batuta.errors import InvalidArgumentError


class PrivacyTier(enum.Enum):
    """How far a request may travel."""

    SOVEREIGN = "Sovereign"
    PRIVATE = "Private"
    STANDARD = "Standard"


class LatencyTier(enum.Enum):
    """What the caller is optimizing for."""

    REALTIME = "RealTime"
    INTERACTIVE = "Interactive"
    BATCH = "Batch"


LOCAL_BACKENDS: tuple[str, ...] = (
    "Realizar", "Ollama", "LlamaCpp", "Llamafile", "Candle", "Vllm", "Tgi", "LocalAI",
)
PRIVATE_BACKENDS: tuple[str, ...] = ("AzureOpenAI", "AwsBedrock", "GoogleVertex")
PUBLIC_BACKENDS: tuple[str, ...] = (
    "HuggingFace", "Together", "Replicate", "Anyscale", "Modal", "Fireworks", "Groq",
    "OpenAI", "Anthropic",
)

_ORDER: dict[LatencyTier, tuple[str, ...]] = {
    # In-process first (no hop at all), then single-user local servers, then fast hosted ones.
    LatencyTier.REALTIME: ("Realizar", "LlamaCpp", "Candle", "Ollama", "Llamafile", "LocalAI",
                           "Vllm", "Tgi", "Groq", "Fireworks", "Together"),
    LatencyTier.INTERACTIVE: ("Realizar", "Ollama", "LlamaCpp", "Llamafile", "Candle", "LocalAI",
                              "Vllm", "Tgi", "AzureOpenAI", "AwsBedrock", "GoogleVertex", "Groq",
                              "Fireworks", "Together", "OpenAI", "Anthropic"),
    # Continuous-batching servers first: throughput over first-token latency.
    LatencyTier.BATCH: ("Vllm", "Tgi", "Realizar", "LlamaCpp", "Ollama", "Candle", "LocalAI",
                        "Llamafile", "AwsBedrock", "AzureOpenAI", "GoogleVertex", "Anyscale",
                        "Modal", "Replicate", "Together"),
}


@dataclass(frozen=True)
class ServingRecommendation:
    """Allowed serving backends, best first, and why."""

    privacy: str
    latency: str
    backends: tuple[str, ...]
    local_only: bool
    rationale: str


def _parse(enum_type: type[PrivacyTier] | type[LatencyTier], value: object) -> enum.Enum:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        for member in enum_type:
            if value.lower().replace("_", "").replace("-", "") == member.value.lower():
                return member
    allowed = [m.value for m in enum_type]
    raise InvalidArgumentError(f"unknown {enum_type.__name__} {value!r}", allowed=allowed)


def allowed_backends(privacy: PrivacyTier) -> tuple[str, ...]:
    """Every backend a privacy tier permits, in the book's order."""
    if privacy is PrivacyTier.SOVEREIGN:
        return LOCAL_BACKENDS
    if privacy is PrivacyTier.PRIVATE:
        return LOCAL_BACKENDS + PRIVATE_BACKENDS
    return LOCAL_BACKENDS + PRIVATE_BACKENDS + PUBLIC_BACKENDS


def recommend_serving(
    privacy: PrivacyTier | str = PrivacyTier.SOVEREIGN,
    latency: LatencyTier | str = LatencyTier.INTERACTIVE,
) -> ServingRecommendation:
    """Serving backends a deployment may use, ordered for its latency tier.

    Example:
        >>> recommend_serving("Sovereign", "Interactive").backends[:3]
        ('Realizar', 'Ollama', 'LlamaCpp')
    """
    tier = PrivacyTier(_parse(PrivacyTier, privacy).value)
    speed = LatencyTier(_parse(LatencyTier, latency).value)
    allowed = allowed_backends(tier)
    preferred = [b for b in _ORDER[speed] if b in allowed]
    rest = [b for b in allowed if b not in preferred]
    backends = tuple(preferred + rest)
    scope = {PrivacyTier.SOVEREIGN: "local backends only; every external API is blocked",
             PrivacyTier.PRIVATE: "local backends plus dedicated/VPC endpoints",
             PrivacyTier.STANDARD: "all backends, public APIs included"}[tier]
    goal = "for throughput" if speed is LatencyTier.BATCH else "for latency"
    return ServingRecommendation(tier.value, speed.value, backends,
                                 tier is PrivacyTier.SOVEREIGN,
                                 f"{tier.value}: {scope}. {speed.value}: ordered {goal}.")
