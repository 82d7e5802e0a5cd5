"""The ``Example:`` blocks in the converter and backend docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["batuta.convert._rust", "batuta.convert.snippet", "batuta.convert.file",
           "batuta.backend", "batuta.backend.moe", "batuta.backend.cost",
           "batuta.backend.hardware", "batuta.backend.serving"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0 or name == "batuta.convert.file"
