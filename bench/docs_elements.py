"""Benchmark: documentation elements sharing one Worker vs one Worker per element, same run.

The demo page ``docs-demo.html`` shows three elements at the top. Measured in headless Chromium,
fresh browser context per run, from navigation start to all three results on screen:

* shared: the elements as shipped (``batuta-elements.js``: one ``init``, one Worker);
* per-element: the naive alternative, three separate copies of ``batuta.js`` (each its own
  Worker, each booting Pyodide), each converting one snippet. Its clock starts only after its
  (tiny) page has loaded, so the ratio errs in its favour.

Beside the time, the memory of the whole browser (PSS summed over Chromium's processes, read
from ``/proc``) at the moment the results are on screen, minus the same browser's idle PSS.

Usage:
    python build.py && python bench/docs_elements.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import build  # noqa: E402

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TOP = ("#numpy-example", "#sklearn-example", "#analyze-example")

SHARED_JS = """(sels) => new Promise((resolve) => {
  const done = () => sels.every(
    (s) => document.querySelector(s)?.getAttribute("state") === "ready");
  const tick = () => done() ? resolve(performance.now()) : setTimeout(tick, 20);
  tick();
})"""

PER_ELEMENT_JS = """async () => {
  const t0 = performance.now();
  const snippets = ["import numpy as np\\nc = np.dot(a, b)\\n",
                    "from sklearn.linear_model import LinearRegression\\nm = LinearRegression()\\n",
                    "import torch\\ny = torch.matmul(x, w)\\n"];
  await Promise.all(snippets.map(async (code, i) => {
    const b = await import(`./batuta.js?copy=${i}`);  // a separate module: its own Worker
    await b.init();
    await b.convert_file(code, "snippet.py");
  }));
  return performance.now() - t0;
}"""


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def browser_pss_mb() -> float:
    """PSS of every process below this one (the Playwright driver and Chromium), in MB."""
    tree, total, todo = _children(), 0, list(_children().get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def run_shared(browser: Any, url: str) -> tuple[float, int, float]:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        workers: list[str] = []
        page.on("worker", lambda w: workers.append(w.url))
        page.goto(url + "docs-demo.html")
        ms = float(page.evaluate(SHARED_JS, list(TOP)))
        return ms, len(workers), browser_pss_mb()
    finally:
        context.close()


def run_per_element(browser: Any, url: str) -> tuple[float, int, float]:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        workers: list[str] = []
        page.on("worker", lambda w: workers.append(w.url))
        page.goto(url + "manifest.json")
        return float(page.evaluate(PER_ELEMENT_JS)), len(workers), browser_pss_mb()
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    dist = ROOT / "dist"
    if not (dist / "docs-demo.html").exists():
        print("dist/ is not built: run `python build.py` first", file=sys.stderr)
        return 1
    server, url = build.start_server(dist, 0)
    shared: list[float] = []
    naive: list[float] = []
    mem_a: list[float] = []
    mem_b: list[float] = []
    counts: tuple[int, int] = (0, 0)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium")
                                         or "/usr/bin/chromium", args=ARGS)
            idle = browser_pss_mb()
            for _ in range(args.runs):  # alternate, so load on the shared machine hits both
                ms_a, n_a, pss_a = run_shared(browser, url)
                ms_b, n_b, pss_b = run_per_element(browser, url)
                shared.append(ms_a)
                naive.append(ms_b)
                mem_a.append(pss_a - idle)
                mem_b.append(pss_b - idle)
                counts = (n_a, n_b)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    a, b = statistics.median(shared), statistics.median(naive)
    print(f"three elements, first results on screen (median of {args.runs}, wall ms):")
    ma, mb = statistics.median(mem_a), statistics.median(mem_b)
    print(f"  shared Worker (batuta-elements.js): {a:8.0f} ms  +{ma:5.0f} MB  workers={counts[0]}"
          f"  runs={[round(x) for x in shared]}")
    print(f"  one Worker per element (naive)     : {b:8.0f} ms  +{mb:5.0f} MB  workers={counts[1]}"
          f"  runs={[round(x) for x in naive]}")
    print(f"shared vs per-element: {b / a:.1f}x faster, {mb / ma:.1f}x less memory")
    return 0


if __name__ == "__main__":
    sys.exit(main())
