"""``batuta status`` (the five-phase board) and ``batuta reset --yes`` (forget the workflow)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from batuta.cli._common import EXIT_OK, UsageError, add_common_options, print_json
from batuta.errors import InvalidArgumentError, SourceNotFoundError, StateFileError
from batuta.workflow.state import load_state, reset_state, state_path, state_to_dict


def register(subparsers: Any) -> None:
    """Add the ``status`` and ``reset`` sub-commands."""
    status = subparsers.add_parser(
        "status", help="show the workflow progress of a project",
        description="Show the five-phase workflow board recorded in PATH/.batuta-state.json.")
    status.add_argument("path", nargs="?", default=".", metavar="PATH",
                        help="project directory (default: the current directory)")
    add_common_options(status)
    status.set_defaults(func=run_status)

    reset = subparsers.add_parser(
        "reset", help="clear the workflow state of a project (needs --yes)",
        description="Delete PATH/.batuta-state.json. A state file that does not load is kept "
                    "as .batuta-state.json.corrupt instead of being deleted.")
    reset.add_argument("path", nargs="?", default=".", metavar="PATH",
                       help="project directory (default: the current directory)")
    reset.add_argument("--yes", action="store_true", help="confirm the reset")
    add_common_options(reset)
    reset.set_defaults(func=run_reset)


def run_status(args: argparse.Namespace) -> int:
    """Print the board (or the state as JSON)."""
    root = _directory(args.path)
    try:
        state = load_state(root)
    except StateFileError as exc:
        raise StateFileError(f"{exc.message}. Run 'batuta reset --yes {args.path}' to keep it "
                             "as a .corrupt backup and start over", **exc.details) from exc
    path = state_path(root)
    if args.format == "json":
        print_json({"path": str(path), "exists": path.exists(), **state_to_dict(state)})
    else:
        from batuta.report.text import status_board  # rich loads only when printing

        sys.stdout.write(status_board(state))
    return EXIT_OK


def run_reset(args: argparse.Namespace) -> int:
    """Remove the state file; refuse without ``--yes``."""
    if not args.yes:
        raise UsageError(f"refusing to reset the workflow state of {args.path} without --yes "
                         "(this forgets every recorded phase)")
    outcome = reset_state(_directory(args.path))
    if args.format == "json":
        print_json({"reset": True, "path": str(outcome.path), "existed": outcome.existed,
                    "backup": None if outcome.backup is None else str(outcome.backup)})
    elif not outcome.existed:
        print(f"No workflow state to reset in {args.path}.")
    elif outcome.backup is not None:
        print(f"The state file did not load; it was kept as {outcome.backup}.")
        print("✅ Workflow state reset successfully!")
    else:
        print("✅ Workflow state reset successfully!")
    return EXIT_OK


def _directory(path: str) -> Path:
    root = Path(path)
    if not root.exists():
        raise SourceNotFoundError(f"{path}: no such directory", path=path)
    if not root.is_dir():
        raise InvalidArgumentError(f"{path} is a file; give the project directory", path=path)
    return root
