"""Issue 16 figures: parse memory per input character, and line-counting time on real JS/TS.

``python bench/fidelity.py memory``: each input shape parsed by ``ast.parse`` in a fresh
process; prints the peak resident memory per input character and the estimate Batuta checks
against its budget (``batuta.analyze.code.parse_memory_estimate``) divided by that peak.

``python bench/fidelity.py count``: best of 5 ``count_lines`` runs on jQuery 1.6.3 and on
@types/node 22.10.2 as downloaded by ``tests/analyze/test_cloc_corpora.py`` into ``.cache/npm``
(run those tests first).

``python bench/fidelity.py scopes [GIT_REF] [DIR]``: ``analyze_project(DIR)`` (default: NumPy's
``lib`` folder in the venv) with the package at ``GIT_REF`` (default ``a6e5b0c~1``, before
issue 16) and with the working tree, best of 3 in CPU time, with the call and annotation counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pkg"))

_PROBE = r"""
import ast, json, resource, sys
sys.path.insert(0, sys.argv[2])
from batuta.analyze.code import parse_memory_estimate
text = open(sys.argv[1]).read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tree = ast.parse(text)
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024
print(json.dumps({"chars": len(text), "peak": peak, "estimate": parse_memory_estimate(text)}))
"""


def _shapes(size: int) -> dict[str, str]:
    own = "".join(p.read_text() + "\n" for p in sorted((ROOT / "pkg/batuta/analyze").glob("*.py")))
    deep = "[" * 150 + "]" * 150 + "\n"
    return {"x lines": "x\n" * (size // 2), "150-deep lists": deep * (size // len(deep)),
            "batuta/analyze sources": own * max(1, size // len(own))}


def memory(size: int = 1 << 20) -> None:
    print("| input shape | peak / input character | estimate / peak |")
    print("|---|---|---|")
    tmp = ROOT / ".cache" / "bench-fidelity.py.txt"
    tmp.parent.mkdir(exist_ok=True)
    for name, text in _shapes(size).items():
        tmp.write_text(text)
        done = subprocess.run([sys.executable, "-c", _PROBE, str(tmp), str(ROOT / "pkg")],
                              capture_output=True, text=True, check=True, timeout=600)
        r = json.loads(done.stdout)
        print(f"| {name} | {r['peak'] / r['chars']:.0f} B | {r['estimate'] / r['peak']:.2f} |")
    tmp.unlink()


def count() -> None:
    from batuta.analyze import lines

    npm = ROOT / ".cache" / "npm"
    js = (npm / "jquery_1.6.3" / "package" / "node-jquery.js").read_text()
    ts = "".join(p.read_text() for p in sorted((npm / "_types_node_22.10.2").rglob("*.d.ts")))
    for name, text, language in (("jquery 1.6.3", js, "JavaScript"),
                                 ("@types/node 22.10.2", ts, "TypeScript")):
        best = float("inf")
        for _ in range(5):
            lines._last = ("", "", "")  # no cache hit between rounds
            started = time.perf_counter()
            counts = lines.count_lines(text, language)
            best = min(best, time.perf_counter() - started)
        print(f"{name}: {len(text):,} characters, {best * 1000:.1f} ms, {counts}")


_TIMED = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from batuta.analyze.project import analyze_project
best = float("inf")
for _ in range(3):
    started = time.process_time()
    result = analyze_project(sys.argv[2])
    best = min(best, time.process_time() - started)
print(f"{best:.2f} s CPU, {len(result.call_sites):,} call sites, "
      f"{len(getattr(result, 'annotations', ())):,} annotations")
"""


def scopes(ref: str = "a6e5b0c~1", folder: str = "") -> None:
    import tarfile
    import tempfile

    target = folder or str(Path(sys.prefix) / "lib" / f"python{sys.version_info.major}."
                           f"{sys.version_info.minor}" / "site-packages" / "numpy" / "lib")
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", ref, "pkg"], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tf:
            tf.extractall(tmp, filter="data")
        for label, pkg in ((ref, Path(tmp) / "pkg"), ("working tree", ROOT / "pkg")):
            done = subprocess.run([sys.executable, "-c", _TIMED, str(pkg), target],
                                  capture_output=True, text=True, check=True, timeout=1200)
            print(f"{label}: {done.stdout.strip()}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "memory"
    if command == "scopes":
        scopes(*sys.argv[2:4])
    else:
        {"memory": memory, "count": count}[command]()
