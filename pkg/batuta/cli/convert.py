"""``batuta convert FILE``: NumPy / scikit-learn / PyTorch code -> Trueno / Aprender / Realizar.

``--framework all`` (the default) converts the whole file into one Rust module; a single
framework converts the file as a snippet with that framework's defaults. ``--format rust``
prints only Rust (ready to save as ``.rs``), ``text`` adds a summary, ``json`` the full result.

``batuta convert DIR -o OUT`` converts a whole project into a Cargo crate at OUT (one module
per Python module, ``CONVERSION.md`` listing what was not converted) and records the
workflow's Transpilation phase in DIR's ``.batuta-state.json`` (``cli._crate``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from batuta.cli._common import (
    EXIT_OK,
    UsageError,
    add_common_options,
    print_json,
    whole_number,
)
from batuta.errors import InputTooLargeError, InvalidArgumentError, SourceNotFoundError
from batuta.limits import MAX_SOURCE_CHARS

FRAMEWORKS = ("all", "numpy", "sklearn", "pytorch")


def register(subparsers: Any) -> None:
    """Add the ``convert`` sub-command."""
    parser = subparsers.add_parser(
        "convert", help="convert NumPy/sklearn/PyTorch code to Rust (Trueno/Aprender/Realizar)",
        description="Convert the ML framework calls of a Python file into Rust for the "
                    "Sovereign AI Stack. Unconvertible constructs are listed, never dropped.")
    parser.add_argument("file", metavar="FILE",
                        help="Python file to convert ('-' for stdin), or a project directory "
                             "to write as a Cargo crate (with -o)")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="with a directory: where to write the crate (new or empty)")
    parser.add_argument("--crate-name", default=None,
                        help="with a directory: the crate's name (default: the directory's)")
    parser.add_argument("--force", action="store_true",
                        help="record Transpilation even if later phases ran (resets them)")
    parser.add_argument("--no-state", action="store_true",
                        help="do not record the Transpilation phase in .batuta-state.json")
    parser.add_argument("--framework", choices=FRAMEWORKS, default="all",
                        help="convert one framework as a snippet, or the whole file (default)")
    parser.add_argument("--data-size", type=whole_number("--data-size"), default=None, metavar="N",
                        help="data size the backend recommendation is made for")
    add_common_options(parser, formats=False)
    parser.add_argument("--format", choices=("text", "json", "rust"), default="text",
                        help="text summary + Rust (default), the JSON result, or Rust only")
    parser.set_defaults(func=run)



def _too_large(name: str, size: str) -> InputTooLargeError:
    return InputTooLargeError(f"{name}: {size} is over the {MAX_SOURCE_CHARS:,}-character bound "
                              "for one file", limit=MAX_SOURCE_CHARS)


def read_source(name: str) -> tuple[str, str]:
    """The text of FILE (or stdin for ``-``) and the name to report it under."""
    # The size is checked before reading: a 1 GB file used to be read whole (10 s, 2 GiB)
    # and only then refused by the converter's character bound.
    if name == "-":
        text = sys.stdin.read(MAX_SOURCE_CHARS + 1)
        if len(text) > MAX_SOURCE_CHARS:
            raise _too_large("standard input", f"more than {MAX_SOURCE_CHARS:,} characters")
        return text, "<stdin>"
    path = Path(name)
    if not path.is_file():
        raise SourceNotFoundError(f"{name}: no such file", path=name)
    most = 4 * MAX_SOURCE_CHARS  # UTF-8 takes at most 4 bytes a character
    if (size := path.stat().st_size) > most:
        raise _too_large(name, f"{size:,} bytes")
    with path.open("rb") as fh:
        data = fh.read(most + 1)
    if len(data) > most:
        raise _too_large(name, f"more than {most:,} bytes")
    try:
        return data.decode("utf-8"), path.name
    except UnicodeDecodeError as exc:
        raise InvalidArgumentError(f"{name} is not UTF-8 text (byte {exc.start})",
                                   path=name) from None


def run(args: argparse.Namespace) -> int:
    """Convert and print in the chosen format."""
    from batuta import convert

    if args.file != "-" and Path(args.file).is_dir():
        return _run_directory(args)
    if args.output is not None and args.file != "-" and not Path(args.file).exists():
        raise SourceNotFoundError(f"{args.file}: no such project directory", path=args.file)
    if args.output is not None:
        raise UsageError("-o/--output writes a crate from a project directory; for one file, "
                         "redirect the output (--format rust > module.rs)")
    code, filename = read_source(args.file)
    if args.framework == "all":
        size = 1_000_000 if args.data_size is None else args.data_size
        result: Any = convert.convert_file(code, filename, data_size=size)
        rust = result.rust_code
    else:
        fn = getattr(convert, f"convert_{args.framework}")
        defaults = {"numpy": 1000, "sklearn": 1000, "pytorch": 1_000_000}
        size = defaults[args.framework] if args.data_size is None else args.data_size
        result = fn(code, data_size=size)
        head = "\n".join(result.imports)
        rust = (head + "\n\n" if head else "") + result.rust_code + "\n"
    if args.format == "json":
        print_json(result)
    elif args.format == "rust":
        sys.stdout.write(rust)
    else:
        sys.stdout.write(_summary(result, filename) + "\n" + rust)
    return EXIT_OK


def _run_directory(args: argparse.Namespace) -> int:
    from batuta.cli._crate import convert_directory, summary_text

    if args.output is None:
        raise UsageError(f"{args.file} is a directory: give -o OUT, where to write the crate")
    if args.format == "rust":
        raise UsageError("--format rust is for one file; a directory becomes a crate on disk")
    size = 1_000_000 if args.data_size is None else args.data_size
    summary = convert_directory(Path(args.file), Path(args.output), crate_name=args.crate_name,
                                data_size=size, force=args.force, record=not args.no_state)
    if args.format == "json":
        print_json(summary)
    else:
        sys.stdout.write(summary_text(summary))
    return EXIT_OK


def _summary(result: Any, filename: str) -> str:
    lines = [f"// {filename}: {len(result.mappings)} construct(s) mapped, "
             f"{len(result.unsupported)} not converted; backend: "
             f"{result.backend_recommendation}"]
    for m in result.mappings:
        lines.append(f"//   {m.span.line}:{m.span.col} {m.python} -> {_one_line(m.rust)}")
    for u in result.unsupported:
        lines.append(f"//   {u.span.line}:{u.span.col} {u.python}: NOT CONVERTED ({u.reason})")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 70 else flat[:67] + "..."
