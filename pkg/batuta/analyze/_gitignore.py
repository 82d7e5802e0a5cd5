"""``.gitignore`` patterns, matched in bounded time (git's wildmatch rules, our own compiler).

A pattern like ``*a*a*a*a*a*a*a*a*a*a*a*ab`` made a backtracking regex (pathspec's translation)
run for minutes against a long file name, and ``[z-a]`` raised ``re.error`` out of the walk. Here
each path segment of a pattern compiles to a regex in which every ``*`` but the last is an atomic
lazy group, ``(?>[^/]*?chunk)``: glob matching may take the leftmost place each fixed-length
chunk between two stars fits (a later star can absorb anything an earlier one left), so the
regex never backtracks into an earlier star and a match costs about (name length × pattern
length). ``**`` segments are matched by the same greedy rule over whole path segments. A pattern
that does not compile (a reversed range, an over-long line) is returned as an error for the walk
to report, and skipped, as git skips it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from batuta.limits import MAX_GITIGNORE_PATTERN_CHARS, MAX_GITIGNORE_PATTERNS

_DOUBLE_STAR = None  # a segment that matches any number of whole path segments
_Segment = re.Pattern[str] | None

_POSIX_CLASSES = {
    "alnum": "a-zA-Z0-9", "alpha": "a-zA-Z", "blank": " \\t", "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~",
    "punct": "!-/:-@\\[-`{-~", "space": "\\s", "upper": "A-Z", "xdigit": "0-9A-Fa-f",
}


@dataclass(frozen=True)
class Pattern:
    """One compiled ``.gitignore`` line."""

    segments: tuple[_Segment, ...]
    negate: bool
    dir_only: bool

    def matches(self, parts: list[str], is_dir: bool) -> bool:
        """Whether the path (split on ``/``) matches; dir-only patterns need a directory."""
        if self.dir_only and not is_dir:
            return False
        return _match_segments(self.segments, parts)


def _match_segments(segments: tuple[_Segment, ...], parts: list[str]) -> bool:
    # The classic greedy wildcard walk, over segments: each `**` remembers where it started and
    # is extended by one segment when the rest fails; fixed segments match exactly one name.
    p = n = 0
    star_p, star_n = -1, 0
    while n < len(parts):
        if p < len(segments) and segments[p] is _DOUBLE_STAR:
            star_p, star_n = p, n
            p += 1
            continue
        seg = segments[p] if p < len(segments) else _DOUBLE_STAR
        if seg is not None and seg.fullmatch(parts[n]) is not None:
            p += 1
            n += 1
        elif star_p >= 0:
            p, star_n = star_p + 1, star_n + 1
            n = star_n
        else:
            return False
    while p < len(segments) and segments[p] is _DOUBLE_STAR:
        p += 1
    return p == len(segments)


class Gitignore:
    """The patterns of one ``.gitignore`` file; the last matching line decides."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns

    def check(self, path: str, is_dir: bool) -> bool | None:
        """True: ignored; False: re-included by a ``!`` line; None: no line matches."""
        parts = path.split("/")
        verdict: bool | None = None
        for pattern in self.patterns:
            if pattern.matches(parts, is_dir):
                verdict = not pattern.negate
        return verdict


def parse_gitignore(text: str) -> tuple[Gitignore, list[str]]:
    """Compile a ``.gitignore``'s lines; returns the patterns and one message per bad line."""
    patterns: list[Pattern] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if len(patterns) >= MAX_GITIGNORE_PATTERNS:
            errors.append(f"line {number}: more than {MAX_GITIGNORE_PATTERNS} patterns; "
                          "the rest are not used")
            break
        try:
            pattern = compile_line(line)
        except ValueError as exc:
            errors.append(f"line {number}: pattern {line[:60]!r} skipped: {exc}")
            continue
        if pattern is not None:
            patterns.append(pattern)
    return Gitignore(patterns), errors


