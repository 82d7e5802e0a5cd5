"""The public core API: the one place the CLI and the browser bridge call.

Each function is a thin delegation to its subpackage so that importing ``batuta`` stays cheap
(subpackages load on first use) and the bridge needs to know only these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from batuta.analyze.results import AnalyzeOptions, CodeAnalysis, ProjectAnalysis
    from batuta.backend import BackendDecision, HardwareProfile
    from batuta.convert import Conversion, FileConversion

__version__ = "0.1.0"

EXPORTS: tuple[str, ...] = (
    "version",
    "analyze_code",
    "analyze_project",
    "convert_numpy",
    "convert_sklearn",
    "convert_pytorch",
    "convert_file",
    "backend_recommend",
)
"""The API functions JavaScript may call through the browser bridge; nothing else is reachable."""


def version() -> str:
    """The Batuta version string."""
    return __version__


def analyze_code(code: str, filename: str | None = None) -> CodeAnalysis:
    """Analyze one snippet or file's text: language, lines, ML call sites, complexity, TDG."""
    from batuta.analyze.code import analyze_code as _analyze_code

    return _analyze_code(code, filename)


def analyze_project(
    source: str | Path | Mapping[str, bytes], options: AnalyzeOptions | None = None
) -> ProjectAnalysis:
    """Analyze a directory (native) or a mapping of relative path -> bytes (browser upload)."""
    from batuta.analyze.project import analyze_project as _analyze_project

    return _analyze_project(source, options)


def convert_numpy(code: str, data_size: int = 1000) -> Conversion:
    """Convert NumPy usage to Trueno."""
    from batuta.convert import convert_numpy as _convert

    return _convert(code, data_size=data_size)


def convert_sklearn(code: str, data_size: int = 1000) -> Conversion:
    """Convert scikit-learn usage to Aprender."""
    from batuta.convert import convert_sklearn as _convert

    return _convert(code, data_size=data_size)


def convert_pytorch(code: str, data_size: int = 1_000_000) -> Conversion:
    """Convert PyTorch / transformers usage to Realizar."""
    from batuta.convert import convert_pytorch as _convert

    return _convert(code, data_size=data_size)


def convert_file(code: str, filename: str = "module.py") -> FileConversion:
    """Convert a whole Python file (all three frameworks) into one Rust module."""
    from batuta.convert import convert_file as _convert

    return _convert(code, filename)


def backend_recommend(
    operation: str, data_size: int, hardware: HardwareProfile | Mapping[str, Any] | None = None
) -> BackendDecision:
    """Recommend Scalar / SIMD / GPU for an operation at a data size (SPEC.md §6)."""
    from batuta.backend import backend_recommend as _recommend

    return _recommend(operation, data_size, hardware)
