"""Batuta: analyze code bases and plan their move to the Rust Sovereign AI Stack.

The public API is re-exported here; heavy subpackages load lazily on first call.
"""

from batuta.api import (
    __version__,
    analyze_code,
    analyze_project,
    backend_recommend,
    convert_file,
    convert_numpy,
    convert_pytorch,
    convert_sklearn,
    version,
)
from batuta.errors import BatutaError

__all__ = [
    "BatutaError",
    "__version__",
    "analyze_code",
    "analyze_project",
    "backend_recommend",
    "convert_file",
    "convert_numpy",
    "convert_pytorch",
    "convert_sklearn",
    "version",
]
