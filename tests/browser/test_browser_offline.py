"""PWA: after one visit the service worker has everything; with the server stopped a reload
still boots Python and analyzes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser_support import LocalServer, boot_playground, new_context, run_js

pytestmark = pytest.mark.browser


def test_reload_with_server_stopped_still_works(browser: Any, server: LocalServer) -> None:
    context, guard = new_context(browser, service_workers="allow")
    try:
        page = context.new_page()
        first = boot_playground(page, server.url)
        # Wait (bounded) until the service worker is active, controls the page and has cached
        # every file of the build.
        cached = run_js(page, """
          await window.playground.sw;
          await navigator.serviceWorker.ready;
          while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 100));
          const manifest = await (await fetch("manifest.json")).json();
          const name = (await caches.keys()).find((k) => k.startsWith("batuta-"));
          const cache = await caches.open(name);
          const missing = [];
          for (const f of Object.keys(manifest.files)) if (!(await cache.match(f))) missing.push(f);
          return { missing, total: Object.keys(manifest.files).length };""", timeout_s=120)
        assert cached["missing"] == [] and cached["total"] > 20, cached
        server.stop()
        try:
            offline = boot_playground(page, server.url)  # a fresh navigation, server gone
            assert offline["version"] == first["version"]
            out = run_js(page, "return await window.batuta.analyze_code("
                               "'import numpy as np\\nnp.zeros(3)\\n', 'off.py');")
            assert out["has_numpy"] is True and out["frameworks"][0]["symbol"] == "numpy.zeros"
            # The sample project is precached too.
            sample = run_js(page, """const r = await fetch("sample-project.zip");
                                     return r.ok ? (await r.arrayBuffer()).byteLength : 0;""")
            assert sample > 1000
            # And the server really is gone: a URL outside the precache list fails.
            assert run_js(page, "try { await fetch('not-cached.txt'); return 'fetched'; }"
                                " catch (e) { return 'failed'; }") == "failed"
        finally:
            server.start()
        assert guard.blocked == []
    finally:
        context.close()


WAIT_FOR_CONTROL = """await window.playground.sw;
  await navigator.serviceWorker.ready;
  while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 100));
  return (await caches.keys()).filter((k) => k.startsWith("batuta-")).sort();"""


def test_a_new_build_waits_until_the_user_takes_it(browser: Any, dist_dir: Path,
                                                   tmp_path: Path) -> None:
    # A page of the old build keeps its own files while the new build installs beside it;
    # the page offers the update, and taking it reloads into the new build alone.
    dist = tmp_path / "dist"
    shutil.copytree(dist_dir, dist)
    server = LocalServer(dist)
    server.start()
    context, guard = new_context(browser, service_workers="allow")
    try:
        page = context.new_page()
        boot_playground(page, server.url)
        old_build = json.loads((dist / "manifest.json").read_text())["build"]
        assert run_js(page, WAIT_FOR_CONTROL, timeout_s=120) == [f"batuta-{old_build}"]
        assert page.is_hidden("#update")

        new_build = old_build + "-next"  # what a rebuild with other inputs gives
        for name in ("sw.js", "manifest.json"):
            path = dist / name
            path.write_text(path.read_text().replace(old_build, new_build))
        assert run_js(page, """const reg = await navigator.serviceWorker.getRegistration();
                        await reg.update();
                        while (!window.playground.updateReady) {
                          await new Promise((r) => setTimeout(r, 100));
                        }
                        return true;""", timeout_s=120) is True
        assert page.is_visible("#update")
        still = run_js(page, "return await window.batuta.analyze_code('import torch\\n', 'a.py');")
        assert still["has_pytorch"] is True  # the old build goes on working meanwhile

        with page.expect_navigation(timeout=60_000):
            page.click("#update-btn")
        boot_playground(page, server.url)
        assert run_js(page, WAIT_FOR_CONTROL, timeout_s=120) == [f"batuta-{new_build}"]
        assert page.is_hidden("#update")
        assert guard.blocked == []
    finally:
        context.close()
        server.stop()


def test_a_first_visit_downloads_each_file_once(browser: Any, server: LocalServer,
                                                dist_dir: Path) -> None:
    # The worker and the service worker's precache read through one cache under one lock a
    # file, and the page's own files revalidate (304) instead of downloading again. No route
    # here: Playwright's routing turns the HTTP cache off, so foreign requests are recorded
    # from the request events instead.
    context = browser.new_context(service_workers="allow")
    bodies: dict[str, int] = {}
    foreign: list[str] = []
    encodings: dict[str, str] = {}

    def finished(request: Any) -> None:
        response = request.response()
        if not request.url.startswith(server.url):
            foreign.append(request.url)
        elif response is not None and response.status == 200 \
                and request.sizes()["responseBodySize"] > 0:
            bodies[request.url] = bodies.get(request.url, 0) + 1
            encodings[request.url] = response.headers.get("content-encoding", "")

    context.on("requestfinished", finished)
    try:
        page = context.new_page()
        boot_playground(page, server.url)
        assert run_js(page, WAIT_FOR_CONTROL, timeout_s=120)
        page.wait_for_timeout(500)  # the last requestfinished events
        manifest = json.loads((dist_dir / "manifest.json").read_text())
        twice = sorted(u for u, n in bodies.items() if n > 1)
        assert twice == [], f"downloaded more than once: {twice}"
        for rel in (manifest["snapshot"], "pyodide/pyodide.asm.wasm", "batuta.js"):
            if rel:  # every one came once, compressed (build.py's .br copies)
                assert bodies.get(server.url + rel) == 1, (rel, bodies)
                assert encodings[server.url + rel] == "br", rel
        assert foreign == []
    finally:
        context.close()
