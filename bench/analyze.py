"""Benchmark: project analysis on >= 500,000 lines of real source, against cloc and radon cc.

Trees: the standard library of the interpreter running this script (Python, ~850k lines) and the
system C headers ``/usr/include`` (C and C++, ~1.6M lines). For each tree, in the same run:

* Batuta counting only (languages, code/comment/blank) vs ``cloc --json`` on the same files
  (the ones Batuta counted, handed to cloc with ``--list-file``; the folder itself holds
  ``site-packages`` and vendored code that Batuta prunes and cloc would read);
* on the standard library: Batuta's full analysis without and with TDG (complexity, ML call
  sites, dependencies, TDG) vs ``radon cc`` (the library's ``cc_visit``, which parses and
  visits each file, the least work radon's CLI does) on the same Python files.

Machines here are shared, so ratios use CPU seconds (``process_time`` for Batuta and radon,
``RUSAGE_CHILDREN`` for cloc); wall seconds are printed beside them.

    .venv/bin/python bench/analyze.py [--write-results]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from batuta.analyze.project import analyze_project
from batuta.analyze.results import AnalyzeOptions, ProjectAnalysis

COUNT_ONLY = AnalyzeOptions(tdg=False, complexity=False, frameworks=False, dependencies=False)
FULL_NO_TDG = AnalyzeOptions(tdg=False)
FULL = AnalyzeOptions()
RESULTS = Path(__file__).with_name("RESULTS.md")


@dataclass
class Timing:
    cpu: float
    wall: float
    value: Any = None


def timed(fn: Callable[[], Any]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall, value)


def cloc_timed(root: Path, files: list[str]) -> Timing:
    """cloc on exactly the files Batuta counted (``--list-file``), so both read the same tree."""
    exe = shutil.which("cloc")
    if exe is None:
        sys.exit("cloc is not installed (apt-get install cloc)")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("".join(f"{root / f}\n" for f in files))
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        out = subprocess.run([exe, "--json", "--quiet", f"--list-file={fh.name}"],
                             capture_output=True, text=True, check=True)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(fh.name)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(cpu, wall, json.loads(out.stdout))


def radon_timed(root: Path, paths: list[str]) -> Timing:
    from radon.complexity import cc_visit  # test-only dependency

    def run() -> int:
        blocks = 0
        for rel in paths:
            try:
                blocks += len(cc_visit((root / rel).read_text(encoding="utf-8")))
            except (SyntaxError, ValueError, RecursionError):
                continue  # radon cannot read it either; we count such files as not measured
        return blocks

    return timed(run)


def lines_of(result: ProjectAnalysis) -> int:
    return sum(s.code + s.comment + s.blank for s in result.languages)


def row(label: str, t: Timing, lines: int | None = None) -> str:
    rate = f"{lines / t.cpu:>12,.0f}" if lines and t.cpu else f"{'':>12}"
    return f"| {label:<44} | {t.cpu:>8.2f} | {t.wall:>8.2f} | {rate} |"


def bench_counting(root: Path, report: list[str]) -> None:
    ours = timed(lambda: analyze_project(root, COUNT_ONLY))
    cloc = cloc_timed(root, [f.path for f in ours.value.files])
    lines = lines_of(ours.value)
    cloc_lines = cloc.value["SUM"]["blank"] + cloc.value["SUM"]["comment"] + \
        cloc.value["SUM"]["code"]
    report += [
        f"\n**{root}**: Batuta counted {lines:,} lines in {len(ours.value.files):,} files; "
        f"cloc {cloc_lines:,} lines in {cloc.value['SUM']['nFiles']:,} files.\n",
        "| run | CPU s | wall s | lines/s (CPU) |", "|---|---:|---:|---:|",
        row("batuta count (languages, code/comment/blank)", ours, lines),
        row("cloc --json", cloc, cloc_lines),
        f"\nBatuta counting vs cloc: **{cloc.cpu / ours.cpu:.1f}x** faster (CPU), "
        f"{cloc.wall / ours.wall:.1f}x (wall).",
    ]
    if cloc.value["SUM"]["nFiles"] < len(ours.value.files):
        report.append(_FEWER_FILES)


_FEWER_FILES = (
    "cloc counted fewer of the same files: it drops files whose content duplicates another's "
    "and a few extensions it does not know, so it did less work than Batuta and the ratio "
    "errs in cloc's favour."
)


def bench_full(root: Path, report: list[str]) -> None:
    no_tdg = timed(lambda: analyze_project(root, FULL_NO_TDG))
    full = timed(lambda: analyze_project(root, FULL))
    result: ProjectAnalysis = full.value
    python = [f.path for f in result.files if f.language == "Python"]
    radon = radon_timed(root, python)
    lines = lines_of(result)
    score = result.tdg.score if result.tdg else None
    report += [
        f"\n**{root}**, full analysis: {len(result.functions):,} functions, "
        f"{len(result.call_sites):,} ML call sites, TDG {score}; radon cc on the same "
        f"{len(python):,} Python files: {radon.value:,} blocks.\n",
        "| run | CPU s | wall s | lines/s (CPU) |", "|---|---:|---:|---:|",
        row("batuta full analysis without TDG", no_tdg, lines),
        row("batuta full analysis with complexity + TDG", full, lines),
        row("radon cc (cc_visit) on the Python files alone", radon),
        f"\nFull analysis with complexity + TDG vs radon cc alone: "
        f"**{radon.cpu / full.cpu:.2f}x** faster (CPU), {radon.wall / full.wall:.2f}x (wall).",
    ]


def write_results(section: str) -> None:
    """Replace (or add) the ``## analyze`` section of bench/RESULTS.md, leaving others alone."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = text.find("\n## analyze\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start + 1] + section + (text[end:] if end >= 0 else "")
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-results", action="store_true",
                        help="write the figures into bench/RESULTS.md under '## analyze'")
    args = parser.parse_args()
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    trees = [stdlib] + [p for p in (Path("/usr/include"),) if p.is_dir()]
    report = [
        "## analyze\n",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
        f"`.venv/bin/python bench/analyze.py --write-results` (Python "
        f"{sys.version.split()[0]}, cloc from Debian). Shared 2-core machine: ratios use CPU "
        "seconds of each side; wall seconds shown for reference.",
    ]
    for root in trees:
        bench_counting(root, report)
    bench_full(stdlib, report)
    section = "\n".join(report) + "\n"
    print(section)
    if args.write_results:
        write_results(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
