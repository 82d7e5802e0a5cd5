"""The technical-debt grade (TDG, SPEC.md §6): six components per file, aggregated by code lines.

Each component is a ratio in 0..1 (1 = no debt), worth ``weight * ratio`` points. Every mapping
is monotone: more of the bad thing never raises the ratio.

* **structural_complexity (25)** — cyclomatic complexity per function (radon's rules; lizard for
  other languages). A function's penalty is 0 up to 10 (SPEC.md's "simple" band), rising
  linearly to 1 at 50 (the top of "complex"): ``clamp((cc - 10) / 40)``. Ratio = 1 - the mean
  penalty, weighted by function length in lines (a long tangled function is more of the file
  than a short one). Not measured for a file without functions.
* **semantic_complexity (20)** — cognitive complexity (SonarSource) per function, same shape:
  penalty 0 up to 15 (Sonar's default threshold), 1 at 60 (four times it):
  ``clamp((cog - 15) / 45)``, length-weighted. Not measured where there is no cognitive figure
  (lizard languages) or no function.
* **duplication (20)** — computed across all files of the project at once: each file's
  meaningful lines (stripped; blank, comment-only and lines under 4 characters dropped) are
  hashed, every window of 6 consecutive such lines is hashed, and a line is duplicated when it
  lies in a window that occurs twice or more anywhere in the project (the same file included).
  Ratio = 1 - duplicated lines / meaningful lines. Linear in total lines. A file with fewer than
  6 meaningful lines cannot hold a window and has ratio 1.
* **coupling (15)** — fan-out: distinct modules imported (Python ``import``/``from``, C/C++
  ``#include``, Rust ``use``/``extern crate``, Go/Java/JS/TS imports, shell ``source``).
  Penalty 0 up to 12 (wemake-python-styleguide's default module-import limit), 1 at 42:
  ``clamp((n - 12) / 30)``; ratio = 1 - penalty.
* **documentation (10)** — Python: share of the module and its public (not underscored)
  classes and functions that have a docstring. Other languages: comment density
  ``comment / (code + comment)``, full marks at 20 %: ``min(1, density / 0.2)``.
* **consistency (10)** — the mean of: the share of indented lines that use the file's majority
  indent character (tabs vs spaces); the share of non-blank lines at most 120 characters; and
  for Python, the share of function names in the file's majority style (snake_case,
  lowerCamelCase, other) and the share of class names in CapWords.

A file's score is ``100 * sum(weight * ratio) / sum(weight)`` over the components measured for
it, so an unmeasurable component neither earns nor loses points. The project score is the
code-line-weighted mean of file scores, and each project component the code-line-weighted mean
of its ratio over the files where it was measured (a component measured nowhere is omitted).
Files that could not be measured are listed in ``not_measured`` and never scored; with nothing
measured, score and grade are None. Grades: ``batuta.grades.grade_for``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from batuta.analyze import _tdg_measures as measures
from batuta.analyze.complexity import gc_paused
from batuta.analyze.results import (
    FileTDG,
    FunctionComplexity,
    LineCounts,
    NotMeasured,
    TDGComponent,
    TDGResult,
)
from batuta.grades import grade_for

WEIGHTS: dict[str, float] = {
    "structural_complexity": 25.0,
    "semantic_complexity": 20.0,
    "duplication": 20.0,
    "coupling": 15.0,
    "documentation": 10.0,
    "consistency": 10.0,
}
"""Component -> weight (SPEC.md §6); they sum to 100."""

TDG_LANGUAGES: frozenset[str] = frozenset({
    "Python", "C", "C++", "Rust", "Shell", "JavaScript", "TypeScript", "Go", "Java",
})
"""Languages the TDG scores; config and markup files are listed as not measured."""

DUP_WINDOW = 6
"""Consecutive meaningful lines that must repeat to count as copied code."""


@dataclass(frozen=True)
class FileMetrics:
    """Raw measures of one file, before any mapping to ratios.

    ``cyclomatic`` and ``cognitive`` hold (complexity, length in lines) per function;
    ``line_hashes`` the normalized meaningful lines that duplication is found from.
    """

    path: str
    language: str
    code_lines: int
    comment_lines: int
    cyclomatic: tuple[tuple[int, int], ...]
    cognitive: tuple[tuple[int, int], ...]
    line_hashes: tuple[int, ...]
    imports: int | None
    documented: int | None  # Python: documented items; None for other languages
    documentable: int | None
    consistency_parts: tuple[float, ...]


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _weighted_penalty(pairs: Sequence[tuple[int, int]], low: int, span: int) -> float | None:
    """1 - length-weighted mean of ``clamp((x - low) / span)``; None without functions."""
    if not pairs:
        return None
    total = sum(length for _, length in pairs)
    bad = sum(_clamp((value - low) / span) * length for value, length in pairs)
    return 1.0 - bad / total


def measure_file(path: str, language: str, text: str, counts: LineCounts,
                 tree: ast.Module | None,
                 functions: Sequence[FunctionComplexity]) -> FileMetrics | NotMeasured:
    """The raw TDG measures of one file, or why it cannot be measured.

    Args:
        path: Relative path, as reported.
        language: Language name from ``analyze.languages`` ("Python", "C", ...).
        text: The file's text.
        counts: Its line counts.
        tree: The parsed module for Python (None when it did not parse); ignored otherwise.
        functions: Its per-function complexity (``complexity.python_functions`` or
            ``other_functions``).

    Returns:
        ``FileMetrics``, or ``NotMeasured`` for config/markup languages, files without code
        lines, and Python that does not parse.
    """
    if language not in TDG_LANGUAGES:
        return NotMeasured(path, f"{language} is not scored by the TDG (config or markup)")
    if counts.code == 0:
        return NotMeasured(path, "no code lines")
    if language == "Python" and tree is None:
        return NotMeasured(path, "Python source does not parse")
    sized = [(f, max(1, f.end_line - f.line + 1)) for f in functions]
    scan = measures.scan_lines(text, language)
    parts: list[float] = [scan.indent_share, scan.short_share]
    imports: int | None
    documented = documentable = None
    if language == "Python" and tree is not None:
        facts = measures.python_facts(tree)
        imports, documented, documentable = facts.imports, facts.documented, facts.documentable
        styled = sum(facts.function_styles)
        if styled:
            parts.append(max(facts.function_styles) / styled)
        if facts.classes:
            parts.append(facts.cap_word_classes / facts.classes)
    else:
        imports = measures.text_imports(text, language)
    return FileMetrics(
        path=path, language=language, code_lines=counts.code, comment_lines=counts.comment,
        cyclomatic=tuple((f.cyclomatic, n) for f, n in sized),
        cognitive=tuple((f.cognitive, n) for f, n in sized if f.cognitive is not None),
        line_hashes=scan.hashes, imports=imports,
        documented=documented, documentable=documentable, consistency_parts=tuple(parts))


def duplicated_shares(metrics: Sequence[FileMetrics]) -> list[float]:
    """Per file, the share of meaningful lines inside a 6-line window seen twice in the project.

    Two linear passes: count every window's hash, then mark the lines of repeated windows.
    """
    seen: dict[int, int] = {}
    windows: list[list[int]] = []
    for m in metrics:
        h = m.line_hashes
        keys = [hash(h[i:i + DUP_WINDOW]) for i in range(len(h) - DUP_WINDOW + 1)]
        windows.append(keys)
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    shares: list[float] = []
    for m, keys in zip(metrics, windows, strict=True):
        covered_until = 0  # lines before this index are already counted
        duplicated = 0
        for i, key in enumerate(keys):
            if seen[key] > 1:
                start = max(i, covered_until)
                duplicated += i + DUP_WINDOW - start
                covered_until = i + DUP_WINDOW
        shares.append(duplicated / len(m.line_hashes) if m.line_hashes else 0.0)
    return shares


def file_ratios(m: FileMetrics, duplicated_share: float) -> dict[str, float]:
    """Component -> ratio for one file; components that cannot be measured are left out."""
    ratios: dict[str, float] = {}
    structural = _weighted_penalty(m.cyclomatic, 10, 40)
    if structural is not None:
        ratios["structural_complexity"] = structural
    semantic = _weighted_penalty(m.cognitive, 15, 45)
    if semantic is not None:
        ratios["semantic_complexity"] = semantic
    ratios["duplication"] = 1.0 - _clamp(duplicated_share)
    if m.imports is not None:
        ratios["coupling"] = 1.0 - _clamp((m.imports - 12) / 30)
    if m.documentable:
        ratios["documentation"] = (m.documented or 0) / m.documentable
    elif m.documented is None and m.code_lines + m.comment_lines:
        density = m.comment_lines / (m.code_lines + m.comment_lines)
        ratios["documentation"] = min(1.0, density / 0.2)
    if m.consistency_parts:
        ratios["consistency"] = sum(m.consistency_parts) / len(m.consistency_parts)
    return ratios


def _score(ratios: dict[str, float]) -> float:
    weight = sum(WEIGHTS[name] for name in ratios)
    return 100.0 * sum(WEIGHTS[name] * r for name, r in ratios.items()) / weight


def _components(ratios: dict[str, float], details: dict[str, str] | None = None,
                ) -> tuple[TDGComponent, ...]:
    return tuple(
        TDGComponent(name=name, weight=WEIGHTS[name], ratio=round(ratios[name], 4),
                     points=round(WEIGHTS[name] * ratios[name], 2),
                     detail=(details or {}).get(name, ""))
        for name in WEIGHTS if name in ratios)


def _aggregate(files: Iterable[tuple[FileMetrics, dict[str, float]]]) -> dict[str, float]:
    """Code-line-weighted mean of each component over the files where it was measured."""
    sums: dict[str, float] = {}
    lines: dict[str, int] = {}
    for m, ratios in files:
        for name, r in ratios.items():
            sums[name] = sums.get(name, 0.0) + r * m.code_lines
            lines[name] = lines.get(name, 0) + m.code_lines
    return {name: sums[name] / lines[name] for name in sums if lines[name]}


def score_project(metrics: Sequence[FileMetrics],
                  not_measured: Sequence[NotMeasured] = ()) -> TDGResult:
    """The project's TDG from every measured file, duplication found across all of them.

    Args:
        metrics: ``measure_file`` results that are ``FileMetrics``.
        not_measured: ``measure_file`` results that are ``NotMeasured`` (and any other file
            the caller could not measure); listed, never scored.

    Returns:
        A ``TDGResult``; ``score`` and ``grade`` are None when no code line was measured.

    Example:
        >>> score_project([], [NotMeasured("a.json", "config")]).score is None
        True
    """
    with gc_paused():  # millions of short-lived window tuples; see complexity.gc_paused
        shares = duplicated_shares(metrics)
    scored = [(m, file_ratios(m, share)) for m, share in zip(metrics, shares, strict=True)]
    raw = [_score(r) for _, r in scored]
    files = tuple(
        FileTDG(path=m.path, language=m.language, code_lines=m.code_lines,
                score=round(s, 2), grade=grade_for(round(s, 2)), components=_components(r))
        for (m, r), s in zip(scored, raw, strict=True))
    total = sum(m.code_lines for m in metrics)
    if total == 0:
        return TDGResult(score=None, grade=None, components=(), files=files,
                         not_measured=tuple(not_measured))
    score = sum(s * m.code_lines for m, s in zip(metrics, raw, strict=True)) / total
    details = _details(metrics, shares)
    return TDGResult(score=round(score, 2), grade=grade_for(round(score, 2)),
                     components=_components(_aggregate(scored), details), files=files,
                     not_measured=tuple(not_measured))


def _details(metrics: Sequence[FileMetrics], shares: Sequence[float]) -> dict[str, str]:
    """One line per component saying what drove it, for the report."""
    cyclomatic = [c for m in metrics for c, _ in m.cyclomatic]
    cognitive = [c for m in metrics for c, _ in m.cognitive]
    duplicated = round(sum(len(m.line_hashes) * s for m, s in zip(metrics, shares, strict=True)))
    details = {
        "structural_complexity": f"{sum(c > 10 for c in cyclomatic)} of {len(cyclomatic)} "
                                 "functions above cyclomatic 10",
        "semantic_complexity": f"{sum(c > 15 for c in cognitive)} of {len(cognitive)} "
                               "functions above cognitive 15",
        "duplication": f"{duplicated:,} of {sum(len(m.line_hashes) for m in metrics):,} lines "
                       f"in repeated {DUP_WINDOW}-line windows",
    }
    fan_out = [(m.imports, m.path) for m in metrics if m.imports is not None]
    if fan_out:
        most, where = max(fan_out)
        details["coupling"] = f"most imports in one file: {most} ({where})"
    documentable = sum(m.documentable or 0 for m in metrics)
    if documentable:
        documented = sum(m.documented or 0 for m in metrics)
        details["documentation"] = (f"{documented} of {documentable} Python modules, public "
                                    "classes and functions have a docstring")
    return details


def score_code(path: str, language: str, text: str, counts: LineCounts,
               tree: ast.Module | None, functions: Sequence[FunctionComplexity]) -> TDGResult:
    """The TDG of a single snippet or file (``analyze_code``): ``measure_file`` then
    ``score_project`` on that one file (duplication is then found within the file)."""
    measured = measure_file(path, language, text, counts, tree, functions)
    if isinstance(measured, NotMeasured):
        return score_project([], [measured])
    return score_project([measured])
