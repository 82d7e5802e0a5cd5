"""The YAML app runner (web/app.html) in real Chromium: load, filter by a select, score parity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, LocalServer, new_context, run_js

from batuta._serialize import to_jsonable
from batuta.app import build_view, open_app, score

pytestmark = pytest.mark.browser

APPS = ROOT / "static" / "apps"
WAIT_MS = 120_000


def _open(browser: Any, server: LocalServer, name: str) -> tuple[Any, Any, Any]:
    context, guard = new_context(browser)
    page = context.new_page()
    page.goto(f"{server.url}app.html?app=static/apps/{name}/app.yaml")
    page.wait_for_function("() => window.batutaApp && (window.batutaApp.view || "
                           "document.querySelector('[data-testid=app-error]'))", timeout=WAIT_MS)
    return context, guard, page


def _widget(view: dict[str, Any], wid: str) -> dict[str, Any]:
    return next(w for s in view["sections"] for w in s["widgets"] if w["id"] == wid)


def _chart(page: Any, wid: str) -> tuple[int, dict[str, Any]]:
    canvas = page.locator(f"[data-testid=chart-{wid}]")
    return int(canvas.get_attribute("data-points")), json.loads(canvas.get_attribute("data-series"))


def test_select_filters_the_chart(browser: Any, server: LocalServer) -> None:
    context, guard, page = _open(browser, server, "dataset-explorer")
    try:
        drawn = "[data-testid=chart-harvest_chart][data-renderer]"
        page.wait_for_selector(drawn, timeout=WAIT_MS)
        assert page.get_attribute(drawn, "data-renderer") == "webgpu"
        pixels_all = page.locator(drawn).screenshot()
        points_all, series_all = _chart(page, "harvest_chart")
        app, files = open_app(APPS / "dataset-explorer")
        native_all = _widget(build_view(app, files), "harvest_chart")
        assert points_all == native_all["points"] and series_all == native_all["series"]

        version = page.locator("#app-root").get_attribute("data-version")
        page.select_option("[data-testid=select-region]", "North")
        page.wait_for_function(f"() => document.querySelector('#app-root').dataset.version "
                               f"!== '{version}'", timeout=WAIT_MS)
        points_north, series_north = _chart(page, "harvest_chart")
        native_north = _widget(build_view(app, files, state={"region": "North"}),
                               "harvest_chart")
        assert 0 < points_north < points_all
        assert series_north == native_north["series"]
        page.wait_for_selector(drawn, timeout=WAIT_MS)
        assert page.get_attribute(drawn, "data-renderer") == "webgpu"
        assert page.locator(drawn).screenshot() != pixels_all  # the drawn chart changed too
        assert page.locator("[data-testid=select-region]").input_value() == "North"
        rows = page.locator("[data-testid=table-harvest_table] tbody tr td:first-child")
        assert set(rows.all_inner_texts()) == {"North"}
        assert guard.blocked == []
    finally:
        context.close()


@pytest.mark.parametrize("name", ["dataset-explorer", "converter-playground",
                                  "migration-dashboard"])
def test_score_is_the_same_in_the_browser(browser: Any, server: LocalServer, name: str) -> None:
    context, guard, page = _open(browser, server, name)
    try:
        in_browser = run_js(page, "return window.batutaApp.score;")
        app, files = open_app(APPS / name)
        assert in_browser == to_jsonable(score(app, files))
        status = page.locator("[data-testid=status]").inner_text()
        assert f"{in_browser['score']:.1f}/100 ({in_browser['grade']})" in status
        assert page.locator("[data-testid=app-error]").count() == 0
        assert guard.blocked == []
    finally:
        context.close()


def test_button_runs_the_conversion(browser: Any, server: LocalServer) -> None:
    context, guard, page = _open(browser, server, "converter-playground")
    try:
        code = "import numpy as np\nx = np.zeros(3)\n"
        page.fill("[data-testid=input-source_code]", code)
        version = page.locator("#app-root").get_attribute("data-version")
        page.click("[data-testid=button-convert_button]")
        page.wait_for_function(f"() => document.querySelector('#app-root').dataset.version "
                               f"!== '{version}'", timeout=WAIT_MS)
        got = _widget(run_js(page, "return window.batutaApp.view;"), "rust_output")
        app, files = open_app(APPS / "converter-playground")
        want = _widget(build_view(app, files, state={"source_code": code,
                                                     "convert_button": 1}), "rust_output")
        assert got == to_jsonable(want)
        assert got["code"] == code
        assert got.get("result") or got.get("error")
        assert guard.blocked == []
    finally:
        context.close()


def test_migration_dashboard_runs(browser: Any, server: LocalServer, dist_dir: Path) -> None:
    context, guard, page = _open(browser, server, "migration-dashboard")
    try:
        assert page.locator("[data-testid=metric-primary_language]").inner_text() == "Python"
        points, series = _chart(page, "language_chart")
        assert points == len(series["x"]) > 0
        assert guard.blocked == []
    finally:
        context.close()


def test_open_a_local_app_folder(browser: Any, server: LocalServer, tmp_path: Path) -> None:
    folder = tmp_path / "my-app"
    folder.mkdir()
    for name in ("app.yaml", "harvest.csv"):
        (folder / name).write_bytes((APPS / "dataset-explorer" / name).read_bytes())
    (tmp_path / "secret.csv").write_text("region,month,fruit,kg\nX,1,x,1\n")
    context, guard = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{server.url}app.html")
        page.wait_for_function("() => window.batutaAppReady === true", timeout=WAIT_MS)
        page.set_input_files("[data-testid=open-folder]", str(folder))
        page.wait_for_function("() => window.batutaApp.view", timeout=WAIT_MS)
        points, _ = _chart(page, "harvest_chart")
        assert points == 69
        assert page.locator("[data-testid=metric-total_kg]").inner_text().endswith("kg")
        assert guard.blocked == []
    finally:
        context.close()


def test_unsafe_app_shows_its_error_code(browser: Any, server: LocalServer,
                                         tmp_path: Path) -> None:
    folder = tmp_path / "bad-app"
    folder.mkdir()
    (folder / "app.yaml").write_text("name: !!python/object/apply:os.system ['id']\n")
    context, guard = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{server.url}app.html")
        page.wait_for_function("() => window.batutaAppReady === true", timeout=WAIT_MS)
        page.set_input_files("[data-testid=open-folder]", str(folder))
        page.wait_for_function("() => document.querySelector('[data-testid=app-error]')",
                               timeout=WAIT_MS)
        assert "BATUTA-X-012" in page.locator("[data-testid=app-error]").inner_text()
        assert guard.blocked == []
    finally:
        context.close()


def test_analysis_source_from_a_project_folder(browser: Any, server: LocalServer) -> None:
    from batuta.api import analyze_project

    context, guard, page = _open(browser, server, "migration-dashboard")
    try:
        version = page.locator("#app-root").get_attribute("data-version")
        page.set_input_files("[data-testid=open-project]", str(ROOT / "static" / "sample-project"))
        page.wait_for_function(f"() => document.querySelector('#app-root').dataset.version "
                               f"!== '{version}'", timeout=WAIT_MS)
        analysis = to_jsonable(analyze_project(ROOT / "static" / "sample-project"))
        in_page = run_js(page, "return window.batutaApp.analysis;")
        assert in_page["languages"] == analysis["languages"]
        app, files = open_app(APPS / "migration-dashboard")
        want = _widget(build_view(app, files, analysis=analysis), "code_lines")["text"]
        assert page.locator("[data-testid=metric-code_lines]").inner_text() == want
        assert run_js(page, "return window.batutaApp.score;") == to_jsonable(
            score(app, files, analysis=analysis))
        assert guard.blocked == []
    finally:
        context.close()
