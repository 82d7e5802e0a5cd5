"""``Chart`` -> Bokeh figure: one glyph renderer per ``Layer``, with pan, zoom and hover.

A leaf of ``desktop`` (it imports neither ``bokeh_export`` nor ``_snapshot``): the snapshot's
chart widgets and ``bokeh_export``'s pages both take their figures from here, and
``bokeh_export`` re-exports ``chart_figure`` and ``view_chart_figure``.
"""

from __future__ import annotations

from typing import Any

from batuta.render.chart import THEMES, Chart, Layer

TOOLS = "pan,wheel_zoom,box_zoom,reset,save"


def _color(layer: Layer, index: int, chart: Chart) -> str:
    palette = THEMES[chart.theme].palette
    return layer.color or palette[index % len(palette)]


def _figure(chart: Chart, **kwargs: Any) -> Any:
    from bokeh.plotting import figure

    fig = figure(title=chart.title or None, width=chart.width, height=chart.height,
                 tools=TOOLS, toolbar_location="above", **kwargs)
    fig.xaxis.axis_label = chart.x_label or None
    fig.yaxis.axis_label = chart.y_label or None
    return fig


def _hover(fig: Any, renderer: Any, tooltips: list[tuple[str, str]]) -> None:
    from bokeh.models import HoverTool

    fig.add_tools(HoverTool(renderers=[renderer], tooltips=tooltips))


def chart_figure(chart: Chart) -> Any:
    """A Bokeh figure drawing every layer of ``chart`` (one glyph renderer per layer)."""
    bars = [layer for layer in chart.layers if layer.kind == "bar"]
    if bars:
        return _bar_figure(chart, bars)
    heat = next((layer for layer in chart.layers if layer.kind == "heatmap"), None)
    if heat is not None:
        return _heatmap_figure(chart, heat)
    fig = _figure(chart)
    for i, layer in enumerate(chart.layers):
        if layer.kind == "histogram":
            _histogram(fig, chart, layer, i)
        else:
            _xy(fig, chart, layer, i)
    if any(layer.label for layer in chart.layers) and chart.legend:
        fig.legend.click_policy = "hide"
    return fig


def _xy(fig: Any, chart: Chart, layer: Layer, i: int) -> None:
    from bokeh.models import ColumnDataSource

    data = {"x": list(layer.x), "y": list(layer.y)}
    if layer.label:
        data["series"] = [layer.label] * len(data["x"])
    src = ColumnDataSource(data)
    extra = {"legend_label": layer.label} if layer.label else {}
    color = _color(layer, i, chart)
    if layer.kind == "line":
        r = fig.line("x", "y", source=src, line_width=layer.size, color=color, **extra)
    else:
        r = fig.scatter("x", "y", source=src, size=2 * layer.size + 2, color=color,
                        alpha=layer.alpha, marker="square" if layer.marker == "square"
                        else "circle", **extra)
    _hover(fig, r, [(chart.x_label or "x", "@x"), (chart.y_label or "y", "@y")]
           + ([("series", "@series")] if layer.label else []))


def _histogram(fig: Any, chart: Chart, layer: Layer, i: int) -> None:
    from bokeh.models import ColumnDataSource

    # The PNG path's own binning (bin count, degenerate ranges, non-finite values dropped), so
    # the bars here are the bars there.
    from batuta.render._data import prepare

    binned = prepare(layer, chart, [], None)
    edges, counts = list(binned.edges), [int(c) for c in binned.y]
    src = ColumnDataSource({"left": edges[:-1][:len(counts)], "right": edges[1:][:len(counts)],
                            "top": counts})
    r = fig.quad(left="left", right="right", top="top", bottom=0, source=src,
                 color=_color(layer, i, chart), alpha=layer.alpha, line_color="white")
    _hover(fig, r, [("range", "@left – @right"), ("count", "@top")])


def _bar_figure(chart: Chart, bars: list[Layer]) -> Any:
    from bokeh.models import ColumnDataSource, FactorRange

    categories = list(dict.fromkeys(c for layer in bars for c in layer.categories))
    grouped = len(bars) > 1
    factors = [(c, layer.label or f"series {i + 1}") for c in categories
               for i, layer in enumerate(bars)] if grouped else categories
    fig = _figure(chart, x_range=FactorRange(*factors))
    for i, layer in enumerate(bars):
        name = layer.label or f"series {i + 1}"
        xs = [(c, name) for c in layer.categories] if grouped else list(layer.categories)
        colors = list(layer.colors) if layer.colors else [_color(layer, i, chart)] * len(xs)
        src = ColumnDataSource({"x": xs, "top": list(layer.y), "color": colors,
                                "category": list(layer.categories),
                                "series": [name] * len(xs)})
        r = fig.vbar(x="x", top="top", width=0.8, source=src, fill_color="color",
                     line_color="color")
        _hover(fig, r, [(chart.x_label or "category", "@category"),
                        (chart.y_label or "value", "@top")]
               + ([("series", "@series")] if grouped else []))
    fig.xaxis.major_label_orientation = 0.6 if len(factors) > 8 else 0.0
    fig.y_range.start = 0
    return fig


def _heatmap_figure(chart: Chart, layer: Layer) -> Any:
    from bokeh.models import ColumnDataSource, LinearColorMapper
    from bokeh.palettes import Viridis256

    rows = [list(r) for r in layer.y]
    xl = list(layer.x_labels) or [str(i) for i in range(len(rows[0]) if rows else 0)]
    yl = list(layer.y_labels) or [str(i) for i in range(len(rows))]
    cells = [(xl[c], yl[r], v) for r, row in enumerate(rows) for c, v in enumerate(row)
             if v == v]
    fig = _figure(chart, x_range=xl, y_range=list(reversed(yl)))
    values = [v for _, _, v in cells]
    mapper = LinearColorMapper(palette=Viridis256, low=min(values, default=0.0),
                               high=max(values, default=1.0))
    src = ColumnDataSource({"x": [c[0] for c in cells], "y": [c[1] for c in cells],
                            "value": values})
    r = fig.rect("x", "y", 1, 1, source=src, fill_color={"field": "value",
                                                           "transform": mapper},
                 line_color=None)
    _hover(fig, r, [("x", "@x"), ("y", "@y"), ("value", "@value")])
    return fig


def view_chart_figure(widget: dict[str, Any], width: int) -> Any:
    """The Bokeh figure of an app chart widget's view (the same ``Chart`` as the PNG)."""
    from batuta.app.layout import widget_height
    from batuta.app.native import chart_for

    return chart_figure(chart_for(widget, width, widget_height("chart", widget)))


__all__ = ["TOOLS", "chart_figure", "view_chart_figure"]
