"""Which language a file is written in: the language table and the detection order of SPEC.md §6.

Detection goes file name, then shebang, then extension, then content heuristics for ambiguous
extensions (``.h`` is C or C++ by what its code uses). Snippets without a file name are guessed
from their content, defaulting to Python (the language Batuta's users paste most).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language Batuta counts.

    Attributes:
        name: Display name, used as the key everywhere in results.
        source: True for languages a project migrates (Python, C, ...); False for config and
            markup, which are counted but never transpiled.
    """

    name: str
    source: bool


LANGUAGES: dict[str, Language] = {
    lang.name: lang
    for lang in (
        Language("Python", True),
        Language("C", True),
        Language("C++", True),
        Language("Rust", True),
        Language("Shell", True),
        Language("JavaScript", True),
        Language("TypeScript", True),
        Language("Go", True),
        Language("Java", True),
        Language("TOML", False),
        Language("YAML", False),
        Language("JSON", False),
        Language("Markdown", False),
        Language("HTML", False),
        Language("CSS", False),
        Language("Makefile", False),
        Language("CMake", False),
    )
}
"""Every language Batuta counts, by name."""

_EXTENSIONS: dict[str, str] = {
    ".py": "Python", ".pyw": "Python", ".pyi": "Python",
    ".c": "C",
    ".cc": "C++", ".cpp": "C++", ".cxx": "C++", ".c++": "C++", ".hpp": "C++", ".hh": "C++",
    ".hxx": "C++", ".h++": "C++", ".ipp": "C++", ".tcc": "C++", ".inl": "C++",
    ".rs": "Rust",
    ".sh": "Shell", ".bash": "Shell", ".zsh": "Shell", ".ksh": "Shell",
    ".js": "JavaScript", ".mjs": "JavaScript", ".cjs": "JavaScript", ".jsx": "JavaScript",
    ".ts": "TypeScript", ".tsx": "TypeScript", ".mts": "TypeScript", ".cts": "TypeScript",
    ".go": "Go",
    ".java": "Java",
    ".toml": "TOML",
    ".yaml": "YAML", ".yml": "YAML",
    ".json": "JSON",
    ".md": "Markdown", ".markdown": "Markdown",
    ".html": "HTML", ".htm": "HTML", ".xhtml": "HTML",
    ".css": "CSS",
    ".mk": "Makefile", ".mak": "Makefile",
    ".cmake": "CMake",
}

_FILENAMES: dict[str, str] = {
    "makefile": "Makefile", "gnumakefile": "Makefile",
    "cmakelists.txt": "CMake",
    "pipfile": "TOML",
    ".bashrc": "Shell", ".bash_profile": "Shell", ".bash_logout": "Shell", ".profile": "Shell",
    ".zshrc": "Shell", ".zprofile": "Shell", ".zshenv": "Shell", ".zlogin": "Shell",
    "sconstruct": "Python", "sconscript": "Python",
}

_INTERPRETERS: dict[str, str] = {
    "python": "Python", "pypy": "Python",
    "sh": "Shell", "bash": "Shell", "zsh": "Shell", "ksh": "Shell", "dash": "Shell", "ash": "Shell",
    "node": "JavaScript", "nodejs": "JavaScript",
    "ts-node": "TypeScript", "tsx": "TypeScript",
}

# Markers that only C++ has; C headers often say `extern "C"` and `__cplusplus`, so those don't.
# One small regex each, found from its leading literal: one big alternation would be tried at
# every position of every header, which made detection slower than counting.
_CPP_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (literal, re.compile(literal + rest)) for literal, rest in (
        ("std::", r"\w"), ("namespace", r"\s+\w*\s*\{"), ("template", r"\s*<"),
        ("class", r"\s+\w+\s*(?:[:{]|final\b)"), ("public", r"\s*:"), ("private", r"\s*:"),
        ("protected", r"\s*:"), ("using", r"\s+namespace\b"), ("constexpr", r"\b"),
        ("nullptr", r"\b"), ("noexcept", r"\b"), ("_cast", r"\s*<"),
        ("include", r"\s*<(?:iostream|string|vector|memory|map|algorithm|cstdint|cstdio|cstdlib"
                    r"|cstring|utility|functional|type_traits|optional|array|unordered_map"
                    r"|sstream)>"),
    )
)
"""(literal, pattern) pairs: ``str.find`` locates the literal (fast), the pattern confirms it."""

