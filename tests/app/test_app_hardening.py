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


# --- 6. YAML scalars -----------------------------------------------------------------------------
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


# --- 7. expressions ------------------------------------------------------------------------------
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


# --- 9. data sources: symlink loops and FIFOs ----------------------------------------------------
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


# --- 11. big integers beside floats --------------------------------------------------------------
BIG = 10**350  # within the YAML number bound, beyond any float

BIG_APP = BASE.replace("rows: [{a: 1, b: x}, {a: 2, b: y}]",
                       f"rows: [{{a: {BIG}, b: x}}, {{a: 1.5, b: y}}, {{a: 2, b: x}}]")


@pytest.mark.parametrize("widget", [
    "- {id: w, type: metric, label: L, value: '{{ s | sum(a) }}'}",
    "- {id: w, type: metric, label: L, value: '{{ s | mean(a) }}'}",
    "- {id: w, type: metric, label: L, value: '{{ s | percentage(a) }}'}",
    "- {id: w, type: chart, chart_type: bar, data: '{{ s }}', x: b, y: a}",
    "- {id: w, type: chart, chart_type: line, data: '{{ s }}', x: a, y: a}",
])
def test_big_integers_are_typed_errors_in_the_widget(widget: str) -> None:
    from batuta.app.native import app_scene

    view = _view(_app(widget).replace(BASE, BIG_APP), chart_encodings=True)
    [w] = view["sections"][0]["widgets"]
    assert w["error"]["code"] in ("BATUTA-X-011", "BATUTA-X-020")
    app_scene(view)


def test_big_integers_sort_exactly_in_tables() -> None:
    view = _view(_app("- {id: t, type: data_table, data: '{{ s }}'}").replace(BASE, BIG_APP),
                 state={"t": {"sort": "a"}})
    [table] = view["sections"][0]["widgets"]
    assert [r["a"] if isinstance(r, dict) else r[0] for r in table["rows"]][-1] == BIG


# --- 12. malformed analysis input ----------------------------------------------------------------
BAD_ANALYSES = [{"tdg": 5}, {"languages": [None]}, {"languages": [{"percentage": 1e308}]},
                {"languages": 3}, [1, 2], {"tdg": {"score": "x"}}]


@pytest.mark.parametrize("analysis", BAD_ANALYSES)
def test_malformed_analysis_is_a_source_error(analysis: Any) -> None:
    from batuta.api import app_view
    from batuta.app.native import app_scene

    text = (Path(__file__).resolve().parents[2] / "static" / "apps" / "migration-dashboard"
            / "app.yaml").read_text()
    view = app_view(text, analysis=analysis)
    assert {e["code"] for e in view["source_errors"].values()} == {"BATUTA-X-013"}
    app_scene(view)  # the native renderer draws the errors, it does not raise


@pytest.mark.parametrize("analysis", [*BAD_ANALYSES, {"languages": [{"language": "x"}]}])
def test_malformed_analysis_chart_encoding_is_typed(analysis: Any) -> None:
    from batuta.api import chart_encoding

    with pytest.raises(BatutaError):
        chart_encoding(analysis)


# --- 13. native text fitting ---------------------------------------------------------------------
def test_text_narrower_than_ellipsis_ends() -> None:
    from batuta.app import native

    started = time.perf_counter()
    assert native._text(0, 0, "hello", 12, None, 5.0).text == ""
    assert native._text(0, 0, "hello world, long", 12, None, 50.0).text.endswith("...")
    assert len(native._text(0, 0, "x" * 100_000, 12, None, 300.0).text) < 100
    assert time.perf_counter() - started < 3.0


def test_narrow_three_column_table_renders() -> None:
    from batuta.app.native import app_scene

    text = BASE.replace("rows: [{a: 1, b: x}, {a: 2, b: y}]",
                        "rows: [{a: 1, b: x, c: long text here}, {a: 2, b: y, c: more}]")
    text = text.replace("    - id: main\n", "    - id: main\n      span: [1, 1]\n")
    text += "        - {id: t, type: data_table, data: '{{ s }}'}\n"
    started = time.perf_counter()
    app_scene(_view(text, width=320))
    assert time.perf_counter() - started < 5.0


def test_table_data_must_be_an_expression() -> None:
    # Found by the fuzz campaign: `data: metric` reached the view as a KeyError.
    with pytest.raises(AppValidationError) as info:
        app_from_text(_app("- {type: data_table, data: metric}"))
    assert info.value.details["path"].endswith("data")


def test_numeric_chart_properties_are_never_expressions() -> None:
    # Found by the fuzz campaign: `bins: '{{ s }}'` reached the renderer's int() as text.
    with pytest.raises(AppValidationError) as info:
        app_from_text(_app("- {type: chart, chart_type: histogram, data: '{{ s }}', x: a, "
                           "bins: '{{ s }}'}"))
    assert info.value.details["path"].endswith("bins")
