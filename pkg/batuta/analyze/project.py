"""``analyze_project``: a whole source tree -> languages, dependencies, ML use, complexity, TDG.

The walk (``analyze.walk``) decides which files are read; each file then goes through the same
per-file pipeline as ``analyze_code`` (``analyze.code.analyze_file``), and this module only
accumulates: per-language totals, manifests, call sites, functions and TDG measures, all sorted
at the end so a directory and the same files uploaded as a mapping give identical results.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from batuta.analyze import tdg
from batuta.analyze.code import FileResult, analyze_file
from batuta.analyze.coverage import find_coverage, is_coverage_report
from batuta.analyze.dependencies import (
    LOCK_FILES,
    is_manifest,
    parse_manifest,
    resolve_requirements,
)
from batuta.analyze.frameworks import summarize_frameworks
from batuta.analyze.languages import detect_language, is_migration_source
from batuta.analyze.lines import longest_line
from batuta.analyze.results import (
    AnalyzeOptions,
    DependencyFile,
    FileAnalysis,
    FrameworkCallSite,
    FunctionComplexity,
    LanguageStats,
    LineCounts,
    NotMeasured,
    ProjectAnalysis,
    TDGResult,
)
from batuta.analyze.transpilers import recommend_transpilers
from batuta.analyze.walk import Walk, content_reason, walk
from batuta.errors import InvalidArgumentError
from batuta.limits import MAX_REPORT_BYTES


@dataclass
class _Totals:
    """What the per-file loop accumulates."""

    languages: dict[str, tuple[int, LineCounts]] = field(default_factory=dict)
    files: list[FileAnalysis] = field(default_factory=list)
    dependencies: list[DependencyFile] = field(default_factory=list)
    sites: list[FrameworkCallSite] = field(default_factory=list)
    annotations: list[FrameworkCallSite] = field(default_factory=list)
    functions: list[FunctionComplexity] = field(default_factory=list)
    metrics: list[tdg.FileMetrics] = field(default_factory=list)
    not_measured: list[NotMeasured] = field(default_factory=list)
    reports: dict[str, str] = field(default_factory=dict)

    def add_counts(self, file: FileResult) -> None:
        n, counts = self.languages.get(file.language, (0, LineCounts()))
        self.languages[file.language] = (n + 1, counts + file.counts)
        c = file.counts
        self.files.append(FileAnalysis(file.path, file.language, c.code, c.comment, c.blank))


def coerce_options(options: AnalyzeOptions | Mapping[str, Any] | None) -> AnalyzeOptions:
    """Options as given, from a plain mapping (the JS API), or the defaults.

    Raises:
        InvalidArgumentError: Unknown option names, wrong types, or non-positive bounds.
    """
    if options is None:
        return AnalyzeOptions()
    if isinstance(options, Mapping):
        try:
            options = AnalyzeOptions(**options)
        except TypeError as exc:
            raise InvalidArgumentError(f"bad analyze options: {exc}") from exc
    if not isinstance(options, AnalyzeOptions):
        raise InvalidArgumentError(
            f"options must be AnalyzeOptions or a mapping, not {type(options).__name__}")
    for name in ("max_file_bytes", "max_line_chars"):
        value = getattr(options, name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise InvalidArgumentError(f"option {name} must be a positive integer, not {value!r}")
    if options.progress is not None and not callable(options.progress):
        raise InvalidArgumentError("option progress must be callable")
    return options


def analyze_project(
    source: str | os.PathLike[str] | Mapping[str, bytes],
    options: AnalyzeOptions | Mapping[str, Any] | None = None,
) -> ProjectAnalysis:
    """Analyze a directory (native) or a mapping of relative path -> bytes (browser upload).

    Args:
        source: A directory path, or relative POSIX paths mapped to file contents.
        options: What to measure and the safety bounds; ``progress`` is called with
            (files done, files total) before the first file and after each one.

    Returns:
        The ``ProjectAnalysis`` of SPEC.md §5, every list sorted. ``total_files`` counts the
        files the walk found, measured or skipped (a pruned folder counts once).

    Raises:
        SourceNotFoundError: The directory does not exist.
        UnsafeArchiveError: A mapping path is absolute or contains ``..``.
        InvalidArgumentError: A malformed source or options.

    Example:
        >>> result = analyze_project({"app.py": b"import numpy as np\\nnp.zeros(3)\\n"})
        >>> result.primary_language, result.languages[0].code
        ('Python', 2)
    """
    opts = coerce_options(options)
    started = time.perf_counter()
    tree = walk(source, respect_gitignore=opts.respect_gitignore)
    tree.plan_reads(opts.max_file_bytes)
    totals = _Totals()
    total = len(tree.files)
    if opts.progress is not None:
        opts.progress(0, total)
    for done, path in enumerate(tree.files, 1):
        _analyze_one(tree, path, opts, totals)
        if opts.progress is not None:
            opts.progress(done, total)
    return _assemble(tree, opts, totals, time.perf_counter() - started)


def _analyze_one(tree: Walk, path: str, opts: AnalyzeOptions, totals: _Totals) -> None:
    text = tree.read_text(path, opts.max_file_bytes)
    if text is None:
        return
    used = _read_side_files(tree, path, text, opts, totals)
    if posixpath.basename(path) in LOCK_FILES:  # read for its versions; its lines are generated
        tree.skip(path, "generated (lock file)")
        return
    language = detect_language(path, text)
    if not used and (language is None or not text):
        # Empty files have no lines to count; cloc leaves them out too.
        tree.skip(path, "empty file" if not text else "unrecognized language")
        return
    if language is None or not text:
        return
    reason = content_reason(path, text)
    if reason is None and len(text) > opts.max_line_chars:
        longest = longest_line(text)
        if longest > opts.max_line_chars:
            reason = f"line too long ({longest} characters > {opts.max_line_chars})"
    if reason is not None:
        tree.skip(path, reason)
        return
    file = analyze_file(path, language, text, complexity=opts.complexity or opts.tdg,
                        frameworks=opts.frameworks,
                        parse=opts.complexity or opts.frameworks or opts.tdg)
    totals.add_counts(file)
    totals.sites.extend(file.sites)
    totals.annotations.extend(file.annotations)
    totals.functions.extend(file.functions)
    if opts.tdg and is_migration_source(language):
        _measure_tdg(file, text, totals)


def _read_side_files(tree: Walk, path: str, text: str, opts: AnalyzeOptions,
                     totals: _Totals) -> bool:
    """Parse a dependency manifest or keep a coverage report; True when the file was one."""
    used = False
    if opts.dependencies and is_manifest(path):
        dep = parse_manifest(path, text)
        if dep.includes:  # requirements `-r other.txt`: follow them through the same tree
            dep = resolve_requirements(path, lambda p: _read_relative(tree, p))
        totals.dependencies.append(dep)
        used = True
    if opts.tdg and is_coverage_report(path):
        totals.reports[path] = text
        used = True
    return used


def _read_relative(tree: Walk, path: str) -> str | None:
    path = posixpath.normpath(path)
    if path not in tree.sizes or tree.sizes[path] > MAX_REPORT_BYTES:
        return None
    try:
        return tree.fs.read(path, MAX_REPORT_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _measure_tdg(file: FileResult, text: str, totals: _Totals) -> None:
    if file.not_measured is not None:
        totals.not_measured.append(file.not_measured)
        return
    try:
        measured = tdg.measure_file(file.path, file.language, text, file.counts, file.tree,
                                    file.functions)
    except (RecursionError, MemoryError):
        measured = NotMeasured(file.path, "code nests too deeply to walk (BATUTA-X-006)")
    if isinstance(measured, NotMeasured):
        totals.not_measured.append(measured)
    else:
        totals.metrics.append(measured)


def _language_stats(totals: _Totals) -> tuple[LanguageStats, ...]:
    all_code = sum(counts.code for _, counts in totals.languages.values())
    stats = [
        LanguageStats(name, n, c.code, c.comment, c.blank,
                      round(100.0 * c.code / all_code, 2) if all_code else 0.0)
        for name, (n, c) in totals.languages.items()
    ]
    stats.sort(key=lambda s: (-s.code, -s.files, s.language))
    return tuple(stats)


def _tdg_result(opts: AnalyzeOptions, totals: _Totals) -> TDGResult | None:
    if not opts.tdg:
        return None
    result = tdg.score_project(totals.metrics, sorted(totals.not_measured, key=lambda n: n.path))
    coverage = find_coverage(dict(sorted(totals.reports.items())))
    return dataclasses.replace(result, coverage=coverage) if coverage is not None else result


def _assemble(tree: Walk, opts: AnalyzeOptions, totals: _Totals,
              duration: float) -> ProjectAnalysis:
    languages = _language_stats(totals)
    sources = [s for s in languages if is_migration_source(s.language)]
    return ProjectAnalysis(
        root=tree.root,
        languages=languages if opts.languages else (),
        primary_language=sources[0].language if sources else None,
        dependencies=tuple(sorted(totals.dependencies, key=lambda d: d.file)),
        ml_frameworks=summarize_frameworks(totals.sites) if opts.frameworks else (),
        tdg=_tdg_result(opts, totals),
        transpilers=recommend_transpilers(languages),
        skipped=tuple(sorted(tree.skipped, key=lambda s: (s.path, s.reason))),
        duration_s=round(duration, 4),
        files=tuple(sorted(totals.files, key=lambda f: f.path)),
        functions=tuple(sorted(totals.functions, key=lambda f: (f.path or "", f.line, f.name)))
        if opts.complexity else (),
        call_sites=tuple(sorted(totals.sites,
                                key=lambda s: (s.path or "", s.line, s.column, s.symbol))),
        total_files=_total_files(tree),
        annotations=tuple(sorted(totals.annotations,
                                 key=lambda s: (s.path or "", s.line, s.column, s.symbol)))
        if opts.frameworks else (),
    )


def _total_files(tree: Walk) -> int:
    # Files skipped after reading are both in `files` and `skipped`: count each file once.
    listed = set(tree.files)
    extra = {s.path for s in tree.skipped if not s.path.endswith("/") and s.path not in listed}
    return len(listed) + len(extra)
