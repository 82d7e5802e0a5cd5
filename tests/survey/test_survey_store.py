"""The survey database: one transaction per source, replacing; unique keys; read back from a
file or from bytes (the browser's copy, WAL header and all); anything else is refused with
BATUTA-X-041."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta import api
from batuta._serialize import to_json
from batuta.analyze.project import analyze_project
from batuta.errors import SurveyDatabaseError
from batuta.survey.report import load_report
from batuta.survey.sources import Source, describe
from batuta.survey.store import SurveyStore, open_bytes, open_readonly
from batuta.survey.task import Outcome

PROJECT = {
    "app.py": b"import numpy as np\nfrom sklearn.cluster import KMeans\n\n"
              b"def fit(x):\n    if x:\n        return KMeans(3).fit(np.zeros(3))\n"
              b"    return None\n",
    "requirements.txt": b"numpy==2.0\nscikit-learn>=1.4\n",
    "pyproject.toml": b"[project]\nname = 'x'\n",
}


def outcome_for(location: str) -> Outcome:
    return Outcome(location, to_json(analyze_project(PROJECT)), seconds=0.1, worker_pid=1)


def test_record_writes_every_table_once_and_replaces(tmp_path: Path) -> None:
    store = SurveyStore(tmp_path / "s.db")
    source = Source("/x/project", "folder", "folder:1")
    analysis = store.record(source, outcome_for(source.location))
    assert analysis is not None
    store.record(source, outcome_for(source.location))  # Dask ran it twice: still one record
    conn = store.conn
    assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM call_sites").fetchone()[0] == len(
        analysis["call_sites"]) > 0
    assert conn.execute("SELECT COUNT(*) FROM functions").fetchone()[0] == 1
    deps = conn.execute("SELECT name FROM dependencies ORDER BY seq").fetchall()
    # One row per package; a manifest that names none (pyproject.toml here) keeps one row.
    assert [d[0] for d in deps] == [p for d in analysis["dependencies"]
                                    for p in ([x["name"] for x in d["packages"]] or [None])]
    assert conn.execute("SELECT COUNT(*) FROM tdg_components").fetchone()[0] == 6
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # A later failure of the same source replaces its rows too.
    store.record(source, Outcome(source.location, None, "BATUTA-X-005", "gone"))
    assert conn.execute("SELECT status, error_code FROM sources").fetchall() == [
        ("failed", "BATUTA-X-005")]
    assert conn.execute("SELECT COUNT(*) FROM functions").fetchone()[0] == 0
    store.close()


def test_unique_keys_refuse_a_second_copy(tmp_path: Path) -> None:
    store = SurveyStore(tmp_path / "s.db")
    store.record(Source("/a", "folder", "f"), outcome_for("/a"))
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO sources (location, kind, fingerprint, status, "
                           "finished_at) VALUES ('/a', 'folder', 'f', 'ok', 0)")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO functions SELECT * FROM functions")
    store.close()


def test_pending_and_fingerprints(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    store = SurveyStore(tmp_path / "s.db")
    src = describe(folder)
    assert store.pending([src]) == [src]
    store.record(src, Outcome(src.location, None, "BATUTA-X-031", "boom"))
    assert store.pending([src]) == []
    assert store.pending([src], retry_failed=True) == [src]
    changed = Source(src.location, src.kind, "folder:other")
    assert store.pending([changed]) == [changed]
    store.close()


def test_closed_database_is_one_file_readable_from_bytes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = SurveyStore(db)
    store.record(Source("/a", "folder", "f"), outcome_for("/a"))
    store.close()
    assert not (tmp_path / "s.db-wal").exists() or (tmp_path / "s.db-wal").stat().st_size == 0
    data = db.read_bytes()
    assert data[18:20] == b"\x02\x02"  # WAL mode, as written
    from_file = load_report(open_readonly(db))
    from_bytes = load_report(open_bytes(data))
    assert from_file == from_bytes and from_file.totals.code == 8  # 6 Python + 2 TOML


def test_not_a_survey_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    for bad in (other, tmp_path / "missing.db"):
        with pytest.raises(SurveyDatabaseError):
            open_readonly(bad)
    with pytest.raises(SurveyDatabaseError, match="not a survey database"):
        SurveyStore(other)
    with pytest.raises(SurveyDatabaseError):
        open_bytes(other.read_bytes())
    with sqlite3.connect(tmp_path / "s.db") as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema', '999')")
    with pytest.raises(SurveyDatabaseError, match="schema 999"):
        SurveyStore(tmp_path / "s.db")


@given(st.binary(max_size=4096))
def test_any_bytes_open_or_fail_with_a_code(data: bytes) -> None:
    try:
        open_bytes(data)
    except SurveyDatabaseError as exc:
        assert exc.code == "BATUTA-X-041"


@pytest.fixture(scope="module")
def survey_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("c") / "s.db"
    store = SurveyStore(db)
    for name in ("/a", "/b"):
        store.record(Source(name, "folder", "f"), outcome_for(name))
    store.close()
    return db.read_bytes()


@given(noise=st.binary(min_size=1, max_size=600), at=st.integers(min_value=0, max_value=16000))
def test_corrupted_survey_bytes_fail_with_a_code(survey_bytes: bytes, noise: bytes,
                                                 at: int) -> None:
    """A damaged survey.db (bytes overwritten anywhere) never crashes the report: it reads,
    or fails with BATUTA-X-041."""
    data = bytearray(survey_bytes)
    data[at:at + len(noise)] = noise
    try:
        report = api.survey_report(bytes(data), "json")
    except SurveyDatabaseError as exc:
        assert exc.code == "BATUTA-X-041"
        return
    assert report["totals"]["sources"] >= 0


def test_stored_json_is_the_analysis(tmp_path: Path) -> None:
    import zlib

    store = SurveyStore(tmp_path / "s.db")
    out = outcome_for("/a")
    store.record(Source("/a", "folder", "f"), out)
    (blob,) = store.conn.execute("SELECT analysis FROM sources").fetchone()
    assert out.analysis_json is not None
    assert json.loads(zlib.decompress(blob)) == json.loads(out.analysis_json)
    store.close()
