"""Helpers of the survey tests: real sdists from PyPI, reference analyses, database reads.

The sdists are downloaded once with pip (``pip download --no-deps --no-binary :all:``, one call
for all that are missing) into ``.cache/sdists/download`` at the repository root, the cache the
analysis tests use too; later runs reuse them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from batuta._serialize import to_jsonable
from batuta.analyze.project import analyze_project
from batuta.survey.task import read_archive_file

ROOT = Path(__file__).resolve().parents[2]
DOWNLOADS = ROOT / ".cache" / "sdists" / "download"
UNPACKED = ROOT / ".cache" / "sdists" / "survey"

# Small pure-Python projects, pinned: 22 real sdists (requests and flask are shared with the
# analysis tests' cache).
SDISTS: dict[str, str] = {
    "six": "1.16.0", "idna": "3.7", "attrs": "23.2.0", "packaging": "24.1",
    "pyparsing": "3.1.2", "toml": "0.10.2", "tomli": "2.0.1", "click": "8.1.7",
    "itsdangerous": "2.2.0", "pluggy": "1.5.0", "iniconfig": "2.0.0", "colorama": "0.4.6",
    "decorator": "5.1.1", "docopt": "0.6.2", "tabulate": "0.9.0", "termcolor": "2.4.0",
    "mccabe": "0.7.0", "pyflakes": "3.2.0", "appdirs": "1.4.4", "distro": "1.9.0",
    "requests": "2.32.3", "flask": "3.1.0",
}
VOLATILE = ("duration_s",)


def _archive_for(name: str, version: str) -> Path | None:
    wanted = {f"{name}-{version}".lower(), f"{name.replace('-', '_')}-{version}".lower()}
    if DOWNLOADS.is_dir():
        for path in DOWNLOADS.iterdir():
            if path.name.lower().removesuffix(".tar.gz").removesuffix(".zip") in wanted:
                return path
    return None


def download_sdists() -> list[Path]:
    """The archives of every pinned sdist, downloaded (in one pip call) where missing.

    Fails the test when PyPI cannot be reached: a comparison that did not run must not pass.
    """
    missing = [f"{n}=={v}" for n, v in SDISTS.items() if _archive_for(n, v) is None]
    if missing:
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
               ":all:", "--disable-pip-version-check", "-d", str(DOWNLOADS), *missing]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False,
                              env={**os.environ, "PIP_NO_INPUT": "1"})
        if done.returncode != 0:
            pytest.fail(f"could not download {missing} from PyPI: {done.stderr[-500:]}")
    archives = [_archive_for(n, v) for n, v in SDISTS.items()]
    assert all(a is not None for a in archives), archives
    return [a for a in archives if a is not None]


def unpack(archive: Path) -> Path:
    """The archive unpacked under ``.cache/sdists/survey`` (its single top folder)."""
    into = UNPACKED / archive.name.removesuffix(".tar.gz")
    marker = into / ".complete"
    if not marker.exists():
        into.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tf:
            tf.extractall(into, filter="data")
        marker.touch()
    tops = [p for p in into.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else into


def strip(value: Any) -> Any:
    """An analysis JSON without the fields that differ between runs (timings)."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def reference(location: Path) -> dict[str, Any]:
    """``analyze_project`` run on its own: a folder as is, an archive through the reader."""
    if location.is_dir():
        result = analyze_project(location)
    else:
        result = analyze_project(read_archive_file(str(location), location.stat().st_size))
    data: dict[str, Any] = strip(json.loads(json.dumps(to_jsonable(result))))
    return data


def stored_analyses(db: Path) -> dict[str, dict[str, Any]]:
    """Location -> the analysis JSON the survey stored (timings stripped)."""
    import zlib

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT location, analysis FROM sources WHERE status = 'ok'")
        return {loc: strip(json.loads(zlib.decompress(blob))) for loc, blob in rows}


def count_rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def statuses(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT location, status, error_code FROM sources")
        return {loc: (status, code) for loc, status, code in rows}


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def write_list(path: Path, sources: Iterable[Path]) -> Path:
    path.write_text("# survey sources\n" + "".join(f"{s}\n" for s in sources))
    return path


def expected_totals(analyses: Iterable[dict[str, Any]]) -> dict[str, int]:
    """What the report's totals must say for these analyses, summed independently."""
    out = {"files": 0, "code": 0, "comment": 0, "blank": 0, "functions": 0, "call_sites": 0}
    for a in analyses:
        out["files"] += len(a["files"])
        for lang in a["languages"]:
            out["code"] += lang["code"]
            out["comment"] += lang["comment"]
            out["blank"] += lang["blank"]
        out["functions"] += len(a["functions"])
        out["call_sites"] += len(a["call_sites"])
    return out


def wait_for(predicate: Any, timeout_s: float, what: str) -> None:
    """Poll ``predicate`` until true; fail the test after ``timeout_s`` seconds."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.05)
