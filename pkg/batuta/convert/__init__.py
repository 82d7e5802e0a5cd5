"""Converters: NumPy -> Trueno, scikit-learn -> Aprender, PyTorch/transformers -> Realizar.

``convert_numpy`` / ``convert_sklearn`` / ``convert_pytorch`` take a snippet (names such as
``np`` and ``LinearRegression`` may be used without imports, as in the book's examples) and
return a ``Conversion``; ``convert_file`` converts a whole file into one Rust module. Mappings
live in one registry (``registry.REGISTRY``), filled by one module per framework.
"""

from __future__ import annotations

from batuta.convert import numpy as _numpy  # noqa: F401  (fills the registry)
from batuta.convert import pytorch as _pytorch  # noqa: F401
from batuta.convert import sklearn as _sklearn  # noqa: F401
from batuta.convert._driver import make_ctx, parse
from batuta.convert.file import convert_file
from batuta.convert.registry import REGISTRY, DuplicateMappingError, Registry
from batuta.convert.results import (
    Conversion,
    FileConversion,
    MappedConstruct,
    SourceSpan,
    UnsupportedConstruct,
)
from batuta.convert.snippet import convert_numpy, convert_pytorch, convert_sklearn

__all__ = [
    "REGISTRY",
    "Conversion",
    "DuplicateMappingError",
    "FileConversion",
    "MappedConstruct",
    "Registry",
    "SourceSpan",
    "UnsupportedConstruct",
    "convert_file",
    "convert_numpy",
    "convert_pytorch",
    "convert_sklearn",
    "make_ctx",
    "parse",
]
