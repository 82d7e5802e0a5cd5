"""Issue 16, item 9: every input bound lives in ``batuta.limits``; the layers use those values,
the pages' guard carries the same numbers, and the README states them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from batuta import limits

ROOT = Path(__file__).resolve().parents[1]


def test_every_bound_has_its_reason() -> None:
    source = (ROOT / "pkg" / "batuta" / "limits.py").read_text()
    names = re.findall(r"^([A-Z][A-Z0-9_]+) = ", source, re.MULTILINE)
    assert len(names) >= 30
    for name in names:  # each constant is followed by its docstring
        assert re.search(rf"^{name} = [^\n]+\n\"\"\"", source, re.MULTILINE), name


def test_layers_use_the_limits() -> None:
    from batuta import bridge
    from batuta.analyze import code, complexity, dependencies
    from batuta.app import _markdown, data, expressions, loader
    from batuta.workflow import state

    assert code.MAX_CODE_CHARS == limits.MAX_CODE_CHARS
    assert code.MAX_LINE_CHARS == limits.MAX_LINE_CHARS
    assert complexity.LIZARD_MAX_CHARS == limits.LIZARD_MAX_CHARS
    assert dependencies.MAX_INCLUDE_DEPTH == limits.MAX_INCLUDE_DEPTH
    assert bridge.MAX_STRING_BYTES == limits.MAX_BRIDGE_STRING_BYTES
    assert bridge.MAX_BLOB_BYTES == limits.MAX_BRIDGE_BLOB_BYTES
    assert loader.MAX_YAML_BYTES == limits.MAX_YAML_BYTES
    assert loader.MAX_NODES == limits.MAX_YAML_NODES
    assert data.MAX_DATA_BYTES == limits.MAX_DATA_BYTES
    assert data.MAX_ROWS == limits.MAX_DATA_ROWS
    assert expressions.MAX_EXPRESSION_CHARS == limits.MAX_EXPRESSION_CHARS
    assert _markdown.MAX_MARKDOWN_CHARS == limits.MAX_MARKDOWN_CHARS
    assert state.MAX_STATE_BYTES == limits.MAX_STATE_BYTES


def test_converter_bound_is_the_limit() -> None:
    # Through the public API: the converters' own check refuses one character past the bound.
    from batuta.api import convert_numpy
    from batuta.errors import InputTooLargeError

    with pytest.raises(InputTooLargeError):
        convert_numpy("x" * (limits.MAX_SOURCE_CHARS + 1))


def test_page_guard_carries_the_same_numbers() -> None:
    guard = (ROOT / "web" / "elements" / "batuta-guard.js").read_text()
    for js_name, value in (("DOCS_MAX_CHARS", limits.DOCS_MAX_CHARS),
                           ("EXTENSION_MAX_CHARS", limits.EXTENSION_MAX_CHARS)):
        found = re.search(rf"export const {js_name} = ([\d_]+);", guard)
        assert found is not None and int(found.group(1).replace("_", "")) == value, js_name
    assert limits.js_limits()["analyze_code_chars"] == limits.MAX_CODE_CHARS


def test_readme_states_the_bounds() -> None:
    readme = (ROOT / "README.md").read_text()
    for figure in ("8 MiB", "2,000,000", "16 MB", "500,000", "200,000", "1,000,000",
                   "256×", "pkg/batuta/limits.py"):
        assert figure in readme, figure
