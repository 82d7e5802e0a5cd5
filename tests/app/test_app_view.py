"""Layout, widgets and the view model: grid placement, stacking, filters, tables, errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from batuta.app import app_from_text, build_view, open_app
from batuta.app._markdown import to_html
from batuta.app.layout import compute_layout
from batuta.app.schema import Layout, Section

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"


def _widget(view: dict[str, Any], wid: str) -> dict[str, Any]:
    for section in view["sections"]:
        for w in section["widgets"]:
            if w["id"] == wid:
                return w  # type: ignore[no-any-return]
    raise KeyError(wid)


def _sections(*spans: tuple[int, int]) -> Layout:
    return Layout("dashboard", 12, 16, tuple(Section(f"s{i}", s, None, ()) for i, s in
                                             enumerate(spans)))


def test_grid_places_side_by_side_then_wraps() -> None:
    model = compute_layout(_sections((1, 4), (5, 12), (1, 12), (3, 6)), 1280)
    rows = [b.row for b in model.boxes]
    assert rows == [1, 1, 2, 3]
    a, b = model.boxes[0], model.boxes[1]
    assert a.x == 16 and a.y == b.y
    assert b.x == a.x + a.width + 16
    assert model.boxes[2].width == 1280 - 32


def test_narrow_screens_stack() -> None:
    model = compute_layout(_sections((1, 4), (5, 12)), 400)
    assert model.stacked
    assert [b.row for b in model.boxes] == [1, 2]
    assert all(b.width == 400 - 32 for b in model.boxes)
    assert model.boxes[1].y > model.boxes[0].y


@given(st.lists(st.tuples(st.integers(1, 12), st.integers(0, 11)), min_size=1, max_size=8),
       st.integers(100, 4000))
def test_boxes_on_a_row_never_overlap(spans: list[tuple[int, int]], width: int) -> None:
    layout = _sections(*[(s, min(12, s + d)) for s, d in spans])
    model = compute_layout(layout, width)
    for a in model.boxes:
        assert a.x >= 0 and a.x + a.width <= model.width + 1
        for b in model.boxes:
            if a is not b and a.row == b.row:
                assert a.x + a.width <= b.x or b.x + b.width <= a.x


def test_select_filters_chart_and_table() -> None:
    app, files = open_app(EXAMPLES / "dataset-explorer")
    everything = build_view(app, files)
    north = build_view(app, files, state={"region": "North"})
    all_chart, north_chart = _widget(everything, "harvest_chart"), _widget(north, "harvest_chart")
    assert "error" not in all_chart
    assert 0 < north_chart["points"] < all_chart["points"]
    assert north_chart["filters"] == {"region": "North"}
    regions = _widget(north, "region")
    assert regions["options"] == ["All", "North", "South", "East", "West"]
    assert regions["value"] == "North"
    table = _widget(north, "harvest_table")
    assert table["total_rows"] == north_chart["points"]
    assert {row[0] for row in table["rows"]} == {"North"}


def test_table_sorts_and_pages() -> None:
    app, files = open_app(EXAMPLES / "dataset-explorer")
    view = build_view(app, files, state={"harvest_table": {"sort": "kg", "desc": True,
                                                           "page": 2}})
    table = _widget(view, "harvest_table")
    assert table["page"] == 2 and table["page_size"] == 10 and len(table["rows"]) == 10
    first = build_view(app, files, state={"harvest_table": {"sort": "kg", "desc": True}})
    kg = [r[3] for r in _widget(first, "harvest_table")["rows"]] + [r[3] for r in table["rows"]]
    assert kg == sorted(kg, reverse=True)
    huge_page = build_view(app, files, state={"harvest_table": {"page": 10_000}})
    assert _widget(huge_page, "harvest_table")["page"] == _widget(huge_page,
                                                                  "harvest_table")["pages"]


def test_metric_and_text_widgets() -> None:
    app, files = open_app(EXAMPLES / "dataset-explorer")
    view = build_view(app, files)
    total = _widget(view, "total_kg")
    assert isinstance(total["value"], int) and total["text"].endswith(" kg")
    intro = _widget(view, "intro_text")
    assert intro["html"].startswith("<h2>Orchard harvest</h2>")
    assert "<strong>69</strong>" in intro["html"]


def test_failed_source_shows_on_its_widgets_only() -> None:
    text = """\
presentar: "0.1"
name: t
version: 1.0.0
data:
  remote: {source: "pacha://datasets/x:latest"}
  local: {rows: [{a: 1}]}
layout:
  sections:
    - id: s
      widgets:
        - {type: metric, id: m1, label: Remote, value: "{{ remote | count }}"}
        - {type: metric, id: m2, label: Local, value: "{{ local | count }}"}
"""
    app, files = app_from_text(text)
    view = build_view(app, files)
    assert _widget(view, "m1")["error"]["code"] == "BATUTA-X-013"
    assert "offline" in _widget(view, "m1")["error"]["message"]
    assert _widget(view, "m2")["value"] == 1
    assert "remote" in view["source_errors"]


def test_migration_dashboard_with_an_analysis() -> None:
    app, files = open_app(EXAMPLES / "migration-dashboard")
    analysis = {"primary_language": "Python", "tdg": {"score": 81.0, "grade": "B+"},
                "languages": [{"language": "Python", "code": 900},
                              {"language": "Shell", "code": 100}],
                "ml_frameworks": [{"framework": "numpy"}], "transpilers": []}
    view = build_view(app, files, analysis=analysis, state={"language_pick": "Shell"})
    assert _widget(view, "primary_language")["value"] == "Python"
    assert _widget(view, "code_lines")["value"] == 1000
    chart = _widget(view, "language_chart")
    assert chart["series"] == {"x": ["Shell"], "y": [100]}
    assert _widget(view, "analysis_summary")["tdg"] == {"score": 81.0, "grade": "B+"}


def test_markdown_is_escaped() -> None:
    out = to_html('# <img src=x onerror=alert(1)>\n[a](javascript:alert(1)) <script>x</script>')
    assert "<img" not in out and "<script" not in out and 'href="javascript' not in out


@given(st.text(max_size=200))
def test_markdown_never_passes_raw_tags(text: str) -> None:
    out = to_html(text)
    allowed = {"p", "ul", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "strong",
               "em", "a"}
    for tag, attrs in re.findall(r"<\s*/?\s*([^\s>/]*)([^>]*)>", out):
        assert tag in allowed
        assert attrs == "" or re.fullmatch(r' href="[^"<>]*"', attrs)
