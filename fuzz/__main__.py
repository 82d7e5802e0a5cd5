"""``python -m fuzz [--examples N] [--targets a,b] [--report FILE]``: the fuzz campaign.

Each target runs in its own child process (``--one``), with the address space capped at
``--memory-mb`` (``RLIMIT_AS``), so one target's memory cannot hide another's and a runaway
input ends in ``MemoryError`` (a finding) instead of swapping the machine. The report (JSON)
is rewritten after every target, so a long campaign that is stopped still records what ran.
Exit status: 0 when no target had a finding, 1 otherwise.

Example:
    nice -n 19 python -m fuzz --examples 100000 --report bench/fuzz-report.json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from fuzz.targets import TARGETS


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n")[0])
    p.add_argument("--examples", type=int, default=1000, help="examples per target (1000)")
    p.add_argument("--targets", default="", help="comma-separated target names (all)")
    p.add_argument("--cpu-seconds", type=float, default=5.0,
                   help="CPU-time bound per input (5 s)")
    p.add_argument("--memory-mb", type=int, default=3072,
                   help="address-space bound per target process (3072 MiB)")
    p.add_argument("--seed", type=int, default=16)
    p.add_argument("--report", type=Path, help="JSON report to (re)write after each target")
    p.add_argument("--progress-dir", type=Path,
                   help="folder for each running target's progress (every 1,000 examples)")
    p.add_argument("--one", help=argparse.SUPPRESS)  # child mode: run this target, print JSON
    return p.parse_args(argv)


def _child(args: argparse.Namespace) -> int:
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from fuzz.runner import run_target, target_named

    progress = args.progress_dir / f"{args.one}.json" if args.progress_dir else None
    outcome = run_target(target_named(args.one), examples=args.examples,
                         cpu_seconds=args.cpu_seconds, random_seed=args.seed, progress=progress)
    outcome.bounds["memory_mb"] = args.memory_mb
    print(json.dumps(outcome.as_dict()))
    return 0


def _run_one(name: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "fuzz", "--one", name, "--examples", str(args.examples),
           "--cpu-seconds", str(args.cpu_seconds), "--memory-mb", str(args.memory_mb),
           "--seed", str(args.seed)]
    if args.progress_dir:
        args.progress_dir.mkdir(parents=True, exist_ok=True)
        cmd += ["--progress-dir", str(args.progress_dir)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        result: dict[str, Any] = json.loads(lines[-1])
        return result
    return {"target": name, "examples": None, "finding":
            f"child process ended with status {done.returncode}: {done.stderr[-2000:]}"}


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.one:
        return _child(args)
    names = [n for n in args.targets.split(",") if n] or [t.name for t in TARGETS]
    report: dict[str, Any] = {"examples_per_target": args.examples, "seed": args.seed,
                              "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                              "targets": []}
    for name in names:
        outcome = _run_one(name, args)
        report["targets"].append(outcome)
        status = "FINDING" if outcome.get("finding") else "ok"
        print(f"{name}: {status}, {outcome.get('examples')} examples "
              f"({outcome.get('typed_errors')} typed errors), slowest input "
              f"{outcome.get('slowest_s')} s CPU, peak {outcome.get('peak_rss_mb')} MB, "
              f"{outcome.get('seconds')} s", flush=True)
        if outcome.get("finding"):
            print(outcome["finding"], flush=True)
        if args.report:
            report["finished"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
            args.report.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if any(t.get("finding") for t in report["targets"]) else 0


if __name__ == "__main__":
    sys.exit(main())
