"""Line counting: cloc's code/comment/blank rules per language, golden cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze.languages import LANGUAGES
from batuta.analyze.lines import count_lines, longest_line, strip_comments
from batuta.analyze.results import LineCounts

# (language, source, expected (code, comment, blank))
GOLDEN: list[tuple[str, str, tuple[int, int, int]]] = [
    ("Python", "", (0, 0, 0)),
    ("Python", "x = 1", (1, 0, 0)),
    ("Python", "x = 1\n", (1, 0, 0)),
    ("Python", "\n\n", (0, 0, 2)),
    ("Python", "  \t\n\f\n", (0, 0, 2)),
    ("Python", "# only a comment\n", (0, 1, 0)),
    ("Python", "x = 1  # trailing comment is code\n", (1, 0, 0)),
    ("Python", "s = '# not a comment'\n", (1, 0, 0)),
    ("Python", 's = "# not # a comment"  # but this is\n', (1, 0, 0)),
    ("Python", '"""Docstring."""\n', (0, 1, 0)),
    ("Python", 'def f():\n    """Doc\n\n    more doc\n    """\n    return 1\n', (2, 3, 1)),
    ("Python", "x = '''\n# inside a string\n'''\n", (1, 2, 0)),
    ("Python", 's = "a \\" # still string"\n# real\n', (1, 1, 0)),
    ("Python", "#!/usr/bin/env python\nprint(1)\n", (2, 0, 0)),  # cloc: the shebang is code
    ("Python", "x = 1\r\n\r\n# c\r\n", (1, 1, 1)),
    ("Python", '"""unterminated\n docstring\n', (0, 2, 0)),
    ("C", "int a; /* one */\n/* two\n\n three */\nint b;\n", (2, 2, 1)),
    ("C", 'char *s = "/* not */"; // yes\n', (1, 0, 0)),
    ("C", "// a\n// b\nint main(void) { return 0; }\n", (1, 2, 0)),
    ("C", "char c = '\"'; /* x */\n", (1, 0, 0)),
    ("C", "/* a */ /* b */\n", (0, 1, 0)),
    ("C++", 'auto s = R"x(\n/* not a comment */\n)x";\n// c\n', (3, 1, 0)),
    ("C++", "int n = 1'000'000; // digit separators\n/* c */\n", (1, 1, 0)),
    ("Rust", "/* outer /* inner */ still comment */\nfn main() {}\n", (1, 1, 0)),
    ("Rust", "/* a\n/* b */\nc\n*/\nlet x = 1;\n", (1, 4, 0)),
    ("Rust", 'let s = "// not";\nlet r = r#"/* raw */"#; // c\n', (2, 0, 0)),
    ("Rust", "fn f<'a>(x: &'a str) -> &'a str { x } // lifetimes\n// c\n", (1, 1, 0)),
    ("Rust", "let c = '\"'; /* x\n*/\n", (1, 1, 0)),
    ("Shell", "#!/bin/sh\necho $# ${#x} a#b\n  # comment\n", (2, 1, 0)),
    ("Shell", "echo '# quoted' \"# dq\"\n", (1, 0, 0)),
    ("JavaScript", "const s = `\n// in template\n`; // c\n/* b */\n", (3, 1, 0)),
    ("JavaScript", "let s = '/* no */'; // c\n", (1, 0, 0)),
    ("TypeScript", "// c\nlet x: number = 1;\n", (1, 1, 0)),
    ("Go", "s := `\n// raw\n`\n// c\n", (3, 1, 0)),
    ("Java", 'String s = """\n// text block\n""";\n/** doc */\n', (3, 1, 0)),
    ("TOML", '# c\nname = "a # b"\n', (1, 1, 0)),
    ("YAML", "# c\nkey: don't # note\nurl: http://x#frag\n", (2, 1, 0)),
    ("JSON", '{\n  "a": 1\n}\n\n', (3, 0, 1)),
    ("Markdown", "# Title\n\n<!-- hidden\nnote -->\ntext\n", (2, 2, 1)),
    ("HTML", "<p>\n<!-- c -->\n</p>\n", (2, 1, 0)),
    ("CSS", "/* c */\na { color: red; }\n", (1, 1, 0)),
    ("Makefile", "# c\nall:\n\techo hi # x\n", (2, 1, 0)),
]


@pytest.mark.parametrize(("language", "source", "expected"), GOLDEN)
def test_golden_counts(language: str, source: str, expected: tuple[int, int, int]) -> None:
    assert count_lines(source, language) == LineCounts(*expected)


def test_strip_keeps_every_newline() -> None:
    src = "a = 1  # c\n'''doc\n\nmore'''\nb = 2\n"
    assert strip_comments(src, "Python").count("\n") == src.count("\n")


def test_unknown_language_counts_without_comments() -> None:
    assert count_lines("# not special\n\nx\n", "Klingon") == LineCounts(2, 0, 1)


def test_longest_line() -> None:
    assert longest_line("ab\nabcd\n") == 4
    assert longest_line("abc") == 3


def test_pathological_inputs_stay_linear() -> None:
    """Unterminated strings/comments and raw-string openers repeated many times: each regex is
    possessive, so a 2 MB file of them counts in well under a second, not in hours."""
    import time

    for language, unit in [("C++", 'R"x('), ("Rust", 'r#"'), ("Python", '"""\\'),
                           ("C", "/*"), ("JavaScript", "`\\"), ("Shell", "'")]:
        text = (unit + "\n") * 400_000
        started = time.process_time()
        counts = count_lines(text, language)
        assert counts.total == 400_000
        assert time.process_time() - started < 5.0, language


LANG_NAMES = sorted(LANGUAGES)


@given(st.text(max_size=400), st.sampled_from(LANG_NAMES))
def test_counts_cover_every_line(text: str, language: str) -> None:
    counts = count_lines(text, language)
    lines = text.split("\n") if text else []
    if text.endswith("\n"):
        lines.pop()
    assert counts.total == len(lines)
    assert min(counts.code, counts.comment, counts.blank) >= 0
    # Blank is a property of the raw text alone.
    assert counts.blank == sum(1 for line in lines if not line or line.isspace())


@given(st.text(alphabet="ab #/*\"'\n\\`{}", max_size=300), st.sampled_from(LANG_NAMES))
def test_stripping_only_removes(text: str, language: str) -> None:
    stripped = strip_comments(text, language)
    assert stripped.count("\n") == text.count("\n")
    assert len(stripped) <= len(text)


# Python files assembled from pieces whose classification is known, so expected counts are exact.
_PIECES = st.sampled_from([
    ("x = 1", (1, 0, 0)),
    ("    return f(a, b)  # why", (1, 0, 0)),
    ("s = 'it''s # not'", (1, 0, 0)),
    ("# a comment", (0, 1, 0)),
    ("    # indented comment", (0, 1, 0)),
    ("", (0, 0, 1)),
    ("   ", (0, 0, 1)),
    ('"""One-line docstring."""', (0, 1, 0)),
    ('"""Multi\n\nline # with hash\n"""', (0, 3, 1)),
    ("t = '''\nsql # text\n'''", (1, 2, 0)),
])


@given(st.lists(_PIECES, max_size=40))
def test_python_composed_files(pieces: list[tuple[str, tuple[int, int, int]]]) -> None:
    text = "".join(src + "\n" for src, _ in pieces)
    expected = LineCounts()
    for _, counts in pieces:
        expected = expected + LineCounts(*counts)
    assert count_lines(text, "Python") == expected
