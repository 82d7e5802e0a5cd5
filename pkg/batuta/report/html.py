"""The migration report as ONE self-contained HTML file.

No script, no external resource: styles are inline, charts are inline SVG, and a Content
Security Policy (``default-src 'none'``) makes the browser refuse any request the page might
make. Responsive (one column on a phone, tables scroll sideways), light and dark through
``prefers-color-scheme``, and a print stylesheet (no dark backgrounds, charts kept whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from batuta.report._cells import cell_text
from batuta.report._model import MigrationReport

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e;
  --line: #d1d9e0; --card: #f6f8fa; --accent: #0969da; --ok: #1a7f37; --warn: #9a6700; }
.chart .dark { display: none; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1b1d21; --fg: #eceff4; --muted: #a8adb7; --line: #363a42; --card: #22252b;
    --accent: #4493f8; --ok: #3fb950; --warn: #d29922; }
  .chart .light { display: none; } .chart .dark { display: block; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem; background: var(--bg);
  color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .6rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: .6rem; }
.card b { display: block; font-size: 1.3rem; }
.card span { color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; } th { color: var(--muted); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: .85rem; }
pre { background: var(--card); border: 1px solid var(--line); padding: .75rem;
  overflow-x: auto; border-radius: 6px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1rem; }
.chart svg { width: 100%; height: auto; display: block; border: 1px solid var(--line);
  border-radius: 6px; } figure.chart { margin: 0; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .muted { color: var(--muted); }
@media (max-width: 600px) { body { padding: .5rem; font-size: 14px; } h1 { font-size: 1.3rem; } }
@media print { :root { --bg: #fff; --fg: #000; --card: #fff; --line: #bbb; --muted: #444; }
  .chart .light { display: block !important; } .chart .dark { display: none !important; }
  body { max-width: none; padding: 0; } h2 { break-after: avoid; }
  .chart, table, pre, .card { break-inside: avoid; } .scroll { overflow: visible; } }
"""


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]],
           numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{escape(cell_text(v))}</td>'
                         for i, v in enumerate(row)) + "</tr>" for row in rows)
    if not body:
        return '<p class="muted">None found.</p>'
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _package(p: Mapping[str, Any]) -> str:
    spec = str(p.get("spec") or "")
    return f"{p.get('name')} {spec}" if spec[:1].isdigit() else f"{p.get('name')}{spec}"


def _cards(summary: Mapping[str, Any]) -> str:
    items = [("Primary language", summary["primary_language"]), ("Files", summary["files"]),
             ("Code lines", summary["code_lines"]),
             ("TDG", f"{cell_text(summary['tdg_score'])} ({summary['tdg_grade'] or '-'})"),
             ("ML call sites", summary["ml_call_sites"]),
             ("Conversion coverage", "-" if summary["conversion_coverage"] is None
              else f"{summary['conversion_coverage']}%")]
    return '<div class="cards">' + "".join(
        f'<div class="card"><span>{escape(k)}</span><b>{escape(cell_text(v))}</b></div>'
        for k, v in items) + "</div>"


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{body}</section>'


def _charts(data: Mapping[str, Any]) -> str:
    from batuta.report.charts import chart_svgs

    figures = "".join(
        f'<figure class="chart" id="chart-{key}" data-chart="{key}">'
        f'<div class="light">{light}</div><div class="dark">{dark}</div></figure>'
        for key, _title, light, dark in chart_svgs(data))
    return f'<div class="charts">{figures}</div>'


def _oracle(report: MigrationReport) -> str:
    a = report.oracle
    parts = [f"<p><b>{escape(a.primary.component)}</b> ({a.primary.confidence:.0%}): "
             f"{escape(a.primary.rationale)}</p>"]
    if a.supporting:
        parts.append("<p>Supporting: " + ", ".join(
            f"<code>{escape(s.component)}</code> ({s.confidence:.0%})" for s in a.supporting)
            + "</p>")
    parts.append(f"<p>Backend: <b>{escape(a.compute.backend)}</b>. "
                 f"{escape(a.compute.rationale)}</p>")
    parts.append(f"<p>Distribution: {escape(a.distribution.rationale)}</p>")
    if a.project and a.project.replacements:
        parts.append(_table(("Python symbol", "Replacement", "Calls"),
                            a.project.replacements[:25], numeric=(2,)))
    if a.code_example:
        parts.append(f"<pre><code>{escape(a.code_example)}</code></pre>")
    return "".join(parts)


def _body(report: MigrationReport, data: Mapping[str, Any]) -> list[str]:
    tdg = report.tdg or {}
    workflow = (_table(("Phase", "Status", "Started", "Finished"),
                       [(p.phase, p.status, p.started_at, p.finished_at) for p in report.workflow])
                + f"<p>Progress: {report.workflow_progress}%</p>" if report.workflow
                else '<p class="muted">No workflow state recorded yet (run '
                     "<code>batuta analyze</code> in the project).</p>")
    return [
        _cards(report.summary),
        _section("charts", "Charts", _charts(data)),
        _section("languages", "Languages", _table(
            ("Language", "Files", "Code", "Comment", "Blank", "Share %"),
            [(x.get("language"), x.get("files"), x.get("code"), x.get("comment"), x.get("blank"),
              x.get("percentage")) for x in report.languages], numeric=(1, 2, 3, 4, 5))),
        _section("dependencies", "Dependencies", _table(
            ("File", "Manager", "Packages"),
            [(d.get("file"), d.get("manager"), ", ".join(
                _package(p) for p in d.get("packages") or ()))
             for d in report.dependencies])),
        _section("frameworks", "Frameworks and call sites", _table(
            ("Framework", "Files", "Call sites", "Target crate"),
            [(f.get("framework"), f.get("files"), f.get("call_sites"), f.get("target"))
             for f in report.frameworks], numeric=(1, 2)) + _table(
            ("Framework", "Symbol", "Calls", "Convertible"), report.call_sites[:50],
            numeric=(2,))),
        _section("tdg", f"Technical debt grade: {cell_text(tdg.get('score'))} "
                        f"({tdg.get('grade') or '-'})", _table(
            ("Component", "Weight", "Points", "Detail"),
            [(c.get("name"), c.get("weight"), c.get("points"), c.get("detail"))
             for c in tdg.get("components") or ()], numeric=(1, 2))),
        _section("complexity", "Most complex functions", _table(
            ("Function", "File", "Line", "Cyclomatic", "Cognitive", "Band"),
            [(f.get("name"), f.get("path"), f.get("line"), f.get("cyclomatic"),
              f.get("cognitive"), f.get("band")) for f in report.complex_functions],
            numeric=(2, 3, 4))),
        _section("workflow", "Workflow", workflow),
        _section("coverage", "Conversion coverage", _table(
            ("Framework", "Target", "Call sites", "Convertible", "Coverage %"),
            [(c.framework, c.target, c.call_sites, c.convertible, c.percent)
             for c in report.coverage], numeric=(2, 3, 4)) + _table(
            ("Language", "Transpiler", "Files"),
            [(t.get("language"), t.get("tool"), t.get("files")) for t in report.transpilers],
            numeric=(2,))),
        _section("oracle", "Oracle recommendations", _oracle(report)),
    ]


def html_report(report: MigrationReport, data: Mapping[str, Any]) -> str:
    """The whole page."""
    body = "".join(_body(report, data))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(report.title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{escape(report.title)}</h1><p class=\"muted\">"
            f"{escape(str(report.summary['root']))} - generated by Batuta</p></header>"
            f"<main>{body}</main></body></html>\n")
