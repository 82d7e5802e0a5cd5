"""Which language a file is written in: the language table and the detection order of SPEC.md §6.

Detection goes file name, then shebang, then extension, then content heuristics for ambiguous
extensions (``.h`` is C or C++ by what its code uses; ``.inc``, ``.re``, ``.spec`` likewise).
Names, extensions and interpreters are GitHub linguist's for the languages counted here. A named
file that none of these place is unknown, in ``analyze_code`` and ``analyze_project`` alike.
Snippets without a file name are guessed from their content, defaulting to Python (the language
Batuta's users paste most), unless a shebang names an interpreter Batuta does not know.
"""

from __future__ import annotations

import ast
import posixpath
import re
import warnings
from collections.abc import Callable
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

# Extensions, file names and interpreters follow GitHub linguist's languages.yml (the entries of
# the languages Batuta counts; v9, lib/linguist/languages.yml). Extensions linguist gives to
# several languages are in _AMBIGUOUS_EXTENSIONS and decided by content, never by default.
_EXTENSIONS: dict[str, str] = {
    ".py": "Python", ".py3": "Python", ".pyw": "Python", ".pyi": "Python", ".pyp": "Python",
    ".pyt": "Python", ".pyde": "Python", ".rpy": "Python", ".tac": "Python", ".wsgi": "Python",
    ".xpy": "Python", ".gyp": "Python", ".gypi": "Python", ".lmi": "Python",
    ".c": "C", ".cats": "C", ".idc": "C",
    ".cc": "C++", ".cpp": "C++", ".cxx": "C++", ".c++": "C++", ".cp": "C++", ".cppm": "C++",
    ".ixx": "C++", ".hpp": "C++", ".hh": "C++", ".hxx": "C++", ".h++": "C++", ".ipp": "C++",
    ".tcc": "C++", ".tpp": "C++", ".txx": "C++", ".inl": "C++", ".ino": "C++",
    ".rs": "Rust",
    ".sh": "Shell", ".bash": "Shell", ".bats": "Shell", ".command": "Shell", ".ksh": "Shell",
    ".tmux": "Shell", ".tool": "Shell", ".trigger": "Shell", ".zsh": "Shell",
    ".zsh-theme": "Shell",
    ".js": "JavaScript", ".mjs": "JavaScript", ".cjs": "JavaScript", ".jsx": "JavaScript",
    "._js": "JavaScript", ".bones": "JavaScript", ".es6": "JavaScript", ".jake": "JavaScript",
    ".javascript": "JavaScript", ".jsb": "JavaScript", ".jscad": "JavaScript",
    ".jsfl": "JavaScript", ".jslib": "JavaScript", ".jsm": "JavaScript", ".jspre": "JavaScript",
    ".jss": "JavaScript", ".njs": "JavaScript", ".pac": "JavaScript", ".sjs": "JavaScript",
    ".ssjs": "JavaScript", ".xsjs": "JavaScript", ".xsjslib": "JavaScript",
    ".ts": "TypeScript", ".tsx": "TypeScript", ".mts": "TypeScript", ".cts": "TypeScript",
    ".go": "Go",
    ".java": "Java", ".jav": "Java", ".jsh": "Java",
    ".toml": "TOML",
    ".yaml": "YAML", ".yml": "YAML", ".mir": "YAML", ".reek": "YAML", ".rviz": "YAML",
    ".sublime-syntax": "YAML", ".syntax": "YAML", ".yaml-tmlanguage": "YAML",
    ".json": "JSON", ".avsc": "JSON", ".geojson": "JSON", ".gltf": "JSON", ".har": "JSON",
    ".ice": "JSON", ".json-tmlanguage": "JSON", ".mcmeta": "JSON", ".tfstate": "JSON",
    ".topojson": "JSON", ".webapp": "JSON", ".webmanifest": "JSON", ".yy": "JSON", ".yyp": "JSON",
    ".md": "Markdown", ".markdown": "Markdown", ".livemd": "Markdown", ".mdown": "Markdown",
    ".mdwn": "Markdown", ".mkd": "Markdown", ".mkdn": "Markdown", ".mkdown": "Markdown",
    ".ronn": "Markdown", ".scd": "Markdown", ".workbook": "Markdown",
    ".html": "HTML", ".htm": "HTML", ".xhtml": "HTML", ".hta": "HTML", ".xht": "HTML",
    ".css": "CSS",
    ".mk": "Makefile", ".mak": "Makefile", ".make": "Makefile", ".makefile": "Makefile",
    ".mkfile": "Makefile",
    ".cmake": "CMake",
}

# Compound suffixes linguist lists (checked before the last extension).
_SUFFIXES: dict[str, str] = {
    ".sh.in": "Shell", ".cmake.in": "CMake", ".rs.in": "Rust", ".html.hl": "HTML",
    ".yaml.sed": "YAML", ".yml.mysql": "YAML",
}

