"""``batuta report [PATH]``: the migration report as HTML (one file), Markdown, JSON or text.

Analyzes PATH, reads its workflow state when there is one (the report never writes it), asks
the Oracle for the project, and writes the report to ``-o FILE`` or stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from batuta.cli._common import EXIT_OK
from batuta.errors import OutputWriteError, SourceNotFoundError, StateFileError

FORMATS = ("html", "markdown", "json", "text")


def register(subparsers: Any) -> None:
    """Add the ``report`` sub-command."""
    parser = subparsers.add_parser(
        "report", help="write the migration report (HTML, Markdown, JSON or text)",
        description="Analyze PATH and write the migration report: summary, languages, "
                    "dependencies, frameworks and call sites, TDG, complex functions, workflow, "
                    "conversion coverage, Oracle recommendations and charts.")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH",
                        help="project directory (default: the current directory)")
    parser.add_argument("--format", choices=FORMATS, default="html",
                        help="output format (default: html)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback of unexpected errors")
    parser.set_defaults(func=run)


def _state(root: Path) -> object:
    from batuta.workflow.state import load_state, state_path

    if not state_path(root).exists():
        return None
    try:
        return load_state(root)
    except StateFileError:
        sys.stderr.write("warning: the workflow state file does not load; the report leaves "
                         "the workflow out\n")
        return None


def run(args: argparse.Namespace) -> int:
    """Analyze and write the report."""
    from batuta.api import analyze_project
    from batuta.report.migration import migration_report

    root = Path(args.path)
    if not root.is_dir():
        raise SourceNotFoundError(f"{args.path}: no such directory", path=args.path)
    text = migration_report(analyze_project(root), args.format, state=_state(root))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {args.output}: {exc.strerror}",
                               path=args.output) from exc
    sys.stderr.write(f"Wrote {args.output} ({len(text.encode()):,} bytes).\n")
    return EXIT_OK
