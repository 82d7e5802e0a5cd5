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
    assert matmul_cost(18_750, 18_750, 18_750).offload is False  # ratio exactly 5: not >
    assert matmul_cost(18_751, 18_751, 18_751).offload is True
    # The book's "~8192" is far below the 5x line.
    assert matmul_cost(8192, 8192, 8192).ratio == pytest.approx(8192 / 3750)


def test_book_2048_example_figures() -> None:
    est = matmul_cost(2048, 2048, 2048)
    assert est.flops == pytest.approx(1.718e10, rel=1e-3)
    assert est.gpu_compute_s == pytest.approx(8.59e-4, rel=1e-2)
    assert not est.offload and "PCIe transfer dominates" in est.rationale
    assert est.verdict == "GPU offload does not pay off"


def test_crossover_follows_hardware() -> None:
    fast_bus = HardwareProfile(pcie_gb_s=64.0)
    assert square_matmul_crossover(fast_bus) == pytest.approx(18_750 / 2)
    assert matmul_cost(10_000, 10_000, 10_000, fast_bus).offload
    no_gpu = matmul_cost(10**6, 10**6, 10**6, HardwareProfile(has_gpu=False))
    assert not no_gpu.offload and no_gpu.verdict == "no GPU in the hardware profile"


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_operation_has_finite_positive_figures(operation: str) -> None:
    est = operation_cost(operation, 4096)
    for value in (est.flops, est.bytes, est.transfer_s, est.gpu_compute_s, est.cpu_compute_s):
        assert math.isfinite(value) and value > 0
    assert est.ratio == pytest.approx(est.gpu_compute_s / est.transfer_s)
    assert isinstance(est.offload, bool) and est.shape


def test_memory_bound_ops_never_reach_the_gpu_by_cost() -> None:
    for op in ("element_wise", "reduction", "dot_product"):
        assert operation_cost(op, 10**12).offload is False


@pytest.mark.parametrize("dims", [(0, 1, 1), (1, -2, 1), (1, 1, True)])
def test_bad_dimensions(dims: tuple[int, int, int]) -> None:
    with pytest.raises(BackendSelectionError):
        matmul_cost(*dims)


def test_the_cost_model_names_no_backend() -> None:
    # It answers "is the GPU worth the transfer?"; "SIMD" for "no" read as a second backend.
    for n in (10, 10_000, 20_000):
        est = matmul_cost(n, n, n)
        assert est.verdict in {"GPU offload pays off", "GPU offload does not pay off"}
        assert "SIMD" not in est.rationale and "Scalar" not in est.rationale


@pytest.mark.parametrize(("operation", "size", "backend", "words"), [
    ("kmeans", 100, "Scalar", "so Scalar on the CPU"),
    ("matrix_multiply", 10_001, "GPU", "measure before offloading"),
    ("matrix_multiply", 20_000, "GPU", "The cost model agrees"),
    ("text_generation", 5_000, "SIMD", "the table keeps SIMD until n > 10,000"),
])
def test_cost_note_relates_the_model_to_the_one_backend(operation: str, size: int, backend: str,
                                                        words: str) -> None:
    from batuta.backend import backend_recommend

    decision = backend_recommend(operation, size)
    assert decision.backend == backend and words in decision.cost_note


@pytest.mark.parametrize(("value", "unit", "text"), [
    (0, "B", "0 B"), (999, "B", "999 B"), (1000, "B", "1 kB (1,000)"),
    (1.6e13, "FLOP", "16 TFLOP (16,000,000,000,000)"),
    (1.6e19, "FLOP", "16,000 PFLOP (16,000,000,000,000,000,000)"),
])
def test_format_count(value: float, unit: str, text: str) -> None:
    from batuta.backend.cost import format_count

    assert format_count(value, unit) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (1e-9, "0.001 µs"), (1.57e-3, "1.57 ms"), (0.8, "800 ms"), (1500.0, "1,500,000 ms"),
])
def test_format_seconds(seconds: float, text: str) -> None:
    from batuta.backend.cost import format_seconds

    assert format_seconds(seconds) == text
