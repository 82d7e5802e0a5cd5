"""The Validation phase: running the Rust toolchain on a crate Batuta wrote.

This package owns calling the user's ``cargo`` on a written crate (``batuta convert DIR -o
OUT``) and reading its JSON diagnostics into typed results. ``cargo_check(crate_dir)`` runs
``cargo check --message-format=json``; with ``stubs`` (a directory that ``python
tools/rust_stubs.py DIR`` wrote: stub crates of trueno, aprender and realizar made from the
crate-API tables) it runs offline against them through a cargo directory source, so the check
needs no crates.io access. A missing cargo is ``FeatureUnavailableError`` (BATUTA-X-030) with
how to get one, never a crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from batuta.errors import FeatureUnavailableError, InvalidArgumentError, SourceNotFoundError

STUBS_ENV = "BATUTA_RUST_STUBS"
STUB_SOURCE = "batuta-stubs"
CHECK_TIMEOUT_S = 900


@dataclass(frozen=True)
class Diagnostic:
    """One rustc error: where (relative to the crate when it is the crate's file) and what."""

    code: str
    message: str
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code}: {self.message}"


@dataclass(frozen=True)
class CheckResult:
    """What ``cargo check`` made of a crate."""

    crate_dir: str
    ok: bool
    errors: tuple[Diagnostic, ...]
    warnings: int
    duration_s: float
    offline_stubs: str | None
    cargo: str
    failure: str = ""  # cargo's own message when it failed without a compiler error


def find_cargo() -> str:
    """The user's cargo: on PATH or in ~/.cargo/bin."""
    found = shutil.which("cargo") or shutil.which("cargo", path=str(Path.home() / ".cargo/bin"))
    if not found:
        raise FeatureUnavailableError(
            "cargo not found on PATH or in ~/.cargo/bin: install Rust (https://rustup.rs) or "
            "Debian's cargo package (apt-get install cargo) to validate the crate")
    return found


def stub_args(stubs: str | os.PathLike[str]) -> list[str]:
    """``cargo`` arguments resolving crates.io to the stub crates in ``stubs``."""
    root = Path(stubs)
    if not all((root / name / "Cargo.toml").is_file() for name in ("trueno", "aprender",
                                                                    "realizar")):
        raise InvalidArgumentError(
            f"{root} holds no stub crates: write them with python tools/rust_stubs.py {root}",
            path=str(root))
    return ["--config", f'source.crates-io.replace-with="{STUB_SOURCE}"',
            "--config", f'source.{STUB_SOURCE}.directory="{root.resolve()}"']


def cargo_check(crate_dir: str | os.PathLike[str], *,
                stubs: str | os.PathLike[str] | None = None,
                target_dir: str | os.PathLike[str] | None = None) -> CheckResult:
    """Run ``cargo check`` on the crate at ``crate_dir`` and collect its errors.

    ``stubs`` (or ``$BATUTA_RUST_STUBS``): check offline against stub crates; ``target_dir``:
    cargo's build folder (default: the crate's ``target/``).

    Raises:
        SourceNotFoundError: ``crate_dir`` is not a directory (BATUTA-X-005).
        InvalidArgumentError: it has no Cargo.toml, or ``stubs`` holds no stub crates.
        FeatureUnavailableError: no cargo on this machine (BATUTA-X-030).
    """
    crate = Path(crate_dir)
    if not crate.is_dir():
        raise SourceNotFoundError(f"{crate}: no such crate directory", path=str(crate))
    if not (crate / "Cargo.toml").is_file():
        raise InvalidArgumentError(f"{crate} has no Cargo.toml: not a crate", path=str(crate))
    stubs = stubs if stubs is not None else os.environ.get(STUBS_ENV) or None
    cargo = find_cargo()
    cmd = [cargo, "check", "--quiet", "--message-format=json"]
    if stubs is not None:
        cmd += ["--offline", *stub_args(stubs)]
    env = dict(os.environ)
    if target_dir is not None:
        env["CARGO_TARGET_DIR"] = str(target_dir)
    started = time.perf_counter()
    lock = crate / "Cargo.lock"
    before = lock.read_bytes() if lock.is_file() else None
    try:
        proc = subprocess.run(cmd, cwd=crate, capture_output=True, text=True, env=env,
                              timeout=CHECK_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise FeatureUnavailableError(
            f"cargo check of {crate} ran past {CHECK_TIMEOUT_S} s", path=str(crate)) from exc
    finally:
        if stubs is not None:  # a lock naming the stubs' versions would break a real build
            _restore(lock, before)
    errors, warnings = parse_diagnostics(proc.stdout, crate)
    failure = "" if errors or proc.returncode == 0 else proc.stderr.strip()[-4000:]
    return CheckResult(str(crate), proc.returncode == 0, tuple(errors), warnings,
                       time.perf_counter() - started,
                       str(Path(stubs).resolve()) if stubs is not None else None, cargo, failure)


def _restore(lock: Path, before: bytes | None) -> None:
    with contextlib.suppress(OSError):
        if before is None:
            lock.unlink(missing_ok=True)
        else:
            lock.write_bytes(before)


def parse_diagnostics(stdout: str, crate_dir: Path) -> tuple[list[Diagnostic], int]:
    """Errors and the number of warnings in ``cargo --message-format=json`` output."""
    errors: list[Diagnostic] = []
    warnings = 0
    for message in _compiler_messages(stdout):
        level = message.get("level")
        if level == "warning":
            warnings += 1
        elif level == "error" and not _is_summary(message):
            errors.append(_diagnostic(message, crate_dir))
    return errors, warnings


def _compiler_messages(stdout: str) -> Iterator[dict[str, Any]]:
    for line in stdout.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("reason") == "compiler-message" \
                and isinstance(record.get("message"), dict):
            yield record["message"]


def _is_summary(message: dict[str, Any]) -> bool:
    return not message.get("spans") and str(message.get("message", "")).startswith("aborting")


def _diagnostic(message: dict[str, Any], crate_dir: Path) -> Diagnostic:
    spans = [s for s in message.get("spans") or [] if isinstance(s, dict)]
    primary = next((s for s in spans if s.get("is_primary")), spans[0] if spans else {})
    code = message.get("code")
    name = str(primary.get("file_name", "<crate>"))
    path = Path(name) if Path(name).is_absolute() else crate_dir / name
    with contextlib.suppress(ValueError):  # a dependency's file (a stub) keeps its full path
        name = path.resolve().relative_to(crate_dir.resolve()).as_posix()
    return Diagnostic(code.get("code", "error") if isinstance(code, dict) else "error",
                      str(message.get("message", "")), name,
                      int(primary.get("line_start") or 0), int(primary.get("column_start") or 0))


__all__ = ["STUBS_ENV", "CheckResult", "Diagnostic", "cargo_check", "find_cargo",
           "parse_diagnostics", "stub_args"]
