"""Widgets: each type turns its declaration plus the current data and state into plain JSON.

The JSON is what the native renderer draws and the browser runner puts in the page; neither does
any data work of its own. Interactions are applied here too: a ``select`` that filters a chart
adds a ``filter`` step to the chart's pipeline; a ``button`` that runs a conversion calls the
converter on the current input.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from batuta._serialize import to_jsonable
from batuta.app import _markdown
from batuta.app._evaluate import evaluate, format_value, render_template
from batuta.app.expressions import Call, Compare, Field, Literal, Pipeline
from batuta.app.schema import App, Interaction, Widget
from batuta.errors import (
    BatutaError,
    ExpressionError,
    FeatureUnavailableError,
    NestingTooDeepError,
)

MAX_CHART_POINTS = 100_000
"""Most points a chart view carries (the renderer's frame-time target)."""


@dataclass
class Context:
    """What widgets read: the app, loaded sources, failed sources, and UI state by widget id."""

    app: App
    sources: Mapping[str, Any]
    source_errors: Mapping[str, BatutaError] = field(default_factory=dict)
    state: Mapping[str, Any] = field(default_factory=dict)

    def filters_for(self, target: str) -> list[tuple[Interaction, Any]]:
        """Filter interactions aimed at ``target`` with the value currently selected."""
        out = []
        for inter in self.app.interactions:
            if inter.action == "filter" and inter.target == target:
                value = self.state.get(inter.on, _default_select(self, inter.on))
                if _is_slider(self, inter.on):
                    value = slider_range(_widget(self, inter.on), value)
                if value not in (None, "", "All", "all", "*"):
                    out.append((inter, value))
        return out


def _widget(ctx: Context, wid: str) -> Widget:
    return next(w for w in ctx.app.widgets() if w.id == wid)


def _is_slider(ctx: Context, wid: str) -> bool:
    return _widget(ctx, wid).type == "slider"


def _default_select(ctx: Context, wid: str) -> Any:
    widget = _widget(ctx, wid)
    return None if widget.type == "slider" else widget.props.get("value")


def _value(widget: Widget, key: str, ctx: Context) -> Any:
    """A property's value: its template evaluated, or the plain YAML value.

    A metric or text aimed at by filter interactions reads its sources filtered: "Total
    harvest" follows the region select as the chart and table do.
    """
    tpl = widget.templates.get(key)
    if tpl is None:
        return widget.props.get(key)
    names = []
    for p in tpl.pipelines:
        name = p.source.path[1] if p.source.path[0] == "data" and len(p.source.path) > 1 \
            and p.source.path[0] not in ctx.sources else p.source.path[0]
        if name in ctx.source_errors:
            raise ctx.source_errors[name]
        names.append(name)
    sources = ctx.sources
    steps = _filter_steps(ctx, widget.id) if key != "data" else []
    if steps:
        sources = dict(ctx.sources)
        for name in names:
            if isinstance(sources.get(name), list):
                sources[name] = evaluate(Pipeline(Field((name,)), tuple(steps)), ctx.sources)
    return render_template(tpl, sources)


def _filter_steps(ctx: Context, wid: str) -> list[Call]:
    """The ``filter`` steps of the interactions aimed at ``wid``: a select keeps the rows
    equal to its choice, a slider those within its ``[low, high]``."""
    steps = []
    for inter, value in ctx.filters_for(wid):
        column = Field((inter.field,))
        if isinstance(value, (list, tuple)):
            low, high = value
            steps.append(Call("filter", (Compare(column, ">=", Literal(low)),)))
            steps.append(Call("filter", (Compare(column, "<=", Literal(high)),)))
        else:
            steps.append(Call("filter", (Compare(column, "==", Literal(_coerce(value))),)))
    return steps


def _rows(widget: Widget, ctx: Context) -> list[dict[str, Any]]:
    """The widget's ``data`` rows with any select or slider filters aimed at it applied."""
    tpl = widget.templates["data"]
    pipeline = tpl.single
    if pipeline is None:
        raise ExpressionError(f"{widget.id}: data must be a single {{{{ expression }}}}")
    _value(widget, "data", ctx)  # surfaces a failed source's own error first
    steps = [*pipeline.steps, *_filter_steps(ctx, widget.id)]
    rows = evaluate(Pipeline(pipeline.source, tuple(steps)), ctx.sources)
    if not isinstance(rows, list):
        raise ExpressionError(f"{widget.id}: data must give rows, got {format_value(rows)}")
    return [r if isinstance(r, dict) else {"value": r} for r in rows]


def _coerce(value: Any) -> Any:
    """Select values arrive from the page as text; numbers in the data compare as numbers."""
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            try:
                return float(value) if value.strip().lower() not in ("nan", "inf") else value
            except ValueError:
                return value
    return value


def _common(widget: Widget) -> dict[str, Any]:
    out: dict[str, Any] = {"id": widget.id, "type": widget.type}
    for key in ("title", "description", "aria_label"):
        if key in widget.props:
            out[key] = str(widget.props[key])
    return out


def text_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    content = _value(widget, "content", ctx)
    return {"markdown": str(content), "html": _markdown.to_html(str(content))}


def metric_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    value = _value(widget, "value", ctx)
    unit = str(widget.props.get("unit", ""))
    text = format_value(value) + (f" {unit}" if unit and value is not None else "")
    return {"label": str(_value(widget, "label", ctx)), "value": to_jsonable(value),
            "text": text}


def chart_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    rows = _rows(widget, ctx)
    x, y, color = (widget.props.get(k) for k in ("x", "y", "color"))
    if len(rows) > MAX_CHART_POINTS:
        raise ExpressionError(f"{widget.id}: {len(rows)} points is over the "
                              f"{MAX_CHART_POINTS} point bound; aggregate or limit first")
    series: dict[str, list[Any]] = {"x": [r.get(x) for r in rows] if x else []}
    if y:
        series["y"] = [r.get(y) for r in rows]
    if color:
        series["color"] = [r.get(color) for r in rows]
    if widget.props.get("chart_type") == "heatmap" and widget.props.get("value"):
        series["value"] = [r.get(widget.props["value"]) for r in rows]
    return {"chart_type": widget.props["chart_type"], "x": x, "y": y, "color": color,
            "bins": widget.props.get("bins", 10), "points": len(rows),
            "height": widget.props.get("height"),
            "series": to_jsonable(series),
            "filters": {i.field: v for i, v in ctx.filters_for(widget.id)}}


def table_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    rows = _rows(widget, ctx)
    columns = list(widget.props.get("columns") or dict.fromkeys(k for r in rows for k in r))
    state = ctx.state.get(widget.id) or {}
    sort_col = state.get("sort") if isinstance(state, dict) else None
    if isinstance(sort_col, str) and sort_col in columns and widget.props.get("sortable", True):
        rows = _sort_rows(rows, sort_col, bool(state.get("desc")))
    size = int(widget.props.get("page_size", 25))
    pages = max(1, -(-len(rows) // size))
    page = state.get("page", 1) if isinstance(state, dict) else 1
    page = min(max(1, page if isinstance(page, int) else 1), pages)
    shown = rows[(page - 1) * size: page * size]
    return {"columns": list(columns), "rows": [[to_jsonable(r.get(c)) for c in columns]
                                               for r in shown],
            "page": page, "pages": pages, "page_size": size, "total_rows": len(rows),
            "sort": sort_col, "desc": bool(isinstance(state, dict) and state.get("desc")),
            "sortable": bool(widget.props.get("sortable", True))}


def _sort_rows(rows: list[dict[str, Any]], col: str, desc: bool) -> list[dict[str, Any]]:
    """Numbers before text, each in order; missing values last whatever the direction."""
    present = [r for r in rows if r.get(col) is not None]
    missing = [r for r in rows if r.get(col) is None]

    def key(r: dict[str, Any]) -> tuple[int, int | float, str]:
        v = r[col]
        num = isinstance(v, (int, float)) and not isinstance(v, bool)
        # ints and floats compare exactly as they are; float(v) overflowed on huge ints.
        return (0, v, "") if num else (1, 0, str(v))

    present.sort(key=key, reverse=desc)
    return present + missing


def select_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    raw = _value(widget, "options", ctx)
    options: list[Any] = []
    for item in raw if isinstance(raw, list) else [raw]:
        opt = next(iter(item.values()), None) if isinstance(item, dict) and len(item) == 1 \
            else item
        if opt is not None and opt not in options and not isinstance(opt, (dict, list)):
            options.append(opt)
    if any(i.action == "filter" and i.on == widget.id for i in ctx.app.interactions) \
            and "All" not in options:
        options.insert(0, "All")  # a filtering select can always go back to everything
    value = ctx.state.get(widget.id, widget.props.get("value", options[0] if options else None))
    return {"label": str(widget.props["label"]), "options": [str(o) for o in options],
            "value": None if value is None else str(value)}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def slider_range(widget: Widget, state: Any) -> list[float] | None:
    """A slider's chosen ``[low, high]`` from the page's state (or its YAML ``value``),
    clamped to ``[min, max]`` and ordered; None when it spans the whole range (no filter).

    A one-number value is a threshold: ``[value, max]``.
    """
    lo, hi = float(widget.props["min"]), float(widget.props["max"])
    raw = widget.props.get("value", [lo, hi]) if state is None else state
    pair = raw if isinstance(raw, (list, tuple)) else [raw, hi]
    numbers = [_number(x) for x in pair] if len(pair) == 2 else []
    if len(numbers) != 2 or None in numbers:
        return None  # what the page sent is not a range: no filter rather than an error
    low, high = sorted(min(max(float(x), lo), hi) for x in numbers if x is not None)
    return None if low <= lo and high >= hi else [_whole(low), _whole(high)]


def _whole(x: float) -> float:
    return int(x) if float(x).is_integer() else x  # 1990, not 1990.0, in texts and filters


def slider_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    """A numeric range filter. View-model shape (what every renderer draws)::

        {"id", "type": "slider", "label": str, "min": number, "max": number,
         "step": number, "unit": str, "value": [low, high], "text": "1990 – 2010 kg"}

    ``value`` is the chosen range within ``[min, max]`` (the whole range when nothing is
    chosen). A renderer sends the new range back as the widget's state, a ``[low, high]``
    list; a filter interaction from the slider keeps the target's rows whose ``field`` lies
    within it, ends included.
    """
    lo, hi = _whole(float(widget.props["min"])), _whole(float(widget.props["max"]))
    chosen = slider_range(widget, ctx.state.get(widget.id)) or [lo, hi]
    unit = str(widget.props.get("unit", ""))
    text = f"{format_value(chosen[0])} – {format_value(chosen[1])}" + (f" {unit}" if unit else "")
    return {"label": str(widget.props["label"]), "min": lo, "max": hi,
            "step": _whole(float(widget.props.get("step", 1))), "unit": unit,
            "value": chosen, "text": text}


def button_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    return {"label": str(_value(widget, "label", ctx)), "clicks": _clicks(ctx, widget.id)}


def _clicks(ctx: Context, wid: str) -> int:
    n = ctx.state.get(wid, 0)
    return n if isinstance(n, int) and not isinstance(n, bool) and n >= 0 else 0


def input_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    value = ctx.state.get(widget.id, widget.props.get("value", ""))
    return {"label": str(widget.props["label"]), "value": str(value),
            "placeholder": str(widget.props.get("placeholder", "")),
            "multiline": bool(widget.props.get("multiline", False))}


def analysis_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    name = widget.props["source"]
    if name in ctx.source_errors:
        raise ctx.source_errors[name]
    a = ctx.sources[name]
    if not isinstance(a, Mapping):
        raise ExpressionError(f"{widget.id}: source {name!r} is not a project analysis")
    tdg = a.get("tdg") or {}
    return {"primary_language": a.get("primary_language"),
            "languages": to_jsonable(a.get("languages", [])),
            "tdg": {"score": tdg.get("score"), "grade": tdg.get("grade")},
            "ml_frameworks": to_jsonable(a.get("ml_frameworks", [])),
            "transpilers": to_jsonable(a.get("transpilers", []))}


def converter_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    framework = str(widget.props.get("framework", "numpy"))
    code = str(ctx.state.get(widget.id, widget.props.get("code", "")))
    out: dict[str, Any] = {"framework": framework, "code": code, "result": None}
    for inter in ctx.app.interactions:
        if inter.action == "convert" and inter.target == widget.id \
                and _clicks(ctx, inter.on) > 0:
            source = str(ctx.state.get(inter.input, _input_default(ctx, inter.input)))
            out["code"] = source
            out["result"] = run_conversion(inter.framework, source,
                                           int(widget.props.get("data_size", 1000)))
    return out


def _input_default(ctx: Context, wid: str) -> str:
    widget = next(w for w in ctx.app.widgets() if w.id == wid)
    return str(widget.props.get("value", widget.props.get("code", "")))


def run_conversion(framework: str, code: str, data_size: int) -> dict[str, Any]:
    """Call the matching converter of :mod:`batuta.convert`; its errors become the widget's
    error. (The converters themselves, not :mod:`batuta.api`: the API imports the app layer, so
    calling back into it would make an import circle.)"""
    from batuta import convert as converters

    convert: dict[str, Callable[..., Any]] = {
        "numpy": converters.convert_numpy, "sklearn": converters.convert_sklearn,
        "pytorch": converters.convert_pytorch}
    result = to_jsonable(convert[framework](code, data_size=data_size))
    return result if isinstance(result, dict) else {"result": result}


BUILDERS: dict[str, Callable[[Widget, Context], dict[str, Any]]] = {
    "text": text_view, "metric": metric_view, "chart": chart_view, "data_table": table_view,
    "select": select_view, "slider": slider_view, "button": button_view,
    "text_input": input_view,
    "analysis": analysis_view, "converter": converter_view,
}


def widget_view(widget: Widget, ctx: Context) -> dict[str, Any]:
    """One widget's view; a data or expression failure becomes its ``error``, not a crash."""
    out = _common(widget)
    try:
        out.update(BUILDERS[widget.type](widget, ctx))
    except BatutaError as exc:
        out["error"] = exc.to_dict()
    except ImportError as exc:  # e.g. the converters are not installed in this build
        out["error"] = FeatureUnavailableError(f"{widget.type}: not available here ({exc})"
                                               ).to_dict()
    except RecursionError:
        out["error"] = NestingTooDeepError(f"{widget.type}: data nests too deeply").to_dict()
    return out