_C_STRING = re.compile(r'"(?:[^"\\\n]++|\\.)*+"')

# Content guesses for snippets with no file name; the first that matches wins.
_SNIPPET_GUESSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Rust", re.compile(r"^\s*(?:pub\s+)?fn\s+\w+\s*[<(]|^\s*let\s+mut\s|^\s*use\s+\w+::|"
                        r"^\s*impl\b|^\s*#!?\[", re.MULTILINE)),
    ("Go", re.compile(r"^\s*package\s+\w+\s*$|^\s*func\s+(?:\(\w+\s+\*?\w+\)\s*)?\w+\(",
                      re.MULTILINE)),
    ("Java", re.compile(r"^\s*(?:public|private)\s+(?:static\s+)?(?:final\s+)?class\s|"
                        r"public\s+static\s+void\s+main", re.MULTILINE)),
    ("C", re.compile(r"^\s*#\s*include\s*[<\"]|^\s*int\s+main\s*\(", re.MULTILINE)),
    ("TypeScript", re.compile(r"^\s*(?:export\s+)?(?:interface|type)\s+\w+\s*[={<]|"
                              r":\s*(?:string|number|boolean)\s*[;,)=]", re.MULTILINE)),
    ("JavaScript", re.compile(r"^\s*(?:const|let|var)\s+\w+\s*=|^\s*function\s+\w+\s*\(|"
                              r"=>\s*\{|console\.log\(", re.MULTILINE)),
)


def is_migration_source(language: str) -> bool:
    """True for languages a project migrates to Rust; False for config/markup (and unknowns)."""
    lang = LANGUAGES.get(language)
    return lang is not None and lang.source


def shebang_language(text: str) -> str | None:
    """The language named by a ``#!`` line, or None.

    Example:
        >>> shebang_language("#!/usr/bin/env -S python3.12 -u\\n")
        'Python'
    """
    if not text.startswith("#!") or text.startswith("#!["):  # `#![...]` is a Rust attribute
        return None
    words = text[2:text.find("\n") if "\n" in text else 200][:200].split()
    if not words:
        return None
    prog = posixpath.basename(words[0])
    if prog == "env":
        rest = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        if not rest:
            return None
        prog = posixpath.basename(rest[0])
    return _INTERPRETERS.get(prog.rstrip("0123456789.").rstrip("-"))


def header_language(text: str, *, stripped: str | None = None) -> str:
    """Decide a ``.h`` file: C++ when its code uses C++-only constructs, else C.

    Args:
        text: The header's text.
        stripped: The same text with C comments already removed, when the caller has it.
    """
    if stripped is None:
        from batuta.analyze.lines import strip_comments  # late: lines imports nothing here

        stripped = strip_comments(text[:262_144], "C")
    if not _has_cpp_marker(stripped):
        return "C"
    # A marker matched; make sure it is code, not string text (second pass, rarely needed).
    return "C++" if _has_cpp_marker(_C_STRING.sub('""', stripped)) else "C"


def _has_cpp_marker(code: str) -> bool:
    for literal, pattern in _CPP_MARKERS:
        at = code.find(literal)
        if at >= 0 and pattern.search(code, at):
            return True
    return False


def detect_language(path: str, text: str | None = None) -> str | None:
    """The language of a file, or None when Batuta does not count it.

    Args:
        path: The file's path (only its base name and extension are used).
        text: The decoded content, used for shebangs and ambiguous extensions.

    Returns:
        A key of ``LANGUAGES``, or None.

    Example:
        >>> detect_language("src/app.h", "class Foo : public Bar {};")
        'C++'
    """
    name = posixpath.basename(path.replace("\\", "/")).lower()
    if name in _FILENAMES:
        return _FILENAMES[name]
    if text is not None:
        lang = shebang_language(text)
        if lang is not None:
            return lang
    ext = posixpath.splitext(name)[1]
    if ext == ".h":
        return header_language(text) if text is not None else "C"
    return _EXTENSIONS.get(ext)


def guess_language(text: str) -> str:
    """The language of a snippet that has no file name: shebang, then content hints, else Python.

    Example:
        >>> guess_language("fn main() { println!(\\"hi\\"); }")
        'Rust'
    """
    lang = shebang_language(text)
    if lang is not None:
        return lang
    head = text[:65_536]
    for name, pattern in _SNIPPET_GUESSES:
        if pattern.search(head):
            return header_language(head) if name == "C" else name
    return "Python"