_FILENAMES: dict[str, str] = {
    # Makefile / CMake / TOML
    "makefile": "Makefile", "gnumakefile": "Makefile", "bsdmakefile": "Makefile",
    "kbuild": "Makefile", "makefile.am": "Makefile", "makefile.boot": "Makefile",
    "makefile.frag": "Makefile", "makefile.in": "Makefile", "makefile.inc": "Makefile",
    "makefile.wat": "Makefile", "makefile.sco": "Makefile", "mkfile": "Makefile",
    "cmakelists.txt": "CMake",
    "pipfile": "TOML", "cargo.lock": "TOML", "gopkg.lock": "TOML", "pdm.lock": "TOML",
    "poetry.lock": "TOML", "uv.lock": "TOML",
    # Shell start-up files and build scripts
    ".bash_aliases": "Shell", ".bash_functions": "Shell", ".bash_logout": "Shell",
    ".bash_profile": "Shell", ".bashrc": "Shell", ".cshrc": "Shell", ".envrc": "Shell",
    ".flaskenv": "Shell", ".kshrc": "Shell", ".login": "Shell", ".profile": "Shell",
    ".tmux.conf": "Shell", ".xinitrc": "Shell", ".xsession": "Shell", ".zlogin": "Shell",
    ".zlogout": "Shell", ".zprofile": "Shell", ".zshenv": "Shell", ".zshrc": "Shell",
    "9fs": "Shell", "pkgbuild": "Shell", "apkbuild": "Shell", "bash_aliases": "Shell",
    "bash_logout": "Shell", "bash_profile": "Shell", "bashrc": "Shell", "cshrc": "Shell",
    "gradlew": "Shell", "kshrc": "Shell", "login": "Shell", "profile": "Shell",
    "tmux.conf": "Shell", "xinitrc": "Shell", "xsession": "Shell", "zlogin": "Shell",
    "zlogout": "Shell", "zprofile": "Shell", "zshenv": "Shell", "zshrc": "Shell",
    # Python
    ".gclient": "Python", "deps": "Python", "sconscript": "Python", "sconstruct": "Python",
    "wscript": "Python",
    # JavaScript / JSON / YAML
    "jakefile": "JavaScript",
    ".arcconfig": "JSON", ".htmlhintrc": "JSON", ".imgbotconfig": "JSON",
    ".tern-config": "JSON", ".tern-project": "JSON", ".watchmanconfig": "JSON",
    "composer.lock": "JSON", "deno.lock": "JSON", "flake.lock": "JSON", "pipfile.lock": "JSON",
    ".clang-format": "YAML", ".clang-tidy": "YAML", ".gemrc": "YAML", "citation.cff": "YAML",
    "glide.lock": "YAML", "pnpm-lock.yaml": "YAML",
    "contents.lr": "Markdown",
}

