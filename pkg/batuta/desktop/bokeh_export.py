"""Bokeh figures from ``batuta.render.Chart`` models, and standalone HTML with BokehJS inlined.

One translation serves everything: an app's chart view goes through ``chart_for`` and an analysis
through ``analysis_charts`` (the very charts the PNG path draws), then each ``Layer`` becomes one
Bokeh glyph renderer with pan, zoom and a hover that shows the data values. Standalone files use
``bokeh.resources.INLINE``: the JavaScript is inside the file, so it opens offline and can be
mailed. :func:`analysis_figures_html` (a whole page) and :func:`analysis_figures_fragment` (for
another page's body) are the entry points for the HTML report. The Chart -> figure translation
itself lives in ``_figures`` (shared with ``_snapshot``) and is re-exported here.
"""

from __future__ import annotations

import html
from typing import Any

from batuta.desktop._figures import chart_figure, view_chart_figure
from batuta.desktop._lib import load


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
