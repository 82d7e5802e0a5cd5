"""Lazy, untyped handles on Panel and Bokeh (the ``desktop`` extra).

Both libraries are imported only when a desktop command runs, never at import time of
``batuta``. They are typed as ``Any`` on purpose: Panel's functions are largely unannotated and
Bokeh's model classes are generated at run time, so strict mypy would reject every call.
"""

from __future__ import annotations

import importlib
from typing import Any


def load(module: str) -> Any:
    """``importlib.import_module(module)``, typed ``Any``."""
    return importlib.import_module(module)


__all__ = ["load"]
