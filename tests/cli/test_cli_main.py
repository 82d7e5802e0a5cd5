"""CLI entry: version, help, dispatch, exit codes and error printing (in-process and subprocess)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import batuta
from batuta.cli import COMMAND_MODULES, build_parser, main
from batuta.cli._common import exit_code_for, wants_json, whole_number
from batuta.errors import InvalidArgumentError, SourceNotFoundError, StateFileError

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m batuta ARGS`` in a fresh interpreter, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "pkg"), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "batuta", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"batuta {batuta.__version__}\n"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("analyze", "status", "reset"):
        assert name in out
    assert "Exit codes: 0 ok, 1 failure, 2 bad usage" in out


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers that run something: those without sub-commands of their own."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for sub in subs for child in sub.choices.values() for leaf in _leaves(child)]


def test_every_command_module_registers_a_func() -> None:
    for name in COMMAND_MODULES:
        module = __import__(f"batuta.cli.{name}", fromlist=["register"])
        assert callable(module.register), name
    parser = build_parser()
    leaves = _leaves(parser)
    assert {"batuta analyze", "batuta status", "batuta reset"} <= {p.prog for p in leaves}
    for leaf in leaves:
        assert callable(leaf.get_default("func")), leaf.prog


def test_no_command_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: batuta" in capsys.readouterr().err


@pytest.mark.parametrize("argv, fragment", [
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["analyze", "--format", "xml"], "invalid choice: 'xml'"),
    (["status", "--colour"], "unrecognized arguments: --colour"),
    (["analyze", "a", "b"], "unrecognized arguments: b"),
])
def test_usage_errors_exit_2_with_code(argv: list[str], fragment: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error[BATUTA-X-001]: ")
    assert fragment in captured.err and "usage: batuta" in captured.err
    assert captured.out == "" and "Traceback" not in captured.err


def test_usage_error_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--format", "json", "--colour"]) == 2
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "BATUTA-X-001" and error["type"] == "UsageError"
    assert "--colour" in error["message"]


def test_unexpected_exception_is_one_line_without_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(batuta.api, "analyze_project", broken)
    assert main(["analyze", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == ("error: unexpected ZeroDivisionError: division by zero\n"
                   "run with --debug for the traceback\n")
    assert main(["analyze", str(tmp_path), "--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "--debug for" not in err
    assert main(["analyze", str(tmp_path), "--format", "json"]) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "BATUTA-X-031" and "ZeroDivisionError" in error["message"]
    state = json.loads((tmp_path / ".batuta-state.json").read_text())
    assert state["phases"]["Analysis"]["status"] == "Failed"
    assert "ZeroDivisionError" in state["phases"]["Analysis"]["error"]


def test_exit_codes_by_error_kind() -> None:
    assert exit_code_for(InvalidArgumentError("x")) == 2
    assert exit_code_for(SourceNotFoundError("x")) == 1
    assert exit_code_for(StateFileError("x")) == 1


@given(st.lists(st.sampled_from(["--format", "json", "text", "--format=json", "x"]),
                max_size=6))
def test_wants_json_matches_argparse(argv: list[str]) -> None:
    expected = any(a == "--format=json" or (a == "--format" and argv[i + 1:i + 2] == ["json"])
                   for i, a in enumerate(argv))
    assert wants_json(argv) is expected


@given(st.lists(st.text(max_size=12), max_size=5))
def test_arbitrary_argv_never_crashes(argv: list[str]) -> None:
    # Only parsing paths: status/reset/analyze on whatever the text names must still end in a
    # code, never an exception. "analyze" is left out so no real tree gets walked.
    argv = [a for a in argv if a not in {"analyze", "reset"}]
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["status", *argv])
    assert code in (0, 1, 2)


# --- as a real process ---------------------------------------------------------------------------
def test_subprocess_version_and_exit_codes(tmp_path: Path) -> None:
    done = run_cli("--version")
    assert (done.returncode, done.stdout) == (0, f"batuta {batuta.__version__}\n")
    done = run_cli("frobnicate")
    assert done.returncode == 2 and done.stderr.startswith("error[BATUTA-X-001]")
    done = run_cli("status", str(tmp_path / "missing"))
    assert done.returncode == 1
    assert done.stderr == f"error[BATUTA-X-005]: {tmp_path / 'missing'}: no such directory\n"
    done = run_cli("reset", str(tmp_path))
    assert done.returncode == 2 and "without --yes" in done.stderr
    assert "Traceback" not in done.stderr


def test_console_script_entry_point_resolves() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "batuta"]
    assert script.value == "batuta.cli:main" and script.load() is main


@pytest.mark.parametrize(("text", "value"), [("1000000", 1_000_000), ("1_000_000", 1_000_000),
                                             ("1,000,000", 1_000_000), ("0", 0)])
def test_counts_read_with_separators(text: str, value: int) -> None:
    assert whole_number("SIZE")(text) == value


@pytest.mark.parametrize(("text", "minimum", "message"), [
    ("2.5", 0, "SIZE must be a whole number, got '2.5'"), ("ten", 0, "a whole number"),
    ("-1", 0, "SIZE must not be negative"), ("0", 1, "SIZE must be at least 1")])
def test_bad_counts_are_typed_errors(text: str, minimum: int, message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=re.escape(message)):
        whole_number("SIZE", minimum)(text)
