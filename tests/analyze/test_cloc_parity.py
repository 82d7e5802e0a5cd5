"""Acceptance: our line counts agree with cloc (Debian package ``cloc``) on real code.

Python: the real ``requests`` and ``flask`` sdists, downloaded from PyPI by the tests
(``tests/analyze/conftest.py``), per language within 2 %. C: the interpreter's own C headers and,
where the system has them, ``/usr/include/linux``, file by file on the files both tools count.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from batuta.analyze.project import analyze_project
from batuta.analyze.results import AnalyzeOptions, ProjectAnalysis

pytestmark = pytest.mark.slow

CLOC = shutil.which("cloc")
COUNT_ONLY = AnalyzeOptions(tdg=False, complexity=False, frameworks=False, dependencies=False)


def _cloc_by_file(root: Path) -> dict[str, dict[str, int | str]]:
    assert CLOC is not None, "cloc is not installed (Debian package `cloc`; ./dev installs it)"
    done = subprocess.run([CLOC, "--by-file", "--json", "--quiet", "."], cwd=root,
                          capture_output=True, text=True, timeout=600, check=True)
    data = json.loads(done.stdout)
    return {k.removeprefix("./"): v for k, v in data.items() if k not in ("header", "SUM")}


def _ours(root: Path) -> ProjectAnalysis:
    return analyze_project(root, COUNT_ONLY)


def _within(ours: int, theirs: int, tolerance: float) -> bool:
    return abs(ours - theirs) <= tolerance * max(theirs, 1)


@pytest.mark.parametrize("fixture", ["requests_sdist", "flask_sdist"])
def test_python_counts_match_cloc(fixture: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(fixture)
    cloc = {p: v for p, v in _cloc_by_file(root).items() if v["language"] == "Python"}
    ours = _ours(root)
    [python] = [s for s in ours.languages if s.language == "Python"]
    theirs = {k: sum(int(v[k]) for v in cloc.values()) for k in ("code", "comment", "blank")}
    print(f"{fixture}: ours {python.code}/{python.comment}/{python.blank} "
          f"cloc {theirs['code']}/{theirs['comment']}/{theirs['blank']} (code/comment/blank)")
    assert theirs["code"] > 5000, "the sdist should hold thousands of Python lines"
    assert python.files == len(cloc)
    assert _within(python.code, theirs["code"], 0.02)
    assert _within(python.comment, theirs["comment"], 0.02)
    assert _within(python.blank, theirs["blank"], 0.02)
    # Same files, and no single file far off (a gross miscount cannot hide in the totals).
    mine = {f.path: f for f in ours.files if f.language == "Python"}
    assert set(mine) == set(cloc)
    for path, v in cloc.items():
        assert _within(mine[path].code, int(v["code"]), 0.10) or abs(
            mine[path].code - int(v["code"])) <= 3, path


def _compare_c(root: Path) -> tuple[dict[str, int], dict[str, int], int]:
    cloc = {p: v for p, v in _cloc_by_file(root).items()
            if v["language"] in ("C", "C/C++ Header", "C++")}
    ours = {f.path: f for f in _ours(root).files if f.language in ("C", "C++")}
    both = set(cloc) & set(ours)
    theirs = {k: sum(int(cloc[p][k]) for p in both) for k in ("code", "comment", "blank")}
    mine = {k: sum(getattr(ours[p], k) for p in both) for k in ("code", "comment", "blank")}
    return mine, theirs, len(both)


@pytest.mark.parametrize("root", [
    Path(sysconfig.get_paths()["include"]),
    Path("/usr/include/linux"),
])
def test_c_headers_match_cloc(root: Path) -> None:
    if not root.is_dir():
        pytest.fail(f"{root} is missing; install the interpreter headers / linux-libc-dev")
    mine, theirs, files = _compare_c(root)
    print(f"{root}: {files} files, ours {mine} cloc {theirs}")
    assert files >= 100
    for key in ("code", "comment", "blank"):
        assert _within(mine[key], theirs[key], 0.02), key
