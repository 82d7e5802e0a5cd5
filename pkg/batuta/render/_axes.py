"""Scales, nice ticks, tick labels and histogram bin rules (pure Python, NumPy optional).

Ticks follow Heckbert's "nice numbers" (Graphics Gems, 1990): steps of 1, 2, 5 x 10^k and
domains widened to whole steps. Log axes tick at powers of ten. Bin rules are the usual ones:
Sturges ``ceil(log2 n) + 1``, Scott ``3.49 sigma n^(-1/3)``, Freedman-Diaconis
``2 IQR n^(-1/3)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from batuta.errors import RenderError

MAX_BINS = 10_000


@dataclass(frozen=True)
class Scale:
    """Data -> pixel along one axis; ``log`` scales work on log10 of the data."""

    lo: float  # domain in scale space (log10 for log scales)
    hi: float
    p0: float  # pixel of lo
    p1: float  # pixel of hi
    log: bool = False

    @property
    def factor(self) -> float:
        return (self.p1 - self.p0) / (self.hi - self.lo)

    @property
    def offset(self) -> float:
        return self.p0 - self.lo * self.factor

    def __call__(self, value: float) -> float:
        v = math.log10(value) if self.log else value
        return self.p0 + (v - self.lo) * self.factor


def nice_number(x: float, *, round_it: bool) -> float:
    """The 1-2-5 number near ``x`` (rounded, or the next one up)."""
    exp = math.floor(math.log10(x))
    frac = x / 10 ** exp
    if round_it:
        nice = 1 if frac < 1.5 else 2 if frac < 3 else 5 if frac < 7 else 10
    else:
        nice = 1 if frac <= 1 else 2 if frac <= 2 else 5 if frac <= 5 else 10
    return float(nice * 10.0 ** exp)


def widen(lo: float, hi: float) -> tuple[float, float]:
    """A non-empty domain around degenerate data (one value, all equal, a span lost in
    rounding such as 0..5e-324); a span beyond float range is a ``RenderError``."""
    if not math.isfinite(hi - lo):
        raise RenderError(f"data range {lo:g}..{hi:g} is too large to draw")
    scale = max(abs(lo), abs(hi))
    if hi - lo > max(scale * 1e-9, 1e-300):
        return lo, hi
    mid = lo / 2 + hi / 2
    pad = scale * 0.1 if scale > 1e-300 else 1.0
    return mid - pad, mid + pad


def linear_ticks(lo: float, hi: float, count: int = 6) -> tuple[float, float, list[float]]:
    """Nice domain and ticks covering [lo, hi]: (domain lo, domain hi, ticks)."""
    lo, hi = widen(lo, hi)
    # Heckbert nices the span first, which can add almost a whole empty step at the end;
    # nicing the step of the raw span keeps the domain tight (0..11.9 -> 0..12, not 0..15).
    step = nice_number((hi - lo) / max(count - 1, 1), round_it=True)
    start, stop = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if not (math.isfinite(start) and math.isfinite(stop)) or step <= 0:
        raise RenderError(f"data range {lo:g}..{hi:g} cannot be drawn (beyond float range)")
    n = round((stop - start) / step)
    ticks = [_clean(start + i * step, step) for i in range(n + 1)]
    return ticks[0], ticks[-1], ticks


def log_ticks(lo: float, hi: float) -> tuple[float, float, list[float]]:
    """Decade domain (in log10 space) and the decade ticks (data values) for [lo, hi] > 0."""
    if not lo > 0:
        raise RenderError("log axis needs positive values")
    if not hi < 1e300:
        raise RenderError(f"log axis up to {hi:g} is beyond float range")
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if b == a:
        b += 1
    every = max(1, math.ceil((b - a) / 8))
    return float(a), float(b), [10.0 ** k for k in range(a, b + 1, every)]


def _clean(v: float, step: float) -> float:
    """Snap float noise (0.30000000000000004) to the step's precision."""
    digits = max(0, -math.floor(math.log10(step)) + 1)
    return round(v, digits) + 0.0


def format_tick(v: float, step: float, *, log: bool = False) -> str:
    """A short label: integers without decimals, as many decimals as the step needs."""
    if log:
        k = round(math.log10(v))
        return f"{v:g}" if -3 <= k <= 4 else f"1e{k}"
    if v == 0:
        return "0"
    if abs(v) >= 1e6 or abs(v) < 1e-4:
        return f"{v:.2g}"
    decimals = max(0, -math.floor(math.log10(step))) if step > 0 else 0
    return f"{v:,.{decimals}f}"