def compile_line(line: str) -> Pattern | None:
    """One line -> a pattern, or None for blanks and comments.

    Raises:
        ValueError: the line is over the length bound or holds a reversed range.
    """
    if len(line) > MAX_GITIGNORE_PATTERN_CHARS:
        raise ValueError(f"longer than {MAX_GITIGNORE_PATTERN_CHARS} characters")
    line = _strip_trailing_spaces(line.rstrip("\r"))
    if not line or line.startswith("#"):
        return None
    negate = line.startswith("!")
    if negate:
        line = line[1:]
    dir_only = line.endswith("/") and not line.endswith("\\/")
    line = line.rstrip("/") if dir_only else line
    if not line:
        return None
    anchored = "/" in line
    names = [s for s in line.split("/") if s]
    if not names:
        return None
    segments: list[_Segment] = [] if anchored else [_DOUBLE_STAR]
    for name in names:
        if name == "**":
            if not segments or segments[-1] is not _DOUBLE_STAR:
                segments.append(_DOUBLE_STAR)
        else:
            segments.append(_compile_segment(name))
    if names[-1] == "**":  # `dir/**`: everything inside, not the folder itself
        segments.insert(len(segments) - 1, re.compile(r"[^/]+"))
    return Pattern(tuple(segments), negate, dir_only)


def _strip_trailing_spaces(line: str) -> str:
    stripped = line.rstrip(" ")
    if stripped != line and stripped.endswith("\\"):
        return stripped[:-1] + " "  # `\ ` keeps one escaped space
    return stripped


def _compile_segment(glob: str) -> re.Pattern[str]:
    chunks = _chunks(glob)
    if len(chunks) == 1:
        return re.compile(chunks[0])
    # chunks[0] * chunks[1] * ... * chunks[-1]: the middle ones leftmost and atomic.
    middle = "".join(f"(?>.*?{chunk})" for chunk in chunks[1:-1])
    return re.compile(f"{chunks[0]}{middle}.*{chunks[-1]}", re.DOTALL)


def _chunks(glob: str) -> list[str]:
    """The regex text of the star-free runs of a segment glob (``a*b?`` -> ``["a", "b."]``)."""
    chunks: list[str] = [""]
    last_close = glob.rfind("]")  # a `[` after the last `]` is a literal: no scan needed
    i = 0
    while i < len(glob):
        ch = glob[i]
        if ch == "*":
            chunks.append("")
            while i + 1 < len(glob) and glob[i + 1] == "*":
                i += 1
        elif ch == "?":
            chunks[-1] += "."
        elif ch == "[":
            cls, i = _bracket(glob, i, last_close)
            chunks[-1] += cls
            continue
        elif ch == "\\" and i + 1 < len(glob):
            i += 1
            chunks[-1] += re.escape(glob[i])
        else:
            chunks[-1] += re.escape(ch)
        i += 1
    return chunks


def _bracket(glob: str, start: int, last_close: int) -> tuple[str, int]:
    """A ``[...]`` expression at ``start`` -> (regex class, index after it); unclosed: literal.

    An unclosed ``[`` is known from ``last_close`` without scanning, so a line of ``[`` costs
    linear, not quadratic, time; a closed class is consumed once.
    """
    i = start + 1
    negate = i < len(glob) and glob[i] in "!^"
    i += negate
    if last_close <= i:  # no `]` after the class's first character: not a class
        return re.escape("["), start + 1
    items: list[str] = []
    first = True
    while i < len(glob) and (glob[i] != "]" or first):
        first = False
        if glob.startswith("[:", i):
            end = glob.find(":]", i + 2)
            name = glob[i + 2:end] if end > 0 else ""
            if name in _POSIX_CLASSES:
                items.append(_POSIX_CLASSES[name])
                i = end + 2
                continue
        ch, i = _class_char(glob, i)
        if i + 1 < len(glob) and glob[i] == "-" and glob[i + 1] != "]":
            high, i = _class_char(glob, i + 1)
            if ord(high) < ord(ch):
                raise ValueError(f"reversed range {ch}-{high}")
            items.append(f"{re.escape(ch)}-{re.escape(high)}")
        else:
            items.append(re.escape(ch))
    if i >= len(glob):
        return re.escape("["), start + 1  # no closing bracket: a literal `[`
    return f"[{'^' if negate else ''}{''.join(items)}]", i + 1


def _class_char(glob: str, i: int) -> tuple[str, int]:
    if glob[i] == "\\" and i + 1 < len(glob):
        return glob[i + 1], i + 2
    return glob[i], i + 1
