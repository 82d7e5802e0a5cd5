"""The MoE router: operation -> complexity -> Scalar / SIMD / GPU by the book's table (line 3262).

SPEC.md §6 fixes the table and the comparison: a backend is chosen when the data size is
*strictly greater* than its threshold, so ``n == threshold`` stays on the lower backend.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Complexity(enum.Enum):
    """Asymptotic cost class of an operation."""

    LOW = "Low"
    MEDIUM = "Medium"
    HIGH = "High"


class Backend(enum.Enum):
    """Compute backends, cheapest first."""

    SCALAR = "Scalar"
    SIMD = "SIMD"
    GPU = "GPU"


@dataclass(frozen=True)
class Thresholds:
    """Data sizes above which SIMD / GPU win; ``gpu_above`` None means never GPU."""

    simd_above: int
    gpu_above: int | None
    big_o: str


THRESHOLDS: dict[Complexity, Thresholds] = {
    Complexity.LOW: Thresholds(1_000_000, None, "O(n)"),
    Complexity.MEDIUM: Thresholds(10_000, 100_000, "O(n log n)"),
    Complexity.HIGH: Thresholds(1_000, 10_000, "O(n^2) and up"),
}

OPERATIONS: dict[str, Complexity] = {
    "element_wise": Complexity.LOW,
    "reduction": Complexity.LOW,
    "dot_product": Complexity.LOW,
    "matrix_multiply": Complexity.HIGH,
    "convolution": Complexity.HIGH,
    "linear_regression": Complexity.MEDIUM,
    "kmeans": Complexity.MEDIUM,
    "text_generation": Complexity.HIGH,
}
"""The eight operation types of the book (line 1213) and their complexity (SPEC.md §6)."""

OPERATION_ALIASES: dict[str, str] = {
    "matmul": "matrix_multiply",
    "matrix-multiply": "matrix_multiply",
    "element-wise": "element_wise",
    "elementwise": "element_wise",
    "reduce": "reduction",
}
"""Upstream Batuta's WASM operation names, accepted as they are spelled there."""


def canonical_operation(name: str) -> str:
    """The operation type a name or an upstream alias stands for (unknown names unchanged).

    Example:
        >>> canonical_operation("matmul")
        'matrix_multiply'
    """
    return OPERATION_ALIASES.get(name, name)


def route(complexity: Complexity, data_size: int, *, has_gpu: bool) -> Backend:
    """Pick the backend for a complexity class and data size (strict ``>``).

    Example:
        >>> route(Complexity.HIGH, 10_001, has_gpu=True)
        <Backend.GPU: 'GPU'>
    """
    limits = THRESHOLDS[complexity]
    if has_gpu and limits.gpu_above is not None and data_size > limits.gpu_above:
        return Backend.GPU
    if data_size > limits.simd_above:
        return Backend.SIMD
    return Backend.SCALAR


def explain_route(complexity: Complexity, data_size: int, backend: Backend, has_gpu: bool) -> str:
    """One sentence saying which row and threshold of the table decided."""
    limits = THRESHOLDS[complexity]
    gpu = "never GPU" if limits.gpu_above is None else f"GPU when n > {limits.gpu_above:,}"
    row = (f"{complexity.value} complexity ({limits.big_o}): SIMD when n > {limits.simd_above:,}, "
           f"{gpu}")
    note = ""
    if (not has_gpu and limits.gpu_above is not None and data_size > limits.gpu_above):
        note = "; the hardware profile has no GPU, so SIMD is the best available"
    return f"{row}; n = {data_size:,} -> {backend.value}{note}."
