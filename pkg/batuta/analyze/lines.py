"""Counting code, comment and blank lines the way cloc counts them (SPEC.md §6 "Line counts").

The rule is cloc's: a line is *blank* when it holds only whitespace; a line is *code* when
something other than whitespace is left after comments are removed; every other line is a
*comment* line. So a blank line inside a block comment is blank, and ``x = 1  # note`` is code.

Comments are removed by one compiled regex per language whose alternatives are comments and
string literals (so ``"#"`` or ``"/*"`` inside a string is never a comment); the replacement keeps
every newline so lines stay aligned. Possessive quantifiers keep each regex linear on any input.
Python's triple-quoted strings count as comment lines, as cloc counts them (its docstring rule
converts every triple-quoted string to a comment). Rust's block comments nest, which a regex
cannot follow, so Rust runs a small scanner instead of a substitution. JavaScript and TypeScript
run a scanner too: whether ``/`` opens a regex literal depends on the token before it. A
backslash before ``\r\n`` continues a line as one before ``\n`` does, and a script's first-line
``#!`` is code (cloc counts it so).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from batuta.analyze.results import LineCounts

# A string that may not cross a line end (unless by a backslash-newline) and may be unterminated.
# A backslash escapes the next character, or a whole CRLF line end (a backslash before "\r\n"
# continues the line, as one before "\n" does).
_ESC = r"\\(?:\r\n|.)?"
_DQ = r'"(?:[^"\\\n]++|' + _ESC + r')*+"?'
_SQ = r"'(?:[^'\\\n]++|" + _ESC + r")*+'?"
# Strings that may span lines (Rust, shell-style "...").
_DQ_ML = r'"(?:[^"\\]++|' + _ESC + r')*+"?'
# C/Rust/Go character literal: strict, so C++14 digit separators and Rust lifetimes don't open
# a string that would swallow the rest of the line.
_CHAR = r"'(?:\\.[^'\\\n]{0,8}|[^'\\\n])'"
_BLOCK_C = r"/\*(?:[^*]++|\*(?!/))*+(?:\*/|\Z)"
_LINE_C = r"//[^\n]*"
_HTML_C = r"<!--(?:[^-]++|-(?!->))*+(?:-->|\Z)"


def _triple(q: str) -> str:
    return q * 3 + r"(?:[^" + q + r"\\]++|\\.?|" + q + r"(?!" + q * 2 + r"))*+(?:" + q * 3 + r"|\Z)"


def _pattern(first: str, comments: list[str], strings: list[str]) -> re.Pattern[str]:
    """One regex: comments in group ``c``, strings in group ``s``.

    ``first`` lists every character a match can start with; the leading lookahead on it lets
    the regex engine skip plain code quickly instead of trying each alternative at each position.
    """
    parts = []
    if comments:
        parts.append("(?P<c>" + "|".join(comments) + ")")
    if strings:
        parts.append("(?P<s>" + "|".join(strings) + ")")
    return re.compile(f"(?=[{first}])(?:" + "|".join(parts) + ")", re.DOTALL | re.MULTILINE)


_C_LIKE = _pattern("/\"'", [_LINE_C, _BLOCK_C], [_DQ, _CHAR])
# C++11 raw strings R"delim(...)delim" (matched from the quote; the R stays code); an
# unterminated one runs to the end, like any string.
_RAW_CPP = r'(?<=R)"(?P<d>[^()\\ \n]{0,16})\((?:(?!\)(?P=d)").)*+(?:\)(?P=d)"|\Z)'
_CPP = _pattern("/\"'", [_LINE_C, _BLOCK_C], [_RAW_CPP, _DQ, _CHAR])
# JavaScript/TypeScript: comments, strings, template literals, and a lone `/` (group `r`) that
# the scanner below decides is a regex literal or a division by the token before it.
_JS = re.compile(
    f"(?=[/\"'`])(?:(?P<c>{_LINE_C}|{_BLOCK_C})|(?P<s>{_DQ}|{_SQ}|`(?:[^`\\\\]++|{_ESC})*+`?)"
    "|(?P<r>/))",
    re.DOTALL,
)
# A regex literal body: classes may hold `/`, escapes anything but a line end; one line only.
_JS_REGEX = re.compile(r"/(?:[^/\\\[\n]++|\\[^\n]|\[(?:[^\]\\\n]++|\\[^\n])*+\])++/")
# After these a `/` starts a regex literal ("regex allowed"), after anything else it divides.
_REGEX_AFTER_PUNCT = frozenset("(,=:[!&|?{};+-*%<>~^")
_REGEX_AFTER_WORDS = frozenset({
    "return", "typeof", "case", "do", "else", "in", "instanceof", "new", "delete", "void",
    "throw", "yield", "await", "of",
})
_LAST_WORD = re.compile(r"[A-Za-z_$][\w$]*\Z")
# A failed regex attempt scans to the end of its line; after this many on one line the rest of
# its slashes are divisions, so `(/[` repeated cannot make counting quadratic (real code fails
# an attempt rarely: only where a `/` after an operator is not a regex).
_MAX_REGEX_FAILURES = 4
_GO = _pattern("/\"'`", [_LINE_C, _BLOCK_C], [_DQ, _CHAR, r"`[^`]*+`?"])
_JAVA = _pattern("/\"'", [_LINE_C, _BLOCK_C], [_triple('"'), _DQ, _CHAR])
_CSS = _pattern("/\"'", [_BLOCK_C], [_DQ, _SQ])
_PYTHON = _pattern("#\"'", [r"\#[^\n]*", _triple('"'), _triple("'")], [_DQ, _SQ])
_TOML = _pattern("#\"'", [r"\#[^\n]*"], [_triple('"'), _triple("'"), _DQ, _SQ])
# Shell: `#` opens a comment only at the start of a word (`$#`, `${#x}`, `a#b` are not comments).
# Quotes stay on one line so a stray apostrophe in a heredoc cannot hide the lines after it.
_SHELL = _pattern("#\"'", [r"(?:(?<=[\s;|&()])|^)\#[^\n]*"], [_DQ, r"'[^'\n]*+'?"])
# YAML and Makefiles: comments only; their quoting rules differ too much for a shared regex and
# a quote inside a plain scalar ("don't") must not open a string.
_HASH_WORD = _pattern("#", [r"(?:(?<=\s)|^)\#[^\n]*"], [])
_HASH = _pattern("#", [r"\#[^\n]*"], [])
_HTML = _pattern("<", [_HTML_C], [])
# Rust: block comments nest; `b` marks where one opens and the scanner takes over. Raw strings
# r#"..."# are matched from after the r.
_RAW_RUST = r'(?<=r)(#*)"(?:(?!"\4).)*+(?:"\4|\Z)'
_RUST = re.compile(
    f"(?=[/\"'#])(?:(?P<c>{_LINE_C})|(?P<b>/\\*)|(?P<s>{_RAW_RUST}|{_DQ_ML}|{_CHAR}))",
    re.DOTALL,
)
_RUST_NEST = re.compile(r"/\*|\*/")

# A blank line after a newline; starting with a literal "\n" lets the regex engine jump from
# line end to line end instead of trying every position.
_BLANK_AFTER_NEWLINE = re.compile(r"\n[^\S\n]*(?=\n|\Z)")


def _keep_newlines(m: re.Match[str]) -> str:
    if m.lastgroup == "s":
        return m.group()
    text = m.group()
    return "\n" * text.count("\n") if "\n" in text else ""


def _substitute(pattern: re.Pattern[str]) -> Callable[[str], str]:
    sub = pattern.sub

    def strip(text: str) -> str:
        return sub(_keep_newlines, text)

    return strip


def _nested_end(text: str, pos: int) -> int:
    """End of a nested block comment whose opening ``/*`` ends at ``pos`` (or end of text)."""
    depth = 1
    while depth:
        m = _RUST_NEST.search(text, pos)
        if m is None:
            return len(text)
        depth += 1 if m.group() == "/*" else -1
        pos = m.end()
    return pos


def _strip_rust(text: str) -> str:
    out: list[str] = []
    pos = 0
    search = _RUST.search
    while (m := search(text, pos)) is not None:
        out.append(text[pos:m.start()])
        kind = m.lastgroup
        if kind == "b":
            end = _nested_end(text, m.end())
            out.append("\n" * text.count("\n", m.start(), end))
        elif kind == "c":
            end = m.end()
        else:
            end = m.end()
            out.append(m.group())
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _regex_allowed(code_before: str) -> bool:
    """Whether a `/` after this code (comments removed, whitespace trimmed) opens a regex."""
    if not code_before:
        return True
    last = code_before[-1]
    if last in _REGEX_AFTER_PUNCT:
        return True
    word = _LAST_WORD.search(code_before[-16:])
    return word is not None and word.group() in _REGEX_AFTER_WORDS


def _strip_js(text: str) -> str:
    """JavaScript/TypeScript comments removed; strings, templates and regex literals kept.

    ``tail`` holds the last few characters of code seen (comments dropped), which is all the
    "regex allowed after" rule needs; keeping only a tail keeps the scan linear.
    """
    out: list[str] = []
    pos = 0
    tail = ""
    search = _JS.search
    line_end, failures = -1, 0  # failed regex attempts on the current line
    while (m := search(text, pos)) is not None:
        piece = text[pos:m.start()]
        out.append(piece)
        if piece.strip():
            tail = (tail + piece).rstrip()[-16:]
        kind = m.lastgroup
        if kind == "c":
            comment = m.group()
            out.append("\n" * comment.count("\n"))
            pos = m.end()
            continue
        if kind == "r":
            if m.start() > line_end:
                line_end = text.find("\n", m.start())
                line_end, failures = (len(text) if line_end < 0 else line_end), 0
            regex = None
            if failures < _MAX_REGEX_FAILURES and _regex_allowed(tail):
                regex = _JS_REGEX.match(text, m.start())
                failures += regex is None
            kept = regex.group() if regex is not None else "/"
        else:
            kept = m.group()
        out.append(kept)
        tail = (tail + kept)[-16:]
        pos = m.start() + len(kept)
    out.append(text[pos:])
    return "".join(out)


_STRIPPERS: dict[str, Callable[[str], str]] = {
    "Python": _substitute(_PYTHON),
    "C": _substitute(_C_LIKE),
    "C++": _substitute(_CPP),
    "Rust": _strip_rust,
    "Shell": _substitute(_SHELL),
    "JavaScript": _strip_js,
    "TypeScript": _strip_js,
    "Go": _substitute(_GO),
    "Java": _substitute(_JAVA),
    "TOML": _substitute(_TOML),
    "YAML": _substitute(_HASH_WORD),
    "Makefile": _substitute(_HASH),
    "CMake": _substitute(_HASH),
    "Markdown": _substitute(_HTML),
    "HTML": _substitute(_HTML),
    "CSS": _substitute(_CSS),
}
"""Comment removers by language; a language not listed (JSON) has no comments."""


def strip_comments(text: str, language: str) -> str:
    """``text`` with the language's comments removed and every newline kept.

    Example:
        >>> strip_comments('x = "#"  # note\\n', "Python")
        'x = "#"  \\n'
    """
    strip = _STRIPPERS.get(language)
    if strip is None:
        return text
    global _last
    cached = _last  # one read: the entry is replaced whole, so threads never see a mix
    # `.h` detection strips a header as C and counting then strips the same string again:
    # a one-entry cache keyed on the string object itself saves the second pass.
    if cached[0] is text and (cached[1] == language or (
            cached[1] == "C" and language == "C++" and 'R"' not in text)):
        return cached[2]  # C and C++ strip alike unless there is a raw string
    stripped = strip(text)
    _last = (text, language, stripped)
    return stripped


_last: tuple[str, str, str] = ("", "", "")


def count_lines(text: str, language: str) -> LineCounts:
    """Code, comment and blank lines of ``text`` by cloc's rules.

    Args:
        text: Decoded file content. Lines end at ``\\n``; a final line without one still counts.
        language: A language name from ``batuta.analyze.languages.LANGUAGES``; unknown names
            are counted with no comment syntax.

    Returns:
        The three counts; their sum is the number of physical lines.

    Example:
        >>> count_lines("'''Doc.'''\\n\\nx = 1  # one\\n# two\\n", "Python")
        LineCounts(code=1, comment=2, blank=1)
    """
    if not text:
        return LineCounts()
    stripped = strip_comments(text, language)
    total = text.count("\n") + 1
    blank = _blank_lines(text)
    not_code = _blank_lines(stripped) if stripped is not text else blank
    if text.endswith("\n"):  # the empty "line" after the final newline is not a line
        total -= 1
        blank -= 1
        not_code -= 1
    code, comment = total - not_code, not_code - blank
    if language in _SHEBANG_IS_CODE and text.startswith("#!") and comment:
        code, comment = code + 1, comment - 1  # cloc: a script's first-line `#!` is code
    return LineCounts(code=code, comment=comment, blank=blank)


_SHEBANG_IS_CODE = frozenset({"Python", "Shell"})
"""Scripting languages whose comment syntax would otherwise swallow a ``#!`` first line."""


def _blank_lines(text: str) -> int:
    """Whitespace-only lines, counting the empty one after a final newline."""
    first = text.partition("\n")[0]
    return len(_BLANK_AFTER_NEWLINE.findall(text)) + (not first or first.isspace())


def longest_line(text: str) -> int:
    """Length of the longest line, in characters (cheap when the text is short)."""
    if "\n" not in text:
        return len(text)
    return max(map(len, text.split("\n")))
