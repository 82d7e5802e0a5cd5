"""The 5x PCIe cost model: FLOPs, bytes, and the square-matmul crossover at n = 18,750."""

from __future__ import annotations

import math

import pytest

from batuta.backend import (
    OPERATIONS,
    HardwareProfile,
    matmul_cost,
    operation_cost,
    square_matmul_crossover,
)
from batuta.errors import BackendSelectionError


def test_matmul_flops_and_bytes() -> None:
    est = matmul_cost(2, 3, 4)
    assert est.flops == 2 * 2 * 3 * 4
    assert est.bytes == 4 * (2 * 3 + 3 * 4 + 2 * 4)


def test_default_crossover_is_18750_not_8192() -> None:
    assert square_matmul_crossover() == pytest.approx(18_750)
    assert matmul_cost(18_750, 18_750, 18_750).decision == "SIMD"  # ratio exactly 5: not >
    assert matmul_cost(18_751, 18_751, 18_751).decision == "GPU"
    # The book's "~8192" is far below the 5x line.
    assert matmul_cost(8192, 8192, 8192).ratio == pytest.approx(8192 / 3750)


def test_book_2048_example_figures() -> None:
    est = matmul_cost(2048, 2048, 2048)
    assert est.flops == pytest.approx(1.718e10, rel=1e-3)
    assert est.gpu_compute_s == pytest.approx(8.59e-4, rel=1e-2)
    assert est.decision == "SIMD" and "PCIe transfer dominates" in est.rationale


def test_crossover_follows_hardware() -> None:
    fast_bus = HardwareProfile(pcie_gb_s=64.0)
    assert square_matmul_crossover(fast_bus) == pytest.approx(18_750 / 2)
    assert matmul_cost(10_000, 10_000, 10_000, fast_bus).decision == "GPU"
    assert matmul_cost(10**6, 10**6, 10**6, HardwareProfile(has_gpu=False)).decision == "SIMD"


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_operation_has_finite_positive_figures(operation: str) -> None:
    est = operation_cost(operation, 4096)
    for value in (est.flops, est.bytes, est.transfer_s, est.gpu_compute_s, est.cpu_compute_s):
        assert math.isfinite(value) and value > 0
    assert est.ratio == pytest.approx(est.gpu_compute_s / est.transfer_s)
    assert est.decision in {"SIMD", "GPU"} and est.shape


def test_memory_bound_ops_never_reach_the_gpu_by_cost() -> None:
    for op in ("element_wise", "reduction", "dot_product"):
        assert operation_cost(op, 10**12).decision == "SIMD"


@pytest.mark.parametrize("dims", [(0, 1, 1), (1, -2, 1), (1, 1, True)])
def test_bad_dimensions(dims: tuple[int, int, int]) -> None:
    with pytest.raises(BackendSelectionError):
        matmul_cost(*dims)
