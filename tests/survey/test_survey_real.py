"""Acceptance: a survey of 22 real PyPI sdists with 2 workers equals ``analyze_project`` run on
each alone, and the report's totals equal the sums of those analyses. The same test runs on the
embedded ``LocalCluster`` and on separately started ``dask scheduler`` / ``dask worker``
processes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from survey_support import (
    count_rows,
    expected_totals,
    integrity,
    statuses,
    stored_analyses,
    write_list,
)

from batuta import api
from batuta.survey.runner import run_survey
from batuta.survey.sources import expand
from batuta.survey.store import SurveyStore


@pytest.fixture(params=["local", "external"])
def scheduler(request: pytest.FixtureRequest) -> str | None:
    """None: the embedded LocalCluster with --workers 2; else the external cluster's address."""
    if request.param == "local":
        return None
    address: str = request.getfixturevalue("external_cluster")
    return address


def survey(sources: list[Path], db: Path, scheduler: str | None) -> Any:
    store = SurveyStore(db)
    try:
        return run_survey(expand(str(s) for s in sources), store, workers=2,
                          scheduler=scheduler)
    finally:
        store.close()


def test_survey_matches_analyze_project_one_by_one(
        tmp_path: Path, sdist_sources: list[Path], sdist_references: dict[str, dict[str, Any]],
        scheduler: str | None) -> None:
    assert len(sdist_sources) >= 20
    db = tmp_path / "survey.db"
    summary = survey(sdist_sources, db, scheduler)
    assert (summary.analyzed, summary.failed, summary.workers) == (len(sdist_sources), 0, 2)
    assert integrity(db) == "ok"
    stored = stored_analyses(db)
    assert set(stored) == set(sdist_references)
    for location, expected in sdist_references.items():
        assert stored[location] == expected, location
    # The tables hold every row of every analysis, once.
    refs = list(sdist_references.values())
    assert count_rows(db, "functions") == sum(len(a["functions"]) for a in refs)
    assert count_rows(db, "call_sites") == sum(len(a["call_sites"]) for a in refs)
    assert count_rows(db, "languages") == sum(len(a["languages"]) for a in refs)
    assert count_rows(db, "tdg") == sum(a["tdg"] is not None for a in refs)
    report = api.survey_report(db, "json")
    totals = report["totals"]
    want = expected_totals(refs)
    assert {k: totals[k] for k in ("files", "code", "comment", "blank", "functions")} == {
        k: want[k] for k in ("files", "code", "comment", "blank", "functions")}
    assert totals["call_sites"] == want["call_sites"]
    assert (totals["sources"], totals["ok"], totals["failed"]) == (len(refs), len(refs), 0)


def test_per_source_rows_and_tables_match_the_analyses(
        tmp_path: Path, sdist_sources: list[Path],
        sdist_references: dict[str, dict[str, Any]]) -> None:
    """Each source's report row and its table rows say what its own analysis says."""
    db = tmp_path / "survey.db"
    listed = write_list(tmp_path / "sources.txt", sdist_sources)
    survey([listed], db, None)
    report = api.survey_report(db, "json")
    rows = {r["location"]: r for r in report["sources"]}
    for location, a in sdist_references.items():
        row = rows[location]
        assert row["status"] == "ok"
        assert row["primary_language"] == a["primary_language"]
        assert row["code"] == sum(x["code"] for x in a["languages"])
        assert row["files"] == len(a["files"])
        assert row["tdg_score"] == a["tdg"]["score"] and row["tdg_grade"] == a["tdg"]["grade"]
        assert list(row["frameworks"]) == sorted(
            (m["framework"] for m in a["ml_frameworks"]),
            key=lambda f: (-next(m["call_sites"] for m in a["ml_frameworks"]
                                 if m["framework"] == f), f))
        assert row["convertible_call_sites"] == sum(c["convertible"] for c in a["call_sites"])
    with sqlite3.connect(db) as conn:
        for location, a in sdist_references.items():
            got = conn.execute(
                "SELECT f.path, f.name, f.line, f.cyclomatic, f.cognitive FROM functions f "
                "JOIN sources s ON s.id = f.source_id WHERE s.location = ? ORDER BY f.seq",
                (location,)).fetchall()
            assert got == [(f["path"], f["name"], f["line"], f["cyclomatic"], f["cognitive"])
                           for f in a["functions"]], location
    top = report["complex_functions"]
    every = sorted((f["cyclomatic"] for a in sdist_references.values() for f in a["functions"]),
                   reverse=True)
    assert len(top) == 50 and [f["cyclomatic"] for f in top] == every[:50]


def test_resume_runs_only_what_is_missing(tmp_path: Path, sdist_sources: list[Path],
                                          cluster_address: str) -> None:
    db = tmp_path / "survey.db"
    first = survey(sdist_sources[:5], db, cluster_address)
    assert first.analyzed == 5
    again = survey(sdist_sources, db, cluster_address)
    assert (again.already, again.analyzed) == (5, len(sdist_sources) - 5)
    assert len(statuses(db)) == len(sdist_sources)
    nothing = survey(sdist_sources, db, cluster_address)
    assert (nothing.already, nothing.analyzed) == (len(sdist_sources), 0)
    # A source that changed since it was recorded is analyzed again, and replaces its record.
    changed = next(s for s in sdist_sources if s.is_dir())
    (changed / "added_module.py").write_text("def f(x):\n    return x + 1\n")
    try:
        redo = survey(sdist_sources, db, cluster_address)
        assert redo.analyzed == 1 and len(statuses(db)) == len(sdist_sources)
        assert any(f["path"] == "added_module.py" for f in stored_analyses(db)[
            str(changed.resolve())]["files"])
    finally:
        (changed / "added_module.py").unlink()


def test_cli_json_summary(tmp_path: Path, sdist_sources: list[Path], local_cluster: Any,
                          capsys: pytest.CaptureFixture[str]) -> None:
    from batuta.cli import main

    db = tmp_path / "s.db"
    rc = main(["survey", *map(str, sdist_sources[:3]), "-o", str(db), "--scheduler",
               local_cluster.scheduler_address, "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["analyzed"] == 3 and out["failed"] == 0 and out["database"] == str(db)
