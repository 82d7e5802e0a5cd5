"""The migration report's content: one typed model built from a project analysis.

``build_report`` reads a ``ProjectAnalysis`` (or its JSON, as the browser passes it), the
workflow state when there is one, and asks the Oracle for the project; the HTML, Markdown and
JSON writers (``report.html``, ``report.markdown``) only present this model. Pure Python, so
the browser worker builds the same report. The model's classes live in ``report._model`` (so
the writers need not import this module back) and are re-exported here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from batuta.errors import InvalidArgumentError
from batuta.report._model import Coverage, MigrationReport, PhaseRow

MALFORMED = (ValueError, TypeError, OverflowError, KeyError, AttributeError, IndexError)
"""What reading a malformed analysis JSON (a string where a count belongs, ...) raises."""

TOP_FUNCTIONS = 15
FORMATS = ("html", "markdown", "json", "text")


def _analysis_dict(analysis: object) -> dict[str, Any]:
    from batuta.oracle.project import as_mapping

    data = dict(as_mapping(analysis))
    if not isinstance(data.get("languages", []), (list, tuple)):
        raise InvalidArgumentError("analysis.languages must be a list")
    return data


def _list(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, (list, tuple)):
        raise InvalidArgumentError(f"analysis.{key} must be a list")
    return [dict(v) for v in value if isinstance(v, Mapping)]


def _coverage(data: Mapping[str, Any]) -> tuple[Coverage, ...]:
    sites = _list(data, "call_sites")
    targets = {str(f.get("framework")): str(f.get("target", ""))
               for f in _list(data, "ml_frameworks")}
    total: Counter[str] = Counter(str(s.get("framework")) for s in sites)
    ok: Counter[str] = Counter(str(s.get("framework")) for s in sites if s.get("convertible"))
    return tuple(Coverage(fw, targets.get(fw, ""), n, ok[fw], round(100.0 * ok[fw] / n, 1))
                 for fw, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))


def _call_sites(data: Mapping[str, Any]) -> tuple[tuple[str, str, int, bool], ...]:
    sites = _list(data, "call_sites")
    counts: Counter[tuple[str, str, bool]] = Counter(
        (str(s.get("framework")), str(s.get("symbol")), bool(s.get("convertible")))
        for s in sites)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1]))
    return tuple((fw, sym, n, conv) for (fw, sym, conv), n in rows)


def _workflow(state: object) -> tuple[tuple[PhaseRow, ...], int | None]:
    if state is None:
        return (), None
    from batuta.workflow.state import WorkflowState, state_from_dict, state_to_dict

    data = state_to_dict(state) if isinstance(state, WorkflowState) else state
    parsed = state_from_dict(data)
    rows = tuple(PhaseRow(p.name, p.status.value,
                          p.started_at.isoformat() if p.started_at else None,
                          p.finished_at.isoformat() if p.finished_at else None)
                 for p in parsed.phases)
    return rows, parsed.progress


def _summary(data: Mapping[str, Any], coverage: tuple[Coverage, ...]) -> dict[str, Any]:
    tdg = data.get("tdg") if isinstance(data.get("tdg"), Mapping) else None
    code = sum(int(x.get("code", 0) or 0) for x in _list(data, "languages"))
    sites = sum(c.call_sites for c in coverage)
    convertible = sum(c.convertible for c in coverage)
    return {
        "root": str(data.get("root", "")),
        "primary_language": data.get("primary_language"),
        "files": int(data.get("total_files") or len(_list(data, "files"))),
        "code_lines": code,
        "languages": len(_list(data, "languages")),
        "dependency_files": len(_list(data, "dependencies")),
        "functions": len(_list(data, "functions")),
        "ml_call_sites": sites,
        "convertible_call_sites": convertible,
        "conversion_coverage": round(100.0 * convertible / sites, 1) if sites else None,
        "tdg_score": tdg.get("score") if tdg else None,
        "tdg_grade": tdg.get("grade") if tdg else None,
    }


def build_report(analysis: object, *, state: object = None) -> MigrationReport:
    """The report model for an analyzed project (and its workflow state, when known)."""
    from batuta.oracle import ask

    data = _analysis_dict(analysis)
    coverage = _coverage(data)
    functions = sorted(_list(data, "functions"),
                       key=lambda f: (-int(f.get("cyclomatic", 0) or 0), str(f.get("path")),
                                      int(f.get("line", 0) or 0)))
    workflow, progress = _workflow(state)
    root = str(data.get("root", "")) or "project"
    name = root.rstrip("/").rsplit("/", 1)[-1] or root
    from batuta.report.charts import chart_titles

    return MigrationReport(
        title=f"Migration report: {name}",
        summary=_summary(data, coverage),
        languages=tuple(_list(data, "languages")),
        dependencies=tuple(_list(data, "dependencies")),
        frameworks=tuple(_list(data, "ml_frameworks")),
        call_sites=_call_sites(data),
        tdg=dict(data["tdg"]) if isinstance(data.get("tdg"), Mapping) else None,
        complex_functions=tuple(functions[:TOP_FUNCTIONS]),
        workflow=workflow,
        workflow_progress=progress,
        coverage=coverage,
        transpilers=tuple(_list(data, "transpilers")),
        oracle=ask("what replaces the framework calls in this project?", analysis=data),
        charts=chart_titles(data),
    )


def render(report: MigrationReport, fmt: str, *, analysis: object = None) -> str:
    """The report in one format: html (one self-contained file), markdown, json or text."""
    if fmt == "json":
        from batuta._serialize import to_json

        return to_json(report, indent=2) + "\n"
    if fmt == "markdown":
        from batuta.report.markdown import markdown_report

        return markdown_report(report)
    if fmt == "html":
        from batuta.report.html import html_report

        return html_report(report, _analysis_dict(analysis) if analysis is not None else {})
    if fmt == "text":
        from batuta.report.markdown import text_report

        return text_report(report)
    raise InvalidArgumentError(f"unknown report format {fmt!r}", allowed=list(FORMATS))


def migration_report(analysis: object, fmt: str = "html", *, state: object = None) -> str:
    """Build and render in one call (what ``batuta.api.report`` and the CLI use)."""
    if fmt not in FORMATS:
        raise InvalidArgumentError(f"unknown report format {fmt!r}", allowed=list(FORMATS))
    try:
        return render(build_report(analysis, state=state), fmt, analysis=analysis)
    except MALFORMED as exc:  # an analysis JSON from JS with wrong types in a field
        raise InvalidArgumentError(f"the analysis is malformed: {exc}") from exc
