"""``analyze_code``: one snippet or file's text -> language, line counts, ML use, complexity, TDG.

Also home of the per-file pipeline that ``analyze_project`` runs for every file: Python is
parsed once with ``ast.parse`` and the tree handed to framework detection, complexity and TDG.
A file that does not parse, or nests deeper than Python's recursion allows, is still counted;
only its AST-based parts are reported as not measured. ``analyze_code`` goes further for Python
with a syntax error: the parts that parse are measured (``analyze.tolerant``), the grade says it
is partial, and the lines that were not measured are listed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from batuta.analyze.complexity import other_functions, parse_python, python_functions
from batuta.analyze.frameworks import find_sites
from batuta.analyze.languages import detect_language, guess_language, is_migration_source
from batuta.analyze.lines import count_lines, longest_line
from batuta.analyze.results import (
    CodeAnalysis,
    FrameworkCallSite,
    FunctionComplexity,
    LineCounts,
    NotMeasured,
    SyntaxErrorAt,
    TDGResult,
)
from batuta.analyze.symbols import FRAMEWORK_OF_MODULE, ImportTable
from batuta.analyze.tolerant import blank_lines, line_count, parse_tolerant
from batuta.errors import (
    BatutaError,
    InputTooLargeError,
    InvalidArgumentError,
    NestingTooDeepError,
    SourceSyntaxError,
)
from batuta.limits import (
    AST_BYTES_PER_BRACKET,
    AST_BYTES_PER_LINE,
    AST_BYTES_PER_WORD,
    MAX_CODE_CHARS,
    MAX_LINE_CHARS,
    MEMORY_FACTOR,
    MEMORY_FLOOR_BYTES,
)

__all__ = ["MAX_CODE_CHARS", "MAX_LINE_CHARS", "UNKNOWN_LANGUAGE", "FileResult", "analyze_code",
           "analyze_file", "memory_budget", "mentions_framework", "over_memory_budget",
           "parse_memory_estimate", "parse_or_not_measured", "score_one"]

_WORD = re.compile(r"\w+")
_OPEN = re.compile(r"[\[({]")
_ESTIMATE_ABOVE = 64 * 1024  # below this no text can reach the budget's floor


def memory_budget(chars: int) -> int:
    """Bytes one Python file of ``chars`` characters may take to analyze (``limits``)."""
    return MEMORY_FACTOR * chars + MEMORY_FLOOR_BYTES


def parse_memory_estimate(text: str) -> int:
    """Estimated peak bytes of ``ast.parse(text)``, from words, brackets and lines.

    ``subn`` counts without building a list (a C loop; ~0.2 s per MiB on a busy machine).
    """
    return (AST_BYTES_PER_WORD * _WORD.subn("", text)[1]
            + AST_BYTES_PER_BRACKET * _OPEN.subn("", text)[1]
            + AST_BYTES_PER_LINE * (text.count("\n") + 1))


def over_memory_budget(text: str) -> str | None:
    """Why parsing ``text`` would exceed the memory budget, or None."""
    if len(text) <= _ESTIMATE_ABOVE:
        return None
    estimate, budget = parse_memory_estimate(text), memory_budget(len(text))
    if estimate <= budget:
        return None
    return (f"parsing would take about {estimate / 2**20:,.0f} MiB, over the "
            f"{budget / 2**20:,.0f} MiB budget for {len(text):,} characters "
            f"({MEMORY_FACTOR}x the input: too many tiny statements or deep brackets)")

UNKNOWN_LANGUAGE = "Unknown"
"""Language reported for text whose kind Batuta does not know (counted without comments);
``analyze_project`` lists such files under ``skipped`` as "unrecognized language"."""

_DEFAULT_NAMES = {"C": "snippet.c", "C++": "snippet.cpp", "Rust": "snippet.rs",
                  "Go": "snippet.go", "Java": "Snippet.java", "JavaScript": "snippet.js",
                  "TypeScript": "snippet.ts", "Shell": "snippet.sh"}


@dataclass
class FileResult:
    """Everything measured in one file (the project pipeline's unit)."""

    path: str
    language: str
    counts: LineCounts
    tree: ast.Module | None = None
    sites: list[FrameworkCallSite] = field(default_factory=list)
    annotations: list[FrameworkCallSite] = field(default_factory=list)
    functions: list[FunctionComplexity] = field(default_factory=list)
    not_measured: NotMeasured | None = None  # why the AST-based parts are missing
    syntax_error: SyntaxErrorAt | None = None  # tolerant parse only: the whole text's error
    unparsed: tuple[tuple[int, int], ...] = ()  # tolerant parse only: line ranges not measured


def parse_or_not_measured(path: str, text: str) -> tuple[ast.Module | None, NotMeasured | None]:
    """Parse Python once; a failure becomes a ``NotMeasured`` reason instead of an exception."""
    try:
        return parse_python(text, path), None
    except SourceSyntaxError as exc:
        line = exc.details.get("line")
        where = f" (line {line})" if line else ""
        return None, NotMeasured(path, f"{exc.details['reason']}{where}")
    except NestingTooDeepError:
        return None, _too_deep(path)


def _syntax_reason(path: str, error: SyntaxErrorAt) -> NotMeasured:
    """The same reason ``parse_or_not_measured`` gives, from a tolerant parse's error."""
    where = f" (line {error.line})" if error.line else ""
    return NotMeasured(path, f"{error.message}{where}")


def _parse_tolerantly(result: FileResult, text: str) -> None:
    try:
        parsed = parse_tolerant(text, result.path)
    except NestingTooDeepError:
        result.not_measured = _too_deep(result.path)
        return
    result.tree, result.syntax_error, result.unparsed = parsed.tree, parsed.error, parsed.unparsed
    if parsed.error is not None and parsed.tree is None:
        result.not_measured = _syntax_reason(result.path, parsed.error)


def _too_deep(path: str) -> NotMeasured:
    err = NestingTooDeepError(f"{path}: code nests too deeply to walk; lines are counted, "
                              "complexity, ML detection and TDG are not", path=path)
    return NotMeasured(path, str(err))


def analyze_file(path: str, language: str, text: str, *, complexity: bool = True,
                 frameworks: bool = True, parse: bool = True,
                 tolerant: bool = False) -> FileResult:
    """Count one file and run the AST-based measures its language has.

    Args:
        path: Path reported on every result (relative in projects, the file name for snippets).
        language: The detected language.
        text: Decoded text, already within the size bounds.
        complexity: Measure per-function complexity.
        frameworks: Find ML framework call sites (Python only).
        parse: Parse Python at all (line counts alone do not need the tree).
        tolerant: Python that does not parse as a whole is measured where its top-level
            chunks parse (``analyze.tolerant``); ``syntax_error``/``unparsed`` say the rest.

    Returns:
        A ``FileResult``; problems in the AST-based parts land in ``not_measured``.
    """
    result = FileResult(path, language, count_lines(text, language))
    if language == "Python" and parse and (why := over_memory_budget(text)) is not None:
        result.not_measured = NotMeasured(path, why)
    elif language == "Python" and parse:
        if tolerant:
            _parse_tolerantly(result, text)
        else:
            result.tree, result.not_measured = parse_or_not_measured(path, text)
        if result.tree is not None:
            _python_measures(result, complexity=complexity,
                             frameworks=frameworks and mentions_framework(text))
    elif complexity and is_migration_source(language):
        try:
            result.functions = other_functions(text, _lizard_name(path, language), path=path)
        except RecursionError:
            result.not_measured = _too_deep(path)
        except BatutaError as exc:
            result.not_measured = NotMeasured(path, exc.message)
    return result


def mentions_framework(text: str) -> bool:
    """False when no ML framework module name occurs in the text at all.

    An import must spell the module name out, so without one the file cannot import a
    framework and the import-table walk over its whole tree can be skipped: that walk was
    the single largest cost of analyzing a big project.
    """
    return any(name in text for name in FRAMEWORK_OF_MODULE)


def _python_measures(result: FileResult, *, complexity: bool, frameworks: bool) -> None:
    assert result.tree is not None
    try:
        if frameworks:
            result.sites, result.annotations = find_sites(result.tree, path=result.path)
        if complexity:
            result.functions = python_functions(result.tree, path=result.path)
    except (RecursionError, MemoryError):
        result.not_measured = _too_deep(result.path)
        result.tree, result.sites, result.functions, result.annotations = None, [], [], []
    except BatutaError as exc:
        result.not_measured = NotMeasured(result.path, exc.message)
        result.tree, result.sites, result.functions, result.annotations = None, [], [], []


def _lizard_name(path: str, language: str) -> str:
    # lizard picks its reader by extension; `.h` decided as C++ or extensionless scripts need one.
    if detect_language(path) == language and "." in path.rsplit("/", 1)[-1]:
        return path
    return _DEFAULT_NAMES.get(language, path)


def score_one(file: FileResult, text: str) -> TDGResult:
    """The TDG of a single file, as ``analyze_code`` reports it."""
    from batuta.analyze import tdg

    if file.not_measured is not None:
        return tdg.score_project([], [file.not_measured])
    partial = _partial_reason(file, text) if file.syntax_error is not None else None
    counts = file.counts
    if partial is not None:  # grade the lines that parsed; the others are blanked out
        text = blank_lines(text, file.unparsed)
        counts = count_lines(text, file.language)
    try:
        measured = tdg.measure_file(file.path, file.language, text, counts, file.tree,
                                    file.functions)
    except (RecursionError, MemoryError):
        measured = _too_deep(file.path)
    if isinstance(measured, NotMeasured):
        return tdg.score_project([], [measured] + ([partial] if partial else []))
    return tdg.score_project([measured], [partial] if partial else [])


def _partial_reason(file: FileResult, text: str) -> NotMeasured:
    assert file.syntax_error is not None
    total = line_count(text)
    missing = sum(last - first + 1 for first, last in file.unparsed)
    spans = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in file.unparsed)
    return NotMeasured(file.path, f"partial grade: {missing:,} of {total:,} lines did not parse "
                       f"and are not graded ({'line' if missing == 1 else 'lines'} {spans}; "
                       f"{_syntax_reason(file.path, file.syntax_error).reason})")



