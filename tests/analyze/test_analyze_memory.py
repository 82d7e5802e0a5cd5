"""Issue 16, attack 16: memory is bounded, not only characters.

The budget (``batuta.limits.MEMORY_FACTOR``): analyzing one Python file may take at most 256x
its size plus 64 MiB. Each case runs in a fresh interpreter and reads its peak resident memory
(``resource.getrusage``), so the figure is the real one, parser arena included.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from batuta.analyze.code import analyze_code, memory_budget
from batuta.analyze.project import analyze_project
from batuta.errors import InputTooLargeError

REPO = Path(__file__).resolve().parents[2]
_PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from batuta.analyze.code import analyze_code
from batuta.errors import BatutaError
kind, size = sys.argv[1], int(sys.argv[3])
if kind == "lines":
    text = "x\n" * (size // 2)
elif kind == "deep":
    line = "[" * 150 + "]" * 150 + "\n"
    text = line * (size // len(line))
else:
    import pathlib
    src = "".join(p.read_text() + "\n" for p in sorted(pathlib.Path(sys.argv[2], "batuta",
                                                                     "analyze").glob("*.py")))
    text = src * max(1, size // len(src))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    analyze_code(text, "x.py")
    error = None
except BatutaError as exc:
    error = exc.code
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024
print(json.dumps({"chars": len(text), "peak": peak, "error": error,
                  "seconds": time.perf_counter() - started}))
"""


def _probe(kind: str, size: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _PROBE, kind, str(REPO / "pkg"), str(size)],
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_ordinary_code_stays_within_the_budget() -> None:
    result = _probe("code", 1024 * 1024)
    print(result)
    assert result["error"] is None
    assert isinstance(result["peak"], int) and isinstance(result["chars"], int)
    assert result["peak"] <= memory_budget(result["chars"])


@pytest.mark.parametrize(("kind", "size"), [("lines", 8 * 1024 * 1024), ("deep", 1024 * 1024)])
def test_pathological_shapes_are_refused_before_parsing(kind: str, size: int) -> None:
    # 8 MiB of "x" lines took 7.2 GiB before; lines of 150-deep lists 700x their size.
    result = _probe(kind, size)
    print(result)
    assert result["error"] == "BATUTA-X-002"
    assert isinstance(result["peak"], int) and isinstance(result["chars"], int)
    assert result["peak"] <= memory_budget(result["chars"])


def test_project_lists_the_file_as_not_measured() -> None:
    text = "x\n" * 200_000
    with pytest.raises(InputTooLargeError, match="budget"):
        analyze_code(text, "x.py")
    result = analyze_project({"x.py": text.encode()})
    assert result.files[0].code == 200_000  # the lines are still counted
    assert result.tdg is not None
    [reason] = [n.reason for n in result.tdg.not_measured]
    assert "budget" in reason
