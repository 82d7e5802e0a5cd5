"""Benchmark: ``batuta survey`` on Dask against ``batuta analyze`` run one source after another.

Sources: 24 packages of the standard library of the interpreter running this script, each its own
source, copied ``--copies`` times (default 3: 72 sources, ~310k code lines; a reproducible set,
nothing to download). Every timing is the best of ``--rounds`` runs (default 2): the machine
is shared, and the best run is the one least disturbed. In one run:

* the sequential baselines: ``batuta analyze SOURCE --format json --no-state`` run once per
  source (a process each, as a script would), and ``analyze_project`` called in a loop in this
  process (the analysis alone, no start-up);
* the survey with 1, 2 and N local workers: wall time including the ``LocalCluster`` start, and
  the survey alone on a cluster already started; code lines per second for each;
* the CPU seconds each survey that starts its own cluster costs in all its processes, beside
  the in-process loop's: on a shared machine wall times swing with the load, CPU seconds much
  less, and (loop CPU / survey CPU) x workers bounds what those workers can gain on free cores;
* the scheduling overhead per source, on 10, 100 and 1000 tiny sources (one 3-line file each)
  with 2 warm workers: survey wall time per source minus the in-process analysis per source
  divided by the workers. It includes what a survey does beyond the analysis: the task round
  trip through the scheduler, the result's transfer, and its SQLite transaction.

    .venv/bin/python bench/survey.py [--copies 3] [--rounds 2] [--workers-max N] [--skip-overhead]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from batuta.analyze.project import analyze_project
from batuta.survey.runner import run_survey
from batuta.survey.sources import Source, expand
from batuta.survey.store import SurveyStore

STDLIB = Path(sysconfig.get_paths()["stdlib"])
PACKAGES = ("asyncio", "email", "json", "concurrent", "http", "xml", "unittest", "importlib",
            "logging", "multiprocessing", "urllib", "sqlite3", "tomllib", "wsgiref", "xmlrpc",
            "zoneinfo", "html", "collections", "ctypes", "curses", "dbm", "encodings",
            "pydoc_data", "re")
TINY = "def f(x):\n    return x + 1\n"


def sources(into: Path, copies: int) -> list[Path]:
    """``copies`` copies of each package (distinct locations: distinct sources)."""
    out = []
    for i in range(copies):
        for name in PACKAGES:
            if (STDLIB / name).is_dir():
                target = into / f"copy{i}" / name
                shutil.copytree(STDLIB / name, target,
                                ignore=shutil.ignore_patterns("__pycache__"))
                out.append(target)
    return out



def wall(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def sequential_cli(paths: list[Path]) -> float:
    batuta = [sys.executable, "-m", "batuta", "analyze"]
    start = time.perf_counter()
    for path in paths:
        subprocess.run([*batuta, str(path), "--format", "json", "--no-state"], check=True,
                       stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def sequential_inprocess(paths: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    lines = 0
    for path in paths:
        lines += sum(s.code for s in analyze_project(path).languages)
    return time.perf_counter() - start, lines


def cpu_now() -> float:
    """CPU seconds of this process and of its children that have ended (the cluster's
    workers, once it is closed)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def survey_cold(todo: list[Source], workers: int) -> tuple[float, float]:
    """Wall time of a survey that starts its own LocalCluster (what a user waits for), and
    the CPU seconds it cost in all its processes (client, scheduler, workers)."""
    cpu = cpu_now()
    with tempfile.TemporaryDirectory() as tmp:
        store = SurveyStore(Path(tmp) / "s.db")
        try:
            seconds, _ = wall(lambda: run_survey(todo, store, workers=workers))
        finally:
            store.close()
    return seconds, cpu_now() - cpu


def survey_warm(todo: list[Source], address: str) -> float:
    """Wall time of the survey alone, on a cluster that is already up."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SurveyStore(Path(tmp) / "s.db")
        try:
            seconds, summary = wall(lambda: run_survey(todo, store, scheduler=address))
            assert summary.failed == 0, summary
        finally:
            store.close()
    return seconds


def cluster(workers: int) -> Any:
    import dask
    from distributed import LocalCluster

    # As the survey's own LocalCluster: no per-task stack sampling (no dashboard to show it).
    dask.config.set({"distributed.worker.profile.enabled": False})
    local_cluster: Any = LocalCluster  # distributed is untyped
    return local_cluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


def bench_throughput(paths: list[Path], workers_max: int, rounds: int, out: list[str]) -> None:
    todo = expand(map(str, paths))
    cli = sequential_cli(paths)
    cpu = cpu_now()
    first, lines = sequential_inprocess(paths)
    loop_cpu = cpu_now() - cpu
    loop = min([first] + [sequential_inprocess(paths)[0] for _ in range(rounds - 1)])
    out += [f"{len(paths)} sources, {lines:,} code lines; load before: {_load()}\n",
            "| run | wall s | code lines/s | vs analyze CLI | vs in-process loop | CPU s |",
            "|---|---:|---:|---:|---:|---:|",
            _row("batuta analyze, once per source", cli, lines, cli, loop),
            _row("analyze_project in a loop (one process)", loop, lines, cli, loop, loop_cpu)]
    for workers in sorted({1, 2, workers_max}):
        cold, cold_cpu = min(survey_cold(todo, workers) for _ in range(rounds))
        with cluster(workers) as c:
            warm = min(survey_warm(todo, c.scheduler_address) for _ in range(rounds))
        out.append(_row(f"survey, {workers} workers (incl. cluster start)", cold, lines, cli,
                        loop, cold_cpu))
        out.append(_row(f"survey, {workers} workers (cluster already up)", warm, lines, cli,
                        loop))
    out.append(f"\nload after: {_load()}")


def _row(label: str, seconds: float, lines: int, cli: float, loop: float,
         cpu: float | None = None) -> str:
    cpu_text = "" if cpu is None else f"{cpu:.2f}"
    return (f"| {label} | {seconds:.2f} | {lines / seconds:,.0f} | {cli / seconds:.2f}x | "
            f"{loop / seconds:.2f}x | {cpu_text} |")


def bench_overhead(out: list[str]) -> None:
    out += ["", "| tiny sources | survey wall s | per source ms | analysis per source ms | "
            "overhead per source ms |", "|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp, cluster(2) as c:
        for n in (10, 100, 1000):
            paths = []
            for i in range(n):
                folder = Path(tmp) / f"n{n}" / f"s{i}"
                folder.mkdir(parents=True)
                (folder / "m.py").write_text(TINY)
                paths.append(folder)
            seconds = survey_warm(expand(map(str, paths)), c.scheduler_address)
            loop, _ = sequential_inprocess(paths)
            per, analysis = 1000 * seconds / n, 1000 * loop / n
            out.append(f"| {n} | {seconds:.2f} | {per:.1f} | {analysis:.1f} | "
                       f"{per - analysis / 2:.1f} |")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers-max", type=int, default=max(4, os.cpu_count() or 1))
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-overhead", action="store_true")
    args = parser.parse_args(argv)
    out: list[str] = [f"cores: {os.cpu_count()}, python {sys.version.split()[0]}"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = sources(Path(tmp), args.copies)
        bench_throughput(paths, args.workers_max, args.rounds, out)
    if not args.skip_overhead:
        bench_overhead(out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
