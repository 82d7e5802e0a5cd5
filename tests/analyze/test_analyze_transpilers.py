"""Tests for batuta.analyze.transpilers: one recommendation per language, notes from the book."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze.results import LanguageStats, TranspilerRecommendation
from batuta.analyze.transpilers import recommend_transpilers


def _stats(language: str, files: int = 2) -> LanguageStats:
    return LanguageStats(language, files, 100, 10, 5, 50.0)


@pytest.mark.parametrize(("language", "tool"), [
    ("Python", "Depyler"), ("C", "Decy"), ("C++", "Decy"), ("Shell", "Bashrs"),
    ("Rust", "already Rust"), ("bash", "Bashrs"), ("Bourne Shell", "Bashrs"),
    ("JavaScript", "none"), ("Go", "none"), ("Java", "none"), ("TypeScript", "none"),
    ("TOML", "none"), ("Markdown", "none"), ("Fortran", "none"),
])
def test_tool_per_language(language: str, tool: str) -> None:
    (rec,) = recommend_transpilers([_stats(language, 3)])
    assert rec == TranspilerRecommendation(language, tool, 3, rec.note)
    assert rec.note and "\n" not in rec.note


def test_order_kept_and_empty_languages_dropped() -> None:
    recs = recommend_transpilers([_stats("Rust"), _stats("Python", 0), _stats("C"),
                                  _stats("YAML")])
    assert [(r.language, r.tool) for r in recs] == [("Rust", "already Rust"), ("C", "Decy"),
                                                    ("YAML", "none")]


def test_none_notes_say_why() -> None:
    config, other = recommend_transpilers([_stats("JSON"), _stats("Go")])
    assert "not a migration source" in config.note
    assert "No transpiler" in other.note and "Go" in other.note


def test_notes_quote_what_the_book_says() -> None:
    notes = {r.tool: r.note for r in recommend_transpilers(
        [_stats("Python"), _stats("C"), _stats("Shell")])}
    assert "type inference" in notes["Depyler"]
    assert "ownership" in notes["Decy"] and "<5%" in notes["Decy"]
    assert "Rust -> Shell" in notes["Bashrs"]  # the book's contradiction is surfaced


@given(st.lists(st.tuples(st.text(max_size=20), st.integers(-3, 50)), max_size=20))
def test_any_language_table_gives_one_row_per_present_language(
        rows: list[tuple[str, int]]) -> None:
    recs = recommend_transpilers([_stats(name, files) for name, files in rows])
    assert [(r.language, r.files) for r in recs] == [(n, f) for n, f in rows if f > 0]
    assert all(r.tool in {"Depyler", "Decy", "Bashrs", "already Rust", "none"} for r in recs)


def test_docstring_examples_hold() -> None:
    import doctest

    from batuta.analyze import transpilers

    result = doctest.testmod(transpilers)
    assert result.attempted >= 1 and result.failed == 0
