"""Browser benchmark: Batuta in Pyodide in headless Chromium vs native CPython, same run.

Prints: cold boot to first ``analyze_code`` result (memory snapshot and normal boot), warm boot
through the service worker, one ``analyze_code`` call on a 200-line file (worker vs native),
``analyze_project`` lines/s in the worker vs natively, and the compressed size of ``dist/``.

Usage:
    python build.py && python bench/browser.py [--runs 5] [--json out.json]
    python bench/browser.py --only-warm --dist OTHER_BUILD   # two builds compared, in turns
    python bench/browser.py --only-warm --persistent         # a returning user's profile
    python bench/browser.py --only-first-visit [--throttle-mbps 20]   # bytes moved, ready time

Boot times are wall clock on a shared machine, so the run ends with the CPU share the hypervisor
gave to other guests meanwhile ("steal"): read the figures with it.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import build  # noqa: E402

from batuta import api  # noqa: E402

FIRST_RESULT_JS = """async (opts) => {
  const b = await import("./batuta.js");
  const info = await b.init({ snapshot: opts.snapshot });
  const r = await b.analyze_code("import numpy as np\\nx = np.zeros(3)\\n", "a.py");
  return { ms: performance.now(), mode: info.mode, ok: r.has_numpy };
}"""

CALL_JS = """async (arg) => {
  const b = window.batuta;
  await b.analyze_code(arg.code, "f.py");
  const times = [];
  for (let i = 0; i < arg.n; i++) {
    const t = performance.now();
    await b.analyze_code(arg.code, "f.py");
    times.push(performance.now() - t);
  }
  return times;
}"""

PROJECT_JS = """async (arg) => {
  const bytes = Uint8Array.from(atob(arg), (c) => c.charCodeAt(0));
  const t = performance.now();
  const r = await window.batuta.analyze_project(bytes);
  return { ms: performance.now() - t, files: r.total_files };
}"""


def two_hundred_lines() -> str:
    """A realistic, valid 200-line Python file: functions with branches, NumPy calls,
    docstrings (the whole analysis runs: a file that does not parse would stop at the parser)."""
    out = ["import numpy as np", "from sklearn.linear_model import LinearRegression", ""]
    i = 0
    while len(out) + 10 <= 200:
        out += [f"def step_{i}(x, y):", f'    """Step {i}."""', "    if x > y:",
                f"        z = np.zeros(({i % 7 + 1}, 3))", "    else:",
                "        z = np.ones((2, 2)) @ np.eye(2)", "    for k in range(3):",
                "        z = z + k", "    return np.sum(z)", ""]
        i += 1
    out += [f"RESULT_{k} = step_{k}({k}, 2)" for k in range(200 - len(out))]
    text = "\n".join(out) + "\n"
    ast.parse(text)  # fails loudly if an edit ever makes it invalid again
    return text


def project_zip(copies: int) -> tuple[bytes, dict[str, bytes], int]:
    """The sample project replicated ``copies`` times, as a zip and as a mapping."""
    sample = ROOT / "static" / "sample-project"
    files: dict[str, bytes] = {}
    for c in range(copies):
        for p in sorted(sample.rglob("*")):
            if p.is_file() and not p.name.startswith("."):
                files[f"copy{c}/{p.relative_to(sample).as_posix()}"] = p.read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    lines = sum(d.count(b"\n") for d in files.values())
    return buf.getvalue(), files, lines


def launch(pw: Any) -> Any:
    return pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                              args=build.BROWSER_ARGS)


def cold_boot(pw: Any, url: str, snapshot: bool, runs: int) -> tuple[list[float], str]:
    times, mode = [], ""
    for _ in range(runs):
        browser = launch(pw)  # a fresh browser each run: nothing cached anywhere
        page = browser.new_context(service_workers="block").new_page()
        page.goto(url + "manifest.json")
        out = page.evaluate(FIRST_RESULT_JS, {"snapshot": snapshot})
        assert out["ok"], out
        times.append(out["ms"])  # performance.now() counts from navigation start
        mode = out["mode"]
        browser.close()
    return times, mode


def warm_boot(pw: Any, url: str, runs: int, profile: Path | None = None) -> list[float]:
    """Visits after a first one, through the service worker. Playwright's contexts are
    incognito (no on-disk V8 code cache); ``profile`` makes it a persistent Chromium profile
    in that folder, as a returning user's browser is."""
    if profile is None:
        browser = launch(pw)
        context = browser.new_context(service_workers="allow")
    else:
        browser = context = pw.chromium.launch_persistent_context(
            profile, executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=build.BROWSER_ARGS, service_workers="allow")
    page = context.new_page()
    page.goto(url)
    page.evaluate("""async () => {
        await window.playground.ready;
        await navigator.serviceWorker.ready;
        while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
    }""")
    page.close()
    times = []
    for _ in range(runs):
        time.sleep(1.0)  # a closed tab's worker winds down first: a later visit, not a race
        page = context.new_page()
        page.goto(url + "manifest.json")  # served by the service worker from its cache
        out = page.evaluate(FIRST_RESULT_JS, {"snapshot": True})
        times.append(out["ms"])
        page.close()
    browser.close()
    return times


