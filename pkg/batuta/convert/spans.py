"""Rust-side line spans of mappings (``MappedConstruct.rust_span``).

A translated statement tags its own Rust lines with invisible markers (a start tag at the end
of its first line, an end tag at the end of its last line; for ``if`` / ``while`` / ``for`` the
header only). The markers travel with the text through indentation, ``use``-shortening and
module assembly; ``locate`` reads them off the FINAL lines, strips them and tidies blank lines
while it counts, so the spans are line numbers of the text the user gets. Nothing searches
the Rust text for a mapping's code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from batuta.convert.results import MappedConstruct

_OPEN, _CLOSE = "\x03\ue000", "\ue001"
_TAG = re.compile("\x03\ue000([SE])(\\d+)\ue001")


def tag_lines(lines: list[str], tag: int, header_only: bool) -> list[str]:
    """``lines`` with tag ``tag`` marking the first and last line (or the header element)."""
    if not lines:
        return lines
    out = list(lines)
    first = out[0]
    cut = first.find("\n")
    start = f"{_OPEN}S{tag}{_CLOSE}"
    out[0] = first + start if cut < 0 else first[:cut] + start + first[cut:]
    last = 0 if header_only else len(out) - 1
    out[last] = out[last] + f"{_OPEN}E{tag}{_CLOSE}"
    return out


def split_tags(line: str) -> tuple[str, str]:
    """A line's text without its trailing tags, and the tags."""
    match = re.search(f"(?:{_TAG.pattern})+$", line)
    return (line, "") if match is None else (line[:match.start()], match.group(0))


def strip_tags(text: str) -> str:
    return _TAG.sub("", text)


def locate(elements: list[str], tidy: bool) -> tuple[list[str], dict[int, tuple[int, int]]]:
    """The final lines (tags stripped) and each tag's 1-based inclusive line span.

    With ``tidy`` lines are right-stripped, runs of blank lines collapse, leading and trailing
    blanks go (the module layout); a dropped blank line hands its tags to its neighbours.
    """
    lines: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pending: list[int] = []  # start tags of dropped blanks: they open on the next kept line
    for physical in "\n".join(elements).split("\n"):
        tags = [(kind, int(n)) for kind, n in _TAG.findall(physical)]
        line = strip_tags(physical)
        if tidy:
            line = line.rstrip()
            if line == "" and (not lines or lines[-1] == ""):
                pending += [n for kind, n in tags if kind == "S"]
                for n in (n for kind, n in tags if kind == "E" and lines):
                    ends[n] = len(lines)
                continue
        lines.append(line)
        for n in pending:
            starts[n] = len(lines)
        pending = []
        for kind, n in tags:
            (starts if kind == "S" else ends)[n] = len(lines)
    while tidy and lines and lines[-1] == "":
        lines.pop()
    spans = {}
    for n, start in starts.items():
        end = min(ends.get(n, start), len(lines))
        if start <= end:
            spans[n] = (start, end)
    return lines, spans


def with_spans(mappings: list[MappedConstruct], tags: dict[int, tuple[MappedConstruct, int]],
               spans: dict[int, tuple[int, int]]) -> list[MappedConstruct]:
    """Each mapping with its ``rust_span`` filled from its statement's tag (None: no lines)."""
    out = []
    for m in mappings:
        entry = tags.get(id(m))
        span = spans.get(entry[1]) if entry is not None and entry[0] is m else None
        out.append(replace(m, rust_span=span))
    return out
