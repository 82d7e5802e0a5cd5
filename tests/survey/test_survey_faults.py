"""Faults: a worker killed mid-survey, the survey process killed mid-write and re-run, bad
sources (zip bomb, missing path, FIFO, corrupt archive) recorded with their codes, and a
``--scheduler`` that is not there."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from survey_support import (
    count_rows,
    integrity,
    reference,
    statuses,
    stored_analyses,
    wait_for,
    write_list,
)

from batuta.survey.runner import SurveyProgress, run_survey
from batuta.survey.sources import expand
from batuta.survey.store import SurveyStore

BATUTA = [sys.executable, "-m", "batuta"]
FUNCTION = """
def f{i}_{j}(a, b):
    if a > b and a % {k}:
        for x in range(a):
            if x % 3 == 0 or x % 5 == {j}:
                b += x
            elif x > 10:
                b -= 1
    return b
"""


def make_project(folder: Path, files: int, seed: int) -> Path:
    """A generated Python project; ~3 ms of analysis per file."""
    folder.mkdir(parents=True)
    for i in range(files):
        body = "".join(FUNCTION.format(i=i, j=j, k=seed + 2) for j in range(40))
        (folder / f"m{i}.py").write_text(body)
    return folder


def test_worker_killed_mid_survey(tmp_path: Path, cluster_address: str,
                                  sdist_sources: list[Path],
                                  sdist_references: dict[str, dict[str, Any]]) -> None:
    from distributed import Client

    slow = make_project(tmp_path / "slow", 500, seed=1)  # seconds of work: still running
    sources = [slow, *sdist_sources[:6]]
    killed: dict[str, int] = {}
    with Client(cluster_address, timeout=30) as spy:
        pids = spy.run(os.getpid)

        def kill_the_slow_one(state: SurveyProgress) -> None:
            if killed:
                return
            for address, keys in spy.processing().items():
                if any(str(k).endswith("-0") for k in keys):  # the first source: `slow`
                    os.kill(pids[address], signal.SIGKILL)
                    killed[address] = pids[address]

        store = SurveyStore(tmp_path / "survey.db")
        try:
            summary = run_survey(expand(map(str, sources)), store,
                                 scheduler=cluster_address,
                                 progress=kill_the_slow_one)
        finally:
            store.close()
    assert killed, "the slow source was never seen processing"
    (pid,) = killed.values()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    db = tmp_path / "survey.db"
    assert (summary.analyzed, summary.failed) == (len(sources), 0)
    assert statuses(db) == {str(s.resolve()): ("ok", None) for s in sources}
    with sqlite3.connect(db) as conn:
        (slow_pid,) = conn.execute("SELECT worker_pid FROM sources WHERE location = ?",
                                   (str(slow.resolve()),)).fetchone()
    assert slow_pid != pid  # re-run on a live worker, recorded once
    stored = stored_analyses(db)
    assert stored[str(slow.resolve())] == reference(slow)
    for source in sdist_sources[:6]:
        assert stored[str(source.resolve())] == sdist_references[str(source.resolve())]
    assert count_rows(db, "functions") == sum(len(a["functions"]) for a in stored.values())
    assert integrity(db) == "ok"


def test_survey_process_killed_mid_write_resumes(
        tmp_path: Path, sdist_sources: list[Path],
        sdist_references: dict[str, dict[str, Any]]) -> None:
    generated = [make_project(tmp_path / f"gen{i}", 40, seed=i) for i in range(8)]
    sources = [*sdist_sources, *generated]
    listed = write_list(tmp_path / "sources.txt", sources)
    db = tmp_path / "survey.db"
    cmd = [*BATUTA, "survey", str(listed), "-o", str(db), "--workers", "2", "--format", "json"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        wait_for(lambda: db.exists() and _recorded(db) >= 4, 240, "4 recorded sources")
        os.kill(proc.pid, signal.SIGKILL)  # the survey process itself, while it writes
        proc.wait(timeout=30)
    finally:
        with _suppress_lookup():
            os.killpg(proc.pid, signal.SIGKILL)  # its orphaned Dask workers too
    assert proc.returncode == -signal.SIGKILL
    assert integrity(db) == "ok"
    before = _recorded(db)
    assert 4 <= before < len(sources), "the kill came after the survey had finished"
    _assert_consistent(db)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["already"], summary["analyzed"], summary["failed"]) == (
        before, len(sources) - before, 0)
    assert integrity(db) == "ok"
    _assert_consistent(db)
    assert statuses(db) == {str(s.resolve()): ("ok", None) for s in sources}
    stored = stored_analyses(db)
    for location, expected in sdist_references.items():
        assert stored[location] == expected, location


def _recorded(db: Path) -> int:
    try:
        with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _assert_consistent(db: Path) -> None:
    """No source twice, no row without its source, each source's rows all there."""
    with sqlite3.connect(db) as conn:
        n, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT location) FROM sources").fetchone()
        assert n == distinct
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in ("functions", "call_sites", "languages"):
            orphans = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE source_id NOT IN "
                                   "(SELECT id FROM sources)").fetchone()[0]
            assert orphans == 0, table
    for location, analysis in stored_analyses(db).items():
        with sqlite3.connect(db) as conn:
            (functions,) = conn.execute(
                "SELECT COUNT(*) FROM functions f JOIN sources s ON s.id = f.source_id "
                "WHERE s.location = ?", (location,)).fetchone()
        assert functions == len(analysis["functions"]), location


