"""``<batuta-oracle>`` on the documentation demo page: answers on the shared Worker, offline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import BOOT_TIMEOUT_S, LocalServer, NetworkGuard, new_context

pytestmark = pytest.mark.browser


@pytest.fixture()
def docs_page(browser: Any, server: LocalServer) -> Iterator[tuple[Any, NetworkGuard]]:
    context, guard = new_context(browser)
    page = context.new_page()
    try:
        yield page, guard
    finally:
        context.close()


def test_oracle_element_answers_and_asks_again(docs_page: tuple[Any, NetworkGuard],
                                               server: LocalServer) -> None:
    page, guard = docs_page
    errors: list[str] = []
    workers: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("worker", lambda w: workers.append(w.url))
    page.goto(server.url + "docs-demo.html")
    oracle = page.locator("#oracle-example")
    oracle.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('#oracle-example')"
                           ".getAttribute('state') === 'ready'", timeout=BOOT_TIMEOUT_S * 1000)
    text = oracle.evaluate("e => e.shadowRoot.textContent")
    assert "aprender (90%)" in text and "aprender::tree::RandomForestClassifier" in text
    assert "RandomForestClassifier::new(100)" in oracle.evaluate(
        "e => e.shadowRoot.querySelector('pre.example').textContent")
    workers = page.evaluate("() => performance.getEntriesByType('resource')"
                            ".filter(r => r.name.endsWith('worker.js')).length")
    assert workers == 1  # the elements share one Worker
    page.evaluate("""() => { const e = document.querySelector('#oracle-example');
      const i = e.shadowRoot.querySelector('input'); i.value = 'k-means clustering';
      e.shadowRoot.querySelector('form').requestSubmit(); }""")
    page.wait_for_function("() => document.querySelector('#oracle-example').shadowRoot"
                           ".textContent.includes('aprender::cluster::KMeans')", timeout=30_000)
    assert errors == [] and guard.blocked == []
