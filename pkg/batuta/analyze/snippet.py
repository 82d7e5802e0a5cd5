"""``classify_snippet``: is a piece of text taken from a page code, prose or nothing at all?

The extension's panel, the playground and the CLI ask the same question of a selection before
analyzing it: English prose guessed as Python is a syntax error, not a language. Code is told
from prose line by line: a line is code when it parses as Python on its own (a block header
with a body added) or has code's shape (an assignment, a call, a bracket left open or closed, a
decorator); a line is prose when it is words and sentence punctuation that Python cannot read.
Other languages are recognised first by ``languages.guess_language`` (shell commands, C
statements, Rust, Go, ...), so only what would be Python is weighed against prose.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass

from batuta.analyze.languages import guess_language
from batuta.errors import InputTooLargeError, InvalidArgumentError
from batuta.limits import MAX_CODE_CHARS

__all__ = ["SnippetKind", "classify_snippet"]

_SAMPLE_LINES = 400  # lines weighed; enough to decide, and parsing each stays cheap
_PARSE_CHARS = 4_000  # a longer line is judged by its shape only (no parse of a huge line)
_SAMPLE_CHARS = 100_000  # and no more text than this is weighed (a few ms of parsing)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Code's shape: a decorator, a prompt, a closing bracket first, an assignment (targets may be a
# tuple), a call that is the whole line, or a bracket / backslash left open at the end (a comma
# is not: wrapped prose ends lines with commas).
_CODE_SHAPE = re.compile(
    r"""^(?:@\w|>>>|\.\.\.\s|[)\]}]|
        [\w.\[\]'"]+(?:\s*,\s*[\w.\[\]'"]+)*\s*(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)\s*\S|
        [\w.]+\(.*\)[,;]?$|
        .*[(\[{\\]$)""", re.VERBOSE)
_BLOCK_HEAD = re.compile(r"(?:else|elif|except|finally)\b")
_PROSE_CHARS = re.compile(r"[A-Za-z\s.,:;!?'’\"()\-]")


@dataclass(frozen=True)
class SnippetKind:
    """What a snippet is, in a person's words.

    Attributes:
        kind: "code", "prose" or "blank".
        language: For code, the language it is written in ("Python", "Shell", "C", ...); None
            for prose, blank text and code whose ``#!`` names an interpreter Batuta does not know.
        reason: What the text was found to be, and from what.
        advice: What it would take to analyze it ("" for code Batuta analyzes).
    """

    kind: str
    language: str | None
    reason: str
    advice: str


def classify_snippet(text: str) -> SnippetKind:
    """Say whether ``text`` is code (and which language), English prose, or blank.

    Raises:
        InvalidArgumentError: ``text`` is not a string.
        InputTooLargeError: Over ``MAX_CODE_CHARS`` characters.

    Example:
        >>> classify_snippet("Install it first: it takes a minute.").kind
        'prose'
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_CODE_CHARS:
        raise InputTooLargeError(f"{len(text):,} characters is over the {MAX_CODE_CHARS:,} "
                                 "bound for one snippet", chars=len(text))
    if not text.strip():
        what = "empty" if not text else f"only blank space ({len(text):,} characters)"
        return SnippetKind("blank", None, f"The text is {what}: there is nothing to analyze.",
                           "Select some code, or pick a code block, and run Batuta again.")
    language = guess_language(text)
    if language is None:
        return SnippetKind("code", None, "Its #! line names an interpreter Batuta does not "
                           "know.", "Batuta analyzes Python, C, C++, Rust, Shell, JavaScript, "
                           "TypeScript, Go and Java.")
    if language != "Python":
        return SnippetKind("code", language, f"It reads as {language}.", "")
    return _python_or_prose(text)


def _python_or_prose(text: str) -> SnippetKind:
    lines = _sample(text)
    if not lines:
        return SnippetKind("code", "Python", "It holds only Python comments.", "")
    code = sum(_is_code_line(line) for line in lines)
    prose = sum(_is_prose_line(line) for line in lines)
    if prose > code or (code == 0 and _all_words(lines)):
        seen = (f"{prose} of {len(lines)} lines read as sentences and {code} as code" if prose
                else "it is only words, with nothing code has")
        return SnippetKind(
            "prose", None, f"This looks like prose, not code: {seen}.",
            "Select only the code (or pick a code block on the page) and run Batuta again.")
    return SnippetKind("code", "Python", f"It reads as Python: {code} of {len(lines)} lines "
                       "have the shape of Python statements.", "")


def _sample(text: str) -> list[str]:
    """The first code-or-prose lines (not blank, not comments), within the sample bounds."""
    stripped = (line.strip() for line in text[:_SAMPLE_CHARS].splitlines()[:_SAMPLE_LINES])
    return [line for line in stripped if line and not line.startswith("#")]


def _parses(line: str) -> bool:
    if len(line) > _PARSE_CHARS:
        return False
    source = line
    if _BLOCK_HEAD.match(line):
        source = "if 1:\n    pass\n" + line if not line.startswith("except") and \
            not line.startswith("finally") else "try:\n    pass\n" + line
    if source.endswith(":"):
        source += "\n    pass"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in the line warn; not ours
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    # One bare word parses as a name; it is not code any more than it is a sentence.
    return not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
                and isinstance(tree.body[0].value, ast.Name))


def _is_code_line(line: str) -> bool:
    return bool(_CODE_SHAPE.match(line)) or _parses(line)


def _is_prose_line(line: str) -> bool:
    words = _WORD.findall(line)
    if len(words) < 2 or _is_code_line(line):
        return False
    plain = len(_PROSE_CHARS.findall(line))
    return plain >= 0.8 * len(line)


def _all_words(lines: list[str]) -> bool:
    """A single word or a few bare words (no code, no sentence): prose, not a program."""
    return all(_WORD.fullmatch(word) for line in lines for word in line.split())