class _suppress_lookup:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return exc[0] is ProcessLookupError


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.py", b"\0" * (40 * 1024 * 1024))  # ~1000:1
    return path


def test_bad_sources_are_recorded_with_their_codes(tmp_path: Path, cluster_address: str,
                                                   sdist_sources: list[Path]) -> None:
    bomb = zip_bomb(tmp_path / "bomb.zip")
    missing = tmp_path / "no-such-project"
    fifo = tmp_path / "fifo.tar.gz"
    os.mkfifo(fifo)  # root can read any file; nothing can read a FIFO nobody writes to
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    good = sdist_sources[:2]
    listed = write_list(tmp_path / "list.txt", [bomb, missing, fifo, corrupt])
    db = tmp_path / "survey.db"
    done = subprocess.run(
        [*BATUTA, "survey", str(listed), *map(str, good), "-o", str(db), "--scheduler",
         cluster_address, "--format", "json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["analyzed"], summary["failed"]) == (2, 4)
    got = statuses(db)
    assert got[str(bomb)] == ("failed", "BATUTA-X-003")
    assert got[str(missing)] == ("failed", "BATUTA-X-005")
    assert got[str(fifo)] == ("failed", "BATUTA-X-005")
    assert got[str(corrupt)] == ("failed", "BATUTA-X-004")
    assert all(got[str(g.resolve())] == ("ok", None) for g in good)
    report = subprocess.run([*BATUTA, "survey-report", str(db)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert report.returncode == 0
    assert re.search(r"^bomb\.zip +BATUTA-X-003$", report.stdout, re.M), report.stdout
    assert re.search(r"^bomb\.zip +BATUTA-X-003 +archive expansion ratio \d+:1 exceeds 100:1",
                     report.stdout, re.M), report.stdout
    assert re.search(r"^fifo\.tar\.gz +BATUTA-X-005 +neither a folder nor a regular file",
                     report.stdout, re.M), report.stdout
    # Failed sources are not retried by a plain re-run, only with --retry-failed.
    again = subprocess.run(
        [*BATUTA, "survey", str(listed), "-o", str(db), "--scheduler",
         cluster_address, "--retry-failed", "--format", "json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert json.loads(again.stdout)["failed"] == 4


def test_scheduler_that_is_not_there(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port that was just free and now has no listener
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    done = subprocess.run(
        [*BATUTA, "survey", str(tmp_path), "-o", str(tmp_path / "s.db"), "--scheduler",
         f"tcp://127.0.0.1:{port}", "--connect-timeout", "2"],
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert f"error[BATUTA-X-040]: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" \
        in done.stderr
    assert "Traceback" not in done.stderr and time.monotonic() - started < 45
    bad = subprocess.run([*BATUTA, "survey", str(tmp_path), "--scheduler", "not an address",
                          "-o", str(tmp_path / "s.db")],
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 2 and "BATUTA-X-001" in bad.stderr
    both = subprocess.run([*BATUTA, "survey", str(tmp_path), "--scheduler", f"tcp://127.0.0.1:{port}",
                           "--workers", "2"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert both.returncode == 2 and "--workers sizes the local cluster" in both.stderr


def test_output_that_is_not_a_survey_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    for target in (other, tmp_path):
        done = subprocess.run([*BATUTA, "survey", str(tmp_path), "-o", str(target)],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1 and "BATUTA-X-041" in done.stderr, done.stderr


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path: Path,
                                                     sdist_sources: list[Path]) -> None:
    generated = [make_project(tmp_path / f"gen{i}", 40, seed=i) for i in range(6)]
    db = tmp_path / "survey.db"
    proc = subprocess.Popen([*BATUTA, "survey", *map(str, [*sdist_sources, *generated]), "-o",
                             str(db), "--workers", "2"], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: db.exists() and _recorded(db) >= 2, 240, "2 recorded sources")
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl+C does: the whole group
        _, err = proc.communicate(timeout=60)
        wait_for(lambda: not _group_alive(proc.pid), 30, "the workers to stop")
    finally:
        with _suppress_lookup():
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert "run the same command again to resume" in err and "Traceback" not in err, err
    assert integrity(db) == "ok"
    _assert_consistent(db)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
