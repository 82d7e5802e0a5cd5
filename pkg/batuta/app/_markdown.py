"""A small, safe Markdown subset to HTML for ``text`` widgets.

Why not a library: the subset apps need (headings, paragraphs, lists, emphasis, inline code,
fenced code, links) is small, and owning it means every character of input is HTML-escaped
before any tag is added, so no raw HTML or ``javascript:`` URL can reach the page.
"""

from __future__ import annotations

import html
import re

from batuta.limits import MAX_MARKDOWN_CHARS

__all__ = ["MAX_MARKDOWN_CHARS", "inline", "to_html"]

# Every inline pattern stops at the next character that could open another match of its own kind
# (a `[`, a `(`, a `*`), so a failed attempt never scans past it: runs of `[`, `[a](` or `*a `
# with no closing mark cost linear time, not quadratic (50 K `[` took 29.6 s before).
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\[\]\s]+)\)")
_SAFE_URL = re.compile(r"(https?://|#|\./|[A-Za-z0-9_-])[^\s\"'<>]*")
_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?!\s)([^*]+?)(?<!\s)\*(?![*\w])")
_CODE = re.compile(r"`([^`]+)`")


def _link(m: re.Match[str]) -> str:
    text, url = m.group(1), html.unescape(m.group(2))
    if not _SAFE_URL.fullmatch(url) or (":" in url.split("/")[0] and not url.startswith("http")):
        return m.group(0)  # not a safe link target: keep the (escaped) text as written
    return f'<a href="{html.escape(url, quote=True)}">{text}</a>'


def inline(text: str) -> str:
    """Escape, then add code, strong, emphasis and links."""
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(f"<code>{m.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = _CODE.sub(keep_code, html.escape(text.replace("\x00", ""), quote=True))
    out = _LINK.sub(_link, out)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EM.sub(r"<em>\1</em>", out)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], out)


def _line_kind(stripped: str) -> str:
    if stripped.startswith("```"):
        return "fence"
    if re.match(r"#{1,6}\s+", stripped):
        return "heading"
    if re.match(r"[-*+]\s+", stripped):
        return "item"
    return "para" if stripped else "blank"


def _heading(stripped: str) -> str:
    marks, _, text = stripped.partition(" ")
    level = len(marks)
    return f"<h{level}>{inline(text.strip())}</h{level}>"


class _Blocks:
    """Accumulates paragraphs, list items and fenced code into HTML blocks."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.para: list[str] = []
        self.items: list[str] = []
        self.code: list[str] | None = None

    def flush(self) -> None:
        if self.para:
            self.out.append(f"<p>{inline(' '.join(self.para))}</p>")
            self.para.clear()
        if self.items:
            self.out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in self.items)
                            + "</ul>")
            self.items.clear()

    def close_code(self) -> None:
        if self.code is not None:
            self.out.append(f"<pre><code>{html.escape(chr(10).join(self.code))}</code></pre>")
            self.code = None

    def line(self, line: str) -> None:
        if self.code is not None:
            if line.strip().startswith("```"):
                self.close_code()
            else:
                self.code.append(line)
            return
        stripped = line.strip()
        kind = _line_kind(stripped)
        if (kind != "para" or self.items) and (kind != "item" or self.para):
            self.flush()
        if kind == "fence":
            self.code = []
        elif kind == "heading":
            self.out.append(_heading(stripped))
        elif kind == "item":
            self.items.append(re.sub(r"^[-*+]\s+", "", stripped))
        elif kind == "para":
            self.para.append(stripped)


def to_html(markdown: str) -> str:
    """Render the subset; the result contains no tag or attribute that did not come from here."""
    blocks = _Blocks()
    for line in markdown[:MAX_MARKDOWN_CHARS].splitlines():
        blocks.line(line)
    blocks.flush()
    blocks.close_code()
    return "\n".join(blocks.out)
