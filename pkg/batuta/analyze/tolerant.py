"""Tolerant parsing: what of a Python text that does not parse as a whole can still be measured.

A snippet selected on a web page, or a file being edited, often has one broken statement; one
syntax error should not hide the complexity of every other function. When ``ast.parse`` fails on
the whole text, the text is split at top-level statement boundaries (lines that start at column
0 outside brackets and strings; ``def``/``class``/``import``/... lines always start a chunk, so an
unclosed bracket cannot swallow the rest; ``else``/``except``/... join the chunk only when its
statement takes them), each chunk is parsed on its own, and the statements of
the chunks that parse form one module with their real line numbers. The chunks that do not parse
are the lines not measured. On text that parses, the result is exactly ``ast.parse``'s tree.
"""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass

from batuta.analyze.complexity import parse_python
from batuta.analyze.results import SyntaxErrorAt
from batuta.errors import NestingTooDeepError, SourceSyntaxError

__all__ = ["TolerantParse", "blank_lines", "line_count", "parse_tolerant", "split_chunks"]

# Python's parser ends a line at \r\n, \r or \n only (str.splitlines also splits at \f, \x1c,
# \u2028 ..., which would shift every later line number).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# Lines that always open a new top-level statement, whatever an earlier broken line left open.
_HARD_START = re.compile(r"(?:async[ \t]+def|def|class|import|from|if|for|while|with|try)\b|@")
# Clauses at column 0 continue the chunk's statement when that statement takes them (an
# ``else:`` after a function starts a chunk of its own, which then fails alone).
_CLAUSE = re.compile(r"(else|elif|except|finally)\b")
_CLAUSES_OF: dict[str, frozenset[str]] = {
    "if": frozenset({"elif", "else"}), "for": frozenset({"else"}),
    "while": frozenset({"else"}), "async": frozenset({"else"}),
    "try": frozenset({"except", "else", "finally"}),
}
_FIRST_WORD = re.compile(r"\w*")
# What changes the bracket / string state, scanned per line: strings (with prefixes), comments,
# escapes, brackets.
_TOKEN = re.compile(r"'''|\"\"\"|['\"]|#|\\.|[\[({]|[\])}]")


@dataclass(frozen=True)
class TolerantParse:
    """One text, parsed as far as it goes.

    Attributes:
        tree: The statements of every part that parsed, in source order and at their real lines
            (the whole tree when the text parses); None when no part parsed.
        error: The whole text's syntax error; None when it parses.
        unparsed: 1-based inclusive (first, last) line ranges that did not parse (not measured).
    """

    tree: ast.Module | None
    error: SyntaxErrorAt | None
    unparsed: tuple[tuple[int, int], ...]


def parse_tolerant(text: str, path: str = "<code>") -> TolerantParse:
    """Parse ``text``; if it does not parse, parse its top-level chunks one by one.

    Raises:
        NestingTooDeepError: The whole text nests too deeply for the parser (not a syntax
            error: no chunk would fare better, and the caller reports it as before).
    """
    try:
        return TolerantParse(parse_python(text, path), None, ())
    except SourceSyntaxError as exc:
        error = SyntaxErrorAt(line=int(exc.details.get("line") or 0),
                              column=int(exc.details.get("column") or 0),
                              message=str(exc.details.get("reason") or exc.message))
    body: list[ast.stmt] = []
    unparsed: list[tuple[int, int]] = []
    _parse_group(split_chunks(text), path, body, unparsed, failed_at=error.line)
    module = ast.Module(body=body, type_ignores=[]) if body else None
    return TolerantParse(module, error, tuple(unparsed))


