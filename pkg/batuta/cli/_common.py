"""What every CLI command shares: exit codes, the argument parser, output and error printing.

Errors never reach the user as a traceback. A ``BatutaError`` prints ``error[CODE]: message``
on stderr (or ``{"error": {...}}`` on stdout with ``--format json``, so scripts always read one
JSON document); anything unexpected prints a one-line message and a pointer to ``--debug``.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from batuta._serialize import to_json
from batuta.errors import BatutaError, InternalError, InvalidArgumentError

if TYPE_CHECKING:  # rich loads only when a command prints a report (keeps --help fast)
    from rich.console import Console

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's convention for SIGINT

FORMATS = ("text", "json")


class UsageError(InvalidArgumentError):
    """The command line itself is wrong (unknown flag, missing argument, refused action)."""


class ArgumentParser(argparse.ArgumentParser):
    """An ``argparse`` parser that raises ``UsageError`` instead of printing and exiting.

    ``main`` then prints it like every other error, honouring ``--format json``.
    """

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, usage=self.format_usage().strip(), prog=self.prog)


def whole_number(name: str, minimum: int = 0) -> Callable[[str], int]:
    """An argparse ``type`` for a count such as a data size: ``1_000_000`` and ``1,000,000``
    are read as 1000000; a fraction, a word or a value under ``minimum`` is a typed error."""

    def parse(text: str) -> int:
        try:
            value = int(text.replace("_", "").replace(",", ""))
        except ValueError:
            raise InvalidArgumentError(f"{name} must be a whole number, got {text!r}") from None
        if value < minimum:
            raise InvalidArgumentError(f"{name} must be at least {minimum:,}" if minimum
                                       else f"{name} must not be negative")
        return value

    return parse


def add_common_options(parser: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """Add ``--format text|json`` (when ``formats``) and ``--debug`` to a command's parser."""
    if formats:
        parser.add_argument("--format", choices=FORMATS, default="text",
                            help="output format (default: text)")
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback of unexpected errors")


def wants_json(argv: Sequence[str]) -> bool:
    """Whether the raw command line asks for JSON (read before parsing, for parse errors)."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--format=json" or (arg == "--format" and args[i + 1:i + 2] == ["json"]):
            return True
    return False


def exit_code_for(error: BatutaError) -> int:
    """2 for bad usage and bad arguments, 1 for every other failure."""
    return EXIT_USAGE if isinstance(error, InvalidArgumentError) else EXIT_FAILURE


def stdout_console() -> Console:
    """A rich console on the current ``sys.stdout``: colour on a terminal, plain otherwise."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, emoji=False, soft_wrap=False)


def print_json(value: Any) -> None:
    """Print a result as indented JSON on stdout."""
    sys.stdout.write(to_json(value, indent=2) + "\n")


def warn(message: str) -> None:
    """A warning on stderr; never part of the command's output."""
    sys.stderr.write(f"warning: {message}\n")


def report_error(error: BatutaError, *, as_json: bool) -> int:
    """Print ``error`` for a person (stderr) or a program (JSON on stdout); return the exit code."""
    if as_json:
        sys.stdout.write(json.dumps({"error": error.to_dict()}, indent=2) + "\n")
    else:
        _write(sys.stderr, f"error[{error.code}]: {error.message}\n")
        usage = error.details.get("usage") if isinstance(error, UsageError) else None
        if usage:
            _write(sys.stderr, f"{usage}\nrun '{error.details.get('prog', 'batuta')} --help' "
                               "for the options\n")
    return exit_code_for(error)


def report_unexpected(exc: BaseException, *, as_json: bool, debug: bool) -> int:
    """An exception Batuta did not expect: short message, traceback only with ``--debug``."""
    message = f"unexpected {type(exc).__name__}: {exc}"
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if as_json:
        body = InternalError(message, type=type(exc).__name__).to_dict()
        sys.stdout.write(json.dumps({"error": body}, indent=2) + "\n")
    else:
        _write(sys.stderr, f"error: {message}\n")
    if not debug:
        _write(sys.stderr, "run with --debug for the traceback\n")
    return EXIT_FAILURE


def _write(stream: IO[str], text: str) -> None:
    stream.write(text)
    stream.flush()
