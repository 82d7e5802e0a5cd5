"""The survey report as JSON, a self-contained HTML file, and the browser page's view model.

Charts go through Batuta's renderer (``batuta.render.Chart``): in the HTML file natively they are
PNGs inlined as ``data:`` URIs (one file, nothing fetched), each drawn at 1x and 2x and offered
by ``srcset`` so a HiDPI screen shows text rasterized at its size; in the browser, where there is no
native engine, the view carries each chart's encoding and ``web/survey.js`` draws it with
``web/render/webgpu.js`` (Canvas 2D as the fallback), laid out at the width of the page's chart
column in CSS pixels and drawn at its device pixel ratio (``chart_views``; the page asks again
on a resize or a new ratio). Everything else is escaped text: paths and function names in a
survey come from the analyzed code and are untrusted.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from typing import Any

from batuta._serialize import to_jsonable
from batuta.errors import InvalidArgumentError
from batuta.render._analysis import BANDS
from batuta.render.chart import Chart
from batuta.survey.report import GRADES, SurveyReport, Table, tables

CHART_SIZE = (960, 420)
MIN_CHART_WIDTH, MAX_CHART_WIDTH = 240, 4096
MAX_CHART_LANGUAGES = 10

PngRenderer = Callable[[Chart, float], bytes]
"""Renders a chart to PNG bytes at a device pixel ratio (``Chart.to_png(scale=...)``)."""
HTML_RATIOS = (1.0, 2.0)
"""The pixel ratios each chart of the HTML file is drawn at (``srcset``: the browser picks)."""


def report_json(report: SurveyReport) -> dict[str, Any]:
    """The report as JSON-able data: ``totals``, ``sources``, ``complex_functions``, ``apis``."""
    data: dict[str, Any] = to_jsonable(report)
    return data


def chart_size(width: int | None = None) -> tuple[int, int]:
    """A chart's CSS size for a column ``width`` px wide (None: ``CHART_SIZE``): the column's
    width (240..4096 px) and a height of three quarters of it, 300..420 px."""
    if width is None:
        return CHART_SIZE
    try:
        w = min(MAX_CHART_WIDTH, max(MIN_CHART_WIDTH, int(width)))
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidArgumentError(f"chart width {width!r} is not a number of pixels") from exc
    return w, min(CHART_SIZE[1], max(300, round(w * 0.75)))


def report_charts(report: SurveyReport, width: int | None = None) -> list[Chart]:
    """Code lines per language, sources per TDG grade, functions per complexity band, each
    ``chart_size(width)`` CSS pixels."""
    width, height = chart_size(width)
    langs = report.totals.languages[:MAX_CHART_LANGUAGES]
    rest = sum(x.code for x in report.totals.languages[MAX_CHART_LANGUAGES:])
    names = [x.language for x in langs] + (["other"] if rest else [])
    lines = [float(x.code) for x in langs] + ([float(rest)] if rest else [])
    by_language = Chart(title="Code lines by language, all sources", y_label="code lines",
                        width=width, height=height, legend=False).bar(names, lines)
    grades = [s.tdg_grade for s in report.sources if s.tdg_grade]
    by_grade = Chart(title=f"Sources by TDG grade ({len(grades)} graded)", y_label="sources",
                     width=width, height=height, legend=False).bar(
        list(GRADES), [float(grades.count(g)) for g in GRADES])
    return [by_language, by_grade, _bands_chart(report, width, height)]


def _bands_chart(report: SurveyReport, width: int, height: int) -> Chart:
    # BANDS labels read "1–10 simple"; the stored band is the name after the range.
    counts = [float(report.band_counts.get(label.split(" ", 1)[1], 0)) for label, *_ in BANDS]
    return Chart(title=f"Functions by cyclomatic complexity ({int(sum(counts)):,} functions)",
                 y_label="functions", width=width, height=height,
                 legend=False).bar([b[0] for b in BANDS], counts, colors=[b[3] for b in BANDS])


def chart_views(report: SurveyReport, width: int | None = None,
                scale: float = 1.0) -> list[dict[str, Any]]:
    """Each chart's title, CSS size and encoding: ``chart_size(width)`` CSS pixels drawn at
    ``scale`` device pixels each (the page's ``devicePixelRatio``; clamped to 1..3), so the
    encoding is ``scale`` times the CSS size and its text is rasterized at that size."""
    out = []
    for chart in report_charts(report, width):
        out.append({"title": chart.title, "width": chart.width, "height": chart.height,
                    "encoding": chart.encode(scale=scale).to_json()})
    return out


def report_view(report: SurveyReport, width: int | None = None,
                scale: float = 1.0) -> dict[str, Any]:
    """What the browser page shows: the JSON report, the tables, and each chart's encoding
    (see ``chart_views``)."""
    return {
        "report": report_json(report),
        "tables": [to_jsonable(t) for t in tables(report)],
        "charts": chart_views(report, width, scale),
    }


def html_report(report: SurveyReport, *, png: PngRenderer | None = None) -> str:
    """One self-contained HTML document: inline style, tables, charts as ``data:`` PNGs.

    Args:
        report: The loaded report.
        png: Renders a chart to PNG bytes at a pixel ratio (natively ``Chart.to_png``); None
            leaves the charts out and says so.
    """
    t = report.totals
    body = [f"<h1>Batuta survey: {t.sources:,} sources, {t.code:,} code lines</h1>"]
    if png is None:
        body.append("<p>Charts need a native renderer (batuta[native]); none here.</p>")
    else:
        body.extend(_html_figure(chart, png) for chart in report_charts(report))
    body.extend(_html_table(table) for table in tables(report))
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Batuta survey</title><style>{_STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _html_figure(chart: Chart, png: PngRenderer) -> str:
    """An ``<img>`` of ``chart`` at its CSS size, its source drawn at each of ``HTML_RATIOS``."""
    uris = [f"data:image/png;base64,{base64.b64encode(png(chart, k)).decode('ascii')}"
            for k in HTML_RATIOS]
    srcset = ", ".join(f"{uri} {k:g}x" for uri, k in zip(uris, HTML_RATIOS, strict=True))
    return (f'<figure><img alt="{html.escape(chart.title)}" width="{chart.width}" '
            f'height="{chart.height}" src="{uris[0]}" srcset="{srcset}"></figure>')


def _html_table(table: Table) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in table.headers)
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="num">{v:,}</td>' if isinstance(v, int) and not isinstance(v, bool)
            else f"<td>{html.escape(str(v))}</td>" for v in row)
        rows.append(f"<tr>{cells}</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="{len(table.headers)}">none</td></tr>')
    return (f"<table><caption>{html.escape(table.caption)}</caption><thead><tr>{head}</tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


_STYLE = ("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b}"
          "table{border-collapse:collapse;margin:1.5em 0}caption{font-weight:600;text-align:left;"
          "padding:.3em 0}th,td{border:1px solid #ccd;padding:.25em .5em;vertical-align:top}"
          "th{background:#eef1f6}td.num{text-align:right;font-variant-numeric:tabular-nums}"
          "img{max-width:100%;height:auto}figure{margin:1em 0}")




def native_png() -> PngRenderer | None:
    """``Chart.to_png`` when a native engine (wgpu-py or the NumPy reference) loads, else None
    (in Pyodide the page draws the charts from their encodings instead)."""
    from batuta.errors import RenderError
    from batuta.render import default_engine

    try:
        engine = default_engine()
    except RenderError:
        return None

    def render(chart: Chart, scale: float = 1.0) -> bytes:
        return chart.to_png(engine=engine, scale=scale)

    return render


FORMATS = ("text", "json", "html", "view", "charts")


def render_report(report: SurveyReport, output_format: str, width: int | None = None,
                  scale: float = 1.0) -> Any:
    """The report in one of ``FORMATS``: text and html as strings, json, view and charts (the
    view's charts alone, which the page asks for again on a resize) as data. ``width`` and
    ``scale`` size the view's charts (see ``chart_views``)."""
    if output_format == "text":
        from batuta.survey.report import text_report

        return text_report(report)
    if output_format == "json":
        return report_json(report)
    if output_format == "html":
        return html_report(report, png=native_png())
    if output_format == "view":
        return report_view(report, width, scale)
    if output_format == "charts":
        return chart_views(report, width, scale)
    raise InvalidArgumentError(f"survey report format must be one of {', '.join(FORMATS)}, "
                               f"not {output_format!r}")


__all__ = ["CHART_SIZE", "FORMATS", "chart_size", "chart_views", "html_report", "native_png",
           "render_report", "report_charts", "report_json", "report_view"]
