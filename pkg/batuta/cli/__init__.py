"""The ``batuta`` command line: argument parsing and dispatch to one module per command.

Each module named in ``COMMAND_MODULES`` (``batuta.cli.<name>``) exposes
``register(subparsers) -> None``, which adds its sub-parser and sets ``func(args) -> int`` with
``set_defaults``. Adding a command is one new module plus its name in the tuple.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from batuta.api import __version__
from batuta.cli._common import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ArgumentParser,
    report_error,
    report_unexpected,
    wants_json,
)
from batuta.errors import BatutaError

COMMAND_MODULES: tuple[str, ...] = ("analyze", "status", "app", "convert", "backend",
                                     "survey", "oracle", "init", "serving", "report",
                                     "optimize", "validate")

__all__ = ["COMMAND_MODULES", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options plus every command module's sub-parser."""
    parser = ArgumentParser(
        prog="batuta",
        description="Analyze Python, C, C++ and shell code bases and plan their move to the "
                    "Rust Sovereign AI Stack.",
        epilog="Exit codes: 0 ok, 1 failure, 2 bad usage. "
               "Run 'batuta COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"batuta {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of unexpected errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"batuta.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``) and return the exit code.

    Example:
        >>> main(["--version"])  # doctest: +SKIP
        batuta 0.1.0
        0
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    as_json = wants_json(args_list)
    debug = "--debug" in args_list
    try:
        return _dispatch(args_list)
    except SystemExit as exc:  # --help and --version exit through argparse
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except BatutaError as exc:
        return report_error(exc, as_json=as_json)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `batuta analyze | head`: the reader left; not an error to report
        _silence_stdout()
        return EXIT_FAILURE
    except Exception as exc:  # the promise: never a bare traceback
        return report_unexpected(exc, as_json=as_json, debug=debug)


def _silence_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not raise again.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _dispatch(args_list: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return int(func(args))
