"""A static interactive snapshot of an app: Bokeh models for every state its controls can reach.

A standalone file has no Python behind it, so the states are computed here: every combination of
the app's select options and (short) slider ranges, up to :data:`MAX_STATES`. Each widget gets
one Bokeh model per distinct view across those states; a ``CustomJS`` callback on the controls
shows the models of the chosen state and hides the rest. Charts keep pan, zoom and hover. Apps
with more states than that keep their first controls live and the rest at their defaults.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable
from typing import Any

from batuta.desktop._content import Control, controls
from batuta.desktop._html import all_table_rows, widget_html
from batuta.desktop._lib import load

MAX_STATES = 64
MAX_SLIDER_STEPS = 41

ViewFn = Callable[[dict[str, Any]], dict[str, Any]]


def find_widget(view: dict[str, Any], wid: str) -> dict[str, Any]:
    """Widget ``wid``'s view in an app view model."""
    return next(w for s in view["sections"] for w in s["widgets"] if w["id"] == wid)


def control_values(control: Control) -> list[str]:
    """Every value a control can take, as text (the key the page's callback builds)."""
    if not control.is_slider:
        return list(control.options)
    n = round((control.high - control.low) / control.step) + 1
    values = [control.low + i * control.step for i in range(min(n, MAX_SLIDER_STEPS))]
    return [_value_text(control, v) for v in values]


def state_key(values: list[str]) -> str:
    """Matches ``JSON.stringify(values)`` in the page."""
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


def _live_controls(base: dict[str, Any]) -> list[Control]:
    live: list[Control] = []
    total = 1
    for c in controls(base):
        n = len(control_values(c))
        if c.is_range or (c.is_slider and n >= MAX_SLIDER_STEPS) or total * n > MAX_STATES:
            continue
        live.append(c)
        total *= n
    return live


def widget_model(w: dict[str, Any], width: int, table_pages: Callable[[int], dict[str, Any]]
                 ) -> Any:
    """The Bokeh model of one (non-control) widget view."""
    from batuta.desktop._figures import view_chart_figure

    bm = load("bokeh.models")
    ColumnDataSource, DataTable, Div, TableColumn = (
        bm.ColumnDataSource, bm.DataTable, bm.Div, bm.TableColumn)

    text = widget_html(w)
    if text is not None:
        return Div(text=text, width=width)
    if w["type"] == "chart":
        return view_chart_figure(w, width)
    if w["type"] == "data_table":
        data = all_table_rows(table_pages, w["id"], w)
        cols = [TableColumn(field=c, title=c) for c in data]
        title = Div(text=f"<b>{w.get('title', '')}</b>", width=width)
        from bokeh.layouts import column

        return column(title, DataTable(source=ColumnDataSource(data), columns=cols,
                                       width=width, height=300, sortable=True,
                                       index_position=None))
    return Div(text=f"<b>{w.get('label', w['id'])}</b>", width=width)


def _control_model(c: Control, value: Any, width: int) -> Any:
    bm = load("bokeh.models")
    if c.is_range:  # a range's pairs are too many to precompute: shown, fixed (disabled)
        return bm.RangeSlider(title=c.label, start=c.low, end=c.high, step=c.step,
                              value=tuple(float(v) for v in value), width=width, name=c.id)
    if c.is_slider:
        return bm.Slider(title=c.label, start=c.low, end=c.high, step=c.step,
                      value=float(value), width=width, name=c.id)
    return bm.Select(title=c.label, options=list(c.options), value=str(value), width=width,
                  name=c.id)


