"""The survey database: one SQLite file (stdlib ``sqlite3``, WAL) that a survey fills as it goes.

Tables: ``sources`` (one row per source: status, error, totals, TDG, the analysis JSON), and per
source ``languages``, ``dependencies``, ``frameworks``, ``call_sites``, ``functions``, ``tdg``
and ``tdg_components``. Every finished analysis is written in one transaction that first deletes
what the source had, so a source is stored once or not at all: a killed survey leaves whole
sources, and a result that arrives twice (Dask re-running a task after a worker died) replaces
itself instead of counting twice. Unique keys (``sources.location``, ``(source_id, seq)``)
enforce it in the file itself.

Only the survey's own process writes (the workers return results to it), so there is one
writer and no lock contention. ``synchronous=NORMAL`` (WAL): a killed survey keeps every source
it committed; a power cut or an OS crash can take back the last few commits but never leaves a
damaged file, and a resumed survey analyzes those sources again. (``FULL`` fsyncs each commit:
8 ms a source here, more than analyzing a small one.) The report reads the same file
(``open_readonly``), also from bytes in the browser, where Pyodide's ``sqlite3`` opens a copy in
memory.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from batuta.errors import SurveyDatabaseError
from batuta.survey.sources import Source
from batuta.survey.task import Outcome

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error_code TEXT, error_message TEXT,
    primary_language TEXT,
    files INTEGER NOT NULL DEFAULT 0, total_files INTEGER NOT NULL DEFAULT 0,
    code INTEGER NOT NULL DEFAULT 0, comment INTEGER NOT NULL DEFAULT 0,
    blank INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0, worker_pid INTEGER, finished_at REAL NOT NULL,
    analysis BLOB
);
CREATE TABLE IF NOT EXISTS languages (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    language TEXT NOT NULL, files INTEGER NOT NULL, code INTEGER NOT NULL,
    comment INTEGER NOT NULL, blank INTEGER NOT NULL, percentage REAL NOT NULL,
    PRIMARY KEY (source_id, language));
CREATE TABLE IF NOT EXISTS dependencies (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, file TEXT NOT NULL, manager TEXT NOT NULL,
    name TEXT, spec TEXT, extras TEXT, marker TEXT, grp TEXT, origin TEXT, error TEXT,
    PRIMARY KEY (source_id, seq));
CREATE TABLE IF NOT EXISTS frameworks (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    framework TEXT NOT NULL, files INTEGER NOT NULL, call_sites INTEGER NOT NULL,
    convertible INTEGER NOT NULL, target TEXT NOT NULL,
    PRIMARY KEY (source_id, framework));
CREATE TABLE IF NOT EXISTS call_sites (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, path TEXT, framework TEXT NOT NULL, symbol TEXT NOT NULL,
    line INTEGER NOT NULL, col INTEGER NOT NULL, convertible INTEGER NOT NULL,
    PRIMARY KEY (source_id, seq));
CREATE TABLE IF NOT EXISTS functions (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, path TEXT, name TEXT NOT NULL, line INTEGER NOT NULL,
    end_line INTEGER NOT NULL, cyclomatic INTEGER NOT NULL, cognitive INTEGER,
    band TEXT NOT NULL,
    PRIMARY KEY (source_id, seq));
CREATE TABLE IF NOT EXISTS tdg (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    score REAL, grade TEXT, coverage REAL,
    measured_files INTEGER NOT NULL, not_measured INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tdg_components (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name TEXT NOT NULL, weight REAL NOT NULL, ratio REAL NOT NULL, points REAL NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (source_id, name));
CREATE INDEX IF NOT EXISTS functions_by_cyclomatic ON functions (cyclomatic DESC);
CREATE INDEX IF NOT EXISTS call_sites_by_symbol ON call_sites (framework, symbol);
"""
TABLES = ("sources", "languages", "dependencies", "frameworks", "call_sites", "functions",
          "tdg", "tdg_components")


