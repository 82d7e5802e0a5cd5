"""Result shapes of the converters: frozen dataclasses whose field names are the JSON contract.

SPEC.md §5: ``rust_code``, ``imports``, ``backend_recommendation``, ``explanation``, plus one
``MappedConstruct`` per recognized construct and one ``UnsupportedConstruct`` per construct that
was recognized but has no mapping. Together they account for every recognized construct.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceSpan:
    """Where a construct sits in the Python source: 1-based lines, 0-based columns (as ``ast``)."""

    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True)
class MappedConstruct:
    """One recognized Python construct and the Rust it became.

    ``python`` is the qualified symbol (``numpy.add``, ``sklearn.cluster.KMeans.fit``, ``@``);
    ``complexity`` is the operation's class (``Low`` / ``Medium`` / ``High``) when it is one of
    the router's operation types, else ``""``.

    ``rust_span`` is ``(start_line, end_line)``, 1-based and inclusive, in the returned
    ``rust_code`` (after ``use``-shortening and layout): the Rust lines of the statement the
    construct sits in (for ``if`` / ``while`` / ``for`` the header line). It is ``None`` when
    the construct produced no Rust line of its own: a ``with torch.no_grad():`` (its body is
    the Rust), a construct outside any statement (a parameter default, a decorator).
    A construct in a statement that was kept as a ``// py:`` comment is not a mapping at all
    (it is listed in ``unsupported``).
    """

    framework: str
    python: str
    rust: str
    span: SourceSpan
    operation: str = ""
    complexity: str = ""
    note: str = ""
    rust_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class UnsupportedConstruct:
    """A recognized construct that was not converted, and why. ``operation`` is the router's
    operation type when a mapping exists for the symbol (the call is recognized, its statement
    could not be typed), so backend advice still sees it."""

    framework: str
    python: str
    span: SourceSpan
    reason: str
    operation: str = ""


@dataclass(frozen=True)
class Conversion:
    """What one converter made of a snippet (SPEC.md §5)."""

    rust_code: str
    imports: tuple[str, ...]
    backend_recommendation: str
    explanation: str
    mappings: tuple[MappedConstruct, ...]
    unsupported: tuple[UnsupportedConstruct, ...]
    framework: str = ""
    data_size: int = 0


@dataclass(frozen=True)
class FileConversion:
    """A whole Python file converted into one Rust module, all frameworks at once."""

    filename: str
    rust_code: str
    imports: tuple[str, ...]
    functions: tuple[str, ...]
    mappings: tuple[MappedConstruct, ...]
    unsupported: tuple[UnsupportedConstruct, ...]
    frameworks: tuple[str, ...]
    backend_recommendation: str
    explanation: str
