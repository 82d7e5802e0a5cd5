"""The slider widget (a numeric range filter) and filters that reach metrics and texts: schema,
view model, the filtered widgets, the native scene, and any state the page may send."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.app import build_view, open_app
from batuta.app.loader import load_yaml_bytes
from batuta.app.native import app_scene
from batuta.app.schema import validate
from batuta.app.view import app_from_text
from batuta.errors import AppValidationError
from batuta.render.scene import Text

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"

APP = """\
presentar: "0.1"
name: s
version: 1.0.0
data:
  d: {rows: [{n: 1, k: a}, {n: 5, k: b}, {n: 9, k: c}]}
layout:
  sections:
    - id: s
      widgets:
        - {type: slider, id: r, label: Range, min: 0, max: 10, SLIDER}
        - {type: metric, id: m, label: Count, value: "{{ d | count }}"}
        - {type: data_table, id: t, data: "{{ d }}"}
interactions:
  - {on: r, action: filter, target: m, field: n}
  - {on: r, action: filter, target: t, field: n}
"""


def _app(slider: str = "step: 1") -> Any:
    return app_from_text(APP.replace("SLIDER", slider))


def _w(view: dict[str, Any], wid: str) -> dict[str, Any]:
    return next(w for s in view["sections"] for w in s["widgets"] if w["id"] == wid)


@pytest.mark.parametrize(("slider", "needle"), [
    ("max: 0", "max greater than min"),
    ("step: 0", "step greater than 0"),
    ("value: [2, 11]", "from 0 to 10"),
    ("value: [1, 2, 3]", "a number or [low, high]"),
    ("value: high", "expected a number"),
    ("step: .nan", "expected a number"),
])
def test_bad_slider_declarations_are_precise(slider: str, needle: str) -> None:
    text = APP.replace("max: 10, SLIDER", slider if slider.startswith("max") else
                       f"max: 10, {slider}")
    with pytest.raises(AppValidationError) as exc:
        validate(load_yaml_bytes(text, "app.yaml"))
    assert needle in exc.value.message and "app.yaml:" in exc.value.message


def test_a_filter_starts_from_a_select_or_a_slider_only() -> None:
    text = APP.replace("on: r, action: filter, target: m", "on: m, action: filter, target: t")
    with pytest.raises(AppValidationError, match="a select or a slider"):
        validate(load_yaml_bytes(text.replace("SLIDER", "step: 1"), "app.yaml"))


def test_slider_view_model_and_range_filter() -> None:
    app, files = _app("step: 1, value: [2, 10], unit: kg")
    view = build_view(app, files)
    slider = _w(view, "r")
    assert slider == {"id": "r", "type": "slider", "label": "Range", "min": 0, "max": 10,
                      "step": 1, "unit": "kg", "value": [2, 10], "text": "2 – 10 kg"}
    assert _w(view, "m")["value"] == 2 and _w(view, "t")["total_rows"] == 2
    narrow = build_view(app, files, state={"r": [4, 6]})
    assert _w(narrow, "r")["value"] == [4, 6]
    assert _w(narrow, "m")["value"] == 1 and _w(narrow, "t")["rows"] == [[5, "b"]]
    # ends included, reversed ends put in order, out-of-range ends clamped
    assert _w(build_view(app, files, state={"r": [9, 5]}), "m")["value"] == 2
    assert _w(build_view(app, files, state={"r": [-50, 50]}), "m")["value"] == 3


@given(st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=5),
                 st.lists(st.one_of(st.integers(), st.floats(), st.text(max_size=3),
                                    st.none()), max_size=3)))
def test_any_state_from_the_page_gives_a_view_not_a_crash(state: Any) -> None:
    app, files = _app()
    view = build_view(app, files, state={"r": state})
    slider = _w(view, "r")
    assert "error" not in slider and 0 <= slider["value"][0] <= slider["value"][1] <= 10
    assert "error" not in _w(view, "m")


def test_example_app_with_a_slider_filters_every_widget() -> None:
    app, files = open_app(EXAMPLES / "model-sizes")
    whole = build_view(app, files)
    small = build_view(app, files, state={"params": [0, 50]})
    assert _w(whole, "accuracy_chart")["points"] == 36
    count = _w(small, "accuracy_chart")["points"]
    assert 0 < count < 36 and _w(small, "models_table")["total_rows"] == count
    assert f"<strong>{count}</strong>" in _w(small, "intro_text")["html"]
    assert _w(small, "mean_latency")["value"] < _w(whole, "mean_latency")["value"]
    texts = [c.text for c in app_scene(small).commands if isinstance(c, Text)]
    assert any("0 – 50 M" in t for t in texts) or "0 – 50 M" in str(app_scene(small))


def test_region_select_filters_the_total_and_the_row_count_text() -> None:
    # "Total harvest" and "69 rows" used to stay at the whole file's figures.
    app, files = open_app(EXAMPLES / "dataset-explorer")
    north = build_view(app, files, state={"region": "North"})
    rows = _w(north, "harvest_table")["total_rows"]
    assert rows < 69 and f"<strong>{rows}</strong>" in _w(north, "intro_text")["html"]
    assert _w(north, "total_kg")["value"] < _w(build_view(app, files), "total_kg")["value"]
    share = _w(north, "north_share")  # a fixed fact of the whole file: not filtered
    assert share["label"] == "North's share of all rows"
