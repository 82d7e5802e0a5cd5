"""The browser reads a survey.db: ``web/survey.html`` opens one offline (Pyodide's own sqlite3,
nothing fetched from any other host, and with the server stopped) and shows the same report as
``batuta survey-report --format json``; its charts are drawn at the device pixel ratio, as wide
as their column, and again after a resize or a new ratio. And the bundle never carries Dask."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import LocalServer, NetworkGuard, new_context, run_js
from chart_pixels import align, is_upscaled, rgba, title_ink

from batuta import api
from batuta.render.cpu import CpuEngine
from batuta.render.encoding import Encoding
from batuta.survey.runner import run_survey
from batuta.survey.sources import expand
from batuta.survey.store import SurveyStore

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
BOOT_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def dist() -> Path:
    dist = ROOT / "dist"
    if not (dist / "manifest.json").exists():
        import subprocess

        subprocess.run([sys.executable, str(ROOT / "build.py")], check=True, cwd=ROOT)
    return dist


@pytest.fixture(scope="module")
def survey_db(tmp_path_factory: pytest.TempPathFactory, sdist_sources: list[Path]) -> Path:
    db = tmp_path_factory.mktemp("survey") / "survey.db"
    bad = db.parent / "missing-project"
    store = SurveyStore(db)
    try:
        run_survey(expand([*map(str, sdist_sources[:6]), str(bad)]), store, workers=2)
    finally:
        store.close()
    return db


@pytest.fixture()
def page(browser: Any, dist: Path) -> Iterator[tuple[Any, Any, LocalServer]]:
    server = LocalServer(dist)
    server.start()
    context, guard = new_context(browser)
    try:
        tab = context.new_page()
        tab.goto(server.url + "survey.html")
        tab.wait_for_function("() => window.surveyPage && window.surveyPage.ready",
                              timeout=BOOT_TIMEOUT_MS)
        info = run_js(tab, "return await window.surveyPage.ready;", timeout_s=120)
        assert "__error__" not in info, info
        yield tab, guard, server
        assert guard.blocked == [], f"requests to other hosts were attempted: {guard.blocked}"
    finally:
        context.close()
        server.stop()


def open_db(tab: Any, path: Path) -> Any:
    before = tab.evaluate("window.surveyPage.count + window.surveyPage.errors")
    tab.set_input_files("#survey-input", path)
    tab.wait_for_function(f"() => window.surveyPage.count + window.surveyPage.errors > {before}",
                          timeout=60_000)
    return tab.evaluate("window.surveyPage")


def test_the_page_shows_the_native_report(page: tuple[Any, Any, LocalServer],
                                          survey_db: Path) -> None:
    tab, _, _ = page
    state = open_db(tab, survey_db)
    assert state["errors"] == 0, tab.text_content("#error")
    native = json.loads(json.dumps(api.survey_report(survey_db, "json")))
    assert state["last"]["report"] == native
    assert native["totals"]["sources"] == 7 and native["totals"]["failed"] == 1
    # The tables on the page are the ones the CLI prints, with the same totals.
    captions = tab.eval_on_selector_all("#tables caption", "els => els.map(e => e.textContent)")
    assert captions[:4] == ["Totals", "Languages across all sources", "Sources", "Failed sources"]
    code_cell = tab.text_content("#tables table:first-of-type tr:nth-child(5) td:nth-child(2)")
    assert code_cell is not None and code_cell.strip() == str(native["totals"]["code"])
    tab.wait_for_function("() => window.surveyPage.charts.length === 3", timeout=60_000)
    assert tab.locator("#charts canvas").count() == 3


def test_offline_and_bad_files(page: tuple[Any, Any, LocalServer], survey_db: Path,
                               tmp_path: Path) -> None:
    tab, _, server = page
    server.stop()  # booted: the report needs nothing more from any server
    state = open_db(tab, survey_db)
    assert state["errors"] == 0, tab.text_content("#error")
    assert state["last"]["report"]["totals"] == api.survey_report(survey_db, "json")["totals"]
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"this is not a database" * 10)
    state = open_db(tab, not_db)
    assert state["errors"] == 1
    assert (tab.text_content("#error") or "").startswith("BATUTA-X-041: ")
    wrong = run_js(tab, "return await window.batuta.survey_report('survey.db');")
    assert wrong["__error__"]["code"] == "BATUTA-X-001"


def test_the_bundle_never_carries_dask(dist: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import build

    assert not any(r.split("=")[0].lower() in ("dask", "distributed")
                   for r in build.runtime_requirements())
    manifest = json.loads((dist / "manifest.json").read_text())
    wheels = " ".join(manifest["wheels"]).lower()
    assert "batuta-" in wheels and "dask" not in wheels and "distributed" not in wheels
    assert "survey.html" in manifest["files"] and "survey.js" in manifest["files"]


def _drawn_charts(browser: Any, dist: Path, db: Path, scale: float,
                  then: Any = None) -> dict[str, Any]:
    """Open ``db`` on the survey page at device pixel ratio ``scale``: each chart canvas'
    backing and CSS sizes, the column's width, the first chart's screenshot (device pixels),
    and what ``then(tab)`` returns when given (a resize or a new ratio, after the first draw)."""
    server = LocalServer(dist)
    server.start()
    context = browser.new_context(device_scale_factor=scale, viewport=VIEWPORT,
                                  service_workers="block")
    guard = NetworkGuard()
    guard.attach(context)
    try:
        tab = context.new_page()
        tab.goto(server.url + "survey.html")
        tab.wait_for_function("() => window.surveyPage && window.surveyPage.ready",
                              timeout=BOOT_TIMEOUT_MS)
        run_js(tab, "return await window.surveyPage.ready;", timeout_s=120)
        state = open_db(tab, db)
        assert state["errors"] == 0, tab.text_content("#error")
        tab.wait_for_function("() => window.surveyPage.charts.length === 3", timeout=60_000)
        info: dict[str, Any] = {"canvases": _canvases(tab), "column": _column(tab)}
        info["shot"] = rgba(tab.locator("#charts canvas").first.screenshot(
            scale="device", animations="disabled"))
        if then is not None:
            info["then"] = then(tab)
        assert guard.blocked == []
        return info
    finally:
        context.close()
        server.stop()


def _canvases(tab: Any) -> list[list[Any]]:
    """[backing width, backing height, CSS width, CSS height, pixel ratio] of each chart."""
    return list(tab.eval_on_selector_all("#charts canvas", """els => els.map(c =>
        [c.width, c.height, c.clientWidth, c.clientHeight, c.dataset.pixelRatio])"""))


def _column(tab: Any) -> int:
    return int(tab.evaluate("document.getElementById('charts').clientWidth"))


def _redrawn(tab: Any, viewport: dict[str, int], ratio: float) -> dict[str, Any]:
    """Resize the page to ``viewport`` at device pixel ratio ``ratio`` (CDP device metrics, as a
    window dragged to another screen) and wait for the charts drawn again at that size."""
    before = tab.evaluate("window.surveyPage.redraws")
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Emulation.setDeviceMetricsOverride", {**viewport, "deviceScaleFactor": ratio,
                                                    "mobile": False})
    tab.wait_for_function(f"""() => window.surveyPage.redraws > {before} &&
        window.surveyPage.charts.length === 3""", timeout=60_000)
    return {"canvases": _canvases(tab), "column": _column(tab),
            "dpr": tab.evaluate("window.devicePixelRatio")}


def test_charts_follow_the_device_pixel_ratio_and_the_column(browser: Any, dist: Path,
                                                               survey_db: Path) -> None:
    """At DPR 2 each chart's backing store is twice its CSS size, which is its column's width;
    what the screen shows is the renderer's own 2x drawing (the CPU reference, pixel by pixel)
    with the title's ink twice as tall as at DPR 1 and not upscaled; a resize to a narrower
    window on a 2x screen draws the charts again, narrower and still at 2x."""
    narrow = {"width": 700, "height": 800}
    one = _drawn_charts(browser, dist, survey_db, 1, lambda tab: _redrawn(tab, narrow, 2))
    two = _drawn_charts(browser, dist, survey_db, 2)
    for got, k in ((one, 1), (two, 2)):
        assert len(got["canvases"]) == 3
        for width, height, css_w, css_h, ratio in got["canvases"]:
            assert (width, height) == (k * css_w, k * css_h) and ratio == str(k)
            assert css_w == got["column"], "a chart is as wide as its column"
    assert two["canvases"][0][2:4] == one["canvases"][0][2:4]  # same CSS size at both ratios
    # The screen shows the renderer's 2x drawing of the same chart, device pixel for pixel.
    css_w = two["canvases"][0][2]
    enc = api.survey_report(survey_db, "charts", css_w, 2)[0]["encoding"]
    native = np.frombuffer(CpuEngine().render(Encoding.from_json(enc)), np.uint8).reshape(
        enc["height"], enc["width"], 4)
    screen, agree = align(two["shot"], native)
    assert screen.shape == native.shape and agree > 0.99, f"{agree:.4f} of pixels agree"
    # Measured text: the title's ink is twice as tall, and sits twice as low, at DPR 2.
    t1, h1 = title_ink(one["shot"], 40)
    t2, h2 = title_ink(screen, 80)
    assert abs(h2 - 2 * h1) <= 2 and abs(t2 - 2 * t1) <= 2, ((t1, h1), (t2, h2))
    assert not is_upscaled(screen[: t2 + h2], t2)
    # Resized to 700 px on a 2x screen: drawn again for the narrower column, at 2x.
    after = one["then"]
    assert after["dpr"] == 2 and after["column"] < one["column"]
    for width, height, css_w, css_h, ratio in after["canvases"]:
        assert (width, height) == (2 * css_w, 2 * css_h) and ratio == "2"
        assert css_w == after["column"]