class SurveyStore:
    """The survey database, open for writing (the survey's one writer).

    Example:
        >>> store = SurveyStore(Path("survey.db"))  # doctest: +SKIP
        >>> store.record(source, outcome)           # doctest: +SKIP
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            _check_or_create(self.conn, path)
        except sqlite3.DatabaseError as exc:
            raise SurveyDatabaseError(f"cannot use {path} as a survey database: {exc}",
                                      path=str(path)) from exc

    def recorded(self) -> dict[str, str]:
        """Location -> fingerprint of every source already recorded (done or failed)."""
        rows = self.conn.execute("SELECT location, fingerprint FROM sources")
        return {location: fingerprint for location, fingerprint in rows}

    def pending(self, sources: Iterable[Source], *, retry_failed: bool = False) -> list[Source]:
        """The sources without a current record: new, changed since, or failed (if asked)."""
        done = self.recorded()
        failed = set() if not retry_failed else {
            row[0] for row in self.conn.execute("SELECT location FROM sources "
                                                "WHERE status = 'failed'")}
        return [s for s in sources if done.get(s.location) != s.fingerprint
                or s.location in failed]

    def record(self, source: Source, outcome: Outcome) -> dict[str, Any] | None:
        """Write one finished source (and all its rows) in one transaction, replacing any
        earlier record of it. Returns the parsed analysis (None for a failure)."""
        analysis = json.loads(outcome.analysis_json) if outcome.analysis_json else None
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute("DELETE FROM sources WHERE location = ?", (source.location,))
                source_id = _insert_source(self.conn, source, outcome, analysis)
                if analysis is not None:
                    _insert_rows(self.conn, source_id, analysis)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise SurveyDatabaseError(f"cannot write to {self.path}: {exc}",
                                      path=str(self.path)) from exc
        return analysis

    def close(self) -> None:
        """Checkpoint the WAL into the main file (a closed survey.db is one file) and close."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.conn.close()


