"""``batuta validate CRATE_DIR``: ``cargo check`` on a crate ``batuta convert`` wrote.

``--stubs DIR`` (or ``$BATUTA_RUST_STUBS``) checks offline against stub crates that
``python tools/rust_stubs.py DIR`` generated from the crate-API tables; without it the user's
cargo fetches trueno, aprender and realizar from crates.io as the crate's Cargo.toml pins them.
The Validation phase is recorded in the Python project's ``.batuta-state.json`` (the project
the crate's ``[package.metadata.batuta] source`` names, or ``--project``) where the workflow's
order allows; otherwise the output says why it was not. Exit 0 when the crate type-checks,
1 when it does not.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

from batuta.cli._common import EXIT_FAILURE, EXIT_OK, add_common_options, print_json

PHASE = "Validation"


def register(subparsers: Any) -> None:
    """Add the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate", help="type-check a converted crate with cargo (the Validation phase)",
        description="Run cargo check on a crate written by 'batuta convert DIR -o OUT' and "
                    "list its errors by file and line.")
    parser.add_argument("crate", metavar="CRATE_DIR", help="the crate batuta convert wrote")
    parser.add_argument("--stubs", metavar="DIR", default=None,
                        help="check offline against stub crates (python tools/rust_stubs.py "
                             "DIR writes them); default $BATUTA_RUST_STUBS")
    parser.add_argument("--project", metavar="DIR", default=None,
                        help="the Python project whose state records the phase (default: "
                             "the source named in the crate's Cargo.toml)")
    parser.add_argument("--force", action="store_true",
                        help="record Validation even if Deployment ran (resets it)")
    parser.add_argument("--no-state", action="store_true",
                        help="do not record the Validation phase")
    add_common_options(parser)
    parser.set_defaults(func=run)


def project_of(crate: Path) -> Path | None:
    """The Python project a converted crate came from (its Cargo.toml metadata)."""
    try:
        data = tomllib.loads((crate / "Cargo.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    source = data.get("package", {}).get("metadata", {}).get("batuta", {}).get("source")
    return Path(source) if isinstance(source, str) and Path(source).is_dir() else None


def run(args: argparse.Namespace) -> int:
    """Check the crate, print the errors, record the phase."""
    from batuta.cli._crate import PhaseRecorder
    from batuta.validate import cargo_check

    crate = Path(args.crate)
    result = cargo_check(crate, stubs=args.stubs)  # typed errors for a bad dir, no cargo
    project = Path(args.project) if args.project else project_of(crate)
    note = "Validation not recorded: no project (give --project DIR)."
    if project is not None:
        recorder = PhaseRecorder(project, PHASE, force=args.force, enabled=not args.no_state)
        recorder.begin()
        started = time.perf_counter()
        if result.ok:
            recorder.finish(result.duration_s or (time.perf_counter() - started),
                            {"crate": str(crate), "errors": 0, "warnings": result.warnings,
                             "stubs": result.offline_stubs})
        else:
            recorder.fail(f"cargo check: {len(result.errors)} error(s)")
        note = recorder.note or note
    if args.format == "json":
        print_json({"result": result, "state": note})
    else:
        sys.stdout.write(_text(result) + note + "\n")
    return EXIT_OK if result.ok else EXIT_FAILURE


def _text(result: Any) -> str:
    where = f"offline against the stubs in {result.offline_stubs}" if result.offline_stubs \
        else "against crates.io"
    if result.ok:
        head = (f"✓ {result.crate_dir} type-checks ({where}; {result.warnings} warning(s), "
                f"{result.duration_s:.1f} s).")
        return head + "\n"
    lines = [f"✗ {result.crate_dir}: {len(result.errors)} error(s) ({where}):"]
    lines += [f"  {e}" for e in result.errors]
    if result.failure:
        lines.append(f"  cargo: {result.failure}")
    return "\n".join(lines) + "\n"
