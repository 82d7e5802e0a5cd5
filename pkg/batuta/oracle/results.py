"""The Oracle's typed results: frozen dataclasses that serialize with ``batuta._serialize``.

Every field is plain data (str, int, float, bool, None, tuples of those or of these classes)
so ``to_json`` gives the same JSON natively and in the browser worker.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ComponentPick:
    """A recommended component: name, confidence 0..1, why, and an API path when one applies."""

    component: str
    confidence: float
    rationale: str
    path: str | None = None


@dataclass(frozen=True)
class ComputeAdvice:
    """The compute backend, decided by ``batuta.backend.backend_recommend`` (SPEC.md §6).

    ``operation`` and ``data_size`` are exactly what ``batuta backend OPERATION SIZE`` takes, so
    the two commands always agree; ``cost_ratio`` / ``cost_offload`` are the 5x PCIe model's
    (whether a GPU is worth the transfer, a yes/no, not a second backend), ``cost_note`` says
    how that bears on ``backend``.
    """

    backend: str
    complexity: str
    operation: str
    data_size: int | None
    has_gpu: bool
    rationale: str
    cost_ratio: float
    cost_offload: bool
    cost_note: str


@dataclass(frozen=True)
class DistributionAdvice:
    """Whether to distribute, with the Amdahl figures behind the answer.

    ``speedup = 1 / ((1 - p) + p / nodes)``; ``comm_overhead = 0.1 * nodes``; distribution is
    advised when the data is big enough (10M samples, or the query asks for it) and
    ``speedup > 1.5`` and ``comm_overhead < 0.5``.
    """

    needed: bool
    tool: str | None
    nodes: int
    nodes_assumed: bool
    parallel_fraction: float
    speedup: float
    efficiency: float
    comm_overhead: float
    rationale: str


@dataclass(frozen=True)
class ProjectContext:
    """What an analyzed project contributed to the answer."""

    root: str
    primary_language: str | None
    frameworks: tuple[str, ...]
    call_sites: int
    code_lines: int
    replacements: tuple[tuple[str, str, int], ...]
    """(Python symbol, Rust replacement or "", call-site count), most used first."""


@dataclass(frozen=True)
class OracleAnswer:
    """The Oracle's answer to one query."""

    query: str
    problem_class: str
    domains: tuple[str, ...]
    algorithm: str | None
    primary: ComponentPick
    supporting: tuple[ComponentPick, ...]
    compute: ComputeAdvice
    distribution: DistributionAdvice
    code_example: str | None
    example_id: str | None
    related_queries: tuple[str, ...]
    recipes: tuple[str, ...]
    data_size: int | None
    performance_hints: tuple[str, ...]
    mentioned_components: tuple[str, ...]
    project: ProjectContext | None = None


@dataclass(frozen=True)
class ComponentInfo:
    """``--show NAME``: one component with its capabilities and integrations."""

    name: str
    version: str
    layer: str
    layer_display: str
    description: str
    capabilities: tuple[tuple[str, str], ...]
    integrates_with: tuple[tuple[str, str], ...]
    used_by: tuple[tuple[str, str], ...]
    recipes: tuple[str, ...]


@dataclass(frozen=True)
class IntegrationInfo:
    """``--integrate A,B``: the pattern between two components (and its example, if any)."""

    from_component: str
    to_component: str
    pattern_name: str
    description: str
    code_example: str | None


@dataclass(frozen=True)
class Recipe:
    """A cookbook recipe: the index facts plus our own problem text and code."""

    id: str
    title: str
    problem: str
    components: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    code: str | None
    test_code: str | None
    code_note: str
