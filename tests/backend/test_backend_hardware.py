"""Hardware profiles: SPEC defaults, strict parsing of JS dicts, and measured calibration."""

from __future__ import annotations

import pytest

from batuta.backend import HardwareProfile
from batuta.backend.calibrate import calibrate, time_dot
from batuta.errors import InvalidArgumentError


def test_defaults_are_the_spec_figures() -> None:
    hw = HardwareProfile()
    assert (hw.has_gpu, hw.pcie_gb_s, hw.gpu_tflops, hw.source) == (True, 32.0, 20.0, "defaults")


def test_from_mapping_accepts_js_numbers() -> None:
    hw = HardwareProfile.from_mapping({"has_gpu": False, "simd_width": 16.0, "gpu_tflops": 5})
    assert hw.simd_width == 16 and hw.gpu_tflops == 5 and hw.source == "user"


@pytest.mark.parametrize("data", [
    {"gpu": True}, {"has_gpu": "yes"}, {"pcie_gb_s": 0}, {"pcie_gb_s": float("nan")},
    {"cpu_gflops": "fast"}, {"simd_width": 8.5}, {"cpu_cores": 0}, {"source": 3},
])
def test_from_mapping_rejects_bad_fields(data: dict[str, object]) -> None:
    with pytest.raises(InvalidArgumentError):
        HardwareProfile.from_mapping(data)


def test_from_mapping_rejects_non_mapping() -> None:
    with pytest.raises(InvalidArgumentError):
        HardwareProfile.from_mapping([("has_gpu", True)])  # type: ignore[arg-type]


def test_calibration_is_measured_and_labelled() -> None:
    result = time_dot(2_000, repeats=2)
    assert result.best_s > 0 and result.gflops == pytest.approx(result.flops / result.best_s / 1e9)
    hw = calibrate(HardwareProfile(has_gpu=False), size=2_000)
    assert hw.source == "measured" and hw.cpu_gflops > 0 and hw.has_gpu is False
