"""Schema validation: typed App out, every error with file, line, column and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from batuta.app import open_app
from batuta.app.loader import load_yaml_bytes
from batuta.app.schema import validate
from batuta.errors import AppValidationError, ExpressionError

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"

MINIMAL = """\
presentar: "0.1"
name: demo
version: 1.0.0
data:
  sales:
    rows:
      - {region: North, amount: 10}
      - {region: South, amount: 20}
layout:
  sections:
    - id: main
      span: [1, 12]
      widgets:
        - type: metric
          id: total
          label: Total
          value: "{{ sales | sum(amount) }}"
"""


def _validate(text: str) -> object:
    return validate(load_yaml_bytes(text, "app.yaml"))


def test_minimal_app_validates() -> None:
    app = _validate(MINIMAL)
    assert app.name == "demo"  # type: ignore[attr-defined]
    assert app.layout.columns == 12  # type: ignore[attr-defined]
    assert app.widgets()[0].templates["value"].single is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["dataset-explorer", "converter-playground",
                                  "migration-dashboard"])
def test_examples_validate(name: str) -> None:
    app, _ = open_app(EXAMPLES / name)
    assert app.name == name


@pytest.mark.parametrize(("old", "new", "line", "needle"), [
    ('name: demo\n', '', 1, "missing required key 'name'"),
    ('version: 1.0.0\n', 'version: 1.0.0\ncolour: red\n', 4, "unknown key 'colour'"),
    ("span: [1, 12]", "span: [3, 2]", 12, "whole number from 3 to 12"),
    ("span: [1, 12]", "span: [1, 13]", 12, "from 1 to 12"),
    ("type: metric", "type: gauge", 14, "expected one of"),
    ("          label: Total\n", "", 14, "missing required key 'label'"),
    ("sum(amount)", "sum(amount) | explode", 17, "unknown transform"),
    ("sales | sum", "nosuch | sum", 17, "unknown data source 'nosuch'"),
    ("id: main", "id: 'bad id!'", 11, "does not match"),
])
def test_errors_name_file_line_column(old: str, new: str, line: int, needle: str) -> None:
    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL
    with pytest.raises((AppValidationError, ExpressionError)) as info:
        _validate(text)
    err = info.value
    assert needle in err.message
    assert err.message.startswith(f"app.yaml:{line}:")
    assert err.details["line"] == line
    assert err.details["column"] >= 1


def test_duplicate_widget_ids_rejected() -> None:
    text = MINIMAL + """\
        - type: metric
          id: total
          label: Again
          value: 1
"""
    with pytest.raises(AppValidationError, match="duplicate widget id"):
        _validate(text)


def test_interaction_ends_must_exist_and_fit() -> None:
    text = MINIMAL + "interactions:\n  - {on: total, action: filter, target: nope, field: x}\n"
    with pytest.raises(AppValidationError, match="no widget with id 'nope'"):
        _validate(text)
    text = MINIMAL + "interactions:\n  - {on: total, action: filter, target: total, field: x}\n"
    with pytest.raises(AppValidationError, match="starts from a select"):
        _validate(text)


def test_chart_needs_columns_and_an_expression() -> None:
    chart = """\
        - type: chart
          id: c
          title: t
          chart_type: line
          data: "{{ sales }}"
"""
    with pytest.raises(AppValidationError, match="needs 'x' and 'y'"):
        _validate(MINIMAL + chart)
    fixed = chart.replace('data: "{{ sales }}"', 'data: "{{ sales }}"\n          x: region\n'
                          '          y: amount')
    assert _validate(MINIMAL + fixed).widgets()[1].type == "chart"  # type: ignore[attr-defined]


def test_book_style_data_path_and_named_filter() -> None:
    text = MINIMAL.replace("sales | sum(amount)",
                           'data.sales | filter(region=\\"North\\") | percentage')
    app = _validate(text)
    assert app.widgets()[0].templates  # type: ignore[attr-defined]


def test_theme_colours_checked() -> None:
    with pytest.raises(AppValidationError, match="does not match"):
        _validate(MINIMAL + "theme:\n  primary: red\n")


def test_not_a_mapping() -> None:
    with pytest.raises(AppValidationError, match="expected a mapping"):
        _validate("- 1\n- 2\n")


def test_pinned_sections_may_not_overlap() -> None:
    text = MINIMAL.replace("span: [1, 12]", "span: [1, 6]\n      row: 1") + """\
    - id: other
      span: [6, 12]
      row: 1
      widgets: []
"""
    with pytest.raises(AppValidationError, match="overlap section 'main' on row 1") as info:
        _validate(text)
    assert info.value.details["line"] == 20
    assert _validate(text.replace("span: [6, 12]", "span: [7, 12]"))
