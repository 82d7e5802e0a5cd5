"""The browser reads a survey.db: ``web/survey.html`` opens one offline (Pyodide's own sqlite3,
nothing fetched from any other host, and with the server stopped) and shows the same report as
``batuta survey-report --format json``. And the bundle never carries Dask."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import LocalServer, new_context, run_js

from batuta import api
from batuta.survey.runner import run_survey
from batuta.survey.sources import expand
from batuta.survey.store import SurveyStore

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
BOOT_TIMEOUT_MS = 120_000


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
