"""Tests for batuta.analyze.coverage: lcov and Cobertura reports, and hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze.coverage import (
    CoverageReport,
    find_coverage,
    is_coverage_report,
    parse_cobertura,
    parse_lcov,
    read_coverage,
)
from batuta.errors import CoverageReportError

FIXTURES = Path(__file__).parent / "fixtures" / "coverage"


def _text(rel: str) -> str:
    return (FIXTURES / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize(("rel", "fmt", "covered", "valid", "percent"), [
    ("coverage.xml", "cobertura", 9, 12, 75.0),  # coverage.py: root totals
    ("java/cobertura.xml", "cobertura", 3, 5, 60.0),  # Java Cobertura: DOCTYPE, no totals
    ("lcov.info", "lcov", 8, 10, 80.0),  # two runs of format.ts merged line by line
])
def test_real_world_reports(rel: str, fmt: str, covered: int, valid: int,
                            percent: float) -> None:
    assert read_coverage(rel, _text(rel)) == CoverageReport(rel, fmt, covered, valid, percent)


def test_find_coverage_pools_reports_by_lines_and_ignores_other_files() -> None:
    files = {"py/coverage.xml": _text("coverage.xml"), "web/lcov.info": _text("lcov.info"),
             "README.md": "# not a report", "src/app.py": "print(1)\n"}
    assert find_coverage(files) == round(100 * (9 + 8) / (12 + 10), 2)


def test_find_coverage_none_without_reports_or_lines() -> None:
    assert find_coverage({"src/a.py": "x = 1\n"}) is None
    assert find_coverage({"lcov.info": "SF:a.c\nend_of_record\n"}) is None
    assert find_coverage({"coverage.xml": '<coverage lines-valid="0" lines-covered="0"/>'}) is None


def test_broken_report_is_skipped_by_find_coverage_but_reported_by_read() -> None:
    files = {"lcov.info": "SF:a.c\nDA:1,1\nend_of_record\n", "coverage.xml": "<coverage"}
    assert find_coverage(files) == 100.0
    broken = read_coverage("coverage.xml", "<coverage")
    assert broken.percent is None and broken.error is not None
    assert broken.error.startswith("coverage.xml: not well-formed XML")


@pytest.mark.parametrize(("path", "expected"), [
    ("lcov.info", True), ("coverage/lcov.info", True), ("out/app.lcov", True),
    ("coverage.xml", True), ("reports/cobertura-coverage.xml", True), ("cobertura.xml", True),
    ("coverage.json", False), (".coverage", False), ("pom.xml", False), ("lcov.txt", False),
])
def test_is_coverage_report(path: str, expected: bool) -> None:
    assert is_coverage_report(path) is expected


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE coverage [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<coverage lines-valid="1" lines-covered="1">&lol2;</coverage>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE coverage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<coverage lines-valid="1" lines-covered="1">&xxe;</coverage>
"""


@pytest.mark.parametrize(("text", "needle"), [
    (BILLION_LAUGHS, "internal subset"),
    (EXTERNAL_ENTITY, "internal subset"),
    ("<report><line hits='1'/></report>", "root element is <report>"),
    ('<coverage lines-valid="2" lines-covered="5"/>', "exceeds lines-valid"),
    ('<coverage lines-valid="ten" lines-covered="5"/>', "is not a count"),
    ("", "not well-formed XML"),
])
def test_bad_or_hostile_cobertura_is_rejected(text: str, needle: str) -> None:
    with pytest.raises(CoverageReportError, match=needle):
        parse_cobertura(text)


@pytest.mark.parametrize(("text", "needle"), [
    ("SF:a.c\nDA:x,1\nend_of_record\n", "line 2: expected a count"),
    ("SF:a.c\nDA:1\n", "line 2: DA needs"),
    ("SF:a.c\nLF:\u0661\n", "line 2: expected a count"),  # Arabic-Indic digit
    ("just some text\n", "no lcov records"),
])
def test_bad_lcov_is_rejected_with_line(text: str, needle: str) -> None:
    with pytest.raises(CoverageReportError, match=needle):
        parse_lcov(text)


def test_lcov_totals_only_records_use_lf_lh() -> None:
    assert parse_lcov("SF:a.c\nLF:10\nLH:4\nend_of_record\nSF:b.c\nLF:5\nLH:9\n"
                      "end_of_record\n") == (9, 15)  # LH is capped at LF


def test_negative_lcov_counts_are_not_hits() -> None:
    assert parse_lcov("SF:a\nDA:1,-1\nDA:2,3\nend_of_record\n") == (1, 2)


@given(name=st.sampled_from(["lcov.info", "coverage.xml"]),
       text=st.one_of(st.text(max_size=300), st.lists(st.sampled_from(
           ["<coverage", ">", "</coverage>", " lines-valid=\"", " lines-covered=\"", "\"", "1",
            "<line hits=\"", "/>", "<class>", "<lines>", "SF:", "DA:", ",", "\n", "LF:", "LH:",
            "end_of_record", "<!DOCTYPE", "<!ENTITY", "[", "]", "&x;", "-"]), max_size=40)
           .map("".join)))
def test_arbitrary_text_never_raises(name: str, text: str) -> None:
    report = read_coverage(name, text)
    assert isinstance(report, CoverageReport)
    assert report.percent is None or 0.0 <= report.percent <= 100.0
    assert report.lines_covered <= report.lines_valid


@given(hits=st.lists(st.integers(0, 5), min_size=1, max_size=50))
def test_lcov_percent_matches_count(hits: list[int]) -> None:
    text = "SF:a.py\n" + "".join(f"DA:{i + 1},{h}\n" for i, h in enumerate(hits))
    text += "end_of_record\n"
    covered = sum(h > 0 for h in hits)
    assert find_coverage({"lcov.info": text}) == round(100 * covered / len(hits), 2)


def test_docstring_examples_hold() -> None:
    import doctest

    from batuta.analyze import coverage

    result = doctest.testmod(coverage)
    assert result.attempted >= 1 and result.failed == 0