def app_layout(app: Any, files: Any, *, analysis: Any = None, width: int = 1280) -> Any:
    """The Bokeh layout of the app's snapshot (sections in their grid rows)."""
    from batuta.app import build_view

    def view_for(state: dict[str, Any]) -> dict[str, Any]:
        return build_view(app, files, state=state, analysis=analysis, width=width)

    base = view_for({})
    live = _live_controls(base)
    all_controls = {c.id: c for c in controls(base)}
    keys: list[tuple[str, dict[str, Any]]] = []
    for combo in itertools.product(*(control_values(c) for c in live)):
        state: dict[str, Any] = {c.id: (json.loads(v) if c.is_slider else v)
                                 for c, v in zip(live, combo, strict=True)}
        keys.append((state_key(list(combo)), state))
    views = {k: (view_for(s) if s else base, s) for k, s in keys} or {"[]": (base, {})}
    return _assemble(base, views, all_controls, live, view_for)


def _value_text(control: Control, value: Any) -> str:
    """A control's value as :func:`control_values` writes it (the page's state key)."""
    if not control.is_slider:
        return str(value)
    number = float(value)
    return str(round(number)) if control.whole else repr(round(number, 10))


def _initial_key(base: dict[str, Any], live: list[Control]) -> str:
    """The state key of the controls' values as the app opens (their YAML defaults)."""
    return state_key([_value_text(c, find_widget(base, c.id)["value"]) for c in live])


def _variants(wid: str, views: dict[str, tuple[dict[str, Any], dict[str, Any]]]
              ) -> list[tuple[dict[str, Any], dict[str, Any], list[str]]]:
    """Distinct views of widget ``wid`` across the states: (view, a state, its state keys)."""
    out: dict[str, tuple[dict[str, Any], dict[str, Any], list[str]]] = {}
    for key, (view, state) in views.items():
        w = find_widget(view, wid)
        sig = json.dumps(w, sort_keys=True, default=str)
        out.setdefault(sig, (w, state, []))[2].append(key)
    return list(out.values())


def _assemble(base: dict[str, Any], views: dict[str, tuple[dict[str, Any], dict[str, Any]]],
              all_controls: dict[str, Control], live: list[Control],
              view_for: ViewFn) -> Any:
    from bokeh.layouts import column, row

    from batuta.app.layout import PADDING

    bm = load("bokeh.models")
    CustomJS, Div = bm.CustomJS, bm.Div

    first_key = _initial_key(base, live)
    if first_key not in views:  # a default outside the options: show the first state
        first_key = next(iter(views))
    toggled: list[tuple[Any, list[str]]] = []
    ctl_models: list[Any] = []
    rows: dict[int, list[Any]] = {}
    for section in base["sections"]:
        inner = int(section["width"]) - 2 * PADDING
        items: list[Any] = []
        for w in section["widgets"]:
            if w["id"] in all_controls and "error" not in w:
                model = _control_model(all_controls[w["id"]], w["value"], inner)
                model.disabled = all(c.id != w["id"] for c in live)
                ctl_models.append(model)
                items.append(model)
                continue
            for n, (wv, state, wkeys) in enumerate(_variants(w["id"], views)):
                def pages(n: int, s: dict[str, Any] = state, wid: str = w["id"]
                          ) -> dict[str, Any]:
                    return find_widget(view_for({**s, wid: {"page": n}}), wid)

                model = widget_model(wv, inner, pages)
                model.tags = [f"batuta:{w['id']}:{n}"]  # which widget and variant (tests)
                model.visible = first_key in wkeys
                toggled.append((model, wkeys))
                items.append(model)
        rows.setdefault(int(section["y"]), []).append(column(*items, width=int(section["width"])))
    live_models = [m for m in ctl_models if not m.disabled]
    callback = CustomJS(args={"controls": live_models, "models": [m for m, _ in toggled],
                              "keys": [k for _, k in toggled]}, code=_TOGGLE_JS)
    for m in live_models:
        m.js_on_change("value", callback)
    head = Div(text=f"<h1>{html.escape(str(base['name']))}</h1>"
                    f"<p>{html.escape(str(base.get('description', '')))}</p>")
    return column(head, *(row(*rows[y]) for y in sorted(rows)))


_TOGGLE_JS = """
const key = JSON.stringify(controls.map((c) => String(c.value)));
for (let i = 0; i < models.length; i++) models[i].visible = keys[i].includes(key);
"""
