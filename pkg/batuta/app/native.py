"""Drawing an app's view model as one render scene (native PNG, and charts for the browser).

Charts go through ``batuta.render.Chart`` (the same chart model as everything else); the other
widgets are boxes and text from the bundled font. The scene is engine-neutral: wgpu-py draws it
natively (NumPy CPU reference where no adapter exists).
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Sequence
from typing import Any

from batuta.app.layout import PADDING, WIDGET_HEIGHTS, widget_height
from batuta.errors import BatutaError, RenderError
from batuta.render.chart import Chart
from batuta.render.font import text_width
from batuta.render.scene import Clip, Command, Rect, Scene, Text, rgba

_MUTED = rgba("#6b6b6b")
_BORDER = rgba("#d0d7de")
_ERROR = rgba("#cf222e")
_CARD = rgba("#f6f8fa")


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_drawable(series: dict[str, list[Any]]) -> None:
    """Refuse numbers no float can hold (a 400-digit int): summing or scaling them overflowed."""
    for values in series.values():
        for v in values:
            if _num(v) and not -_FLOAT_MAX <= v <= _FLOAT_MAX:
                raise RenderError(f"the value {str(v)[:20]}... is too large to draw "
                                  "(beyond the float range)")


_FLOAT_MAX = sys.float_info.max


def _groups(series: dict[str, list[Any]]) -> dict[str, list[int]]:
    colors = series.get("color") or []
    groups: dict[str, list[int]] = {}
    for i in range(len(series.get("x", []))):
        key = str(colors[i]) if colors else ""
        groups.setdefault(key, []).append(i)
    return groups


def chart_for(view: dict[str, Any], width: int, height: int) -> Chart:
    """A ``batuta.render.Chart`` for a chart widget's view (``series`` of x, y, color)."""
    series: dict[str, list[Any]] = view["series"]
    kind = view["chart_type"]
    chart = Chart(title=str(view.get("title", "")), x_label=str(view.get("x") or ""),
                  y_label=str(view.get("y") or ""), width=max(64, width),
                  height=max(64, height))
    xs, ys = series.get("x", []), series.get("y", [])
    _check_drawable(series)
    if kind == "histogram":
        values = [v for v in xs if _num(v)]
        return chart.histogram(values, bins=int(view.get("bins") or 10) or "sturges")
    if kind == "bar":
        return _bars(chart, series)
    if kind == "heatmap":
        return _heatmap(chart, series)
    for label, idx in _groups(series).items():
        pts = sorted((xs[i], ys[i]) for i in idx if _num(xs[i]) and _num(ys[i]))
        px, py = [p[0] for p in pts], [p[1] for p in pts]
        chart = (chart.line(px, py, label=label) if kind == "line"
                 else chart.scatter(px, py, label=label))
    return chart


def _bars(chart: Chart, series: dict[str, list[Any]]) -> Chart:
    xs, ys = series.get("x", []), series.get("y", [])
    categories = list(dict.fromkeys(str(x) for x in xs))
    for label, idx in _groups(series).items():
        totals = dict.fromkeys(categories, 0.0)
        for i in idx:
            if _num(ys[i]):
                totals[str(xs[i])] += ys[i]  # repeated categories add up, as in a pivot
        chart = chart.bar(categories, list(totals.values()), label=label)
    return chart


def _heatmap(chart: Chart, series: dict[str, list[Any]]) -> Chart:
    xs, ys, vs = series.get("x", []), series.get("y", []), series.get("value", [])
    cols = list(dict.fromkeys(str(x) for x in xs))
    rows = list(dict.fromkeys(str(y) for y in ys))
    grid = [[float("nan")] * len(cols) for _ in rows]
    for x, y, v in zip(xs, ys, vs, strict=False):
        if _num(v):
            grid[rows.index(str(y))][cols.index(str(x))] = float(v)
    return chart.heatmap(grid, x_labels=cols, y_labels=rows)


def _text(x: float, y: float, text: str, size: int = 14, color: Any = None,
          max_width: float | None = None) -> Text:
    text = text.replace("\n", " ").replace("→", "->").replace("▾", "v").replace("…", "...")
    if max_width is not None:
        text = fit_text(text, size, max_width)
    return Text(x, y, text, size, color or rgba("#1f2328"), baseline="top")


def fit_text(text: str, size: int, max_width: float) -> str:
    """The longest prefix of ``text`` that fits ``max_width`` with "..." after it.

    Binary search over the prefix length (widths grow with it): about log2(n) measurements,
    and it always ends. A box narrower than "..." gets an empty string; the old loop cut four
    characters and added three, so at "..." it never ended (issue 16, attack 13).
    """
    if text_width(text, size) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid] + "...", size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    if lo:
        return text[:lo] + "..."
    return "..." if text_width("...", size) <= max_width else ""


def _plain(markdown_html: str) -> list[str]:
    """Lines of readable text from the widget's safe HTML (tags dropped)."""
    lines = re.split(r"</(?:p|h\d|li|pre)>", markdown_html)
    return [html.unescape(re.sub(r"<[^>]+>", "", ln)).strip() for ln in lines if ln.strip()]