def analyze_code(code: str, filename: str | None = None, *, tolerant: bool = True,
                 ) -> CodeAnalysis:
    """Analyze one snippet or file's text.

    Args:
        code: The source text.
        filename: Optional file name; decides the language (else it is guessed from content).
        tolerant: Measure the parts of Python that parse when the whole does not (the default;
            False measures nothing of such text, as ``analyze_project`` does per file).

    Returns:
        The ``CodeAnalysis`` of SPEC.md §5; ``lines_of_code`` is the code-line count.

    Raises:
        InvalidArgumentError: ``code`` is not a string or ``filename`` not a string/None.
        InputTooLargeError: Over ``MAX_CODE_CHARS`` characters or a line over ``MAX_LINE_CHARS``.

    Example:
        >>> analyze_code("import numpy as np\\nx = np.zeros(3)\\n").has_numpy
        True
    """
    _check_input(code, filename)
    # A file name is not a snippet: what the name, shebang and extension do not place is
    # unknown, as analyze_project reports it ("unrecognized language"); only nameless snippets
    # are guessed from content.
    detected = detect_language(filename, code) if filename else guess_language(code)
    language = detected or UNKNOWN_LANGUAGE
    if language == "Python" and (why := over_memory_budget(code)) is not None:
        raise InputTooLargeError(why, chars=len(code), budget=memory_budget(len(code)))
    path = filename or _DEFAULT_NAMES.get(language, "snippet.py")
    file = analyze_file(path, language, code, tolerant=tolerant)
    imported = (ImportTable.from_tree(file.tree).frameworks()
                if file.tree is not None and mentions_framework(code) else set())
    found = imported | {site.framework for site in file.sites}
    return CodeAnalysis(
        language=language,
        has_numpy="numpy" in found,
        has_sklearn="sklearn" in found,
        has_pytorch=bool(found & {"pytorch", "transformers"}),
        lines_of_code=file.counts.code,
        code=file.counts.code,
        comment=file.counts.comment,
        blank=file.counts.blank,
        frameworks=tuple(file.sites),
        functions=tuple(file.functions),
        tdg=score_one(file, code),
        parse_error=_parse_error(file),
        annotations=tuple(file.annotations),
        syntax_error=file.syntax_error,
        not_measured_lines=file.unparsed,
    )


def _parse_error(file: FileResult) -> str | None:
    if file.language != "Python":
        return None
    if file.not_measured is not None:
        return file.not_measured.reason
    return _syntax_reason(file.path, file.syntax_error).reason if file.syntax_error else None


def _check_input(code: object, filename: object) -> None:
    if not isinstance(code, str):
        raise InvalidArgumentError(f"code must be a string, not {type(code).__name__}")
    if filename is not None and not isinstance(filename, str):
        raise InvalidArgumentError(f"filename must be a string, not {type(filename).__name__}")
    if len(code) > MAX_CODE_CHARS:
        raise InputTooLargeError(
            f"{len(code):,} characters is over the {MAX_CODE_CHARS:,} bound for one file",
            chars=len(code))
    if len(code) > MAX_LINE_CHARS and (longest := longest_line(code)) > MAX_LINE_CHARS:
        raise InputTooLargeError(
            f"a {longest:,}-character line is over the {MAX_LINE_CHARS:,} bound "
            "(minified code or data, not source)", line_chars=longest)
