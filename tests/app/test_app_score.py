"""The app quality score: weights, checks that move it, grades from the shared table."""

from __future__ import annotations

from pathlib import Path

import pytest

from batuta.app import app_from_text, open_app, score
from batuta.app.score import WEIGHTS, contrast_ratio
from batuta.grades import grade_for

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"

BASE = """\
presentar: "0.1"
name: t
version: 1.0.0
description: A test app.
theme: {primary: "#0969da"}
data:
  s: {rows: [{a: 1, b: x}, {a: 2, b: y}], description: rows}
layout:
  sections:
    - id: main
      widgets:
        - {type: chart, id: c, title: Chart, chart_type: bar, data: "{{ s }}", x: b, y: a}
        - {type: button, id: go, label: Go}
"""


def test_weights_are_the_spec() -> None:
    assert [w for _, w in WEIGHTS] == [25, 20, 20, 15, 10, 10]
    assert sum(w for _, w in WEIGHTS) == 100


def test_clean_app_scores_full_marks() -> None:
    app, files = app_from_text(BASE)
    result = score(app, files)
    assert result.score == 100.0 and result.grade == "A+"


@pytest.mark.parametrize(("old", "new", "category"), [
    ("description: A test app.\n", "", "documentation"),
    ("title: Chart, ", "", "accessibility"),
    ('theme: {primary: "#0969da"}', 'theme: {foreground: "#bbbbbb"}', "accessibility"),
    ("{a: 2, b: y}", "{a: null, b: y}", "data"),
    ("{a: 2, b: y}", "{a: two, b: y}", "data"),
    ("id: go", "id: Go-Button", "consistency"),
    ('data: "{{ s }}"', 'data: "{{ s | sort(a) | sort(a) | sort(a) | sort(a) | sort(a) '
     '| sort(a) }}"', "structural"),
])
def test_each_category_responds(old: str, new: str, category: str) -> None:
    text = BASE.replace(old, new, 1)
    assert text != BASE
    app, files = app_from_text(text)
    result = score(app, files)
    comp = {c.name: c for c in result.components}[category]
    assert comp.ratio < 1.0 and comp.failed
    assert result.score < 100.0
    assert result.grade == grade_for(result.score)
    assert result.score == pytest.approx(sum(c.points for c in result.components), abs=0.06)


def test_unloadable_source_costs_data_points() -> None:
    text = BASE.replace("s: {rows: [{a: 1, b: x}, {a: 2, b: y}], description: rows}",
                        's: {source: "pacha://datasets/x:1", description: remote}')
    app, files = app_from_text(text)
    comp = {c.name: c for c in score(app, files).components}["data"]
    assert comp.points == 0.0


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_examples_score() -> None:
    for name in ("dataset-explorer", "converter-playground"):
        app, files = open_app(EXAMPLES / name)
        assert score(app, files).score >= 90.0
