"""Plain-text presentation: the readable analysis report and the workflow status board.

The report is built from ``rich`` tables so the CLI can print it with colour on a terminal, and
rendered to a plain string (no escape codes) for files, tests and the browser. Everything that
comes from the analyzed project (paths, package names, error text) is shown literally: it goes
into ``Text`` objects, never through rich markup, and control characters are escaped, so a file
named ``[red]x`` or ``\\x1b[2J`` cannot restyle or clear the user's terminal.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from batuta.analyze.results import (
    DependencyFile,
    FunctionComplexity,
    ProjectAnalysis,
    TDGResult,
)
from batuta.workflow.state import PhaseRecord, PhaseStatus, WorkflowState

SECTIONS: tuple[str, ...] = (
    "languages", "dependencies", "frameworks", "tdg", "complexity", "skipped",
)
MAX_PACKAGES = 15  # per manifest; the JSON output has them all
TOP_FUNCTIONS = 10
WORST_FILES = 5
RULE = "─" * 46

ICONS = {PhaseStatus.COMPLETED: "✓", PhaseStatus.IN_PROGRESS: "⏳",
         PhaseStatus.NOT_STARTED: "○", PhaseStatus.FAILED: "✗"}
LABELS = {PhaseStatus.COMPLETED: "Completed", PhaseStatus.IN_PROGRESS: "In Progress",
          PhaseStatus.NOT_STARTED: "Not Started", PhaseStatus.FAILED: "Failed"}


# --- analysis report ---------------------------------------------------------------------------
def analysis_renderables(analysis: ProjectAnalysis,
                         sections: Iterable[str] | None = None) -> list[RenderableType]:
    """The report as rich renderables, header first, then the chosen ``sections`` in order.

    Args:
        analysis: the result of ``analyze_project``.
        sections: names from ``SECTIONS``; None means all of them.
    """
    chosen = set(SECTIONS if sections is None else sections)
    unknown = chosen - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown report section {sorted(unknown)[0]!r}")
    builders = {"languages": _languages, "dependencies": _dependencies,
                "frameworks": _frameworks, "tdg": _tdg, "complexity": _complexity,
                "skipped": _skipped}
    parts: list[RenderableType] = [_header(analysis)]
    parts += [builders[name](analysis) for name in SECTIONS if name in chosen]
    return parts


def analysis_report(analysis: ProjectAnalysis, *, sections: Iterable[str] | None = None,
                    width: int = 100) -> str:
    """The readable analysis report as plain text.

    Example:
        >>> print(analysis_report(result, sections=["languages"]))  # doctest: +SKIP
    """
    return render_plain(analysis_renderables(analysis, sections), width=width)


def render_plain(renderables: Sequence[RenderableType], *, width: int = 100) -> str:
    """Render rich renderables to a string without colour or escape codes."""
    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True,
                      force_terminal=False, highlight=False, emoji=False, soft_wrap=False)
    for part in renderables:
        console.print(part)
        console.print()
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in out.rstrip().splitlines()) + "\n"


def _header(a: ProjectAnalysis) -> RenderableType:
    measured = len(a.files) or sum(s.files for s in a.languages)
    facts = [f"{measured:,} files analyzed", f"{len(a.skipped):,} skipped"]
    if a.primary_language:
        facts.append(f"primary language {a.primary_language}")
    facts.append(f"{a.duration_s:.2f} s")
    return Group(_title(f"Batuta analysis of {safe(a.root)}"), Text("  " + " · ".join(facts)))


def _languages(a: ProjectAnalysis) -> RenderableType:
    if not a.languages:
        return Group(_title("Languages"), Text("  No source files measured."))
    table = _table("Language", "Files", "Code", "Comment", "Blank", "Share")
    for s in a.languages:
        table.add_row(Text(safe(s.language)), f"{s.files:,}", f"{s.code:,}", f"{s.comment:,}",
                      f"{s.blank:,}", f"{s.percentage:.1f} %")
    parts: list[RenderableType] = [_title("Languages"), table]
    if a.transpilers:
        # The notes are long prose: the JSON output carries them, the table stays scannable.
        tools = _table("Language", "Transpiler", "Files")
        for t in a.transpilers:
            tool = "— (not a migration source)" if t.tool == "none" else t.tool
            tools.add_row(Text(safe(t.language)), Text(safe(tool)), f"{t.files:,}")
        parts += [Text(""), _title("Recommended transpilers"), tools]
    return Group(*parts)


def _dependencies(a: ProjectAnalysis) -> RenderableType:
    if not a.dependencies:
        return Group(_title("Dependencies"), Text("  No dependency manifests found."))
    total = sum(len(d.packages) for d in a.dependencies)
    parts: list[RenderableType] = [
        _title(f"Dependencies ({total:,} packages in {len(a.dependencies):,} manifests)")]
    for dep in a.dependencies:
        parts.append(_manifest(dep))
    return Group(*parts)


def _manifest(dep: DependencyFile) -> RenderableType:
    head = Text(f"  {safe(dep.file)}  [{safe(dep.manager)}, {len(dep.packages):,} packages]")
    if dep.error:
        return Group(head, Text(f"    could not be parsed: {safe(dep.error)}"))
    if not dep.packages:
        return head
    table = _table("Package", "Version", "Group")
    for pkg in dep.packages[:MAX_PACKAGES]:
        name = pkg.name + (f"[{','.join(pkg.extras)}]" if pkg.extras else "")
        spec = pkg.spec or pkg.source or "any"
        if pkg.marker:
            spec += f"; {pkg.marker}"
        table.add_row(Text(safe(name)), Text(safe(spec)), Text(safe(pkg.group)))
    parts: list[RenderableType] = [head, table]
    hidden = len(dep.packages) - MAX_PACKAGES
    if hidden > 0:
        parts.append(Text(f"    … and {hidden:,} more (--format json lists all)"))
    return Group(*parts)


def _frameworks(a: ProjectAnalysis) -> RenderableType:
    if not a.ml_frameworks:
        return Group(_title("ML frameworks"), Text("  No ML framework usage found."))
    table = _table("Framework", "Files", "Call sites", "Converts to")
    for fw in a.ml_frameworks:
        target = fw.target if fw.convertible and fw.target else "detected, no converter"
        table.add_row(Text(safe(fw.framework)), f"{fw.files:,}", f"{fw.call_sites:,}",
                      Text(safe(target)))
    return Group(_title("ML frameworks"), table)


def _tdg(a: ProjectAnalysis) -> RenderableType:
    tdg = a.tdg
    if tdg is None or tdg.score is None:
        reason = "not computed" if tdg is None else "no file could be measured"
        parts: list[RenderableType] = [_title(f"Technical debt grade: n/a ({reason})")]
        if tdg is not None and tdg.not_measured:
            parts.append(Text(f"  {len(tdg.not_measured):,} files not measured"))
        return Group(*parts)
    parts = [_title(f"Technical debt grade: {tdg.grade} ({tdg.score:.1f}/100)")]
    table = _table("Component", "Weight", "Score", "Points", "Detail")
    for c in tdg.components:
        table.add_row(Text(safe(c.name)), f"{c.weight:g}", f"{c.ratio * 100:.0f} %",
                      f"{c.points:.1f}", Text(safe(c.detail)))
    parts.append(table)
    parts += _tdg_notes(tdg)
    return Group(*parts)


def _tdg_notes(tdg: TDGResult) -> list[RenderableType]:
    notes: list[RenderableType] = []
    if tdg.coverage is not None:
        notes.append(Text(f"  Test coverage (from the coverage report): {tdg.coverage:.1f} %"))
    if tdg.not_measured:
        notes.append(Text(f"  {len(tdg.not_measured):,} files not measured "
                          "(not scored, listed in --format json)"))
    worst = sorted(tdg.files, key=lambda f: (f.score, f.path))[:WORST_FILES]
    if worst and len(tdg.files) > 1:
        table = _table("Lowest-scoring file", "Language", "Code", "Score", "Grade")
        for f in worst:
            table.add_row(Text(safe(f.path)), Text(safe(f.language)), f"{f.code_lines:,}",
                          f"{f.score:.1f}", f.grade)
        notes.append(table)
    return notes


def _complexity(a: ProjectAnalysis) -> RenderableType:
    funcs = a.functions
    if not funcs:
        return Group(_title("Most complex functions"), Text("  No functions measured."))
    mean = sum(f.cyclomatic for f in funcs) / len(funcs)
    hard = sum(f.cyclomatic > 20 for f in funcs)
    head = Text(f"  {len(funcs):,} functions · average cyclomatic {mean:.1f} · "
                f"{hard:,} complex or very complex (over 20)")
    table = _table("Function", "Location", "Cyclomatic", "Cognitive", "Band")
    for f in _most_complex(funcs):
        where = f"{f.path}:{f.line}" if f.path else f"line {f.line}"
        table.add_row(Text(safe(f.name)), Text(safe(where)), str(f.cyclomatic),
                      "-" if f.cognitive is None else str(f.cognitive), f.band)
    return Group(_title("Most complex functions"), head, table)


def _most_complex(funcs: Sequence[FunctionComplexity]) -> list[FunctionComplexity]:
    return sorted(funcs, key=lambda f: (-f.cyclomatic, -(f.cognitive or 0), f.path or "",
                                        f.line))[:TOP_FUNCTIONS]


def _skipped(a: ProjectAnalysis) -> RenderableType:
    if not a.skipped:
        return Text("No files skipped.")
    reasons = Counter(s.reason for s in a.skipped)
    listed = ", ".join(f"{n:,} {safe(reason)}" for reason, n in
                       sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    return Text(f"Skipped {len(a.skipped):,} files: {listed} (--format json lists them)")


# --- status board ------------------------------------------------------------------------------
def status_board(state: WorkflowState) -> str:
    """The five-phase board of ``batuta status`` (book lines 870-905), as plain text."""
    if state.is_fresh:
        return ("No workflow started yet.\n\n💡 Get started:\n"
                "  1. Run batuta analyze to analyze your project\n")
    lines = ["📊 Workflow Progress", RULE]
    lines += [f"{ICONS[p.status]} {p.name:<14} [{LABELS[p.status]}]" for p in state.phases]
    lines += [f"Overall: {state.progress}% complete", "", "Phase Details:", RULE]
    for record in state.phases:
        if record.status is not PhaseStatus.NOT_STARTED:
            lines += _phase_details(record)
    lines.append(_next_step(state))
    return "\n".join(lines) + "\n"


def _phase_details(p: PhaseRecord) -> list[str]:
    out = [f"{ICONS[p.status]} {p.name}"]
    if p.started_at:
        out.append(f"  Started:   {_when(p.started_at)}")
    if p.finished_at:
        label = "Failed:   " if p.status is PhaseStatus.FAILED else "Completed:"
        out.append(f"  {label} {_when(p.finished_at)}")
    if p.duration_s is not None:
        out.append(f"  Duration:  {p.duration_s:.2f}s")
    if p.error:
        out.append(f"  Error:     {safe(p.error)}")
    if p.summary:
        out.append("  " + summary_line(p.summary))
    return out


def summary_line(summary: Mapping[str, Any]) -> str:
    """One line from a phase summary, e.g. ``Files: 127 | Lines: 8,432 | TDG: 73.2/100 (B-)``."""
    parts = []
    if isinstance(summary.get("files"), int):
        parts.append(f"Files: {summary['files']:,}")
    if isinstance(summary.get("lines"), int):
        parts.append(f"Lines: {summary['lines']:,}")
    if summary.get("primary_language"):
        parts.append(f"Primary: {safe(str(summary['primary_language']))}")
    score = summary.get("tdg")
    if isinstance(score, (int, float)):
        parts.append(f"TDG: {score:.1f}/100 ({safe(str(summary.get('grade', '?')))})")
    elif "tdg" in summary:
        parts.append("TDG: n/a")
    parts += _later_phase_parts(summary)
    return " | ".join(parts) or "(no summary)"


def _later_phase_parts(summary: Mapping[str, Any]) -> list[str]:
    """Transpilation (modules, mapped), Optimization (operations, backends), Validation."""
    parts = []
    for key, label in (("modules", "Modules"), ("mapped", "Mapped"),
                       ("not_converted", "Not converted"), ("operations", "Operations")):
        if isinstance(summary.get(key), int) and not isinstance(summary.get(key), bool):
            parts.append(f"{label}: {summary[key]:,}")
    backends = summary.get("backends")
    if isinstance(backends, Mapping) and all(isinstance(n, int) for n in backends.values()):
        parts.append(", ".join(f"{safe(str(k))} {n:,}" for k, n in backends.items()))
    if isinstance(summary.get("data_size"), int):
        parts.append(f"n = {summary['data_size']:,}")
    if isinstance(summary.get("profile"), str):
        parts.append(f"Profile: {safe(summary['profile'])}")
    if isinstance(summary.get("errors"), int) and isinstance(summary.get("warnings"), int):
        parts.append(f"cargo check: {summary['errors']} error(s), "
                     f"{summary['warnings']} warning(s)")
    return parts


def _next_step(state: WorkflowState) -> str:
    current = state.current_phase
    if current is None:
        return "\nAll phases completed."
    record = state.phase(current)
    if record.status is PhaseStatus.FAILED:
        return f"\n✗ {current} failed: fix the problem and run it again."
    if record.status is PhaseStatus.IN_PROGRESS:
        return f"\n⏳ {current} is in progress (or was interrupted: run it again to resume)."
    if current == "Analysis":
        return "\nNext: run batuta analyze"
    return f"\nNext phase: {current}"


def _when(stamp: datetime) -> str:
    return stamp.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


# --- helpers -----------------------------------------------------------------------------------
def safe(text: str) -> str:
    """``text`` with control characters shown as escapes, so it cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def _title(text: str) -> Text:
    return Text(text, style="bold")


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1))
    for i, name in enumerate(columns):
        table.add_column(name, justify="left" if i == 0 or name in _LEFT else "right",
                         overflow="fold")
    return table


_LEFT = frozenset({"Location", "Transpiler", "Note", "Converts to", "Detail", "Version",
                   "Group", "Band", "Language", "Grade"})
