"""The hardware profile the backend decisions are made for (SPEC.md §6 defaults).

Defaults are the book's reference machine: a GPU on PCIe at 32 GB/s doing 20 TFLOPS. They are
assumptions, not measurements; ``batuta.backend.calibrate`` can replace ``cpu_gflops`` with a
figure timed on the user's own machine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from batuta.errors import InvalidArgumentError

_FLOAT_FIELDS = ("pcie_gb_s", "gpu_tflops", "cpu_gflops")
_INT_FIELDS = ("simd_width", "cpu_cores")


@dataclass(frozen=True)
class HardwareProfile:
    """What the machine can do, as far as backend selection cares.

    Attributes:
        has_gpu: Whether a GPU can be used at all; without one the answer is never "GPU".
        pcie_gb_s: Host-to-GPU bandwidth in GB/s (book default 32, PCIe 4.0 x16).
        gpu_tflops: GPU single-precision throughput in TFLOPS (book default 20).
        cpu_gflops: CPU SIMD throughput in GFLOPS (assumed 100: 8 cores x AVX2 at ~12.5 each).
        simd_width: f32 lanes per SIMD register (8 for AVX2, 16 for AVX-512, 4 for NEON/SIMD128).
        cpu_cores: Cores available to SIMD kernels.
        source: Where the figures came from: "defaults", "user" or "measured".
    """

    has_gpu: bool = True
    pcie_gb_s: float = 32.0
    gpu_tflops: float = 20.0
    cpu_gflops: float = 100.0
    simd_width: int = 8
    cpu_cores: int = 8
    source: str = "defaults"

    def __post_init__(self) -> None:
        if not isinstance(self.has_gpu, bool):
            raise InvalidArgumentError("has_gpu must be true or false", field="has_gpu")
        for name in _FLOAT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InvalidArgumentError(f"{name} must be a number", field=name)
            if not math.isfinite(value) or value <= 0:
                raise InvalidArgumentError(f"{name} must be a positive finite number, got {value}",
                                           field=name)
        for name in _INT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidArgumentError(f"{name} must be a positive integer", field=name)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> HardwareProfile:
        """Build a profile from a JSON/JS dict; unknown keys are an error, missing keys default.

        Example:
            >>> HardwareProfile.from_mapping({"has_gpu": False}).has_gpu
            False
        """
        if not isinstance(data, Mapping):
            raise InvalidArgumentError("hardware must be an object/dict")
        known = {"has_gpu", "source", *_FLOAT_FIELDS, *_INT_FIELDS}
        unknown = sorted(str(k) for k in data if k not in known)
        if unknown:
            raise InvalidArgumentError(f"unknown hardware field(s): {', '.join(unknown)}",
                                       allowed=sorted(known))
        values = dict(data)
        values.setdefault("source", "user")
        if not isinstance(values["source"], str):
            raise InvalidArgumentError("source must be a string", field="source")
        # JS numbers arrive as floats; accept 8.0 for an int field but not 8.5.
        for name in _INT_FIELDS:
            value = values.get(name)
            if isinstance(value, float) and value.is_integer():
                values[name] = int(value)
        return cls(**values)

    def with_gpu(self, has_gpu: bool) -> HardwareProfile:
        """A copy with the GPU switched on or off."""
        return replace(self, has_gpu=has_gpu)

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form (for JSON)."""
        return asdict(self)


def coerce_hardware(hardware: HardwareProfile | Mapping[str, Any] | None) -> HardwareProfile:
    """Accept a profile, a mapping (JS object) or None (defaults)."""
    if hardware is None:
        return HardwareProfile()
    if isinstance(hardware, HardwareProfile):
        return hardware
    return HardwareProfile.from_mapping(hardware)
