"""``batuta app serve APP_DIR --engine panel``: a YAML app as a Panel application on 127.0.0.1.

The same validated :class:`~batuta.app.App` and the same ``build_view`` as the browser runner
(``web/app/runner.js``): Panel widgets hold the UI state (widget id -> value, exactly the state
the runner keeps), every change rebuilds the view model, and each widget whose view changed is
redrawn: Bokeh figures for charts (pan, zoom, hover with the values), a Bokeh ``DataTable`` for
tables, HTML panes for text, metrics, the analysis and the converter. Panel serves BokehJS and
its own files from this server (resource mode ``server``); the page loads nothing elsewhere.

A broken app still gets a page: its ``file:line:column`` error, as the CLI prints it.
"""

from __future__ import annotations

import json
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

from batuta.desktop._content import Control, controls
from batuta.desktop._html import error_html, widget_html
from batuta.desktop._lib import load
from batuta.desktop._snapshot import find_widget, widget_model
from batuta.errors import BatutaError, InvalidArgumentError

HOST = "127.0.0.1"


class AppSession:
    """One browser tab's app: Panel objects for each widget, kept in step with the view model."""

    def __init__(self, app: Any, files: Any, *, analysis: Any = None, width: int = 1280
                 ) -> None:
        pn = load("panel")
        self.app, self.files, self.analysis, self.width = app, files, analysis, width
        self.state: dict[str, Any] = {}
        self._seq = 0
        self.view = self._build()
        self._signatures: dict[str, str] = {}
        self.panes: dict[str, Any] = {}
        self.inputs: dict[str, Any] = {}
        self._controls = {c.id: c for c in controls(self.view)}
        rows: dict[int, list[Any]] = {}
        from batuta.app.layout import PADDING

        for section in self.view["sections"]:
            inner = int(section["width"]) - 2 * PADDING
            items = [self._make(w, inner) for w in section["widgets"]]
            rows.setdefault(int(section["y"]), []).append(pn.Column(
                *items, width=int(section["width"]), margin=(0, 8, 8, 0),
                styles={"border": "1px solid #d0d7de", "padding": f"{PADDING}px"}))
        self.layout = pn.Column(pn.pane.HTML(f"<h1>{_esc(self.view['name'])}</h1>"),
                                *(pn.Row(*rows[y]) for y in sorted(rows)))

    def _build(self) -> dict[str, Any]:
        from batuta.app import build_view

        return build_view(self.app, self.files, state=self.state, analysis=self.analysis,
                          width=self.width)

    def _make(self, w: dict[str, Any], inner: int) -> Any:
        """A Panel widget (for a control or input) or pane (for what the view shows)."""
        self._signatures[w["id"]] = _signature(w)
        if "error" not in w:
            control = self._input(w, inner)
            if control is not None:
                self.inputs[w["id"]] = control
                return control
        pane = self._pane(w, inner)
        self.panes[w["id"]] = pane
        return pane

    def _input(self, w: dict[str, Any], inner: int) -> Any:
        pn = load("panel")
        wid = w["id"]
        ctl: Control | None = self._controls.get(wid)
        if ctl is not None and not ctl.is_slider:
            widget: Any = pn.widgets.Select(name=ctl.label, options=list(ctl.options),
                                            value=str(w["value"]), width=min(inner, 420))
        elif ctl is not None:
            whole = ctl.whole
            kinds = ((pn.widgets.FloatSlider, pn.widgets.IntSlider),
                     (pn.widgets.RangeSlider, pn.widgets.IntRangeSlider))[ctl.is_range]
            value = tuple(_num(v, whole) for v in w["value"]) if ctl.is_range \
                else _num(w["value"], whole)
            widget = kinds[whole](name=ctl.label, start=_num(ctl.low, whole),
                                  end=_num(ctl.high, whole), step=_num(ctl.step, whole),
                                  value=value, width=min(inner, 420))
        elif w["type"] == "text_input":
            kind = pn.widgets.TextAreaInput if w.get("multiline") else pn.widgets.TextInput
            widget = kind(name=w["label"], value=w["value"], placeholder=w["placeholder"],
                          width=inner, height=160 if w.get("multiline") else None)
        elif w["type"] == "button":
            widget = pn.widgets.Button(name=w["label"], button_type="primary")
            widget.on_click(lambda _event, wid=wid: self.change(
                wid, int(self.state.get(wid, 0)) + 1))
            return widget
        else:
            return None
        widget.param.watch(lambda event, wid=wid: self.change(wid, _state_value(event.new)),
                           "value")
        return widget

    def _pane(self, w: dict[str, Any], inner: int) -> Any:
        pn = load("panel")
        text = widget_html(w)
        if text is not None:
            return pn.pane.HTML(text, width=inner)
        return pn.pane.Bokeh(self._model(w, inner))

    def _model(self, w: dict[str, Any], inner: int) -> Any:
        """A chart or table model, tagged ``batuta:<id>:<n>`` (n counts redraws) so the page
        and its tests can tell the current figure from one Panel is still letting go of."""
        self._seq += 1
        model = widget_model(w, inner, self._table_page(w["id"]))
        model.tags = [f"batuta:{w['id']}:{self._seq}"]
        return model

    def _table_page(self, wid: str) -> Callable[[int], dict[str, Any]]:
        def page(n: int) -> dict[str, Any]:
            from batuta.app import build_view

            view = build_view(self.app, self.files, state={**self.state, wid: {"page": n}},
                              analysis=self.analysis, width=self.width)
            return find_widget(view, wid)

        return page

    def change(self, wid: str, value: Any) -> None:
        """A widget changed: record the state, rebuild the view, redraw what changed."""
        self.state[wid] = value
        self.view = self._build()
        from batuta.app.layout import PADDING

        for section in self.view["sections"]:
            inner = int(section["width"]) - 2 * PADDING
            for w in section["widgets"]:
                sig = _signature(w)
                if sig == self._signatures.get(w["id"]) or w["id"] not in self.panes:
                    continue
                self._signatures[w["id"]] = sig
                pane = self.panes[w["id"]]
                text = widget_html(w)
                pane.object = text if text is not None else self._model(w, inner)


