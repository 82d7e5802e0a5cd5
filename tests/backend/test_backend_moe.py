"""The MoE table holds at every boundary, for all eight operations (SPEC.md §6)."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta._serialize import to_json
from batuta.backend import OPERATIONS, THRESHOLDS, HardwareProfile, backend_recommend
from batuta.errors import BackendSelectionError, BatutaError

EXPECTED_COMPLEXITY = {
    "element_wise": "Low", "reduction": "Low", "dot_product": "Low",
    "matrix_multiply": "High", "convolution": "High", "text_generation": "High",
    "linear_regression": "Medium", "kmeans": "Medium",
}


def test_eight_operations_with_spec_complexities() -> None:
    assert {op: c.value for op, c in OPERATIONS.items()} == EXPECTED_COMPLEXITY


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_simd_boundary_is_strict(operation: str) -> None:
    limit = THRESHOLDS[OPERATIONS[operation]].simd_above
    assert backend_recommend(operation, limit).backend == "Scalar"
    above = backend_recommend(operation, limit + 1).backend
    assert above == "SIMD"


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_gpu_boundary_is_strict(operation: str) -> None:
    gpu_above = THRESHOLDS[OPERATIONS[operation]].gpu_above
    if gpu_above is None:
        # Low complexity never goes to the GPU, however big.
        assert backend_recommend(operation, 10**15).backend == "SIMD"
        return
    assert backend_recommend(operation, gpu_above).backend == "SIMD"
    assert backend_recommend(operation, gpu_above + 1).backend == "GPU"


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_no_gpu_in_profile_means_never_gpu(operation: str) -> None:
    cpu_only = HardwareProfile(has_gpu=False)
    assert backend_recommend(operation, 10**12, cpu_only).backend == "SIMD"
    assert backend_recommend(operation, 10**12, {"has_gpu": False}).backend == "SIMD"


def test_book_examples_follow_the_spec_table() -> None:
    assert backend_recommend("matrix_multiply", 1000).backend == "Scalar"
    # The book prints "SIMD" for 50,000; SPEC.md's table (High: GPU above 10,000) decides.
    assert backend_recommend("matrix_multiply", 50_000).backend == "GPU"
    assert backend_recommend("matrix_multiply", 1_000_000).backend == "GPU"


def test_decision_serializes_with_figures() -> None:
    data = json.loads(to_json(backend_recommend("kmeans", 50_000)))
    assert data["backend"] == "SIMD" and data["complexity"] == "Medium"
    assert data["cost"]["flops"] > 0 and data["hardware"]["pcie_gb_s"] == 32.0
    assert "n > 10,000" in data["rationale"]


@pytest.mark.parametrize("bad", ["mat_mul", "", None, 3, "MATRIX_MULTIPLY"])  # "matmul": an alias
def test_unknown_operation_is_typed_error(bad: object) -> None:
    with pytest.raises(BackendSelectionError) as info:
        backend_recommend(bad, 10)  # type: ignore[arg-type]
    assert info.value.code == "BATUTA-O-003"


@pytest.mark.parametrize("bad", [-1, 1.5, "10", True, float("nan"), float("inf"), 10**19])
def test_bad_size_is_typed_error(bad: object) -> None:
    with pytest.raises(BackendSelectionError):
        backend_recommend("reduction", bad)  # type: ignore[arg-type]


@given(op=st.sampled_from(sorted(OPERATIONS)), n=st.integers(0, 10**13), gpu=st.booleans())
def test_monotone_in_size(op: str, n: int, gpu: bool) -> None:
    order = ["Scalar", "SIMD", "GPU"]
    hw = HardwareProfile(has_gpu=gpu)
    a = order.index(backend_recommend(op, n, hw).backend)
    b = order.index(backend_recommend(op, n * 2 + 1, hw).backend)
    assert a <= b


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(),
                 st.dictionaries(st.text(max_size=8), st.integers(), max_size=3)))
def test_arbitrary_arguments_only_raise_batuta_errors(value: object) -> None:
    for args in ((value, 10), ("reduction", value), ("reduction", 10, value)):
        with contextlib.suppress(BatutaError):
            backend_recommend(*args)  # type: ignore[arg-type]
