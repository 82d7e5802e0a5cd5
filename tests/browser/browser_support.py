"""Helpers for the browser tests: local server, network guard, bounded page evaluation.

Kept out of conftest.py so test modules can import them by a unique module name.
"""

from __future__ import annotations

import http.server
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
import build  # noqa: E402  (build.py lives at the repo root)

BOOT_TIMEOUT_S = 120.0
CALL_TIMEOUT_S = 60.0


class LocalServer:
    """``dist/`` on 127.0.0.1 with a fixed port across stop() / start()."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist
        self.port = build.free_port(0)
        self.httpd: http.server.ThreadingHTTPServer | None = None
        self.requests: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        if self.httpd is None:
            self.httpd, _ = build.start_server(self.dist, self.port)

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None


class NetworkGuard:
    """Aborts and records every request that is not for 127.0.0.1."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.allowed: list[str] = []

    def handle(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1":
            self.allowed.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def attach(self, context: Any) -> None:
        context.route("**/*", self.handle)


def new_context(browser: Any, *, service_workers: str = "block") -> tuple[Any, NetworkGuard]:
    """A fresh browser context whose every request goes through a NetworkGuard."""
    context = browser.new_context(service_workers=service_workers)
    guard = NetworkGuard()
    guard.attach(context)
    return context, guard


def run_js(page: Any, body: str, arg: Any = None, timeout_s: float = CALL_TIMEOUT_S) -> Any:
    """Evaluate ``async (arg) => { body }`` in the page, failing after ``timeout_s`` seconds.

    Rejections come back as ``{"__error__": {"code", "message"}}`` so tests can assert codes.
    """
    script = f"""async (arg) => {{
      const timeout = new Promise((_, reject) => setTimeout(
        () => reject(Object.assign(new Error("timed out in the page"), {{code: "TIMEOUT"}})),
        {int(timeout_s * 1000)}));
      try {{
        return await Promise.race([(async () => {{ {body} }})(), timeout]);
      }} catch (err) {{
        const message = String(err && err.message || err);
        return {{ __error__: {{ code: err && err.code || null, message }} }};
      }}
    }}"""
    return page.evaluate(script, arg)


def boot_playground(page: Any, url: str, timeout_s: float = BOOT_TIMEOUT_S) -> dict[str, Any]:
    """Open the playground and wait (bounded) until Python is ready; returns init()'s info."""
    page.goto(url)
    page.wait_for_function("() => window.playground && window.playground.ready",
                           timeout=timeout_s * 1000)
    info = run_js(page, "return await window.playground.ready;", timeout_s=timeout_s)
    assert "__error__" not in info, info
    return info  # type: ignore[no-any-return]


def native_call(name: str, *args: Any) -> Any:
    """What the bridge answers natively for the same call (the reference for browser results)."""
    from batuta import bridge

    return json.loads(bridge.call(name, json.dumps(list(args))))


def strip_volatile(result: Any) -> Any:
    """Drop fields that legitimately differ between runs (timings)."""
    if isinstance(result, dict):
        return {k: strip_volatile(v) for k, v in result.items() if k != "duration_s"}
    if isinstance(result, list):
        return [strip_volatile(v) for v in result]
    return result


