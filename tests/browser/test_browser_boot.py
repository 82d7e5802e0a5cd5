"""Cold start in real Chromium with every non-local request aborted; snapshot and normal boots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import LocalServer, boot_playground, new_context, run_js

pytestmark = pytest.mark.browser

CSP_PROBE = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));"""


def test_cold_start_makes_no_foreign_request(browser: Any, server: LocalServer,
                                             dist_dir: Path) -> None:
    context, guard = new_context(browser)
    try:
        context.add_init_script(CSP_PROBE)
        page = context.new_page()
        info = boot_playground(page, server.url)
        manifest = json.loads((dist_dir / "manifest.json").read_text())
        assert info["version"] == run_js(page, "return await window.batuta.version();")
        assert info["mode"] == ("snapshot" if manifest["snapshot"] else "normal")
        assert info["pyodide"] == "314.0.7"
        assert run_js(page, "return window.__cspViolations;") == []
        assert guard.blocked == [], guard.blocked
        assert any(u.endswith(".wasm") for u in guard.allowed)
        assert all(u.startswith(server.url) for u in guard.allowed)
    finally:
        context.close()


def test_csp_header_and_meta(server: LocalServer, browser: Any) -> None:
    context, guard = new_context(browser)
    try:
        page = context.new_page()
        response = page.goto(server.url)
        assert response is not None
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "'unsafe-eval'" not in csp
        meta = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert meta is not None and "script-src 'self' 'wasm-unsafe-eval'" in meta
        assert guard.blocked == []
    finally:
        context.close()


def test_broken_snapshot_falls_back_to_normal_boot(browser: Any, server: LocalServer,
                                                  dist_dir: Path) -> None:
    manifest = json.loads((dist_dir / "manifest.json").read_text())
    if not manifest["snapshot"]:
        pytest.fail("dist/ was built without a memory snapshot")
    context, guard = new_context(browser)
    try:
        # A corrupt snapshot (a stale cache, a Pyodide mismatch) must not break the page.
        context.route(f"**/{manifest['snapshot']}",
                      lambda route: route.fulfill(status=200, body=b"\0garbage" * 64))
        page = context.new_page()
        info = boot_playground(page, server.url)
        assert info["mode"] == "normal"
        assert info["fallbackReason"]
        assert run_js(page, "return await window.batuta.version();") == info["version"]
        assert guard.blocked == []
    finally:
        context.close()


def test_normal_boot_on_request(browser: Any, server: LocalServer) -> None:
    context, guard = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server.url + "manifest.json")  # a same-origin page without the playground
        out = run_js(page, """
          const b = await import("./batuta.js");
          const stages = [];
          const info = await b.init({ snapshot: false, onProgress: (s) => stages.push(s) });
          return { info, stages, v: await b.version() };""", timeout_s=120)
        assert "__error__" not in out, out
        assert out["info"]["mode"] == "normal"
        assert out["v"] == out["info"]["version"]
        assert out["stages"][-1] == "ready" and "packages" in out["stages"]
        assert guard.blocked == []
    finally:
        context.close()


def test_worker_missing_rejects_instead_of_hanging(browser: Any, server: LocalServer) -> None:
    context, _ = new_context(browser)
    try:
        context.route("**/worker.js", lambda route: route.fulfill(status=404, body=b"gone"))
        page = context.new_page()
        page.goto(server.url + "manifest.json")
        out = run_js(page, """const b = await import("./batuta.js");
                             await b.init(); return "booted";""", timeout_s=30)
        assert out["__error__"]["code"] == "BATUTA-W-002"
    finally:
        context.close()


def test_imports_come_from_the_build_time_bytecode(browser: Any, server: LocalServer,
                                                    dist_dir: Path) -> None:
    # Pyodide ships sources only; build.py adds bytecode made by this very interpreter. A
    # module first imported now must load from its .pyc (else every boot compiles again).
    site = json.loads((dist_dir / "manifest.json").read_text())["site"]
    context, guard = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server.url + "manifest.json")
        out = run_js(page, """
          const { loadPyodide } = await import("./pyodide/pyodide.mjs");
          const py = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
          const zip = await (await fetch(arg.path)).arrayBuffer();
          py.FS.writeFile(arg.mount, new Uint8Array(zip));
          py.globals.set("mount", arg.mount);
          return py.runPython(`import sys
sys.path.append(mount)
import tokenize, email.mime.text, batuta.analyze.code
[tokenize.__file__, batuta.analyze.code.__file__, "rich" in sys.modules,
 email.mime.text.__file__]`).toJs();""",
                     site, timeout_s=120)
        assert "__error__" not in out, out
        stdlib_file, batuta_file, rich_loaded, unused_file = out
        assert stdlib_file.endswith("/tokenize.pyc")
        # A module no Batuta session imports has no bytecode, and still imports, from source.
        assert unused_file.endswith("email/mime/text.py")
        assert batuta_file == f"{site['mount']}/batuta/analyze/code.pyc"
        assert not rich_loaded
        assert guard.blocked == []
    finally:
        context.close()
