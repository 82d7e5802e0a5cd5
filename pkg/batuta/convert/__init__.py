"""Converters: NumPy -> Trueno, scikit-learn -> Aprender, PyTorch/transformers -> Realizar.

``convert_numpy`` / ``convert_sklearn`` / ``convert_pytorch`` take a snippet (names such as
``np`` and ``LinearRegression`` may be used without imports, as in the book's examples) and
return a ``Conversion``; ``convert_file`` converts a whole file into one Rust module.

The layers, imports flowing one way:

1. ``targets`` -- facts about trueno / aprender / realizar, loaded from the crate tables;
2. ``types`` and ``coerce`` -- Rust types in full-path form, and conversions between them;
3. ``core``, ``registry``, ``mapping`` and the framework mappings ``numpy`` / ``sklearn`` /
   ``pytorch`` -- which Python call becomes which table item;
4. ``expressions`` / ``translate`` / ``module`` -- the type pass and the emitter;
5. ``file`` / ``snippet`` -- the public converters.
"""

from __future__ import annotations

from batuta.convert import numpy as _numpy  # noqa: F401  (fills the registry)
from batuta.convert import numpy_random as _numpy_random  # noqa: F401
from batuta.convert import numpy_shape as _numpy_shape  # noqa: F401
from batuta.convert import pytorch as _pytorch  # noqa: F401
from batuta.convert import pytorch_tensor as _pytorch_tensor  # noqa: F401
from batuta.convert import sklearn as _sklearn  # noqa: F401
from batuta.convert._driver import make_table, parse
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
    "make_table",
    "parse",
]