def _check_or_create(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if tables and "meta" not in tables:
        raise SurveyDatabaseError(f"{path} is an SQLite database but not a survey database",
                                  path=str(path))
    conn.executescript(SCHEMA)
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None:
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    elif row[0] != str(SCHEMA_VERSION):
        raise SurveyDatabaseError(f"{path} has survey schema {row[0]}, this Batuta reads "
                                  f"{SCHEMA_VERSION}", path=str(path))


def _insert_source(conn: sqlite3.Connection, source: Source, outcome: Outcome,
                   analysis: Mapping[str, Any] | None) -> int:
    langs = analysis.get("languages", []) if analysis else []
    values = (
        source.location, source.kind, source.fingerprint, "ok" if outcome.ok else "failed",
        outcome.error_code, outcome.error_message,
        analysis.get("primary_language") if analysis else None,
        len(analysis.get("files", [])) if analysis else 0,
        analysis.get("total_files", 0) if analysis else 0,
        sum(int(s["code"]) for s in langs), sum(int(s["comment"]) for s in langs),
        sum(int(s["blank"]) for s in langs),
        len(analysis.get("skipped", [])) if analysis else 0,
        outcome.seconds, outcome.worker_pid, time.time(),
        zlib.compress(outcome.analysis_json.encode(), 6) if outcome.analysis_json else None,
    )
    cur = conn.execute(
        "INSERT INTO sources (location, kind, fingerprint, status, error_code, error_message, "
        "primary_language, files, total_files, code, comment, blank, skipped, seconds, "
        "worker_pid, finished_at, analysis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
    assert cur.lastrowid is not None
    return cur.lastrowid


def _insert_rows(conn: sqlite3.Connection, sid: int, a: Mapping[str, Any]) -> None:
    conn.executemany("INSERT INTO languages VALUES (?,?,?,?,?,?,?)", [
        (sid, s["language"], s["files"], s["code"], s["comment"], s["blank"], s["percentage"])
        for s in a.get("languages", [])])
    conn.executemany("INSERT INTO dependencies VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     list(_dependency_rows(sid, a.get("dependencies", []))))
    conn.executemany("INSERT INTO frameworks VALUES (?,?,?,?,?,?)", [
        (sid, m["framework"], m["files"], m["call_sites"], int(m["convertible"]), m["target"])
        for m in a.get("ml_frameworks", [])])
    conn.executemany("INSERT INTO call_sites VALUES (?,?,?,?,?,?,?,?)", [
        (sid, i, c["path"], c["framework"], c["symbol"], c["line"], c["column"],
         int(c["convertible"])) for i, c in enumerate(a.get("call_sites", []))])
    conn.executemany("INSERT INTO functions VALUES (?,?,?,?,?,?,?,?,?)", [
        (sid, i, f["path"], f["name"], f["line"], f["end_line"], f["cyclomatic"],
         f["cognitive"], f["band"]) for i, f in enumerate(a.get("functions", []))])
    tdg = a.get("tdg")
    if tdg is not None:
        conn.execute("INSERT INTO tdg VALUES (?,?,?,?,?,?)", (
            sid, tdg["score"], tdg["grade"], tdg.get("coverage"), len(tdg.get("files", [])),
            len(tdg.get("not_measured", []))))
        conn.executemany("INSERT INTO tdg_components VALUES (?,?,?,?,?,?)", [
            (sid, c["name"], c["weight"], c["ratio"], c["points"], c.get("detail", ""))
            for c in tdg.get("components", [])])


def _dependency_rows(sid: int, files: Iterable[Mapping[str, Any]]) -> Iterable[tuple[Any, ...]]:
    seq = 0
    for dep in files:
        packages = dep.get("packages") or [None]  # a manifest without packages keeps one row
        for pkg in packages:
            row: tuple[Any, ...]
            if pkg is None:
                row = (None, None, None, None, None, None)
            else:
                row = (pkg["name"], pkg["spec"], ",".join(pkg["extras"]), pkg["marker"],
                       pkg["group"], pkg["source"])
            yield (sid, seq, dep["file"], dep["manager"], *row, dep.get("error"))
            seq += 1


def open_readonly(path: Path) -> sqlite3.Connection:
    """A survey database opened for reading only (the report never writes).

    Raises:
        SurveyDatabaseError: The file is missing, not SQLite, or not a survey database.
    """
    if not path.is_file():
        raise SurveyDatabaseError(f"{path}: no such survey database", path=str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        check_survey(conn, str(path))
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: undecodable text
        raise SurveyDatabaseError(f"{path} is not a readable survey database: {exc}",
                                  path=str(path)) from exc
    return conn


def open_bytes(data: bytes, name: str = "survey.db") -> sqlite3.Connection:
    """A survey database held in memory (the browser's dropped file), opened as a copy.

    A database written in WAL mode says so in its header (bytes 18-19 = 2); an in-memory copy
    cannot use a WAL, so the copy is marked as a rollback-journal database first (1). The
    pages are unchanged: a closed survey has its WAL checkpointed into the file.

    Raises:
        SurveyDatabaseError: Not an SQLite file, or not a survey database.
    """
    if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
        raise SurveyDatabaseError(f"{name} is not an SQLite database", path=name)
    copy = bytearray(data)
    if copy[18] == 2 and copy[19] == 2:
        copy[18] = copy[19] = 1
    try:
        conn = sqlite3.connect(":memory:")
        conn.deserialize(bytes(copy))
        check_survey(conn, name)
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: undecodable text
        raise SurveyDatabaseError(f"{name} is not a readable survey database: {exc}",
                                  path=name) from exc
    return conn


def check_survey(conn: sqlite3.Connection, name: str) -> None:
    """Raise unless ``conn`` holds every survey table at the schema this code reads."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in ("meta", *TABLES) if t not in tables]
    if missing:
        raise SurveyDatabaseError(f"{name} is not a survey database (no table "
                                  f"{', '.join(missing)})", path=name)
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):
        raise SurveyDatabaseError(f"{name} has survey schema {row[0] if row else None}, this "
                                  f"Batuta reads {SCHEMA_VERSION}", path=name)


__all__ = ["SCHEMA_VERSION", "TABLES", "SurveyStore", "check_survey", "open_bytes",
           "open_readonly"]
