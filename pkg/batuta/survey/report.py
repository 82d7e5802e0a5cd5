"""The survey report: what a survey database says, read with plain SQL, in plain Python.

``load_report(conn)`` reads totals, one row per source, the most complex functions across every
source and the framework APIs most used across every source (with the Rust crate each framework
moves to, grouped by symbol as the playground's "APIs to map" table groups them). ``tables``
turns a report into captioned tables, the one layout that the text report, the HTML report and
the browser page (``web/survey.js``) all show. No NumPy and no Dask here: the browser runs this
module on a dropped ``survey.db``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from batuta.analyze.frameworks import TARGET_CRATE
from batuta.errors import SurveyDatabaseError
from batuta.grades import grade_for

TOP_FUNCTIONS = 50
TOP_APIS = 100
GRADES = ("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D", "F")


@dataclass(frozen=True)
class LanguageTotal:
    language: str
    sources: int
    files: int
    code: int


@dataclass(frozen=True)
class Totals:
    """Sums over every source; ``tdg_score`` is the code-line-weighted mean of the sources'."""

    sources: int
    ok: int
    failed: int
    files: int
    code: int
    comment: int
    blank: int
    functions: int
    call_sites: int
    convertible_call_sites: int
    tdg_score: float | None
    tdg_grade: str | None
    languages: tuple[LanguageTotal, ...]


@dataclass(frozen=True)
class SourceRow:
    location: str
    kind: str
    status: str
    error_code: str | None
    error_message: str | None
    primary_language: str | None
    languages: str  # "Python 91.2%, Shell 8.8%" (shares of code lines)
    files: int
    code: int
    frameworks: tuple[str, ...]
    call_sites: int
    convertible_call_sites: int
    tdg_score: float | None
    tdg_grade: str | None


@dataclass(frozen=True)
class ComplexFunction:
    source: str
    path: str | None
    name: str
    line: int
    cyclomatic: int
    cognitive: int | None
    band: str


@dataclass(frozen=True)
class ApiUse:
    """One framework symbol: how often and how widely it is called, and where it moves to."""

    framework: str
    symbol: str
    call_sites: int
    files: int
    sources: int
    target: str  # the crate ("trueno", ...) or "none yet" for frameworks without a converter


@dataclass(frozen=True)
class SurveyReport:
    totals: Totals
    sources: tuple[SourceRow, ...]
    complex_functions: tuple[ComplexFunction, ...]
    apis: tuple[ApiUse, ...]
    api_symbols: int  # distinct symbols in all (``apis`` keeps the TOP_APIS most used)
    band_counts: dict[str, int]  # functions per complexity band ("simple", ...), all sources


def load_report(conn: sqlite3.Connection) -> SurveyReport:
    """Read the whole report from an open survey database (``store.open_readonly``).

    Raises:
        SurveyDatabaseError: The file is damaged (a page that does not read, a wrong type).
    """
    try:
        apis, symbols = _apis(conn)
        bands = dict(conn.execute("SELECT band, COUNT(*) FROM functions GROUP BY band "
                                  "ORDER BY band"))
        return SurveyReport(_totals(conn), _sources(conn), _functions(conn), apis, symbols,
                            bands)
    except (sqlite3.DatabaseError, TypeError, ValueError) as exc:
        # TypeError/ValueError: a damaged row whose values are not the types written.
        raise SurveyDatabaseError(f"the survey database is damaged: {exc}") from exc


def _one(conn: sqlite3.Connection, sql: str) -> tuple[Any, ...]:
    row: tuple[Any, ...] = conn.execute(sql).fetchone()
    return row


