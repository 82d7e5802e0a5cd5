"""The migration report as Markdown (and as plain text for the terminal).

The same sections as the HTML report, in the same order; charts are listed by name (their
data is in the tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from batuta.report._cells import cell_text
from batuta.report._model import MigrationReport

SECTIONS = ("Summary", "Languages", "Dependencies", "Frameworks and call sites",
            "Technical debt grade", "Most complex functions", "Workflow", "Conversion coverage",
            "Oracle recommendations", "Charts")


def _cell(value: Any) -> str:
    # A pipe would end the Markdown cell and a newline the row.
    return cell_text(value).replace("|", "\\|").replace("\n", " ")


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines if len(lines) > 2 else ["None found."]


def _sections(r: MigrationReport) -> list[tuple[str, list[str]]]:
    s, tdg, a = r.summary, r.tdg or {}, r.oracle
    oracle = [f"**{a.primary.component}** ({a.primary.confidence:.0%}): {a.primary.rationale}",
              "", f"Backend: **{a.compute.backend}**. {a.compute.rationale}", "",
              f"Distribution: {a.distribution.rationale}"]
    if a.project and a.project.replacements:
        oracle += ["", *_table(("Python symbol", "Replacement", "Calls"),
                               a.project.replacements[:25])]
    if a.code_example:
        oracle += ["", "```rust", a.code_example.rstrip(), "```"]
    board = _table(("Phase", "Status", "Started", "Finished"),
                   [(p.phase, p.status, p.started_at, p.finished_at) for p in r.workflow])
    workflow = [*board, "", f"Progress: {r.workflow_progress}%"] if r.workflow else [
        "No workflow state recorded yet."]
    return [
        ("Summary", [f"- {k.replace('_', ' ')}: {_cell(v)}" for k, v in s.items()]),
        ("Languages", _table(("Language", "Files", "Code", "Share %"), [
            (x.get("language"), x.get("files"), x.get("code"), x.get("percentage"))
            for x in r.languages])),
        ("Dependencies", _table(("File", "Manager", "Packages"), [
            (d.get("file"), d.get("manager"), len(d.get("packages") or ()))
            for d in r.dependencies])),
        ("Frameworks and call sites", _table(("Framework", "Symbol", "Calls", "Convertible"),
                                             r.call_sites[:50])),
        ("Technical debt grade", [f"Score {_cell(tdg.get('score'))} ({tdg.get('grade') or '-'})",
                                  "", *_table(("Component", "Weight", "Points", "Detail"), [
                                      (c.get("name"), c.get("weight"), c.get("points"),
                                       c.get("detail")) for c in tdg.get("components") or ()])]),
        ("Most complex functions", _table(("Function", "File", "Line", "Cyclomatic", "Band"), [
            (f.get("name"), f.get("path"), f.get("line"), f.get("cyclomatic"), f.get("band"))
            for f in r.complex_functions])),
        ("Workflow", workflow),
        ("Conversion coverage", _table(("Framework", "Target", "Call sites", "Convertible",
                                        "Coverage %"), [
            (c.framework, c.target, c.call_sites, c.convertible, c.percent)
            for c in r.coverage])),
        ("Oracle recommendations", oracle),
        ("Charts", [f"- {c}" for c in r.charts] + ["", "(drawn in the HTML report)"]),
    ]


def markdown_report(report: MigrationReport) -> str:
    """Markdown with one ``##`` section per part of the report."""
    out = [f"# {report.title}", ""]
    for title, lines in _sections(report):
        out += [f"## {title}", "", *lines, ""]
    return "\n".join(out)


def text_report(report: MigrationReport) -> str:
    """Plain text for the terminal (the Markdown without its markup)."""
    out = [report.title, "=" * len(report.title), ""]
    for title, lines in _sections(report):
        out += [title, "-" * len(title)]
        out += [line.replace("**", "").replace("```rust", "").replace("```", "")
                for line in lines if not line.startswith("|---")]
        out.append("")
    return "\n".join(out)
