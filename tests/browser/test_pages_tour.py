"""A scripted tour of app.html, the documentation demo and the PyScript page (issue 17): after
each action, at three viewports and in both themes, no horizontal overflow, the outcome in view,
no console error, no foreign request, no serious or critical axe-core violation, every control
reachable by keyboard, and screenshots in test-artifacts/pages-tour/ (see tour_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import BOOT_TIMEOUT_S, CALL_TIMEOUT_S, ROOT, LocalServer, new_context
from tour_support import Tour

pytestmark = pytest.mark.browser

WAIT_MS = BOOT_TIMEOUT_S * 1000
BAD_APP = """presentar: "0.1"
name: broken
version: 1.0.0
layout:
  sections:
    - id: s
      widgets:
        - {type: slider, id: r, label: Range, min: 10, max: 1}
"""


@pytest.fixture()
def tour_page(browser: Any) -> Iterator[tuple[Any, Any]]:
    context, guard = new_context(browser)
    page = context.new_page()
    try:
        yield page, guard
    finally:
        context.close()


def _next_version(page: Any, action: Any) -> None:
    version = page.locator("#app-root").get_attribute("data-version")
    action()
    page.wait_for_function(f"() => document.querySelector('#app-root').dataset.version "
                           f"!== {version!r}", timeout=WAIT_MS)


def test_app_runner_tour(tour_page: tuple[Any, Any], server: LocalServer,
                         tmp_path: Path) -> None:
    page, guard = tour_page
    tour = Tour("app")
    tour.watch(page)
    page.goto(server.url + "app.html")
    page.wait_for_function("() => window.batutaAppReady === true", timeout=WAIT_MS)
    assert page.locator("#landing .cards li").count() == 4
    tour.check(page, "landing", "#landing", keyboard=True)

    page.click("text=Dataset explorer >> nth=1")  # the landing card (nth=0 is the nav link)
    page.wait_for_function("() => window.batutaApp && window.batutaApp.view", timeout=WAIT_MS)
    tour.check(page, "dataset", "[data-testid=widget-total_kg]", keyboard=True)
    before = page.locator("[data-testid=metric-total_kg]").inner_text()
    _next_version(page, lambda: page.select_option("[data-testid=select-region]", "North"))
    assert page.locator("[data-testid=metric-total_kg]").inner_text() != before
    tour.check(page, "dataset-north", "[data-testid=widget-total_kg]")

    page.goto(server.url + "app.html?app=static/apps/model-sizes/app.yaml")
    page.wait_for_function("() => window.batutaApp && window.batutaApp.view", timeout=WAIT_MS)
    _next_version(page, lambda: page.fill("[data-testid=slider-params-high]", "50"))
    assert page.locator("[data-testid=slider-text-params]").inner_text() == "0 – 50 M"
    tour.check(page, "slider", "[data-testid=widget-params]", keyboard=True)

    page.goto(server.url + "app.html?app=static/apps/migration-dashboard/app.yaml")
    page.wait_for_function("() => window.batutaApp && window.batutaApp.view", timeout=WAIT_MS)
    sample = ROOT / "static" / "sample-project"
    _next_version(page, lambda: page.set_input_files("[data-testid=open-project]", str(sample)))
    tour.check(page, "project", "[data-testid=widget-primary_language]")

    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "app.yaml").write_text(BAD_APP)
    _next_version(page, lambda: page.set_input_files("[data-testid=open-folder]", str(folder)))
    error = page.locator("[data-testid=app-error]")
    assert "max greater than min" in error.inner_text()
    assert page.locator("#app-title").inner_text() == "Cannot open broken/app.yaml"
    width = error.bounding_box()["width"]
    assert width > 0.8 * (page.viewport_size["width"] - 32)  # full width, not one grid column
    tour.check(page, "bad-app", "[data-testid=app-error]")
    tour.assert_clean()
    assert guard.blocked == []


def _element_state(page: Any, selector: str, state: str) -> None:
    page.wait_for_function(f"() => document.querySelector({selector!r})"
                           f".getAttribute('state') === {state!r}", timeout=WAIT_MS)


def test_docs_demo_tour(tour_page: tuple[Any, Any], server: LocalServer) -> None:
    page, guard = tour_page
    tour = Tour("docs")
    tour.watch(page)
    page.goto(server.url + "docs-demo.html")
    _element_state(page, "#numpy-example", "ready")
    _element_state(page, "#sklearn-example", "ready")
    tour.check(page, "converted", "#numpy-example >>> pre.rust", keyboard=True)
    rust = page.locator("#numpy-example pre.rust").inner_text()

    editor = page.locator("#numpy-example textarea")
    editor.fill("import numpy as np\nc = np.dot(a, b\n")  # a syntax error while typing
    _element_state(page, "#numpy-example", "error")
    status = page.locator("#numpy-example .status").inner_text()
    assert "Working" not in status and "error" in status
    assert page.locator("#numpy-example pre.rust").inner_text() == rust  # kept, marked older
    tour.check(page, "syntax-error", "#numpy-example >>> .error")

    editor.fill("import numpy as np\nc = np.dot(a, b)\n")
    _element_state(page, "#numpy-example", "ready")
    assert page.locator("#numpy-example .error").count() == 0  # the error is cleared
    tour.check(page, "fixed", "#numpy-example >>> pre.rust")

    oracle = page.locator("#oracle-example input")
    oracle.scroll_into_view_if_needed()
    _element_state(page, "#oracle-example", "ready")
    oracle.fill("which crate runs a linear regression")
    oracle.press("Enter")
    _element_state(page, "#oracle-example", "ready")
    tour.check(page, "oracle", "#oracle-example", keyboard=True)
    tour.assert_clean()
    assert guard.blocked == []


def test_pyscript_tour(tour_page: tuple[Any, Any], server: LocalServer) -> None:
    page, guard = tour_page
    tour = Tour("pyscript")
    tour.watch(page)
    page.goto(server.url + "pyscript.html")
    page.wait_for_function("() => document.body.dataset.batuta === 'ready'", timeout=WAIT_MS)
    tour.check(page, "ready", "#summary", keyboard=True)
    page.locator("#code").fill("def broken(:\n    pass\n")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_function("() => document.querySelector('#error').textContent",
                           timeout=CALL_TIMEOUT_S * 1000)
    tour.check(page, "syntax-error", "#error")
    tour.assert_clean()
    assert guard.blocked == []