def bin_count(values: Sequence[float], rule: str | int) -> int:
    """Number of bins by rule (``sturges``, ``scott``, ``fd``) or an explicit count."""
    n = len(values)
    if isinstance(rule, int) and not isinstance(rule, bool):
        if not 1 <= rule <= MAX_BINS:
            raise RenderError(f"bins must be 1..{MAX_BINS}, got {rule}")
        return rule
    if rule not in ("sturges", "scott", "fd"):
        raise RenderError(f"unknown bin rule {rule!r}: sturges, scott, fd or a number")
    if n < 2:
        return 1
    lo, hi = _min_max(values)
    if hi <= lo:
        return 1
    sturges = math.ceil(math.log2(n)) + 1
    if rule == "sturges":
        return sturges
    scott = (24 * math.sqrt(math.pi)) ** (1 / 3)  # 3.49, exactly as NumPy has it
    width = (scott * _std(values) if rule == "scott" else 2 * _iqr(values)) * n ** (-1 / 3)
    if width <= 0:
        return sturges  # no spread in the middle of the data: fall back, as NumPy does
    return int(max(1, min(MAX_BINS, math.ceil((hi - lo) / width))))


def _min_max(values: Sequence[float]) -> tuple[float, float]:
    np = _numpy_for(values)
    if np is not None:
        return float(np.min(values)), float(np.max(values))
    return min(values), max(values)


def _std(values: Sequence[float]) -> float:
    """Population standard deviation, computed on values scaled to |v| <= 1 so that squares
    cannot overflow (1e154 ** 2 is beyond float range)."""
    np = _numpy_for(values)
    if np is not None:
        # Subnormal data underflows on the way (harmless: the result rounds to 0 as in Python).
        with np.errstate(under="ignore"):
            scale = float(np.max(np.abs(values)))
            return scale * float(np.std(np.asarray(values) / scale)) if scale > 0 else 0.0
    scale = max(abs(v) for v in values)
    if scale == 0:
        return 0.0
    scaled = [v / scale for v in values]
    mean = math.fsum(scaled) / len(scaled)
    return scale * math.sqrt(math.fsum((v - mean) ** 2 for v in scaled) / len(scaled))


def _iqr(values: Sequence[float]) -> float:
    np = _numpy_for(values)
    if np is not None:
        with np.errstate(under="ignore"):
            q1, q3 = np.percentile(values, [25, 75])
            return float(q3 - q1)
    s = sorted(values)
    return _quantile(s, 0.75) - _quantile(s, 0.25)


def _quantile(s: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (NumPy's default)."""
    pos = q * (len(s) - 1)
    i = math.floor(pos)
    j = min(i + 1, len(s) - 1)
    return s[i] + (s[j] - s[i]) * (pos - i)


def _numpy_for(values: object) -> Any:
    """NumPy when ``values`` is already an array (natively); None in the browser."""
    mod = type(values).__module__
    if mod.startswith("numpy"):
        import numpy

        return numpy
    return None


def count_bins(values: Sequence[float], lo: float, hi: float, nbins: int) -> list[int]:
    """Counts over equal bins of [lo, hi], the top edge inside the last bin (as ``hist_bin``)."""
    np = _numpy_for(values)
    inv = nbins / (hi - lo) if hi > lo else 0.0
    if not math.isfinite(inv):
        # A subnormal span (hi - lo below ~1e-308): nbins / span overflows to inf, and
        # 0 * inf is NaN. Divide each offset by the span first instead; it stays in [0, 1].
        return _count_bins_tiny_span(values, lo, hi, nbins)
    if np is not None:
        arr: Any = values
        inside = arr[(arr >= lo) & (arr <= hi)]
        with np.errstate(under="ignore"):
            t = np.maximum((inside - lo) * inv, 0)
        return [int(c) for c in np.bincount(np.minimum(t.astype("int64"), nbins - 1),
                                            minlength=nbins)]
    counts = [0] * nbins
    for v in values:
        if lo <= v <= hi:  # test the value: (hi - lo) * inv may round past nbins
            counts[min(int(max((v - lo) * inv, 0.0)), nbins - 1)] += 1
    return counts


def _count_bins_tiny_span(values: Sequence[float], lo: float, hi: float, nbins: int) -> list[int]:
    """``count_bins`` where ``nbins / (hi - lo)`` is not finite (the same answer, both paths)."""
    span = hi - lo
    counts = [0] * nbins
    for v in values:
        v = float(v)
        if lo <= v <= hi:
            counts[min(int((v - lo) / span * nbins), nbins - 1)] += 1
    return counts
