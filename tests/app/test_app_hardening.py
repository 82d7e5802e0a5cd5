"""Issue 16's attacks on the YAML apps (reproducers 6-13): each ends in a typed error with its
position, or a correct answer, within seconds. Each failed on the code before its fix."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from batuta.app import app_from_text, build_view, open_app, score
from batuta.app._markdown import to_html
from batuta.app.expressions import parse, parse_template
from batuta.app.loader import load_yaml_bytes, load_yaml_file
from batuta.errors import (
    AppValidationError,
    BatutaError,
    DataSourceError,
    ExpressionError,
    UnsafeYamlError,
)

BASE = """presentar: "0.1"
name: t
version: "1"
data:
  s:
    rows: [{a: 1, b: x}, {a: 2, b: y}]
layout:
  sections:
    - id: main
      widgets:
"""


def _app(widget_yaml: str, extra: str = "") -> str:
    body = "\n".join("        " + line for line in widget_yaml.strip("\n").splitlines())
    return BASE + body + "\n" + extra


# --- 6. YAML scalars -------------------------------------------------------------------------
@pytest.mark.parametrize("scalar", [
    "!!int abc", "!!int 0o", "!!float abc", '!!float ""', "-_", "+_", "0x_", "._",
    "1" * 5000, "0x" + "f" * 5000,
])
def test_bad_yaml_numbers_are_typed_with_position(scalar: str) -> None:
    with pytest.raises(UnsafeYamlError) as info:
        load_yaml_bytes(f"a: 1\nb: {scalar}\n")
    assert info.value.details["line"] == 2


def test_good_yaml_numbers_still_load() -> None:
    doc = load_yaml_bytes("a: 0x1F\nb: -0o17\nc: 1_000\nd: 1.5e3\ne: .inf\nf: -.5\n")
    assert doc.data == {"a": 31, "b": -15, "c": 1000, "d": 1500.0, "e": float("inf"), "f": -0.5}


# --- 7. expressions ----------------------------------------------------------------------------
@pytest.mark.parametrize("body", ["d | filter(", "d | sort(", "d | limit(", "d | filter(a,",
                                  "d | group_by(", "d | join("])
def test_unfinished_calls_are_expression_errors(body: str) -> None:
    with pytest.raises(ExpressionError):
        parse(body)
    with pytest.raises(ExpressionError):
        parse_template("{{ " + body + " }}")


def test_unclosed_holes_are_linear() -> None:
    text = "{{ " * 30_000  # 90 KB: 66 s for 120 KB before
    started = time.perf_counter()
    with pytest.raises(ExpressionError):
        parse_template(text)
    assert time.perf_counter() - started < 1.0


# --- 8. Markdown ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["[" * 50_000, "*a " * 30_000, "[a](" * 25_000,
                                  "**a " * 25_000, "[a](b" * 20_000])
def test_markdown_is_linear(text: str) -> None:
    started = time.perf_counter()
    to_html(text)
    assert time.perf_counter() - started < 1.0


# --- 9. data sources: symlink loops and FIFOs -------------------------------------------------
def _folder_app(tmp_path: Path, data_file: str) -> Path:
    (tmp_path / "app.yaml").write_text(
        'presentar: "0.1"\nname: t\nversion: "1"\n'
        f"data:\n  s:\n    source: {data_file}\n"
        "layout:\n  sections:\n    - id: main\n      widgets:\n"
        "        - {type: data_table, data: '{{ s }}'}\n")
    return tmp_path


@pytest.mark.parametrize("kind", ["loop", "fifo"])
def test_symlink_loop_and_fifo_data_sources(tmp_path: Path, kind: str) -> None:
    if kind == "loop":
        os.symlink("b.csv", tmp_path / "a.csv")
        os.symlink("a.csv", tmp_path / "b.csv")
    else:
        os.mkfifo(tmp_path / "a.csv")
    app, files = open_app(_folder_app(tmp_path, "a.csv"))
    started = time.perf_counter()
    with pytest.raises(DataSourceError):
        files.read("a.csv")
    view = build_view(app, files)  # the view carries the source's error, it does not hang
    assert "s" in view["source_errors"]
    score(app, files)
    assert time.perf_counter() - started < 5.0


def test_fifo_app_file_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "app.yaml")
    with pytest.raises(AppValidationError):  # refused, never opened (it would block)
        open_app(tmp_path / "app.yaml")
    with pytest.raises(AppValidationError, match="regular file"):
        load_yaml_file(tmp_path / "app.yaml")


# --- 10. widget properties type-checked at load time ---------------------------------------------
@pytest.mark.parametrize(("widget", "key"), [
    ("{type: chart, chart_type: bar, data: '{{ s }}', x: [a], y: b}", "x"),
    ("{type: chart, chart_type: bar, data: '{{ s }}', x: a, y: {k: 1}}", "y"),
    ("{type: chart, chart_type: bar, data: '{{ s }}', x: a, y: b, color: [1]}", "color"),
    ("{type: chart, chart_type: bar, data: '{{ s }}', x: a, y: ''}", "y"),
    ("{type: chart, chart_type: histogram, data: '{{ s }}', x: a, bins: abc}", "bins"),
    ("{type: chart, chart_type: histogram, data: '{{ s }}', x: a, bins: .inf}", "bins"),
    ("{type: analysis, source: [1]}", "source"),
    ("{type: converter, data_size: abc}", "data_size"),
    ("{type: data_table, data: '{{ s }}', sortable: maybe}", "sortable"),
])
def test_widget_properties_fail_at_load_with_position(widget: str, key: str) -> None:
    with pytest.raises(AppValidationError) as info:
        app_from_text(_app("- " + widget))
    assert info.value.details["line"] == 11
    assert info.value.details["path"].endswith(key)


@pytest.mark.parametrize(("interaction", "key"), [
    ("{on: '', action: filter, target: t, field: a}", "on"),
    ("{on: b, action: convert, target: c, input: ''}", "input"),
    ("{on: sel, action: filter, target: t, field: [1]}", "field"),
])
def test_interaction_ends_are_checked(interaction: str, key: str) -> None:
    widgets = """- {type: select, id: sel, label: L, options: [x, y]}
- {type: data_table, id: t, data: '{{ s }}'}
- {type: button, id: b, label: Go}
- {type: converter, id: c}"""
    text = _app(widgets, f"interactions:\n  - {interaction}\n")
    with pytest.raises(AppValidationError) as info:
        app_from_text(text)
    assert info.value.details["path"].endswith(key)


def _view(text: str, **kw: Any) -> dict[str, Any]:
    app, files = app_from_text(text)
    return build_view(app, files, **kw)


def test_typed_failures_only() -> None:
    # The whole set above goes through the public entry point with nothing but BatutaError.
    for text in ("a: !!int abc", _app("- {type: chart, chart_type: bar, data: '{{ s }}', "
                                      "x: a, y: ''}")):
        with pytest.raises(BatutaError):
            _view(text)
