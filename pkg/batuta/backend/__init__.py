"""Compute-backend recommendation: the MoE router, the 5x PCIe cost model, hardware profiles
and serving-backend selection by privacy tier (SPEC.md §6).

``backend_recommend`` answers with the router's table decision and carries the cost model's
figures beside it, so a user sees both the rule and the arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from batuta.backend.cost import (
    NO_GPU,
    PCIE_RULE_FACTOR,
    CostEstimate,
    matmul_cost,
    operation_cost,
    square_matmul_crossover,
)
from batuta.backend.hardware import HardwareProfile, coerce_hardware
from batuta.backend.moe import (
    OPERATION_ALIASES,
    OPERATIONS,
    THRESHOLDS,
    Backend,
    Complexity,
    canonical_operation,
    explain_route,
    route,
)
from batuta.backend.serving import (
    LatencyTier,
    PrivacyTier,
    ServingRecommendation,
    recommend_serving,
)
from batuta.errors import BackendSelectionError

__all__ = [
    "OPERATIONS",
    "PCIE_RULE_FACTOR",
    "THRESHOLDS",
    "Backend",
    "BackendDecision",
    "Complexity",
    "CostEstimate",
    "HardwareProfile",
    "LatencyTier",
    "PrivacyTier",
    "ServingRecommendation",
    "backend_recommend",
    "matmul_cost",
    "operation_cost",
    "recommend_serving",
    "square_matmul_crossover",
]

MAX_DATA_SIZE = 10**18
"""Sizes beyond this are certainly a mistake (and would overflow the cost model's floats)."""


@dataclass(frozen=True)
class BackendDecision:
    """The router's answer plus the figures behind it (SPEC.md §5).

    ``backend`` is the MoE table's decision, the one recommendation; ``cost`` is the 5x PCIe
    model for the same operation and size, which answers only whether a GPU is worth the
    transfer (``cost.offload``); ``cost_note`` says in words how that answer relates to
    ``backend`` (agrees, or where the table and the arithmetic part ways).
    """

    operation: str
    data_size: int
    backend: str
    complexity: str
    rationale: str
    simd_above: int
    gpu_above: int | None
    hardware: HardwareProfile
    cost: CostEstimate
    cost_note: str = ""

    def __str__(self) -> str:
        return self.backend


def _check_size(data_size: object) -> int:
    if isinstance(data_size, bool) or not isinstance(data_size, (int, float)):
        raise BackendSelectionError("data_size must be a whole number", got=repr(data_size))
    if isinstance(data_size, float):
        if not data_size.is_integer():
            raise BackendSelectionError("data_size must be a whole number", got=data_size)
        data_size = int(data_size)
    if data_size < 0 or data_size > MAX_DATA_SIZE:
        raise BackendSelectionError(f"data_size must be between 0 and {MAX_DATA_SIZE:.0e}",
                                    got=data_size)
    return data_size


def backend_recommend(operation: str, data_size: int,
                      hardware: HardwareProfile | Mapping[str, Any] | None = None
                      ) -> BackendDecision:
    """Recommend Scalar / SIMD / GPU for an operation type at a data size.

    Args:
        operation: One of the eight types in ``OPERATIONS`` (``"matrix_multiply"``, ...).
        data_size: The problem size n (elements, samples, matrix side; see ``operation_cost``).
        hardware: A ``HardwareProfile``, a dict with its fields (from JS), or None for defaults.

    Returns:
        The decision, its complexity class, the table row that decided, and the cost figures.

    Example:
        >>> backend_recommend("matrix_multiply", 1_000_000).backend
        'GPU'
    """
    if isinstance(operation, str):
        operation = canonical_operation(operation)  # upstream's "matmul", "reduce", ...
    if not isinstance(operation, str) or operation not in OPERATIONS:
        raise BackendSelectionError(f"unknown operation {operation!r}",
                                    allowed=sorted([*OPERATIONS, *OPERATION_ALIASES]))
    size = _check_size(data_size)
    hw = coerce_hardware(hardware)
    complexity = OPERATIONS[operation]
    backend = route(complexity, size, has_gpu=hw.has_gpu)
    limits = THRESHOLDS[complexity]
    cost = operation_cost(operation, max(size, 1), hw)
    rationale = explain_route(complexity, size, backend, hw.has_gpu)
    return BackendDecision(operation, size, backend.value, complexity.value, rationale,
                           limits.simd_above, limits.gpu_above, hw, cost,
                           cost_note(backend.value, cost, limits.gpu_above))


def cost_note(backend: str, cost: CostEstimate, gpu_above: int | None) -> str:
    """How the cost model's GPU-or-not answer bears on the router's ``backend``, in words."""
    ratio = f"compute / transfer {cost.ratio:.3g}"
    if cost.verdict == NO_GPU:
        return "No GPU in the hardware profile: the work stays on the CPU."
    if backend == "GPU" and cost.offload:
        return f"The cost model agrees: GPU offload pays off ({ratio} > {PCIE_RULE_FACTOR:g})."
    if backend == "GPU":
        return (f"The table routes this size to the GPU, but by the cost model the PCIe transfer "
                f"still dominates ({ratio} <= {PCIE_RULE_FACTOR:g}): measure before offloading.")
    if cost.offload:
        until = "never" if gpu_above is None else f"until n > {gpu_above:,}"
        return (f"The cost model finds GPU offload would pay off ({ratio} > "
                f"{PCIE_RULE_FACTOR:g}); the table keeps {backend} {until}.")
    return (f"{cost.verdict}: the PCIe transfer dominates ({ratio} <= {PCIE_RULE_FACTOR:g}), "
            f"so {backend} on the CPU.")
