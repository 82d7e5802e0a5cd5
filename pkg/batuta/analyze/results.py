"""Result shapes of the analysis: frozen dataclasses whose field names are the JSON contract.

SPEC.md §5 names the fields; more may be added, none renamed. ``batuta._serialize.to_jsonable``
turns any of these into the JSON the CLI prints and the JS API returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ProgressCallback = Callable[[int, int], None]
"""Called with (files done, files total) while a project is analyzed."""


@dataclass(frozen=True)
class LineCounts:
    """Physical lines of one file, split the way cloc splits them (SPEC.md §6)."""

    code: int = 0
    comment: int = 0
    blank: int = 0

    @property
    def total(self) -> int:
        return self.code + self.comment + self.blank

    def __add__(self, other: LineCounts) -> LineCounts:
        return LineCounts(self.code + other.code, self.comment + other.comment,
                          self.blank + other.blank)


@dataclass(frozen=True)
class FrameworkCallSite:
    """One use of an ML framework symbol, found on the AST.

    ``symbol`` is the fully qualified name after alias resolution (``np.zeros`` -> ``numpy.zeros``).
    ``convertible`` is False for frameworks Batuta detects but has no converter for
    (pandas, TensorFlow, JAX).
    """

    framework: str
    symbol: str
    line: int
    column: int
    convertible: bool = True
    path: str | None = None


@dataclass(frozen=True)
class FunctionComplexity:
    """Complexity of one function or method (cyclomatic per radon's rules, cognitive per Sonar)."""

    name: str
    line: int
    end_line: int
    cyclomatic: int
    cognitive: int | None
    band: str  # "simple" | "moderate" | "complex" | "very complex" (SPEC.md §6)
    path: str | None = None


@dataclass(frozen=True)
class TDGComponent:
    """One of the six TDG components: ``points = weight * ratio``."""

    name: str
    weight: float
    ratio: float
    points: float
    detail: str = ""


@dataclass(frozen=True)
class FileTDG:
    path: str
    language: str
    code_lines: int
    score: float
    grade: str
    components: tuple[TDGComponent, ...] = ()


@dataclass(frozen=True)
class NotMeasured:
    path: str
    reason: str


@dataclass(frozen=True)
class TDGResult:
    """Technical-debt grade, 0-100, higher is better; ``score`` is None if nothing was measured."""

    score: float | None
    grade: str | None
    components: tuple[TDGComponent, ...]
    files: tuple[FileTDG, ...] = ()
    not_measured: tuple[NotMeasured, ...] = ()
    coverage: float | None = None  # percent, from an lcov/coverage.xml report when present


@dataclass(frozen=True)
class SyntaxErrorAt:
    """Where and why a Python text does not parse (``line``/``column`` 1-based; 0 = unknown)."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class CodeAnalysis:
    """``analyze_code`` result. The first five fields are the book's (WASM chapter), kept."""

    language: str
    has_numpy: bool
    has_sklearn: bool
    has_pytorch: bool
    lines_of_code: int
    code: int
    comment: int
    blank: int
    frameworks: tuple[FrameworkCallSite, ...] = ()
    functions: tuple[FunctionComplexity, ...] = ()
    tdg: TDGResult | None = None
    parse_error: str | None = None  # set when the code did not parse; counts still hold
    annotations: tuple[FrameworkCallSite, ...] = ()  # framework names in type annotations
    # Python that does not parse as a whole: the error, and the (first, last) line ranges not
    # measured; functions, call sites and the TDG (then partial) come from the parts that parse.
    syntax_error: SyntaxErrorAt | None = None
    not_measured_lines: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class LanguageStats:
    language: str
    files: int
    code: int
    comment: int
    blank: int
    percentage: float  # share of code lines among migration-source and config languages


@dataclass(frozen=True)
class Package:
    name: str
    spec: str = ""  # version specifier as written, normalized ("" = any)
    extras: tuple[str, ...] = ()
    marker: str = ""
    group: str = ""  # "", "dev", "optional:<extra>", "build", ...
    source: str = ""  # URL / path / git source when not from a registry


@dataclass(frozen=True)
class DependencyFile:
    manager: str  # "pip", "poetry", "pipenv", "conda", "cargo", "npm", "go", "setuptools", "pep621"
    file: str
    packages: tuple[Package, ...]
    error: str | None = None
    includes: tuple[str, ...] = ()  # files pulled in with `-r` (paths relative to the root)
    constraints: tuple[str, ...] = ()  # constraint files named with `-c` (pins, not deps)


@dataclass(frozen=True)
class MLFrameworkUsage:
    framework: str
    files: int
    call_sites: int
    convertible: bool
    target: str  # Rust crate it maps to ("trueno", "aprender", "realizar") or "" if none


@dataclass(frozen=True)
class TranspilerRecommendation:
    language: str
    tool: str  # "Depyler" | "Decy" | "Bashrs" | "already Rust" | "none"
    files: int
    note: str = ""


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str  # "binary", "invalid utf-8", "too large", "vendored", "generated", "minified", ...


@dataclass(frozen=True)
class FileAnalysis:
    path: str
    language: str
    code: int
    comment: int
    blank: int


@dataclass(frozen=True)
class ProjectAnalysis:
    root: str
    languages: tuple[LanguageStats, ...]
    primary_language: str | None
    dependencies: tuple[DependencyFile, ...]
    ml_frameworks: tuple[MLFrameworkUsage, ...]
    tdg: TDGResult | None
    transpilers: tuple[TranspilerRecommendation, ...]
    skipped: tuple[SkippedFile, ...]
    duration_s: float
    files: tuple[FileAnalysis, ...] = ()
    functions: tuple[FunctionComplexity, ...] = ()
    call_sites: tuple[FrameworkCallSite, ...] = ()
    total_files: int = 0
    annotations: tuple[FrameworkCallSite, ...] = ()  # framework names in type annotations


@dataclass(frozen=True)
class AnalyzeOptions:
    """What ``analyze_project`` measures and its safety bounds. Keyword-only by convention."""

    languages: bool = True
    dependencies: bool = True
    tdg: bool = True
    complexity: bool = True
    frameworks: bool = True
    respect_gitignore: bool = True
    max_file_bytes: int = 8 * 1024 * 1024
    max_line_chars: int = 1_000_000
    progress: ProgressCallback | None = field(default=None, compare=False, repr=False)