def per_call(pw: Any, url: str, n: int) -> tuple[list[float], list[float]]:
    code = two_hundred_lines()
    browser = launch(pw)
    page = browser.new_context(service_workers="block").new_page()
    page.goto(url)
    page.evaluate("async () => { await window.playground.ready; }")
    worker = page.evaluate(CALL_JS, {"code": code, "n": n})
    browser.close()
    api.analyze_code(code, "f.py")
    native = []
    for _ in range(n):
        t = time.perf_counter()
        api.analyze_code(code, "f.py")
        native.append((time.perf_counter() - t) * 1000)
    return worker, native


def throughput(pw: Any, url: str, copies: int) -> dict[str, float]:
    import base64

    data, files, lines = project_zip(copies)
    browser = launch(pw)
    page = browser.new_context(service_workers="block").new_page()
    page.goto(url)
    page.evaluate("async () => { await window.playground.ready; }")
    b64 = base64.b64encode(data).decode()
    page.evaluate(PROJECT_JS, b64)  # warm-up: first-use imports
    worker = min(page.evaluate(PROJECT_JS, b64)["ms"] for _ in range(3))
    browser.close()
    api.analyze_project(files)
    native = 1e9
    for _ in range(3):
        t = time.perf_counter()
        api.analyze_project(files)
        native = min(native, (time.perf_counter() - t) * 1000)
    return {"lines": lines, "files": len(files), "worker_ms": worker, "native_ms": native,
            "worker_lps": lines / worker * 1000, "native_lps": lines / native * 1000}


FIRST_VISIT_READY_JS = """async () => {
  await window.playground.ready;
  return performance.now();
}"""

PRECACHED_JS = """async () => {
  await window.playground.sw;
  await navigator.serviceWorker.ready;
  while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
  return true;
}"""


def first_visit(pw: Any, url: str, mbps: float | None) -> dict[str, Any]:
    """A first visit in a fresh browser, service worker allowed: the time to a ready page
    (``playground.ready``, ms from navigation start), then, once the service worker controls the
    page (its precache done), every response of the page, its worker and the service worker:
    bytes on the wire (encoded bodies and headers) and the URLs whose body came more than once.
    ``mbps`` throttles the link through CDP ``Network.emulateNetworkConditions``."""
    browser = launch(pw)
    context = browser.new_context(service_workers="allow")
    bodies: dict[str, int] = {}
    wire = [0, 0]  # bytes, responses

    def finished(request: Any) -> None:
        sizes = request.sizes()
        response = request.response()
        wire[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        wire[1] += 1
        if response is not None and response.status == 200 and sizes["responseBodySize"] > 0:
            bodies[request.url] = bodies.get(request.url, 0) + 1

    context.on("requestfinished", finished)
    page = context.new_page()
    if mbps is not None:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbps * 1e6 / 8  # bytes per second
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 20, "downloadThroughput": rate,
            "uploadThroughput": rate})
    page.goto(url)
    ready_ms = page.evaluate(FIRST_VISIT_READY_JS)
    page.evaluate(PRECACHED_JS)
    page.wait_for_timeout(500)  # the last requestfinished events arrive
    browser.close()
    twice = sorted(u.removeprefix(url) for u, n in bodies.items() if n > 1)
    return {"ready_ms": ready_ms, "bytes": wire[0], "responses": wire[1], "fetched_twice": twice}


