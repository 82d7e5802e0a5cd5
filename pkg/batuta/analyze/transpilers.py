"""Which transpiler of the Sovereign AI Stack moves each language of a project to Rust.

Owns ``recommend_transpilers``: Python -> Depyler, C/C++ -> Decy, Shell -> Bashrs, Rust ->
"already Rust", anything else "none" with a note saying why. Each note is one line drawn from
what the book says about the tool, including where the book contradicts itself. Sources in the
seed book: Depyler chapter (line ~2071), decy section (~9880), Supported Languages table (~9320:
Shell/Bashrs Stable, C/C++/Decy Beta) versus the Bashrs chapter (~2251: "Direction Rust -> Shell").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from batuta.analyze.results import LanguageStats, TranspilerRecommendation


@dataclass(frozen=True)
class _Tool:
    tool: str
    note: str


_DEPYLER = _Tool("Depyler", "Depyler: Python -> Rust with automatic type inference; NumPy -> "
                 "Trueno, sklearn -> Aprender, PyTorch -> Realizar (book: Depyler chapter, "
                 "status Stable).")
_DECY_C = _Tool("Decy", "Decy: C -> safe, idiomatic Rust with ownership and lifetime inference, "
                "cutting unsafe to <5% (book: decy; status Beta).")
_DECY_CPP = _Tool("Decy", "Decy: C/C++ -> Rust with ownership inference (book: Supported "
                  "Languages, status Beta); its own chapter names only C, so expect C++ gaps.")
_BASHRS = _Tool("Bashrs", "Bashrs: Shell support Stable (POSIX sh and Bash full, Zsh partial); "
                "note the book's Bashrs chapter describes it as Rust -> Shell, not Shell -> Rust.")
_RUST = _Tool("already Rust", "Already Rust: nothing to transpile; accelerate with Trueno, "
              "Aprender and Realizar directly.")

# Registry keyed by lower-cased language name; aliases cover other tools' naming (cloc, lizard).
_TOOLS: dict[str, _Tool] = {
    "python": _DEPYLER,
    "c": _DECY_C,
    "c++": _DECY_CPP, "cpp": _DECY_CPP, "c/c++ header": _DECY_CPP,
    "shell": _BASHRS, "sh": _BASHRS, "bash": _BASHRS, "zsh": _BASHRS, "ksh": _BASHRS,
    "bourne shell": _BASHRS, "bourne again shell": _BASHRS,
    "rust": _RUST,
}

# Counted for the overview but never migrated: they move with the project as they are.
_NOT_SOURCE = frozenset({"toml", "yaml", "json", "markdown", "html", "css", "makefile", "cmake",
                         "xml", "ini", "text", "restructuredtext", "csv"})


def recommend_transpilers(languages: Sequence[LanguageStats]) -> tuple[TranspilerRecommendation,
                                                                         ...]:
    """One recommendation per language present (``files > 0``), in the order given.

    Args:
        languages: the project's language table (``ProjectAnalysis.languages``).

    Returns:
        ``TranspilerRecommendation`` with ``tool`` one of "Depyler", "Decy", "Bashrs",
        "already Rust" or "none", the language's file count, and a one-line ``note``.

    Example:
        >>> from batuta.analyze.results import LanguageStats
        >>> recommend_transpilers([LanguageStats("Python", 3, 120, 10, 5, 100.0)])[0].tool
        'Depyler'
    """
    out: list[TranspilerRecommendation] = []
    for stats in languages:
        if stats.files <= 0:
            continue
        tool = _TOOLS.get(stats.language.strip().lower())
        if tool is not None:
            out.append(TranspilerRecommendation(stats.language, tool.tool, stats.files,
                                                tool.note))
        else:
            out.append(TranspilerRecommendation(stats.language, "none", stats.files,
                                                _none_note(stats.language)))
    return tuple(out)


def _none_note(language: str) -> str:
    if language.strip().lower() in _NOT_SOURCE:
        return f"{language} is configuration or markup, not a migration source: kept as is."
    return (f"No transpiler in the Sovereign AI Stack reads {language} (the book lists Depyler, "
            "Decy and Bashrs only): port by hand or keep it behind an FFI boundary.")
