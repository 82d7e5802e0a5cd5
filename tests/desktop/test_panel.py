"""YAML apps on Panel: the real ``batuta app serve --engine panel`` process, driven by Chromium.

The page must show what ``build_view`` gives for the same state (charts' glyph data, metrics,
the converter's output), follow widget changes as the browser runner does, log no console
error, load nothing from another origin, and the server must stop cleanly on Ctrl+C.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop_support import (
    APPS,
    BATUTA,
    GLYPHS_JS,
    TABLES_JS,
    Guard,
    expected_glyphs,
    open_page,
    write_broken_app,
)

from batuta.app import build_view, open_app
from batuta.app.layout import PADDING
from batuta.desktop import controls
from batuta.desktop._content import stepped, widget_value

TIMEOUT_MS = 60_000
TOOLS_JS = """() => {
  const out = {};
  for (const m of Bokeh.documents[0]._all_models.values()) {
    const tag = (m.tags || []).find((t) => typeof t === "string" && t.startsWith("batuta:"));
    if (!tag || !m.toolbar) continue;
    const tools = m.toolbar.tools;
    out[tag.split(":")[1]] = {
      names: tools.map((t) => t.constructor.__name__),
      tooltips: tools.filter((t) => t.constructor.__name__ === "HoverTool")
                     .flatMap((t) => t.tooltips.map((pair) => pair[1])),
    };
  }
  return out;
}"""


class PanelServer:
    def __init__(self, app_dir: Path) -> None:
        self.proc = subprocess.Popen([*BATUTA, "app", "serve", str(app_dir), "--engine", "panel",
                                      "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.url = self._url()

    def _url(self) -> str:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                raise AssertionError(f"panel server exited: {self.proc.stderr.read()}")
            match = re.search(r"(http://127\.0\.0\.1:\d+/app)", line)
            if match:
                return match.group(1)
        raise AssertionError("the panel server printed no URL")

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err


@pytest.fixture()
def serve() -> Iterator[Any]:
    servers: list[PanelServer] = []

    def start(app_dir: Path) -> PanelServer:
        servers.append(PanelServer(app_dir))
        return servers[-1]

    yield start
    for s in servers:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.communicate()


def _expected(app_dir: Path, state: dict[str, Any]
              ) -> tuple[dict[str, Any], dict[str, str], dict[str, int]]:
    app, files = open_app(app_dir)
    view = build_view(app, files, state=state, width=1280)
    charts, metrics, tables = {}, {}, {}
    for section in view["sections"]:
        for w in section["widgets"]:
            if w["type"] == "data_table" and "error" not in w:
                tables[w["id"]] = w["total_rows"]
            if w["type"] == "chart" and "error" not in w:
                charts[w["id"]] = expected_glyphs(w, int(section["width"]) - 2 * PADDING)
            if w["type"] == "metric" and "error" not in w:
                metrics[w["id"]] = w["text"]
    return charts, metrics, tables


def _check(page: Any, app_dir: Path, state: dict[str, Any]) -> dict[str, Any]:
    """Wait until the page's charts and metrics are build_view's for ``state``."""
    charts, metrics, tables = _expected(app_dir, state)
    deadline = time.monotonic() + 60
    shown: dict[str, Any] = {}
    rows: dict[str, Any] = {}
    while time.monotonic() < deadline:
        shown = page.evaluate(GLYPHS_JS, "batuta:")
        rows = page.evaluate(TABLES_JS, "batuta:")
        if all(shown.get(k) == v for k, v in charts.items()) and \
                all(rows.get(k) == v for k, v in tables.items()):
            break
        time.sleep(0.3)
    assert {k: shown.get(k) for k in charts} == charts
    assert {k: rows.get(k) for k in tables} == tables  # every page of the filtered rows
    for wid, text in metrics.items():
        value = page.locator(f'[data-batuta-id="{wid}"] .batuta-metric-value')
        assert value.inner_text(timeout=TIMEOUT_MS).strip() == text
    return shown


@pytest.mark.parametrize("app_dir", APPS, ids=[a.name for a in APPS])
def test_panel_app_follows_its_widgets_like_the_runner(browser: Any, serve: Any,
                                                       app_dir: Path) -> None:
    server = serve(app_dir)
    guard = Guard()
    context, page, errors = open_page(browser, guard)
    try:
        page.goto(server.url)
        page.wait_for_function("() => window.Bokeh && Bokeh.documents.length > 0",
                               timeout=TIMEOUT_MS)
        before = _check(page, app_dir, {})
        for chart, tools in page.evaluate(TOOLS_JS).items():  # pan, zoom, hover with values
            assert {"PanTool", "WheelZoomTool", "HoverTool"} <= set(tools["names"]), chart
            assert tools["tooltips"] and all("@" in t for t in tools["tooltips"]), chart
        app, files = open_app(app_dir)
        view = build_view(app, files, width=1280)
        state: dict[str, Any] = {}
        for ctl in controls(view):
            if ctl.options:  # a select: pick its second option
                state[ctl.id] = ctl.options[1]
                page.get_by_label(ctl.label).select_option(ctl.options[1])
            else:  # a slider: its first handle one step up from the keyboard
                page.get_by_role("slider").first.focus()
                page.keyboard.press("ArrowRight")
                value = widget_value(view, ctl.id)
                state[ctl.id] = stepped(ctl, value, 1, end=0)
            after = _check(page, app_dir, state)
            if before:
                assert after != before, "the charts did not follow the widget"
        buttons = [w for s in view["sections"] for w in s["widgets"] if w["type"] == "button"]
        for b in buttons:  # the converter playground: Convert runs the conversion
            page.get_by_role("button", name=b["label"]).click()
            state[b["id"]] = 1
            converted = build_view(app, files, state=state, width=1280)
            for w in (w for s in converted["sections"] for w in s["widgets"]
                      if w["type"] == "converter"):
                # the Rust code's first line (or, where the converters cannot load, the error
                # the view carries: the page shows whatever build_view says)
                snippet = (w["result"]["rust_code"].splitlines()[0] if "result" in w
                           else w["error"]["code"])
                pane = page.locator(f'[data-batuta-id="{w["id"]}"]')
                pane.filter(has_text=snippet).wait_for(timeout=TIMEOUT_MS)
        assert errors == []
        assert guard.blocked == [], f"requests to other origins: {guard.blocked}"
    finally:
        context.close()
    rc, err = server.stop()
    assert rc == 0, err
    assert "Traceback" not in err


def test_panel_shows_a_broken_apps_file_line_column_error(browser: Any, serve: Any,
                                                          tmp_path: Path) -> None:
    bad = write_broken_app(tmp_path)
    from batuta.errors import BatutaError

    with pytest.raises(BatutaError) as caught:
        open_app(bad)
    server = serve(bad)
    guard = Guard()
    context, page, errors = open_page(browser, guard)
    try:
        page.goto(server.url)
        error = page.locator(".batuta-error").filter(has_text="app.yaml:8:")
        error.wait_for(timeout=TIMEOUT_MS)
        shown = error.inner_text()
        assert caught.value.message in " ".join(shown.split())
        assert re.search(r"app\.yaml:8:\d+", shown)
        assert errors == [] and guard.blocked == []
    finally:
        context.close()
    rc, err = server.stop()
    assert rc == 0 and caught.value.message in err


def test_panel_port_out_of_range_or_in_use_is_a_usage_error() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        for port in ("70000", str(busy.getsockname()[1])):
            done = subprocess.run([*BATUTA, "app", "serve", str(APPS[0]), "--engine", "panel",
                                   "--port", port], capture_output=True, text=True, timeout=60)
            assert done.returncode == 2 and "error[BATUTA-X-001]" in done.stderr, done.stderr
            assert "Traceback" not in done.stderr
