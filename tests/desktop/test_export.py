"""Standalone Bokeh HTML: ``analyze --html`` and ``app export``, opened from file:// with every
other request blocked. Each chart must render with the glyph data of the PNG path's ``Chart``,
an export's select must switch to the state ``build_view`` gives, and a broken app must fail
with the same ``file:line:column`` message as ``app validate``.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from desktop_support import (
    APPS,
    BATUTA,
    GLYPHS_JS,
    SAMPLE,
    TABLES_JS,
    Guard,
    expected_glyphs,
    open_page,
    write_broken_app,
)

from batuta.app import build_view, open_app
from batuta.app.layout import PADDING
from batuta.desktop import controls

TIMEOUT_MS = 60_000
ANALYSIS_GLYPHS_JS = """() => {
  const out = [];
  for (const m of Bokeh.documents[0]._all_models.values())
    if (m.glyph !== undefined && m.data_source !== undefined)
      out.push([m.glyph.constructor.__name__, m.data_source.get_length(),
                Array.from(m.data_source.data.top).map(Number)]);
  return out;
}"""


def _open(browser: Any, path: Path) -> tuple[Any, Any, list[str], Guard]:
    guard = Guard(allow_file=True)
    context, page, errors = open_page(browser, guard)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Bokeh && Bokeh.documents.length > 0 && "
                           "document.querySelector('.bk-Column, .bk-Row, .bk-root, div')",
                           timeout=TIMEOUT_MS)
    return context, page, errors, guard


def test_analyze_html_is_offline_and_draws_both_charts(browser: Any, tmp_path: Path) -> None:
    from batuta.api import analyze_project
    from batuta.render import analysis_charts

    out = tmp_path / "analysis.html"
    done = subprocess.run([*BATUTA, "analyze", str(SAMPLE), "--no-state", "--html", str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "cdn.bokeh.org" not in out.read_text() and "<script src=" not in out.read_text()
    charts = analysis_charts(analyze_project(SAMPLE))
    expected = [["VBar", len(c.layers[0].categories), [float(v) for v in c.layers[0].y]]
                for c in charts]
    context, page, errors, guard = _open(browser, out)
    try:
        assert page.evaluate(ANALYSIS_GLYPHS_JS) == expected
        assert page.locator("canvas").count() >= 2  # both figures painted
        assert errors == [] and guard.blocked == [], (errors, guard.blocked)
    finally:
        context.close()


def test_analysis_fragment_renders_inside_another_page(browser: Any, tmp_path: Path) -> None:
    from batuta.api import analyze_project
    from batuta.desktop.bokeh_export import analysis_figures_fragment

    analysis = analyze_project(SAMPLE)
    page_file = tmp_path / "report.html"
    page_file.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                         f"<h1>Report</h1>{analysis_figures_fragment(analysis)}</body></html>",
                         encoding="utf-8")
    context, page, errors, guard = _open(browser, page_file)
    try:
        assert [g[0] for g in page.evaluate(ANALYSIS_GLYPHS_JS)] == ["VBar", "VBar"]
        assert errors == [] and guard.blocked == [], (errors, guard.blocked)
    finally:
        context.close()


def _expected_charts(app_dir: Path, state: dict[str, Any]) -> dict[str, Any]:
    """Chart id -> glyph data, and ``table:<id>`` -> row count, as build_view gives them."""
    app, files = open_app(app_dir)
    view = build_view(app, files, state=state, width=1280)
    widgets = [(s, w) for s in view["sections"] for w in s["widgets"] if "error" not in w]
    out: dict[str, Any] = {w["id"]: expected_glyphs(w, int(s["width"]) - 2 * PADDING)
                           for s, w in widgets if w["type"] == "chart"}
    out.update({f"table:{w['id']}": w["total_rows"] for _, w in widgets
                if w["type"] == "data_table"})
    return out


def _wait_charts(page: Any, want: dict[str, Any]) -> None:
    deadline = time.monotonic() + 30
    shown: dict[str, Any] = {}
    while time.monotonic() < deadline:
        shown = page.evaluate(GLYPHS_JS, "batuta:")
        shown.update({f"table:{k}": v for k, v in
                      page.evaluate(TABLES_JS, "batuta:").items()})
        if {k: shown.get(k) for k in want} == want:
            return
        time.sleep(0.2)
    assert {k: shown.get(k) for k in want} == want


@pytest.mark.parametrize("app_dir", APPS, ids=[a.name for a in APPS])
def test_app_export_is_offline_and_its_selects_switch_state(browser: Any, tmp_path: Path,
                                                            app_dir: Path) -> None:
    out = tmp_path / f"{app_dir.name}.html"
    done = subprocess.run([*BATUTA, "app", "export", str(app_dir), "-o", str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    context, page, errors, guard = _open(browser, out)
    try:
        _wait_charts(page, _expected_charts(app_dir, {}))
        app, files = open_app(app_dir)
        for ctl in (c for c in controls(build_view(app, files, width=1280)) if c.options):
            page.get_by_label(ctl.label).select_option(ctl.options[1])
            _wait_charts(page, _expected_charts(app_dir, {ctl.id: ctl.options[1]}))
            page.get_by_label(ctl.label).select_option(ctl.options[0])
        assert errors == [] and guard.blocked == [], (errors, guard.blocked)
    finally:
        context.close()


def test_broken_app_export_fails_with_the_validate_message(tmp_path: Path) -> None:
    bad = write_broken_app(tmp_path)
    validate = subprocess.run([*BATUTA, "app", "validate", str(bad)], capture_output=True,
                              text=True, timeout=60)
    export = subprocess.run([*BATUTA, "app", "export", str(bad), "-o", str(tmp_path / "x.html")],
                            capture_output=True, text=True, timeout=60)
    assert validate.returncode == export.returncode == 1
    assert "app.yaml:8:" in export.stderr and export.stderr == validate.stderr
    assert not (tmp_path / "x.html").exists()