def widget_commands(view: dict[str, Any], x: float, y: float, w: float, h: float
                    ) -> list[Command]:
    """Draw commands for one widget view in its box."""
    if "error" in view:
        err = view["error"]
        return [_text(x, y, f"{view.get('title') or view['id']}: error", 14, _ERROR, w),
                _text(x, y + 20, f"{err['code']}: {err['message']}", 12, _ERROR, w)]
    kind = view["type"]
    if kind == "chart":
        try:
            return list(chart_for(view, int(w), int(h)).to_commands(x, y, w, h))
        except BatutaError as exc:
            return [_text(x, y, f"chart {view['id']}: {exc.message}", 12, _ERROR, w)]
    if kind == "data_table":
        return _table_commands(view, x, y, w, h)
    lines = _LINES.get(kind, lambda v: [str(v.get("title", kind))])(view)
    out: list[Command] = []
    cy = y
    for i, (text, size) in enumerate(lines):
        if cy + size > y + h:
            break
        color = _MUTED if (kind == "metric" and i == 0) else None
        out.append(_text(x, cy, text, size, color, w))
        cy += size + 8
    box = {"button": (y, 32.0), "select": (y + 18, 28.0), "text_input": (y + 18, h - 18)}
    if kind in box:
        top, height = box[kind]
        out.insert(0, Rect(x, top, min(w, 420), height, _CARD))
    if kind == "slider":
        out += _slider_track(view, x, y + 44, min(w, 420))
    return out


def _slider_track(v: dict[str, Any], x: float, y: float, w: float) -> list[Command]:
    """The range as a track with the chosen part filled (a still image has no handles)."""
    span = (float(v["max"]) - float(v["min"])) or 1.0
    low, high = ((float(t) - float(v["min"])) / span for t in v["value"])
    return [Rect(x, y, w, 6, _CARD), Rect(x + low * w, y, max(2.0, (high - low) * w), 6, _MUTED)]


def _table_commands(v: dict[str, Any], x: float, y: float, w: float, h: float
                    ) -> list[Command]:
    """A title, a header row and the page's rows in aligned columns, then the pager line."""
    out: list[Command] = [_text(x, y, str(v.get("title", "")), 16)]
    ncols = max(1, len(v["columns"]))
    col_w = w / ncols
    cy = y + 26
    for r, row in enumerate([v["columns"], *v["rows"]]):
        if cy + 40 > y + h:
            break
        if r == 0:
            out.append(Rect(x, cy - 3, w, 20, _CARD))
        for c, cell in enumerate(row):
            text = "" if cell is None else str(cell).lower() if isinstance(cell, bool) \
                else str(cell)
            out.append(_text(x + c * col_w + 4, cy, text, 13 if r == 0 else 12,
                             None if r else _MUTED, col_w - 8))
        cy += 20
    out.append(_text(x, cy + 4, f"page {v['page']} of {v['pages']}, {v['total_rows']} rows",
                     12, _MUTED, w))
    return out


def _analysis_lines(v: dict[str, Any]) -> list[tuple[str, int]]:
    tdg = v.get("tdg") or {}
    out = [(str(v.get("title", "Analysis")), 16),
           (f"Primary language: {v.get('primary_language')}", 14),
           (f"TDG: {tdg.get('score')} ({tdg.get('grade')})", 14)]
    out += [(f"{lang.get('language')}: {lang.get('code')} code lines", 12)
            for lang in v.get("languages", [])[:6]]
    return out


def _converter_lines(v: dict[str, Any]) -> list[tuple[str, int]]:
    result = v.get("result") or {}
    code = str(result.get("rust_code") or "press the button to convert")
    return [(str(v.get("title", "Converter")), 16)] + [(ln, 12) for ln in code.splitlines()[:24]]


_LINES: dict[str, Any] = {
    "text": lambda v: [(ln, 16 if i == 0 else 14) for i, ln in enumerate(_plain(v["html"]))],
    "metric": lambda v: [(v["label"], 13), (v["text"], 28)],
    "select": lambda v: [(v["label"], 13), (f" {v['value']}  v", 14)],
    "slider": lambda v: [(v["label"], 13), (f" {v['text']}", 14)],
    "button": lambda v: [(f" {v['label']}", 14)],
    "text_input": lambda v: [(v["label"], 13)] + [(" " + ln, 12)
                                                  for ln in v["value"].splitlines()[:8]],
    "analysis": _analysis_lines,
    "converter": _converter_lines,
}


def app_scene(view: dict[str, Any]) -> Scene:
    """The whole app view as one scene (``layout.width`` x ``layout.height`` pixels)."""
    layout = view["layout"]
    theme = view.get("theme") or {}
    bg = rgba(str(theme.get("background", "#ffffff")))
    commands: list[Command] = []
    for section in view["sections"]:
        sx, sy, sw, sh = (float(section[k]) for k in ("x", "y", "width", "height"))
        commands.append(Rect(sx, sy, sw, sh, _BORDER))
        commands.append(Rect(sx + 1, sy + 1, sw - 2, sh - 2, bg))
        inner: list[Command] = []
        cy = sy + PADDING
        for widget in section["widgets"]:
            h = _height(widget)
            inner += widget_commands(widget, sx + PADDING, cy, sw - 2 * PADDING, h)
            cy += h + layout["gap"]
        commands.append(Clip((sx, sy, sw, sh), tuple(inner)))
    height = max(64, min(8192, int(layout["height"])))
    return Scene(int(layout["width"]), height, bg, tuple(commands))


def _height(widget: dict[str, Any]) -> int:
    return widget_height(widget["type"], widget)


def render_png(view: dict[str, Any], *, engine: Any = None) -> bytes:
    """PNG bytes of an app view through ``batuta.render`` (wgpu-py, CPU fallback)."""
    from batuta.render import render_scene

    try:
        return render_scene(app_scene(view), engine=engine)
    except RecursionError as exc:
        raise RenderError("app scene nests too deeply to render") from exc


def chart_views(view: dict[str, Any]) -> Sequence[dict[str, Any]]:
    """Every chart widget view of an app view."""
    return [w for s in view["sections"] for w in s["widgets"] if w["type"] == "chart"]


__all__ = ["WIDGET_HEIGHTS", "app_scene", "chart_for", "chart_views", "render_png",
           "widget_commands"]