def print_first_visits(pw: Any, url: str, dist: Path, mbps: float) -> dict[str, Any]:
    """The first-visit figures, unthrottled and at ``mbps``, beside the compressed dist size."""
    fast = first_visit(pw, url, None)
    slow = first_visit(pw, url, mbps)
    target = precompressed_size(dist)
    for name, out in (("unthrottled", fast), (f"{mbps:g} Mbit/s (CDP)", slow)):
        print(f"first visit, {name}: ready page in {out['ready_ms']:,.0f} ms; "
              f"{out['bytes'] / 1e6:.1f} MB in {out['responses']} responses "
              f"(the pre-compressed build once: {target / 1e6:.1f} MB); fetched twice: "
              f"{', '.join(out['fetched_twice']) or 'none'}")
    return {"unthrottled": fast, "throttled": slow, "throttle_mbps": mbps,
            "precompressed_bytes": target}


def precompressed_size(dist: Path) -> int:
    """What a first visit should move: every precached file once, each as its smallest variant
    that ``build.Handler`` sends to Chromium (``.br`` when build.py made one)."""
    manifest = json.loads((dist / "manifest.json").read_text())
    total = 0
    for rel in ["manifest.json", "sw.js", *manifest["files"]]:
        path = dist / rel
        total += min(p.stat().st_size for p in (path, path.with_name(path.name + ".br"))
                     if p.is_file())
    return total


def dist_sizes(dist: Path) -> dict[str, int]:
    """Bytes of what the playground downloads (the service worker's precache list), raw and
    gzip-9 (what a host serving gzip transfers), with and without the memory snapshot."""
    manifest = json.loads((dist / "manifest.json").read_text())
    raw = gz = gz_nosnap = 0
    for rel in [*manifest["files"], "manifest.json", "sw.js"]:
        data = (dist / rel).read_bytes()
        size = len(gzip.compress(data, 9, mtime=0))
        raw += len(data)
        gz += size
        gz_nosnap += 0 if rel == manifest.get("snapshot") else size
    return {"raw": raw, "gzip": gz, "gzip_without_snapshot": gz_nosnap,
            "files": len(manifest["files"])}


