"""The app view as a render scene: boxes, text and charts, and the state changes what is drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from batuta.app import build_view, open_app
from batuta.app.native import app_scene, chart_for, chart_views
from batuta.render.scene import Clip, Group, Rect, Scene, Text

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"


def _flatten(commands: Any) -> list[Any]:
    out: list[Any] = []
    for c in commands:
        out.append(c)
        if isinstance(c, (Clip, Group)):
            out += _flatten(c.children)
    return out


def _texts(scene: Scene) -> list[str]:
    return [c.text for c in _flatten(scene.commands) if isinstance(c, Text)]


def test_scene_has_a_box_per_section_and_the_metric_values() -> None:
    app, files = open_app(EXAMPLES / "dataset-explorer")
    view = build_view(app, files)
    scene = app_scene(view)
    assert (scene.width, scene.height) == (1280, view["layout"]["height"])
    boxes = [c for c in scene.commands if isinstance(c, Rect)]
    assert len(boxes) == 2 * len(view["sections"])  # border + fill per section
    texts = _texts(scene)
    assert "16,185 kg" in texts and "Harvest by month" in texts


def test_filter_state_changes_the_drawn_chart() -> None:
    app, files = open_app(EXAMPLES / "dataset-explorer")
    everything = app_scene(build_view(app, files))
    north = app_scene(build_view(app, files, state={"region": "North"}))
    assert everything != north
    assert "North" in _texts(north) and " North  v" in _texts(north)


def test_bar_chart_sums_repeated_categories_per_colour() -> None:
    view = {"chart_type": "bar", "title": "t", "x": "m", "y": "v", "series": {
        "x": [1, 1, 2], "y": [3, 4, 5], "color": ["a", "a", "b"]}}
    chart = chart_for(view, 400, 300)
    assert [(lay.label, lay.categories, lay.y) for lay in chart.layers] == [
        ("a", ("1", "2"), [7.0, 0.0]), ("b", ("1", "2"), [0.0, 5.0])]


def test_widget_errors_are_drawn_not_raised() -> None:
    app, files = open_app(EXAMPLES / "converter-playground")
    view = build_view(app, files, state={"convert_button": 1, "source_code": "x = ("})
    texts = _texts(app_scene(view))
    out = next(w for s in view["sections"] for w in s["widgets"] if w["id"] == "rust_output")
    assert out["error"]["code"] in ("BATUTA-T-002", "BATUTA-X-030")  # bad code / no converter
    assert any(out["error"]["code"] in t for t in texts)
    assert chart_views(view) == []
