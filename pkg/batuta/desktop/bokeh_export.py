"""Bokeh figures from ``batuta.render.Chart`` models, and standalone HTML with BokehJS inlined.

One translation serves everything: an app's chart view goes through ``chart_for`` and an analysis
through ``analysis_charts`` (the very charts the PNG path draws), then each ``Layer`` becomes one
Bokeh glyph renderer with pan, zoom and a hover that shows the data values. Standalone files use
``bokeh.resources.INLINE``: the JavaScript is inside the file, so it opens offline and can be
mailed. :func:`analysis_figures_html` (a whole page) and :func:`analysis_figures_fragment` (for
another page's body) are the entry points for the HTML report.
"""

from __future__ import annotations

import html
from typing import Any

from batuta.desktop._lib import load
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


def analysis_figures(analysis: Any, *, width: int = 640, height: int = 480) -> list[Any]:
    """The analysis charts (languages, complexity bands) as Bokeh figures."""
    from batuta.render import analysis_charts

    return [chart_figure(c) for c in analysis_charts(analysis, width=width, height=height)]


def standalone_html(models: Any, *, title: str) -> str:
    """A complete HTML file for ``models`` with BokehJS inlined (no network needed)."""
    from bokeh.embed import file_html
    from bokeh.resources import INLINE

    return str(file_html(models, resources=INLINE, title=title))


def analysis_figures_html(analysis: Any, *, title: str = "Batuta analysis") -> str:
    """Standalone interactive HTML of the analysis charts (``analyze --html``, reports).

    Example:
        >>> page = analysis_figures_html(batuta.analyze_project("."))  # doctest: +SKIP
    """
    from bokeh.layouts import column, row

    head = load("bokeh.models").Div(text=f"<h1>{html.escape(title)}</h1>")
    return standalone_html(column(head, row(*analysis_figures(analysis))), title=title)


def analysis_figures_fragment(analysis: Any) -> str:
    """The analysis charts as an HTML fragment to paste into another page's ``<body>``:
    BokehJS inlined (script and style), then the charts' script and ``<div>``. Offline too.

    For a report that writes its own page (``batuta report``); one fragment per page, since
    each carries BokehJS.
    """
    from bokeh.embed import components
    from bokeh.layouts import row
    from bokeh.resources import INLINE

    script, div = components(row(*analysis_figures(analysis)))
    return f"{INLINE.render_css()}\n{INLINE.render_js()}\n{script}\n{div}"


def app_html(app: Any, files: Any, *, analysis: Any = None, width: int = 1280) -> str:
    """Standalone interactive snapshot of an app (``batuta app export``)."""
    from batuta.desktop._snapshot import app_layout

    return standalone_html(app_layout(app, files, analysis=analysis, width=width),
                           title=str(app.name))


__all__ = ["analysis_figures", "analysis_figures_fragment", "analysis_figures_html", "app_html",
           "chart_figure", "standalone_html", "view_chart_figure"]
