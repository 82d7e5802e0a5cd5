"""HTML for the app widgets that are text (text, metric, analysis, converter, errors).

Panel panes and the Bokeh ``Div`` of an export show the same markup, built from the view model
only (text widgets carry HTML already made safe by ``batuta.app._markdown``); everything else is
escaped here. ``data-batuta-id`` names the widget so tests and styles can find it.
"""

from __future__ import annotations

import html
from typing import Any

_E = html.escape


def error_html(view: dict[str, Any]) -> str:
    """A widget's error: its code and message (``file:line:column`` where the error has one)."""
    err = view["error"]
    return (f'<div class="batuta-error" data-batuta-id="{_E(str(view["id"]))}" '
            f'style="color:#cf222e"><b>{_E(str(view.get("title") or view["id"]))}</b>: '
            f'{_E(str(err["code"]))}: {_E(str(err["message"]))}</div>')


def metric_html(view: dict[str, Any]) -> str:
    return (f'<div class="batuta-metric" data-batuta-id="{_E(view["id"])}">'
            f'<div style="color:#6b6b6b;font-size:13px">{_E(view["label"])}</div>'
            f'<div class="batuta-metric-value" style="font-size:28px">{_E(view["text"])}</div>'
            "</div>")


def analysis_html(view: dict[str, Any]) -> str:
    tdg = view.get("tdg") or {}
    langs = "".join(f"<li>{_E(str(lang.get('language')))}: {_E(str(lang.get('code')))} "
                    "code lines</li>" for lang in view.get("languages", [])[:10])
    return (f'<div class="batuta-analysis" data-batuta-id="{_E(view["id"])}">'
            f'<h3>{_E(str(view.get("title", "Analysis")))}</h3>'
            f"<p>Primary language: {_E(str(view.get('primary_language')))}<br>"
            f"TDG: {_E(str(tdg.get('score')))} ({_E(str(tdg.get('grade')))})</p>"
            f"<ul>{langs}</ul></div>")


def converter_html(view: dict[str, Any]) -> str:
    result = view.get("result") or {}
    code = str(result.get("rust_code") or "press the button to convert")
    return (f'<div class="batuta-converter" data-batuta-id="{_E(view["id"])}">'
            f'<h3>{_E(str(view.get("title", "Converter")))}</h3>'
            f"<pre>{_E(code)}</pre></div>")


def text_html(view: dict[str, Any]) -> str:
    return f'<div class="batuta-text" data-batuta-id="{_E(view["id"])}">{view["html"]}</div>'


HTML_WIDGETS = {"metric": metric_html, "analysis": analysis_html,
                "converter": converter_html, "text": text_html}
"""Widget types drawn as HTML, by type."""


def widget_html(view: dict[str, Any]) -> str | None:
    """The HTML of a text-like widget view, its error if it has one; None for other types."""
    if "error" in view:
        return error_html(view)
    maker = HTML_WIDGETS.get(view["type"])
    return maker(view) if maker else None


def table_columns(view: dict[str, Any]) -> dict[str, list[Any]]:
    """A data table view's page as column name -> values (for a ColumnDataSource)."""
    cols = [str(c) for c in view["columns"]]
    return {c: [row[i] for row in view["rows"]] for i, c in enumerate(cols)}


def all_table_rows(view_for_page: Any, wid: str, first: dict[str, Any]
                   ) -> dict[str, list[Any]]:
    """Every page of a data table joined (``view_for_page(n)`` gives the table's view)."""
    out = table_columns(first)
    for page in range(2, int(first.get("pages", 1)) + 1):
        for col, values in table_columns(view_for_page(page)).items():
            out[col].extend(values)
    return out


__all__ = ["HTML_WIDGETS", "all_table_rows", "error_html", "table_columns", "widget_html"]
