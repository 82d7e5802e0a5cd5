"""Browser test fixtures: the built ``dist/`` served on 127.0.0.1, a network guard, bounded waits.

* ``dist_dir``: builds ``dist/`` with ``python build.py`` when it is missing (CI builds first).
* ``server``: a local HTTP server for ``dist/`` that tests can stop and restart on the same port
  (same origin, so the service worker and IndexedDB survive the restart).
* ``guard``: routes every request of a browser context; anything not on 127.0.0.1 is aborted
  and recorded, and the test asserts the record is empty.
* ``run_js``: ``page.evaluate`` with a timeout (a Promise that never settles would hang pytest).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, LocalServer, NetworkGuard, boot_playground, new_context


@pytest.fixture(scope="session")
def dist_dir() -> Path:
    """The built bundle; built here when missing so the tests never run against nothing."""
    dist = ROOT / "dist"
    if not (dist / "manifest.json").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], check=True, cwd=ROOT)
    return dist


@pytest.fixture(scope="module")
def server(dist_dir: Path) -> Iterator[LocalServer]:
    srv = LocalServer(dist_dir)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def booted(browser: Any, server: LocalServer) -> Iterator[tuple[Any, NetworkGuard, dict[str, Any]]]:
    """One playground page per test module, booted once, with the network guard on."""
    context, guard = new_context(browser)
    page = context.new_page()
    info = boot_playground(page, server.url)
    try:
        yield page, guard, info
    finally:
        context.close()


@pytest.fixture()
def bpage(booted: tuple[Any, NetworkGuard, dict[str, Any]]) -> Any:
    page, guard, _ = booted
    yield page
    assert guard.blocked == [], f"requests to other hosts were attempted: {guard.blocked}"