def cpu_counters() -> list[int] | None:
    """The machine's CPU time counters (/proc/stat's ``cpu`` line), or None off Linux."""
    try:
        return [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None


def steal_share(before: list[int] | None, after: list[int] | None) -> str:
    """CPU time the hypervisor gave to other guests during the run (boot times are wall clock,
    so a high share makes them slower than this machine alone would be)."""
    if not before or not after or len(before) < 8:
        return "not measured (no /proc/stat)"
    delta = [b - a for a, b in zip(before, after, strict=False)]
    total = sum(delta[:8]) or 1
    return f"{100 * delta[7] / total:.1f} % of CPU time; load average {os.getloadavg()[0]:.2f}"


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only-boot", action="store_true",
                        help="measure the two cold boots only (quick re-check)")
    parser.add_argument("--only-warm", action="store_true",
                        help="measure the warm boot only (for comparing two builds in turns)")
    parser.add_argument("--persistent", action="store_true",
                        help="with --only-warm: a persistent browser profile, not incognito")
    parser.add_argument("--only-first-visit", action="store_true",
                        help="measure the first visit only: bytes moved, time to a ready page")
    parser.add_argument("--throttle-mbps", type=float, default=20.0,
                        help="the throttled link of the first-visit figure (20 Mbit/s)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="the build to measure (default dist/; e.g. an older build)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    dist = args.dist
    counters = cpu_counters()
    server, url = build.start_server(dist, 0)
    try:
        with sync_playwright() as pw:
            if args.only_first_visit:
                print_first_visits(pw, url, dist, args.throttle_mbps)
                print(f"CPU steal: {steal_share(counters, cpu_counters())}")
                return 0
            if args.only_warm:
                with tempfile.TemporaryDirectory() as profile:
                    warm = warm_boot(pw, url, args.runs,
                                     Path(profile) if args.persistent else None)
                kind = "persistent profile" if args.persistent else "incognito"
                print(f"warm boot via service worker ({dist}, {kind}): median "
                      f"{med(warm):.0f} ms (runs {', '.join(f'{x:.0f}' for x in warm)}); CPU steal "
                      f"{steal_share(counters, cpu_counters())}")
                return 0
            snap, snap_mode = cold_boot(pw, url, True, args.runs)
            normal, _ = cold_boot(pw, url, False, args.runs)
            if args.only_boot:
                print(f"cold boot -> first analyze_code: snapshot median {med(snap):.0f} ms "
                      f"(runs {', '.join(f'{x:.0f}' for x in snap)}); normal median "
                      f"{med(normal):.0f} ms (runs {', '.join(f'{x:.0f}' for x in normal)}); "
                      f"CPU steal {steal_share(counters, cpu_counters())}")
                return 0
            warm = warm_boot(pw, url, args.runs)
            worker_calls, native_calls = per_call(pw, url, args.calls)
            tp = throughput(pw, url, args.copies)
            visits = print_first_visits(pw, url, dist, args.throttle_mbps)
    finally:
        server.shutdown()
    sizes = dist_sizes(dist)
    results = {
        "cold_boot_snapshot_ms": med(snap), "snapshot_mode": snap_mode,
        "cold_boot_normal_ms": med(normal), "warm_boot_sw_ms": med(warm),
        "call_200_lines_worker_ms": med(worker_calls),
        "call_200_lines_native_ms": med(native_calls),
        "project": tp, "dist": sizes, "runs": args.runs, "first_visit": visits,
    }
    print(f"cold boot -> first analyze_code (snapshot, {snap_mode}): median {med(snap):7.0f} ms  "
          f"(runs {', '.join(f'{x:.0f}' for x in snap)})")
    print(f"cold boot -> first analyze_code (normal boot):     median {med(normal):7.0f} ms  "
          f"= {med(normal) / med(snap):.1f}x the snapshot boot")
    print(f"warm boot via service worker (snapshot):          median {med(warm):7.0f} ms  "
          f"(runs {', '.join(f'{x:.0f}' for x in warm)})")
    ratio = med(worker_calls) / med(native_calls)
    print(f"analyze_code, 200-line file: worker {med(worker_calls):.1f} ms vs native "
          f"{med(native_calls):.1f} ms (worker/native {ratio:.2f}x)")
    print(f"analyze_project {tp['files']} files / {tp['lines']} lines: worker "
          f"{tp['worker_lps']:,.0f} lines/s vs native {tp['native_lps']:,.0f} lines/s "
          f"(worker = {tp['worker_lps'] / tp['native_lps']:.2f} of native)")
    print(f"playground download ({sizes['files']} precached files of dist/): "
          f"{sizes['raw'] / 1e6:.1f} MB raw, {sizes['gzip'] / 1e6:.1f} MB gzip-9 "
          f"({sizes['gzip_without_snapshot'] / 1e6:.1f} MB without the snapshot)")
    print(f"CPU steal during the run: {steal_share(counters, cpu_counters())}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
