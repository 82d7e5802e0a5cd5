"""The PyScript page: ``<script type="py">`` imports batuta from local wheels, offline.

The page is booted once per module with every non-local request aborted; its results are
compared with native ``analyze_code`` for the page's own example and for edited code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import BOOT_TIMEOUT_S, CALL_TIMEOUT_S, LocalServer, NetworkGuard, new_context

pytestmark = pytest.mark.browser

EDITED = """import torch

def forward(x, w):
    while x is not None:
        x = torch.matmul(x, w)
    return x
"""


@pytest.fixture(scope="module")
def pyscript_page(browser: Any, server: LocalServer) -> Iterator[tuple[Any, NetworkGuard]]:
    context, guard = new_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + "pyscript.html")
    try:
        page.wait_for_function("() => document.body.dataset.batuta === 'ready'",
                               timeout=BOOT_TIMEOUT_S * 1000)
    except Exception as exc:
        raise AssertionError(f"PyScript did not finish: page errors {errors}") from exc
    try:
        yield page, guard
    finally:
        context.close()


def native(code: str) -> Any:
    from batuta import analyze_code
    from batuta._serialize import to_jsonable

    return json.loads(json.dumps(to_jsonable(analyze_code(code, "example.py")), sort_keys=True))


def test_config_names_the_local_interpreter_and_every_wheel(dist_dir: Path) -> None:
    config = json.loads((dist_dir / "pyscript.json").read_text())
    manifest = json.loads((dist_dir / "manifest.json").read_text())
    assert config["interpreter"] == "./pyodide/pyodide.mjs"
    assert config["packages"] == [f"./{w}" for w in sorted(manifest["wheels"])]
    assert all((dist_dir / p).is_file() for p in config["packages"])
    assert (dist_dir / "pyscript" / "core.js").is_file()


def test_pyscript_page_matches_native_analyze_code_offline(
        pyscript_page: tuple[Any, NetworkGuard], server: LocalServer) -> None:
    page, guard = pyscript_page
    code = page.locator("#code").input_value()
    assert json.loads(page.locator("#result").inner_text()) == native(code)
    assert "NumPy, scikit-learn" in page.locator("#summary").inner_text()
    assert guard.blocked == [], guard.blocked
    assert any(u.endswith("pyodide.asm.wasm") for u in guard.allowed)
    assert any("/wheels/batuta-" in u for u in guard.allowed)
    assert all(u.startswith(server.url) for u in guard.allowed)


def test_pyscript_button_reanalyzes_edited_code(pyscript_page: tuple[Any, NetworkGuard]) -> None:
    page, guard = pyscript_page
    page.locator("#code").fill(EDITED)
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_function("() => document.querySelector('#summary').textContent"
                           ".includes('PyTorch')", timeout=CALL_TIMEOUT_S * 1000)
    assert json.loads(page.locator("#result").inner_text()) == native(EDITED)
    # Bad input reaches Python and comes back as a typed, readable message.
    page.locator("#code").fill("x = 1\n" + "y" * 1_100_000)
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_function("() => document.querySelector('#error').textContent"
                           ".includes('BATUTA-X-002')", timeout=CALL_TIMEOUT_S * 1000)
    assert page.locator("#result").inner_text() == ""  # no stale result beside the error
    assert guard.blocked == []


def test_pyscript_reports_a_syntax_error_and_prints_pretty_json(
        pyscript_page: tuple[Any, NetworkGuard]) -> None:
    page, guard = pyscript_page
    page.locator("#code").fill("def broken(:\n    pass\n")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_function("() => document.querySelector('#error').textContent"
                           ".includes('does not parse')", timeout=CALL_TIMEOUT_S * 1000)
    assert "syntax error" in page.locator("[role=alert]#error").inner_text()
    text = page.locator("#result").inner_text()
    assert json.loads(text)["parse_error"] and "\n  \"" in text  # indented, one key a line
    page.locator("#code").fill("x = 1\n")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_function("() => document.querySelector('#error').textContent === ''",
                           timeout=CALL_TIMEOUT_S * 1000)  # the next good run clears it
    # the JSON box scrolls inside itself: the page never gets wider than the window
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert guard.blocked == []


def test_pyscript_page_csp_allows_eval_only_there(server: LocalServer, browser: Any) -> None:
    context, _ = new_context(browser)
    try:
        page = context.new_page()
        ps = page.goto(server.url + "pyscript.html")
        assert ps is not None and "'unsafe-eval'" in ps.headers["content-security-policy"]
        docs = page.goto(server.url + "docs-demo.html")
        assert docs is not None and "'unsafe-eval'" not in docs.headers["content-security-policy"]
    finally:
        context.close()
