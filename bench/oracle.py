"""Benchmark: Oracle answers per second, natively and in the browser worker.

Native: ``batuta.oracle.ask`` over a fixed corpus of queries (after one warm-up pass; the
packaged facts and compiled keyword patterns are cached per process), timed per query.
Worker: the same corpus through ``window.batuta.oracle`` on the built playground in headless
Chromium, each answer's full round trip (postMessage to the worker, Python, JSON back), timed
in the page with ``performance.now()``. Targets: under 5 ms natively, under 50 ms in the worker.

Usage:
    python build.py && python bench/oracle.py [--rounds 5] [--no-browser]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = [
    "Train a random forest classifier on 1M rows", "Convert my sklearn pipeline to Rust",
    "Deploy model for production inference", "Fast matrix multiplication with SIMD",
    "Scale computation with repartir across the cluster", "speech recognition on the edge",
    "I have 500m samples and need GPU training with LoRA", "k-means clustering of 2.5m rows",
    "bash script migration", "check transcript quality", "qlora fine-tuning of an llm",
    "train on 50 million samples on 4 nodes", "", "xyz abc 123",
    "use trueno-db for semantic similarity search", "Deploy to AWS Lambda with <10ms latency",
]
WORKER_JS = """async ([queries, rounds]) => {
  await window.playground.ready;
  for (const q of queries) await window.batuta.oracle(q);  // warm-up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      await window.batuta.oracle(q);
      times.push(performance.now() - t0);
    }
  }
  return times;
}"""


def native_times(rounds: int) -> list[float]:
    from batuta.oracle import ask

    for q in CORPUS:
        ask(q)
    times = []
    for _ in range(rounds):
        for q in CORPUS:
            t0 = time.perf_counter()
            ask(q)
            times.append((time.perf_counter() - t0) * 1000)
    return times


def worker_times(rounds: int) -> list[float]:
    import build
    from playwright.sync_api import sync_playwright

    dist = ROOT / "dist"
    server, url = build.start_server(dist, 0)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium")
                                         or "/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("() => window.playground && window.playground.ready",
                                   timeout=180_000)
            times: list[float] = page.evaluate(WORKER_JS, [CORPUS, rounds])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return times


def summary(name: str, times: list[float]) -> str:
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    mean = statistics.fmean(times)
    return (f"{name:7} {len(times):4d} answers: mean {mean:6.2f} ms, median "
            f"{statistics.median(times):6.2f} ms, p95 {p95:6.2f} ms, max {max(times):6.2f} ms, "
            f"{1000 / mean:7.0f} queries/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    print(summary("native", native_times(args.rounds)))
    if not args.no_browser:
        if not (ROOT / "dist" / "manifest.json").exists():
            print("dist/ is not built: run `python build.py` first", file=sys.stderr)
            return 1
        print(summary("worker", worker_times(args.rounds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