_INTERPRETERS: dict[str, str] = {
    "python": "Python", "py": "Python", "pypy": "Python", "uv": "Python",
    "sh": "Shell", "bash": "Shell", "zsh": "Shell", "ksh": "Shell", "mksh": "Shell",
    "pdksh": "Shell", "dash": "Shell", "ash": "Shell", "rc": "Shell",
    "node": "JavaScript", "nodejs": "JavaScript", "chakra": "JavaScript", "d8": "JavaScript",
    "gjs": "JavaScript", "js": "JavaScript", "qjs": "JavaScript", "rhino": "JavaScript",
    "v8": "JavaScript", "v8-shell": "JavaScript",
    "deno": "TypeScript", "ts-node": "TypeScript", "tsx": "TypeScript",
    "make": "Makefile", "tcc": "C",
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
    ("C", re.compile(r"^\s*#\s*include\s*[<\"]|^\s*int\s+main\s*\(|"
                     # a declaration ending in ; or = ...; or a function header (no Python
                     # line starts with a C type and then a name)
                     r"^[ \t]*(?:(?:static|const|unsigned|signed|extern|volatile)[ \t]+)*"
                     r"(?:int|char|float|double|void|long|short|size_t|bool|u?int(?:8|16|32|64)_t"
                     r"|struct[ \t]+\w+)\b[ \t]*\**[ \t]*\w+[ \t]*(?:\[[^\]\n]*\][ \t]*)?"
                     r"(?:=[^=\n][^\n]*;|;|\([^)\n]*\)[ \t]*\{?[ \t]*$)|"
                     r"^\s*for\s*\(\s*(?:int|size_t|unsigned|long)\s|"
                     r"^\s*(?:printf|fprintf|malloc|free|memcpy)\s*\([^\n]*\)\s*;", re.MULTILINE)),
    ("TypeScript", re.compile(r"^\s*(?:export\s+)?(?:interface|type)\s+\w+\s*[={<]|"
                              # same line only: Python's "x: ast.expr,\n    number = ..."
                              r":[ \t]*(?:string|number|boolean)[ \t]*[;,)=]", re.MULTILINE)),
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
    if not has_shebang(text):
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


def _c_family(text: str | None) -> str | None:
    """``.inc``/``.re`` (linguist: C++ among others we do not count): C or C++ when the text
    looks like C (preprocessor lines, re2c blocks, statements), else not ours."""
    if text is None or not _C_LIKE.search(text[:65_536]):
        return None
    return header_language(text)


def _spec_file(text: str | None) -> str | None:
    """``.spec``: a PyInstaller spec is Python; an RPM spec (``Name:``, ``%build``) is not ours."""
    if text is None or _RPM_SPEC.search(text[:65_536]):
        return None
    return "Python" if _PYTHON_LIKE.search(text[:65_536]) else None


_C_LIKE = re.compile(r"^\s*#\s*(?:include|define|if|ifn?def|pragma)\b|/\*!re2c|;\s*$",
                     re.MULTILINE)
_RPM_SPEC = re.compile(r"^(?:Name|Version|Release|Summary|License):|^%(?:description|prep|build"
                       r"|install|files|changelog)\b", re.MULTILINE)
_PYTHON_LIKE = re.compile(r"^(?:import \w|from [\w.]+ import |\w+\s*=\s*\w+\(|def \w+\()",
                          re.MULTILINE)

_AMBIGUOUS_EXTENSIONS: dict[str, Callable[[str | None], str | None]] = {
    ".h": lambda text: header_language(text) if text is not None else "C",
    ".inc": _c_family,
    ".re": _c_family,
    ".spec": _spec_file,
}
"""Extensions linguist gives to several languages: content decides among the ones we count."""


def has_shebang(text: str) -> bool:
    """Whether the text opens with a ``#!`` interpreter line (``#![`` is a Rust attribute)."""
    return text.startswith("#!") and not text.startswith("#![")


def detect_language(path: str, text: str | None = None) -> str | None:
    """The language of a file, or None when Batuta does not count it.

    Order (SPEC.md §6): the file name, the shebang, the extension (compound suffixes first),
    then content for extensions several languages share. A name that says nothing, with no
    shebang we know, is unknown: content never invents a language the name does not allow.

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
    for suffix, lang in _SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return lang
    ext = posixpath.splitext(name)[1]
    decide = _AMBIGUOUS_EXTENSIONS.get(ext)
    if decide is not None:
        return decide(text)
    return _EXTENSIONS.get(ext)


# Shell commands people paste from install instructions: a known program (after an optional
# "$ " prompt, "!" notebook escape or sudo) and an argument that is no Python operator, call or
# assignment ("ls -la" parses as Python, but no Python statement is a bare subtraction).
_SHELL_COMMAND = re.compile(
    r"^(?:\$[ \t]+|![ \t]*)?(?:sudo[ \t]+)?"
    r"(?:pip3?|pipx|conda|mamba|uv|poetry|npm|npx|yarn|pnpm|cargo|rustup|rustc|git|cd|ls|mkdir"
    r"|rm|cp|mv|cat|echo|export|curl|wget|apt|apt-get|brew|docker|kubectl|chmod|chown|source"
    r"|make|cmake|gcc|clang|g\+\+|go|javac|node|deno|python3?|pytest|tar|unzip|ssh|scp|grep"
    r"|sed|awk|touch|which|ln|rsync|systemctl|batuta)"
    r"(?:[ \t]+(?![-+*/%&|^<>!:=]?=)[^\s=(][^\n]*)$")


def _looks_like_shell(head: str) -> bool:
    """Most of the first lines are shell commands (and so not a Python snippet)."""
    lines = [s for s in (line.strip() for line in head.splitlines()[:200])
             if s and not s.startswith("#")]
    shell = sum(1 for line in lines if _SHELL_COMMAND.match(line))
    return bool(lines) and 2 * shell > len(lines)


def guess_language(text: str) -> str | None:
    """The language of a snippet that has no file name: shebang, then content hints, else Python.

    A shebang naming an interpreter Batuta does not know (perl, julia, ...) makes the snippet
    unknown (None): content hints would only mislabel it (Perl's ``use X::`` looks like Rust).

    Example:
        >>> guess_language("fn main() { println!(\\"hi\\"); }")
        'Rust'
    """
    if has_shebang(text):
        return shebang_language(text)
    head = text[:65_536]
    for name, pattern in _SNIPPET_GUESSES:
        if pattern.search(head):
            if _is_python(text):
                return "Python"  # a hint matched, but the whole snippet is valid Python
            return header_language(head) if name == "C" else name
    return "Shell" if _looks_like_shell(head) else "Python"


_CHECK_PYTHON_CHARS = 262_144  # parsing more to overrule a content hint is not worth it


def _is_python(text: str) -> bool:
    """Whether a snippet that another language's hint matched parses as Python all the same.

    No other language's code parses as Python (``#include``, ``fn``, ``let mut``, ``const x =
    1;`` and ``func`` lines are syntax errors there), so a snippet that parses is Python
    whose line happened to look like something else.
    """
    if len(text) > _CHECK_PYTHON_CHARS or not text.strip():
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in the snippet warn; not ours
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