def _totals(conn: sqlite3.Connection) -> Totals:
    n, ok, failed, files, code, comment, blank = _one(conn, """
        SELECT COUNT(*), COALESCE(SUM(status = 'ok'), 0), COALESCE(SUM(status = 'failed'), 0),
               COALESCE(SUM(files), 0), COALESCE(SUM(code), 0), COALESCE(SUM(comment), 0),
               COALESCE(SUM(blank), 0) FROM sources""")
    functions = _one(conn, "SELECT COUNT(*) FROM functions")[0]
    sites, convertible = _one(conn, "SELECT COUNT(*), COALESCE(SUM(convertible), 0) "
                                    "FROM call_sites")
    weighted, weight = _one(conn, """
        SELECT SUM(t.score * s.code), SUM(s.code) FROM tdg t JOIN sources s ON s.id = t.source_id
        WHERE t.score IS NOT NULL AND s.code > 0""")
    score = round(weighted / weight, 2) if weight else None
    languages = tuple(LanguageTotal(*row) for row in conn.execute("""
        SELECT language, COUNT(*), SUM(files), SUM(code) FROM languages GROUP BY language
        ORDER BY SUM(code) DESC, SUM(files) DESC, language"""))
    return Totals(n, ok, failed, files, code, comment, blank, functions, sites, convertible,
                  score, None if score is None else grade_for(score), languages)


def _sources(conn: sqlite3.Connection) -> tuple[SourceRow, ...]:
    shares: dict[int, list[str]] = {}
    for sid, language, pct in conn.execute(
            "SELECT source_id, language, percentage FROM languages "
            "ORDER BY source_id, code DESC, language"):
        shares.setdefault(sid, []).append(f"{language} {pct:g}%")
    frameworks: dict[int, list[str]] = {}
    for sid, name in conn.execute("SELECT source_id, framework FROM frameworks "
                                  "ORDER BY source_id, call_sites DESC, framework"):
        frameworks.setdefault(sid, []).append(name)
    sites = {sid: (n, c) for sid, n, c in conn.execute(
        "SELECT source_id, COUNT(*), SUM(convertible) FROM call_sites GROUP BY source_id")}
    rows = conn.execute("""
        SELECT s.id, s.location, s.kind, s.status, s.error_code, s.error_message,
               s.primary_language, s.files, s.code, t.score, t.grade
        FROM sources s LEFT JOIN tdg t ON t.source_id = s.id ORDER BY s.location""")
    out = []
    for sid, location, kind, status, code_, message, primary, files, code, score, grade in rows:
        n, convertible = sites.get(sid, (0, 0))
        out.append(SourceRow(location, kind, status, code_, message, primary,
                             ", ".join(shares.get(sid, [])[:3]), files, code,
                             tuple(frameworks.get(sid, [])), n, convertible, score, grade))
    return tuple(out)


def _functions(conn: sqlite3.Connection) -> tuple[ComplexFunction, ...]:
    return tuple(ComplexFunction(*row) for row in conn.execute(f"""
        SELECT s.location, f.path, f.name, f.line, f.cyclomatic, f.cognitive, f.band
        FROM functions f JOIN sources s ON s.id = f.source_id
        ORDER BY f.cyclomatic DESC, COALESCE(f.cognitive, -1) DESC, s.location, f.path, f.line
        LIMIT {TOP_FUNCTIONS}"""))


def _apis(conn: sqlite3.Connection) -> tuple[tuple[ApiUse, ...], int]:
    rows = conn.execute("""
        SELECT framework, symbol, COUNT(*),
               COUNT(DISTINCT source_id || char(0) || COALESCE(path, '')),
               COUNT(DISTINCT source_id), MAX(convertible)
        FROM call_sites GROUP BY framework, symbol""").fetchall()
    rows.sort(key=lambda r: (-r[2], r[1], r[0]))
    apis = tuple(ApiUse(fw, sym, n, files, sources,
                        TARGET_CRATE.get(fw, "none yet") if conv else "none yet")
                 for fw, sym, n, files, sources, conv in rows[:TOP_APIS])
    return apis, len(rows)


