"""Measuring, not assuming: time small pure-Python kernels to estimate this machine's speed.

The figure is a *measured* lower bound of what the interpreter does (no SIMD, one core), useful
for comparing machines and for the browser, where Pyodide is the only CPU path. It is labelled
``source="measured"`` so nobody mistakes it for the default assumption.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from batuta.backend.hardware import HardwareProfile


@dataclass(frozen=True)
class Calibration:
    """One timing run: the kernel, its size, FLOPs done, best time and the resulting GFLOPS."""

    kernel: str
    size: int
    flops: float
    best_s: float
    gflops: float


def _dot(a: list[float], b: list[float]) -> float:
    total = 0.0
    for x, y in zip(a, b, strict=True):
        total += x * y
    return total


def time_dot(size: int = 20_000, repeats: int = 5) -> Calibration:
    """Best-of-``repeats`` time of a pure-Python dot product of two ``size``-vectors."""
    a = [float(i % 7) for i in range(size)]
    b = [float(i % 5) for i in range(size)]
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        _dot(a, b)
        best = min(best, time.perf_counter() - start)
    best = max(best, 1e-9)
    flops = 2.0 * size
    return Calibration("pure-Python dot product", size, flops, best, flops / best / 1e9)


def calibrate(base: HardwareProfile | None = None, *, size: int = 20_000) -> HardwareProfile:
    """A copy of ``base`` whose ``cpu_gflops`` is measured here (``source="measured"``)."""
    result = time_dot(size)
    return replace(base or HardwareProfile(), cpu_gflops=result.gflops, source="measured")