def _state_value(value: Any) -> Any:
    """A range slider's tuple goes into the state as the ``[low, high]`` list the runner sends."""
    return list(value) if isinstance(value, tuple) else value


def _num(value: Any, whole: bool) -> int | float:
    return round(float(value)) if whole else float(value)


def _esc(text: Any) -> str:
    import html

    return html.escape(str(text))


def _signature(w: dict[str, Any]) -> str:
    return json.dumps(w, sort_keys=True, default=str)


def error_page(exc: BatutaError) -> Any:
    """The page a broken app gets: the error as the CLI prints it."""
    pn = load("panel")
    view = {"id": "app", "title": "This app could not be loaded",
            "error": {"code": exc.code, "message": exc.message}}
    return pn.Column(pn.pane.HTML(error_html(view)))


def free_port(port: int = 0) -> int:
    """``port`` if it is free on 127.0.0.1 right now (0: any free one), else a typed error."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise InvalidArgumentError(f"--port must be 0-65535 (0 = any free port), not {port!r}")
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError as exc:
            raise InvalidArgumentError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc} "
                                       "(choose another --port, or 0 for any free one)",
                                       port=port) from exc
        return int(s.getsockname()[1])


def serve(app_dir: str, *, port: int = 8000, analysis: Any = None,
          on_ready: Callable[[str], None] | None = None) -> int:
    """Serve the app on Panel's server at ``127.0.0.1:port`` until SIGINT/SIGTERM; returns 0.

    ``port=0`` picks a free port. ``on_ready`` gets the URL once the server listens.
    """
    pn = load("panel")
    from batuta.app import open_app

    try:
        app, files = open_app(app_dir)
        error: BatutaError | None = None
    except BatutaError as exc:
        sys.stderr.write(f"error[{exc.code}]: {exc.message}\n")
        error = exc

    def page() -> Any:
        if error is not None:
            return error_page(error)
        return AppSession(app, files, analysis=analysis).layout

    port = free_port(port)
    origins = [f"{HOST}:{port}", f"localhost:{port}"]
    server = pn.serve({"app": page}, port=port, address=HOST, websocket_origin=origins,
                      show=False, start=False, title="Batuta app", threaded=False,
                      verbose=False)  # our own line says where (JSON with --format json)

    def stop(*_args: Any) -> None:
        server.io_loop.add_callback_from_signal(server.io_loop.stop)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    url = f"http://{HOST}:{port}/app"
    if on_ready is not None:
        server.io_loop.add_callback(on_ready, url)
    server.start()
    try:
        server.io_loop.start()
    finally:
        server.stop()
    return 0


__all__ = ["HOST", "AppSession", "error_page", "free_port", "serve"]
