"""The plain-text analysis report and status board, on hand-built results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze.results import (
    DependencyFile,
    FileTDG,
    FunctionComplexity,
    LanguageStats,
    MLFrameworkUsage,
    NotMeasured,
    Package,
    ProjectAnalysis,
    SkippedFile,
    TDGComponent,
    TDGResult,
    TranspilerRecommendation,
)
from batuta.report import SECTIONS, analysis_report, status_board, summary_line
from batuta.report.text import safe
from batuta.workflow import WorkflowState

T0 = datetime(2025, 11, 19, 14, 21, 32, tzinfo=UTC)


def _analysis(**overrides: object) -> ProjectAnalysis:
    components = (TDGComponent("structural complexity", 25, 0.8, 20.0, "mean cc 4.1"),
                  TDGComponent("documentation", 10, 0.5, 5.0, "half documented"))
    fields: dict[str, object] = dict(
        root="/src/app",
        languages=(LanguageStats("Python", 3, 900, 120, 80, 90.0),
                   LanguageStats("Shell", 1, 100, 5, 5, 10.0)),
        primary_language="Python",
        dependencies=(DependencyFile("pip", "requirements.txt", (
            Package("numpy", ">=1.26"), Package("torch", "", extras=("cuda",),
                                                marker='python_version >= "3.11"'))),
                      DependencyFile("poetry", "sub/pyproject.toml", (), error="bad TOML")),
        ml_frameworks=(MLFrameworkUsage("numpy", 2, 14, True, "trueno"),
                       MLFrameworkUsage("pandas", 1, 3, False, "")),
        tdg=TDGResult(81.5, "B+", components,
                      files=(FileTDG("a.py", "Python", 600, 92.0, "A"),
                             FileTDG("b.py", "Python", 300, 61.0, "C")),
                      not_measured=(NotMeasured("c.py", "syntax error"),), coverage=77.25),
        transpilers=(TranspilerRecommendation("Python", "Depyler", 3),
                     TranspilerRecommendation("Shell", "Bashrs", 1)),
        skipped=(SkippedFile("vendor/x.py", "vendored"), SkippedFile("logo.png", "binary"),
                 SkippedFile("vendor/y.py", "vendored")),
        duration_s=0.4213,
        functions=(FunctionComplexity("simple", 1, 3, 1, 0, "simple", "a.py"),
                   FunctionComplexity("tangled", 10, 90, 23, 40, "complex", "b.py"),
                   FunctionComplexity("middling", 5, 20, 12, None, "moderate", "a.py")),
    )
    fields.update(overrides)
    return ProjectAnalysis(**fields)  # type: ignore[arg-type]


def test_full_report_has_every_section() -> None:
    text = analysis_report(_analysis())
    assert text.splitlines()[0] == "Batuta analysis of /src/app"
    for fragment in ("4 files analyzed · 3 skipped · primary language Python · 0.42 s",
                     "Languages", "Recommended transpilers", "Depyler", "Bashrs",
                     "Dependencies (2 packages in 2 manifests)", "numpy", ">=1.26",
                     'torch[cuda]', 'any; python_version >= "3.11"',
                     "could not be parsed: bad TOML", "trueno", "detected, no converter",
                     "Technical debt grade: B+ (81.5/100)", "mean cc 4.1",
                     "Test coverage (from the coverage report): 77.2 %",
                     "1 files not measured", "Lowest-scoring file",
                     "Most complex functions", "3 functions · average cyclomatic 12.0 · "
                     "1 complex or very complex", "b.py:10",
                     "Skipped 3 files: 2 vendored, 1 binary"):
        assert fragment in text, fragment
    assert "\x1b" not in text


def test_languages_table_rows() -> None:
    text = analysis_report(_analysis(), sections=["languages"])
    row = next(line for line in text.splitlines() if line.startswith("Python "))
    assert row.split() == ["Python", "3", "900", "120", "80", "90.0", "%"]
    assert "Dependencies" not in text and "Technical debt" not in text


def test_most_complex_first_and_missing_cognitive_shown_as_dash() -> None:
    text = analysis_report(_analysis(), sections=["complexity"])
    names = [line.split()[0] for line in text.splitlines()
             if line.split() and line.split()[0] in {"simple", "tangled", "middling"}]
    assert names == ["tangled", "middling", "simple"]
    middling = next(line for line in text.splitlines() if line.startswith("middling"))
    assert middling.split()[2:5] == ["12", "-", "moderate"]


def test_long_package_lists_are_truncated() -> None:
    deps = (DependencyFile("pip", "requirements.txt",
                           tuple(Package(f"pkg{i}", "==1") for i in range(40))),)
    text = analysis_report(_analysis(dependencies=deps), sections=["dependencies"])
    assert "pkg14" in text and "pkg15" not in text
    assert "… and 25 more (--format json lists all)" in text


@pytest.mark.parametrize("tdg, expected", [
    (None, "Technical debt grade: n/a (not computed)"),
    (TDGResult(None, None, (), not_measured=(NotMeasured("x.c", "binary"),)),
     "Technical debt grade: n/a (no file could be measured)"),
])
def test_tdg_without_score_is_not_shown_as_full_marks(tdg: TDGResult | None,
                                                      expected: str) -> None:
    text = analysis_report(_analysis(tdg=tdg), sections=["tdg"])
    assert expected in text and "100" not in text


def test_empty_analysis_reads_sensibly() -> None:
    text = analysis_report(_analysis(languages=(), dependencies=(), ml_frameworks=(), tdg=None,
                                     transpilers=(), skipped=(), functions=(),
                                     primary_language=None))
    for fragment in ("0 files analyzed", "No source files measured.",
                     "No dependency manifests found.", "No ML framework usage found.",
                     "No functions measured.", "No files skipped."):
        assert fragment in text


def test_unknown_section_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report section"):
        analysis_report(_analysis(), sections=["colours"])


def test_project_text_is_shown_literally() -> None:
    evil = "[bold red]x[/] \x1b[2J\x07"
    text = analysis_report(_analysis(root=evil, skipped=(SkippedFile(evil, evil),)))
    assert "[bold red]x[/]" in text
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[2J\\x07" in text


@given(st.text(max_size=40))
def test_safe_never_leaves_control_characters(text: str) -> None:
    shown = safe(text)
    assert all(ch.isprintable() or ch == " " for ch in shown)
    if text.isprintable():
        assert shown == text


@given(st.sampled_from(SECTIONS), st.text(max_size=30), st.floats(0, 100))
def test_any_section_renders_for_any_names(section: str, name: str, score: float) -> None:
    analysis = _analysis(root=name, languages=(LanguageStats(name, 1, 1, 0, 0, 100.0),),
                         tdg=TDGResult(score, "A", (TDGComponent(name, 10, 1.0, 10.0),)))
    text = analysis_report(analysis, sections=[section], width=60)
    assert text.endswith("\n") and "\x1b" not in text


# --- status board --------------------------------------------------------------------------------
def test_board_for_a_fresh_workflow() -> None:
    assert status_board(WorkflowState()) == (
        "No workflow started yet.\n\n💡 Get started:\n"
        "  1. Run batuta analyze to analyze your project\n")


def test_board_shows_phases_progress_and_details() -> None:
    state = WorkflowState().start("Analysis", now=T0).complete(
        "Analysis", now=T0 + timedelta(seconds=1), duration_s=0.13,
        summary={"files": 127, "lines": 8432, "tdg": 73.2, "grade": "B-",
                 "primary_language": "Python"})
    state = state.start("Transpilation", now=T0 + timedelta(seconds=43))
    lines = status_board(state).splitlines()
    assert lines[:8] == [
        "📊 Workflow Progress", "─" * 46,
        "✓ Analysis       [Completed]",
        "⏳ Transpilation  [In Progress]",
        "○ Optimization   [Not Started]",
        "○ Validation     [Not Started]",
        "○ Deployment     [Not Started]",
        "Overall: 20% complete",
    ]
    text = "\n".join(lines)
    assert "  Started:   2025-11-19 14:21:32 UTC" in text
    assert "  Completed: 2025-11-19 14:21:33 UTC" in text
    assert "  Duration:  0.13s" in text
    assert "Files: 127 | Lines: 8,432 | Primary: Python | TDG: 73.2/100 (B-)" in text
    assert "Transpilation is in progress" in text


def test_board_for_a_failed_phase() -> None:
    state = WorkflowState().start("Analysis", now=T0).fail("Analysis", "no such dir",
                                                          now=T0 + timedelta(seconds=2))
    text = status_board(state)
    assert "✗ Analysis       [Failed]" in text and "Overall: 0% complete" in text
    assert "  Failed:    2025-11-19 14:21:34 UTC" in text
    assert "  Error:     no such dir" in text
    assert "Analysis failed: fix the problem and run it again." in text


def test_summary_line_without_tdg_score() -> None:
    assert summary_line({"files": 2, "tdg": None}) == "Files: 2 | TDG: n/a"
    assert summary_line({}) == "(no summary)"
