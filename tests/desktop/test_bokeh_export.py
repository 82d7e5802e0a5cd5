"""Chart -> Bokeh translation: one glyph renderer per layer, carrying the layer's own data, with
pan, zoom and a hover over data columns; degenerate data gives a figure, never a crash."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from batuta.desktop.bokeh_export import analysis_figures_html, chart_figure
from batuta.render import Chart


def _tools(fig: object) -> set[str]:
    return {type(t).__name__ for t in fig.toolbar.tools}  # type: ignore[attr-defined]


def test_each_kind_maps_to_its_glyph_with_the_layer_data() -> None:
    xs, ys = [1.0, 2.0, 3.0], [4.0, 1.0, 2.5]
    fig = chart_figure(Chart(title="t").line(xs, ys, label="a").scatter(xs, ys, label="b"))
    assert [type(r.glyph).__name__ for r in fig.renderers] == ["Line", "Scatter"]
    assert all(list(r.data_source.data["y"]) == ys for r in fig.renderers)
    assert {"PanTool", "WheelZoomTool", "HoverTool"} <= _tools(fig)

    hist = chart_figure(Chart().histogram([1, 1, 2, 3, 3, 3], bins=3))
    quad = hist.renderers[0].data_source.data
    assert list(quad["top"]) == [2, 1, 3] and quad["left"][0] == 1.0

    bars = chart_figure(Chart().bar(["x", "y"], [3, 4], label="p").bar(["x", "y"], [1, 2],
                                                                          label="q"))
    assert [list(r.data_source.data["top"]) for r in bars.renderers] == [[3, 4], [1, 2]]
    assert list(bars.x_range.factors) == [("x", "p"), ("x", "q"), ("y", "p"), ("y", "q")]

    heat = chart_figure(Chart().heatmap([[1.0, math.nan], [3.0, 4.0]], x_labels=["a", "b"],
                                        y_labels=["r", "s"]))
    assert list(heat.renderers[0].data_source.data["value"]) == [1.0, 3.0, 4.0]  # NaN: no cell


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), max_size=50))
def test_histograms_of_any_finite_or_nan_values_translate(values: list[float]) -> None:
    finite = [v for v in values if math.isfinite(v)]
    fig = chart_figure(Chart().histogram(values, bins=5))
    counts = fig.renderers[0].data_source.data["top"]
    assert sum(counts) == (len(finite) if finite else 0)


def test_analysis_html_is_standalone() -> None:
    analysis = {"languages": [{"language": "Python", "code": 90, "percentage": 90.0},
                              {"language": "C", "code": 10, "percentage": 10.0}],
                "functions": [{"cyclomatic": c} for c in np.arange(1, 60, 7).tolist()]}
    page = analysis_figures_html(analysis, title="A <b>report</b>")
    assert page.startswith("<!DOCTYPE html>") and "A &lt;b&gt;report&lt;/b&gt;" in page
    assert "<script src=" not in page and "cdn.bokeh.org" not in page  # BokehJS is inlined


PICK_APP = """presentar: "0.1"
name: pick
version: "1"
data:
  t:
    rows: [{k: A, v: 1}, {k: B, v: 2}, {k: C, v: 3}]
layout:
  sections:
    - id: s
      widgets:
        - {type: select, id: sel, label: Pick, value: B, options: [A, B, C]}
        - {type: chart, id: c, chart_type: bar, data: "{{ t }}", x: k, y: v}
interactions:
  - {on: sel, action: filter, target: c, field: k}
"""


def test_snapshot_opens_on_the_selects_default_and_holds_every_option() -> None:
    from bokeh.models import Select

    from batuta.app import app_from_text
    from batuta.desktop._snapshot import app_layout

    app, files = app_from_text(PICK_APP)
    layout = app_layout(app, files)
    models = list(layout.references())
    select = next(m for m in models if isinstance(m, Select))
    assert select.value == "B" and select.options == ["All", "A", "B", "C"]
    charts = [m for m in models if any(str(t).startswith("batuta:c:") for t in m.tags)]
    assert len(charts) == 4  # one variant per option
    shown = [m for m in charts if m.visible]
    assert len(shown) == 1
    assert list(shown[0].renderers[0].data_source.data["top"]) == [2]  # B's row only
