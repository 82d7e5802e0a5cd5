"""Playground page benchmark: does the page (its editor, tabs and tables) delay Python?

Two builds are measured in turns (each first every other round), each run in a fresh headless
Chromium (nothing cached):
first contentful paint, the moment the page says "Python ready" (the boot label, observed from
document start), the moment the CodeMirror editor is on screen (builds that have one), and
``analyze_code`` on a 200-line file through the page's ``window.batuta`` (the figure
``bench/browser.py`` reports as the per-call time).

Usage:
    python bench/playground.py --base OLD_DIST [--new dist] [--runs 5] [--calls 30]

Make OLD_DIST from the same build with the previous page files (index.html, playground.js,
playground.css) so only the page differs; bench/RESULTS.md says how.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import build  # noqa: E402

from browser import CALL_JS, cpu_counters, launch, steal_share, two_hundred_lines  # noqa: E402

# Installed before the page's own scripts: note when the boot label first says Python is ready
# and when the editor appears.
WATCH = """
window.__bench = {};
new MutationObserver(() => {
  const label = document.getElementById("boot-label");
  if (!window.__bench.ready && label && label.textContent.startsWith("Python ready")) {
    window.__bench.ready = performance.now();
  }
  if (!window.__bench.editor && document.querySelector(".cm-host")) {
    window.__bench.editor = performance.now();
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def one_run(pw: Any, url: str, calls: int, code: str) -> dict[str, float]:
    browser = launch(pw)
    try:
        context = browser.new_context(service_workers="block")
        context.add_init_script(WATCH)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => window.__bench.ready", timeout=120_000)
        page.wait_for_timeout(300)  # the editor, if any, loads after first paint
        marks = page.evaluate("""() => ({
            fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
            ready: window.__bench.ready, editor: window.__bench.editor ?? null })""")
        times = page.evaluate(CALL_JS, {"code": code, "n": calls})
        return {**marks, "call": statistics.median(times)}
    finally:
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the build before the change")
    parser.add_argument("--new", type=Path, default=ROOT / "dist", help="the build after it")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    code = two_hundred_lines()
    counters = cpu_counters()
    servers = {name: build.start_server(dist, 0) for name, dist in
               (("base", args.base), ("new", args.new))}
    results: dict[str, list[dict[str, float]]] = {"base": [], "new": []}
    try:
        with sync_playwright() as pw:
            for i in range(args.runs):
                # In turns, and each first every other round: the run after a browser closes
                # is measurably slower here (its processes still wind down), and drift on a
                # shared machine must hit both builds alike.
                for name in ("base", "new") if i % 2 == 0 else ("new", "base"):
                    results[name].append(one_run(pw, servers[name][1], args.calls, code))
    finally:
        for server, _ in servers.values():
            server.shutdown()
    for name in ("base", "new"):
        rows = results[name]

        def med(key: str, rows: list[dict[str, float]] = rows) -> str:
            vals = [r[key] for r in rows if r[key] is not None]
            return f"{statistics.median(vals):.0f} ms" if vals else "—"

        call = statistics.median(r["call"] for r in rows)
        ready_runs = ", ".join(f"{r['ready']:.0f}" for r in rows)
        print(f"{name:4}: first paint {med('fcp')}, Python ready {med('ready')}, editor shown "
              f"{med('editor')}, analyze_code (200 lines) {call:.1f} ms  [ready runs: "
              f"{ready_runs}]")
    print(f"CPU steal during the run: {steal_share(counters, cpu_counters())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
