"""Property test: any JSON-like analysis (what JavaScript may send) gives a report or a
BatutaError, never another exception; the same input gives the same report."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.api import oracle, report
from batuta.errors import BatutaError

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8))
ROWS = st.lists(st.dictionaries(st.sampled_from(
    ["language", "code", "percentage", "files", "framework", "symbol", "convertible",
     "cyclomatic", "name", "path", "line", "weight", "points", "target", "call_sites"]),
    SCALARS, max_size=6), max_size=4)
ANALYSIS = st.fixed_dictionaries({}, optional={
    "root": SCALARS, "primary_language": SCALARS, "languages": ROWS | SCALARS,
    "functions": ROWS, "call_sites": ROWS, "ml_frameworks": ROWS, "dependencies": ROWS,
    "transpilers": ROWS, "total_files": SCALARS,
    "tdg": st.one_of(SCALARS, st.fixed_dictionaries(
        {"score": SCALARS, "grade": SCALARS, "components": ROWS}))})


@settings(max_examples=60, deadline=None)
@given(ANALYSIS, st.sampled_from(["html", "markdown", "json", "text"]))
def test_any_analysis_reports_or_raises_batuta_error(analysis: dict[str, Any], fmt: str) -> None:
    try:
        first = report(analysis, fmt)
    except BatutaError:
        return
    assert report(analysis, fmt) == first


@settings(max_examples=60, deadline=None)
@given(ANALYSIS)
def test_any_analysis_seeds_the_oracle_or_raises_batuta_error(analysis: dict[str, Any]) -> None:
    try:
        answer = oracle("what replaces these calls?", analysis=analysis)
    except BatutaError:
        return
    assert answer.project is not None