# --- the shared layout -------------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _fmt(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def tables(report: SurveyReport) -> list[Table]:
    """The report as captioned tables, in the order every format shows them."""
    t = report.totals
    summary = Table("Totals", ("measure", "value"), (
        ("sources", t.sources), ("analyzed", t.ok), ("failed", t.failed), ("files", t.files),
        ("code lines", t.code), ("comment lines", t.comment), ("blank lines", t.blank),
        ("functions", t.functions), ("ML call sites", t.call_sites),
        ("convertible call sites", t.convertible_call_sites),
        ("TDG (code-weighted)", f"{_fmt(t.tdg_score)} {t.tdg_grade or ''}".strip())))
    languages = Table("Languages across all sources", ("language", "sources", "files", "code"),
                      tuple((x.language, x.sources, x.files, x.code) for x in t.languages))
    sources = Table("Sources", ("source", "status", "primary", "languages", "files", "code",
                                "frameworks", "convertible sites", "TDG", "grade"),
                    tuple(_source_cells(s) for s in report.sources))
    functions = Table(f"The {TOP_FUNCTIONS} most complex functions",
                      ("source", "path", "function", "line", "cyclomatic", "cognitive", "band"),
                      tuple((short_name(f.source), f.path or "", f.name, f.line, f.cyclomatic,
                             "" if f.cognitive is None else f.cognitive, f.band)
                            for f in report.complex_functions))
    shown = f" ({len(report.apis)} of {report.api_symbols})" \
        if len(report.apis) < report.api_symbols else ""
    apis = Table(f"APIs to map, most used first{shown}",
                 ("framework", "symbol", "call sites", "files", "sources", "Rust target"),
                 tuple((a.framework, a.symbol, a.call_sites, a.files, a.sources, a.target)
                       for a in report.apis))
    failed = Table("Failed sources", ("source", "code", "message"),
                   tuple((short_name(s.location), s.error_code or "", s.error_message or "")
                         for s in report.sources if s.status != "ok"))
    return [summary, languages, sources, failed, functions, apis]


def short_name(location: str) -> str:
    """A source's last path component: tables stay readable, JSON keeps the full location."""
    return location.rstrip("/").rsplit("/", 1)[-1] or location


def _source_cells(s: SourceRow) -> tuple[Any, ...]:
    if s.status != "ok":
        return (short_name(s.location), s.error_code or "failed", "", "", "", "", "", "", "",
                "")
    return (short_name(s.location), "ok", s.primary_language or "", s.languages, s.files,
            s.code,
            ", ".join(s.frameworks), s.convertible_call_sites, _fmt(s.tdg_score),
            s.tdg_grade or "")


def text_report(report: SurveyReport, *, width: int = 120) -> str:
    """Plain fixed-width text: each table with its caption, long cells cut to fit."""
    parts = []
    for table in tables(report):
        parts.append(_text_table(table, width))
    return "\n\n".join(parts) + "\n"


def _text_table(table: Table, width: int) -> str:
    cells = [[str(h) for h in table.headers]] + [[_cell(v) for v in row] for row in table.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(table.headers))]
    budget = max(width - 2 * (len(widths) - 1), len(widths) * 4)
    while sum(widths) > budget:  # shrink the widest column until the table fits
        widest = widths.index(max(widths))
        widths[widest] -= 1
    numeric = [all(isinstance(row[i], (int, float)) for row in table.rows) and table.rows
               for i in range(len(table.headers))]
    lines = [table.caption, "-" * min(width, sum(widths) + 2 * (len(widths) - 1))]
    for n, row in enumerate(cells):
        out = []
        for i, value in enumerate(row):
            text = value if len(value) <= widths[i] else value[:max(widths[i] - 1, 0)] + "…"
            out.append(text.rjust(widths[i]) if numeric[i] and n else text.ljust(widths[i]))
        lines.append("  ".join(out).rstrip())
    if not table.rows:
        lines.append("none")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


__all__ = ["ApiUse", "ComplexFunction", "LanguageTotal", "SourceRow", "SurveyReport", "Table",
           "Totals", "load_report", "tables", "text_report"]
