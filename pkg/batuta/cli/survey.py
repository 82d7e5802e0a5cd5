"""``batuta survey`` and ``batuta survey-report``: many sources on Dask into one SQLite file.

``survey SOURCES… [-o survey.db] [--workers N | --scheduler tcp://host:port]`` analyzes every
folder and archive (and every path in a list file) that ``survey.db`` does not already hold,
one Dask task each, writing each result as it arrives; running it again with the same ``-o``
resumes. ``survey-report survey.db [--format text|json|html] [-o FILE]`` prints the report.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from batuta.cli._common import EXIT_OK, UsageError, add_common_options, print_json
from batuta.errors import OutputWriteError

REFRESH_S = 0.1


def register(subparsers: Any) -> None:
    """Add the ``survey`` and ``survey-report`` sub-commands."""
    survey = subparsers.add_parser(
        "survey", help="analyze many folders and archives on Dask into a SQLite database",
        description="Analyze every source (a folder, a zip or tar archive, or a text file "
                    "listing them, one per line) as one task on Dask distributed, writing "
                    "each result to the database as it completes. Run it again with the same "
                    "-o to resume: only sources not yet recorded are analyzed.")
    survey.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="folder, archive (.zip, .tar.gz, ...) or list file")
    survey.add_argument("-o", "--output", type=Path, default=Path("survey.db"),
                        help="the survey database (default: survey.db)")
    survey.add_argument("--workers", type=int, metavar="N",
                        help="worker processes of the local Dask cluster (default: one per CPU)")
    survey.add_argument("--scheduler", metavar="ADDRESS",
                        help="use an existing Dask cluster (tcp://host:8786) instead")
    survey.add_argument("--connect-timeout", type=float, default=10.0, metavar="S",
                        help="seconds to wait for --scheduler and its first worker (default 10)")
    survey.add_argument("--retry-failed", action="store_true",
                        help="analyze again the sources recorded as failed")
    add_common_options(survey)
    survey.set_defaults(func=run_survey_command)

    report = subparsers.add_parser(
        "survey-report", help="report on a survey database",
        description="Totals, one row per source, the 50 most complex functions and the APIs "
                    "to map across every source of a survey database.")
    report.add_argument("database", type=Path, metavar="SURVEY.db")
    report.add_argument("--format", choices=("text", "json", "html"), default="text",
                        help="output format (default: text)")
    report.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the report to FILE instead of standard output")
    add_common_options(report, formats=False)
    report.set_defaults(func=run_report_command)


def run_survey_command(args: argparse.Namespace) -> int:
    """Run (or resume) the survey; exit 0 when it completed, failed sources included."""
    from batuta.cli._progress import progress_wanted
    from batuta.survey.runner import run_survey
    from batuta.survey.sources import expand
    from batuta.survey.store import SurveyStore

    if args.scheduler is not None and args.workers is not None:
        raise UsageError("--workers sizes the local cluster; with --scheduler the cluster's "
                         "own workers run the survey")
    sources = expand(args.sources)
    store = SurveyStore(args.output)
    try:
        with SurveyBar(enabled=progress_wanted(args.format)) as bar:
            summary = run_survey(sources, store, workers=args.workers,
                                 scheduler=args.scheduler, connect_timeout=args.connect_timeout,
                                 retry_failed=args.retry_failed, progress=bar)
    except KeyboardInterrupt:
        recorded = len(store.recorded())
        sys.stderr.write(f"{recorded} sources are recorded in {args.output}; run the same "
                         "command again to resume\n")
        raise
    finally:
        store.close()
    if args.format == "json":
        print_json({"database": str(args.output), **vars(summary)})
        return EXIT_OK
    rate = summary.lines / summary.seconds if summary.seconds > 0 else 0.0
    print(f"Surveyed {summary.sources} sources into {args.output}: {summary.analyzed} analyzed, "
          f"{summary.failed} failed, {summary.already} already recorded; "
          f"{summary.lines:,} code lines in {summary.seconds:.1f} s ({rate:,.0f} lines/s) "
          f"on {summary.workers} workers.")
    print(f"Report: batuta survey-report {args.output}")
    return EXIT_OK


def run_report_command(args: argparse.Namespace) -> int:
    """Print (or write) the report of a survey database."""
    from batuta.api import survey_report

    result = survey_report(args.database, args.format)
    if args.output is None:
        if args.format == "json":
            print_json(result)
        else:
            sys.stdout.write(result)
        return EXIT_OK
    text = result if isinstance(result, str) else _json(result)
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {args.output}: {exc.strerror or exc}",
                               path=str(args.output)) from exc
    print(f"Report written to {args.output}")
    return EXIT_OK


def _json(value: Any) -> str:
    from batuta._serialize import to_json

    return to_json(value, indent=2) + "\n"


class SurveyBar:
    """A rich progress bar of sources: done, failed, running, and code lines per second.

    Shown only on a terminal with text output (like ``batuta analyze``'s), transient.
    """

    def __init__(self, *, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream
        self._progress: Any = None
        self._task: Any = None
        self._last = 0.0

    def __call__(self, state: Any) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        finished = state.done + state.failed
        if self._progress is not None and finished < state.total and now - self._last < REFRESH_S:
            return
        self._last = now
        rate = state.lines_per_second  # now, before the first call's start of the bar
        if self._progress is None:
            self._start(state.total)
        self._progress.update(self._task, completed=finished, total=state.total,
                              failed=state.failed, running=state.running, rate=rate)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=self.stream or sys.stdout, highlight=False)
        self._progress = Progress(
            TextColumn("[bold]Surveying"), BarColumn(), MofNCompleteColumn(),
            TextColumn("done, {task.fields[failed]} failed, {task.fields[running]} running,"
                       " {task.fields[rate]:,.0f} lines/s"),
            TimeElapsedColumn(), console=console, transient=True)
        self._progress.start()
        self._task = self._progress.add_task("survey", total=total, failed=0, running=0,
                                             rate=0.0)

    def __enter__(self) -> SurveyBar:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()


__all__ = ["SurveyBar", "register", "run_report_command", "run_survey_command"]
