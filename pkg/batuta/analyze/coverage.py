"""Line coverage from a report a project already has: lcov ``.info`` and Cobertura XML.

Owns ``is_coverage_report``, ``read_coverage`` (one report -> lines covered / valid) and
``find_coverage`` (a project's reports -> one percent, or None). SPEC.md §6: coverage cannot be
measured statically, so when a report is present it is shown beside the TDG, never inside it.

XML is parsed with the standard library's expat, event by event, with no tree built: a document
type declaration with an internal subset, or any entity declaration, is rejected before it can
expand (billion laughs, external entities); a plain ``<!DOCTYPE coverage SYSTEM "...dtd">``
line, which Java Cobertura writes, is allowed because expat never fetches it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from batuta.errors import CoverageReportError

_LCOV_NAMES = frozenset({"lcov.info", "coverage.lcov", "lcov.dat"})
_COBERTURA_NAMES = frozenset({"coverage.xml", "cobertura.xml", "cobertura-coverage.xml"})


@dataclass(frozen=True)
class CoverageReport:
    """What one report says: line counts, percent (None when it covers no lines) or an error."""

    file: str
    format: str  # "lcov" | "cobertura"
    lines_covered: int
    lines_valid: int
    percent: float | None
    error: str | None = None


def _format_of(path: str) -> str | None:
    name = posixpath.basename(path.replace("\\", "/")).lower()
    if name in _LCOV_NAMES or name.endswith(".lcov"):
        return "lcov"
    if name in _COBERTURA_NAMES:
        return "cobertura"
    return None


def is_coverage_report(path: str) -> bool:
    """True for ``lcov.info``, ``*.lcov``, ``coverage.xml``, ``cobertura*.xml`` at any depth."""
    return _format_of(path) is not None


def read_coverage(path: str, text: str) -> CoverageReport:
    """Read one report. Never raises: problems come back in ``error`` with zero counts.

    Args:
        path: the report's path; its name picks the format.
        text: the report's text.
    """
    kind = _format_of(path)
    try:
        if kind == "lcov":
            covered, valid = parse_lcov(text)
        elif kind == "cobertura":
            covered, valid = parse_cobertura(text)
        else:
            raise CoverageReportError(f"{path}: not a coverage report name Batuta reads")
    except CoverageReportError as exc:
        return CoverageReport(path, kind or "unknown", 0, 0, None, f"{path}: {exc.message}")
    return CoverageReport(path, kind, covered, valid, _percent(covered, valid))


def find_coverage(files: Mapping[str, str]) -> float | None:
    """Line coverage percent over every readable report among ``files`` (path -> text).

    Several reports (e.g. Python and JavaScript halves of one project) are pooled by lines.
    Returns None when there is no report, or no report covers any line.

    Example:
        >>> find_coverage({"lcov.info": "SF:a.c\\nDA:1,1\\nDA:2,0\\nend_of_record\\n"})
        50.0
    """
    reports = [read_coverage(p, t) for p, t in files.items() if is_coverage_report(p)]
    covered = sum(r.lines_covered for r in reports if r.error is None)
    valid = sum(r.lines_valid for r in reports if r.error is None)
    return _percent(covered, valid)


def _percent(covered: int, valid: int) -> float | None:
    return round(100.0 * covered / valid, 2) if valid > 0 else None


# --- lcov ------------------------------------------------------------------------------------
def parse_lcov(text: str) -> tuple[int, int]:
    """(lines hit, lines found) from lcov tracefile text.

    ``DA:`` records win (merged per file and line, so a file listed by several test runs counts
    once); a record with only ``LF``/``LH`` totals contributes those.

    Raises:
        CoverageReportError: a malformed record, naming the line.
    """
    hits: dict[tuple[str, int], bool] = {}
    totals = [0, 0]
    source, record_lines, lf, lh = "", False, 0, 0
    seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        key, _, value = line.partition(":")
        seen = seen or key in ("SF", "DA", "LF", "LH") or line == "end_of_record"
        if key == "SF":
            source, record_lines, lf, lh = value, False, 0, 0
        elif key == "DA":
            line_no, count = _lcov_da(value, number)
            hits[(source, line_no)] = hits.get((source, line_no), False) or count > 0
            record_lines = True
        elif key in ("LF", "LH"):
            amount = _lcov_int(value, number)
            lf, lh = (amount, lh) if key == "LF" else (lf, amount)
        elif line == "end_of_record":
            if not record_lines:
                totals[0] += min(lh, lf)
                totals[1] += lf
            source, record_lines, lf, lh = "", False, 0, 0
    if not seen:
        raise CoverageReportError("no lcov records (SF:/DA:/end_of_record) found")
    return sum(hits.values()) + totals[0], len(hits) + totals[1]


def _lcov_da(value: str, number: int) -> tuple[int, int]:
    parts = value.split(",")
    if len(parts) < 2:
        raise CoverageReportError(f"line {number}: DA needs 'line,count', got {value[:40]!r}")
    return _lcov_int(parts[0], number), _lcov_int(parts[1], number, allow_negative=True)


def _lcov_int(value: str, number: int, *, allow_negative: bool = False) -> int:
    text = value.strip()
    digits = text[1:] if allow_negative and text.startswith("-") else text
    # isdigit() alone admits non-ASCII digits and int() would take '1_000'; keep it strict.
    if not digits or len(digits) > 20 or not (digits.isascii() and digits.isdigit()):
        raise CoverageReportError(f"line {number}: expected a count, got {value[:40]!r}")
    return int(text)


# --- Cobertura -------------------------------------------------------------------------------
def parse_cobertura(text: str) -> tuple[int, int]:
    """(lines covered, lines valid) from Cobertura XML (coverage.py, Istanbul, Java Cobertura).

    Uses the root's ``lines-covered``/``lines-valid``; without them, counts the class-level
    ``<line hits=..>`` elements (method-level lines repeat them).

    Raises:
        CoverageReportError: not well-formed XML, not a ``<coverage>`` document, or a DTD
            internal subset / entity declaration.
    """
    walker = _CoberturaWalker()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = walker.doctype
    parser.EntityDeclHandler = walker.entity
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise CoverageReportError(f"not well-formed XML: {exc}") from None
    return walker.totals()


class _CoberturaWalker:
    """expat callbacks: root attributes and class-level line hits; DTD tricks refused."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.root: dict[str, str] | None = None
        self.covered = 0
        self.valid = 0

    def doctype(self, name: str, system_id: str | None, public_id: str | None,
                has_internal_subset: int) -> None:
        if has_internal_subset:
            raise CoverageReportError("a DOCTYPE with an internal subset is not accepted")

    def entity(self, *args: Any) -> None:
        raise CoverageReportError("entity declarations are not accepted")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.root is None:
            if name != "coverage":
                raise CoverageReportError(f"root element is <{name[:40]}>, not <coverage>")
            self.root = attrs
        elif name == "line" and self.stack[-2:] == ["class", "lines"]:
            self.valid += 1
            self.covered += _hits(attrs.get("hits", "0")) > 0
        self.stack.append(name)

    def end(self, name: str) -> None:
        self.stack.pop()

    def totals(self) -> tuple[int, int]:
        root = self.root or {}
        covered, valid = root.get("lines-covered"), root.get("lines-valid")
        if covered is not None and valid is not None:
            c, v = _attr_int(covered, "lines-covered"), _attr_int(valid, "lines-valid")
            if c > v:
                raise CoverageReportError(f"lines-covered {c} exceeds lines-valid {v}")
            return c, v
        return self.covered, self.valid


def _hits(value: str) -> int:
    text = value.strip()
    return int(text) if text.isascii() and text.lstrip("-").isdigit() and len(text) < 21 else 0


def _attr_int(value: str, name: str) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit() and len(text) < 21):
        raise CoverageReportError(f"{name}={value[:40]!r} is not a count")
    return int(text)