def _parse_group(chunks: list[tuple[int, int, str]], path: str, body: list[ast.stmt],
                 unparsed: list[tuple[int, int]], failed_at: int | None = None) -> None:
    """Parse consecutive chunks together; split a group that fails and parse its parts.

    Chunks that parse alone end every bracket and string they open, so together they parse
    to the same statements; a whole script of tiny statements then costs a few parses, not
    one per line (100,000 separate parses took 3x a full parse). A failed group is cut at the
    chunk its error is on (``failed_at``, known for the whole text already): the chunks before
    it parse in one go; an error in the first chunk (or none known) halves the group, so even
    text where every chunk fails costs at most two parses a chunk.
    """
    first, last = chunks[0][0], chunks[-1][1]
    if failed_at is None:
        # Blank lines before a large group put its nodes at their real lines (the tokenizer
        # skips them faster than ast.increment_lineno walks a tree); a small group far down is
        # shifted afterwards instead, so the padding never costs more than the group itself.
        pad = first - 1 if first - 1 <= 4 * (last - first + 1) else 0
        try:
            tree = parse_python("\n" * pad + "".join(chunk for _, _, chunk in chunks), path)
        except SourceSyntaxError as exc:
            line = int(exc.details.get("line") or 0)
            failed_at = line + first - 1 - pad if line else 0
        except NestingTooDeepError:
            failed_at = 0
        else:
            if first - 1 > pad:
                ast.increment_lineno(tree, first - 1)
            body.extend(tree.body)
            return
    if len(chunks) == 1:
        _add_range(unparsed, first, last)
        return
    at = bisect.bisect_right([start for start, _, _ in chunks], failed_at) - 1
    cut = at if at > 0 else len(chunks) // 2
    _parse_group(chunks[:cut], path, body, unparsed)
    _parse_group(chunks[cut:], path, body, unparsed)


def _add_range(ranges: list[tuple[int, int]], first: int, last: int) -> None:
    if ranges and ranges[-1][1] + 1 >= first:
        ranges[-1] = (ranges[-1][0], last)
    else:
        ranges.append((first, last))


def split_chunks(text: str) -> list[tuple[int, int, str]]:
    """``(first line, last line, text)`` of each top-level chunk; trailing blank lines and
    comments stay with the chunk before them, so a failed chunk's range ends at its code."""
    chunks: list[tuple[int, int, str]] = []
    lines: list[str] = []
    first = last = 1
    state = _ScanState()
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        if lines and _starts_chunk(line, state):
            chunks.append((first, last, "".join(lines)))
            lines, first, state = [], number, _ScanState()
        lines.append(line)
        if line.strip() and not line.lstrip().startswith("#"):
            last = number
            state.decorated = line.startswith("@")
            if state.opener is None:
                word = _FIRST_WORD.match(line.lstrip())
                state.opener = word.group() if word else ""
        state.scan(line)
    if lines:
        chunks.append((first, max(first, last), "".join(lines)))
    return chunks


def _starts_chunk(line: str, state: _ScanState) -> bool:
    if not line[:1].strip() or line.startswith("#"):
        return False  # indented, blank or a comment: part of what came before
    if state.decorated:
        return False  # what a decorator line decorates is its statement
    if _HARD_START.match(line):
        return True
    clause = _CLAUSE.match(line)
    if clause is not None:
        return clause.group(1) not in _CLAUSES_OF.get(state.opener or "", frozenset())
    return state.depth == 0 and state.quote is None  # ")" closing an open bracket: glued


class _ScanState:
    """Bracket depth and open string across lines, as far as a rough scan can tell."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: str | None = None
        self.decorated = False  # the last code line is a column-0 decorator
        self.opener: str | None = None  # the first word of the chunk's first code line

    def scan(self, line: str) -> None:
        for match in _TOKEN.finditer(line):
            token = match.group()
            if self.quote is not None:
                if token == self.quote:
                    self.quote = None
            elif token == "#":
                break
            elif token in ("'''", '"""', "'", '"'):
                self.quote = token
            elif token in "[({":
                self.depth += 1
            elif token in "])}":
                self.depth = max(0, self.depth - 1)
        if self.quote in ("'", '"'):
            self.quote = None  # a one-quote string ends at its line (or is an error there)


def line_count(text: str) -> int:
    """Lines as Python's parser counts them (\\r\\n, \\r and \\n end a line)."""
    return sum(1 for _ in _LINE.finditer(text))


def blank_lines(text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """``text`` with the lines in ``ranges`` (1-based, inclusive) emptied; numbering kept."""
    lines = [m.group() for m in _LINE.finditer(text)]
    for first, last in ranges:
        for i in range(max(first, 1) - 1, min(last, len(lines))):
            lines[i] = "\n"
    return "".join(lines)
