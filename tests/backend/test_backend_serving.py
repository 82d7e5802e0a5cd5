"""Serving backends by privacy tier (SPEC.md §6) and latency tier."""

from __future__ import annotations

import pytest

from batuta.backend import recommend_serving
from batuta.backend.serving import LOCAL_BACKENDS, PRIVATE_BACKENDS, PUBLIC_BACKENDS
from batuta.errors import InvalidArgumentError


@pytest.mark.parametrize("latency", ["RealTime", "Interactive", "Batch"])
def test_sovereign_is_local_only(latency: str) -> None:
    rec = recommend_serving("Sovereign", latency)
    assert set(rec.backends) == set(LOCAL_BACKENDS) and rec.local_only


@pytest.mark.parametrize("latency", ["RealTime", "Interactive", "Batch"])
def test_private_adds_vpc_endpoints_only(latency: str) -> None:
    rec = recommend_serving("Private", latency)
    assert set(rec.backends) == set(LOCAL_BACKENDS) | set(PRIVATE_BACKENDS)
    assert not set(rec.backends) & set(PUBLIC_BACKENDS)


def test_standard_allows_all_twenty() -> None:
    rec = recommend_serving("standard", "batch")
    assert len(rec.backends) == len(set(rec.backends)) == 20


def test_book_example_order() -> None:
    assert recommend_serving("Sovereign", "Interactive").backends[:3] == (
        "Realizar", "Ollama", "LlamaCpp")
    assert recommend_serving("Sovereign", "Batch").backends[0] == "Vllm"


@pytest.mark.parametrize("args", [("Secret", "Batch"), ("Sovereign", "slow"), (3, "Batch")])
def test_unknown_tiers_are_typed_errors(args: tuple[object, object]) -> None:
    with pytest.raises(InvalidArgumentError):
        recommend_serving(*args)  # type: ignore[arg-type]
