"""Nice ticks, log ticks, tick labels and histogram bin rules (against NumPy's)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.errors import RenderError
from batuta.render import _axes

finite = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)


def _is_nice(step: float) -> bool:
    mant = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(mant, m, rel_tol=1e-9) for m in (1, 2, 5, 10))


@given(finite, finite)
def test_linear_ticks_cover_the_data_with_nice_steps(a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    dlo, dhi, ticks = _axes.linear_ticks(lo, hi)
    assert dlo <= lo and dhi >= hi
    assert 2 <= len(ticks) <= 12
    steps = [y - x for x, y in itertools.pairwise(ticks)]
    assert all(math.isclose(s, steps[0], rel_tol=1e-6) for s in steps)
    assert _is_nice(steps[0])


def test_linear_ticks_degenerate_spans() -> None:
    dlo, dhi, _ = _axes.linear_ticks(0.0, 5e-324)  # span lost to rounding: widened, no crash
    assert dlo < 0 < dhi
    with pytest.raises(RenderError, match="too large"):
        _axes.linear_ticks(-1e308, 1e308)


def test_linear_ticks_examples() -> None:
    assert _axes.linear_ticks(0, 11.9)[2] == [0, 2, 4, 6, 8, 10, 12]
    assert _axes.linear_ticks(0.1, 0.3)[2][:3] == [0.1, 0.15, 0.2]
    assert _axes.linear_ticks(5, 5)[0] < 5 < _axes.linear_ticks(5, 5)[1]  # widened


@given(st.floats(1e-12, 1e12), st.floats(1e-12, 1e12))
def test_log_ticks_are_decades_covering_the_data(a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    dlo, dhi, ticks = _axes.log_ticks(lo, hi)
    assert 10 ** dlo <= lo * (1 + 1e-12) and 10 ** dhi >= hi * (1 - 1e-12)
    assert len(ticks) <= 10
    assert all(math.isclose(math.log10(t), round(math.log10(t)), abs_tol=1e-9) for t in ticks)


def test_log_ticks_reject_non_positive() -> None:
    with pytest.raises(RenderError):
        _axes.log_ticks(0.0, 10.0)


@pytest.mark.parametrize("v,step,log,text", [
    (0.0, 1.0, False, "0"), (2.5, 0.5, False, "2.5"), (1200.0, 200.0, False, "1,200"),
    (3e7, 1e7, False, "3e+07"), (1e5, 1.0, True, "1e5"), (100.0, 1.0, True, "100"),
])
def test_format_tick(v: float, step: float, log: bool, text: str) -> None:
    assert _axes.format_tick(v, step, log=log) == text


@pytest.mark.parametrize(("values", "rule"), [
    ([0.0, 0.0, 0.0, 1.0, 11698.0], "fd"),  # NumPy's 10,002 bins, ours capped at MAX_BINS
    ([0.0, 0.0, 0.0, 2.2250738585e-313], "scott"),  # subnormal spread: underflow on the way
    ([0.0, 0.0, 2.2250738585e-313], "fd"),
    ([0.0, 0.0, 2.2250738585e-313], "sturges"),
    ([2.5, 2.2250738585e-313], "scott"),
])
def test_bin_rules_on_found_edge_cases(values: list[float], rule: str) -> None:
    test_bin_rules_match_numpy.hypothesis.inner_test(values, rule)  # type: ignore[attr-defined]


samples = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=300)


@settings(max_examples=60)
@given(samples, st.sampled_from(["sturges", "scott", "fd"]))
def test_bin_rules_match_numpy(values: list[float], rule: str) -> None:
    arr = np.array(values)
    ours = _axes.bin_count(values, rule)
    assert ours == _axes.bin_count(arr, rule)  # pure Python and NumPy paths agree
    with np.errstate(under="ignore"):  # the reference underflows on subnormal spreads
        if arr.max() > arr.min() and not (rule == "fd" and _iqr_zero(arr)):
            expected = min(len(np.histogram_bin_edges(arr, bins=rule)) - 1, _axes.MAX_BINS)
            assert abs(ours - expected) <= 1  # float rounding of the width at a ceil boundary


def _iqr_zero(arr: np.ndarray) -> bool:
    q1, q3 = np.percentile(arr, [25, 75])
    return bool(q3 == q1)


@pytest.mark.parametrize(("values", "nbins"), [
    ([2.225073858507203e-309, 0.0], 1),  # nbins / span overflows: inf, then 0 * inf = NaN
    ([0.0, 2.225073858507203e-309], 3),
    ([0.0, 1e-310, 2e-310, 2.225073858507203e-309], 4),
])
def test_count_bins_on_a_subnormal_span(values: list[float], nbins: int) -> None:
    test_count_bins_pure_and_numpy_agree.hypothesis.inner_test(  # type: ignore[attr-defined]
        values, nbins)
    counts = _axes.count_bins(values, min(values), max(values), nbins)
    assert counts[0] >= 1 and counts[-1] >= 1  # the ends land in the end bins


@settings(max_examples=60)
@given(samples, st.integers(1, 50))
def test_count_bins_pure_and_numpy_agree(values: list[float], nbins: int) -> None:
    lo, hi = min(values), max(values)
    if hi <= lo:
        hi = lo + 1
    pure = _axes.count_bins(values, lo, hi, nbins)
    fast = _axes.count_bins(np.array(values), lo, hi, nbins)
    assert sum(pure) == len(values)
    assert sum(fast) == len(values)
    assert pure == fast


def test_bin_count_edges() -> None:
    assert _axes.bin_count([1.0], "fd") == 1
    assert _axes.bin_count([2.0] * 10, "scott") == 1
    assert _axes.bin_count(list(range(1024)), "sturges") == 11
    with pytest.raises(RenderError):
        _axes.bin_count([1.0, 2.0], True)  # type: ignore[arg-type]
