"""Tolerant analysis: Python with a syntax error is measured where its top-level parts parse."""

from __future__ import annotations

import ast
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta._serialize import to_json
from batuta.analyze import tolerant
from batuta.analyze.code import analyze_code
from batuta.analyze.complexity import parse_python
from batuta.analyze.tolerant import blank_lines, line_count, parse_tolerant, split_chunks
from batuta.errors import BatutaError

BROKEN = '''import numpy as np

def good(x):
    if x:
        return 1
    for i in range(3):
        if i:
            pass
    return 2

def broken(:
    pass

class K:
    def m(self, a):
        while a:
            a -= 1
        return np.zeros(3)

x = foo(
    1,
def after():
    return 3
'''


def test_functions_that_parse_are_measured_around_a_syntax_error() -> None:
    result = analyze_code(BROKEN)
    assert result.syntax_error is not None
    assert (result.syntax_error.line, result.syntax_error.column) == (11, 12)
    assert "invalid syntax" in result.syntax_error.message
    assert result.parse_error == "syntax error: invalid syntax (line 11)"
    assert result.not_measured_lines == ((11, 12), (20, 21))
    assert [(f.name, f.line, f.cyclomatic, f.cognitive) for f in result.functions] == [
        ("good", 3, 4, 4), ("K.m", 15, 2, 1), ("after", 22, 1, 0)]
    # Each figure is what the function measures on its own.
    alone = analyze_code("\n\n" + BROKEN[BROKEN.index("def good"):BROKEN.index("def broken")])
    assert alone.functions == result.functions[:1]
    # The import in the first chunk still tells what np.zeros in a later chunk is.
    assert result.has_numpy and [s.line for s in result.frameworks] == [18]
    # Lines are counted over the whole text, parsed or not.
    assert result.code + result.comment + result.blank == BROKEN.count("\n")


def test_the_grade_comes_from_what_parsed_and_says_it_is_partial() -> None:
    result = analyze_code(BROKEN)
    assert result.tdg is not None and result.tdg.score is not None and result.tdg.grade
    [partial] = result.tdg.not_measured
    assert partial.reason.startswith("partial grade: 4 of 23 lines did not parse")
    assert "lines 11-12, 20-21" in partial.reason and "(line 11)" in partial.reason
    # The graded code lines are those that parsed (23 lines, 4 unparsed, 4 blank).
    assert result.tdg.files[0].code_lines == result.code - 4
    strict = analyze_code(BROKEN, tolerant=False)
    assert strict.functions == () and strict.tdg is not None and strict.tdg.score is None


def test_nothing_parsed_is_reported_as_before() -> None:
    result = analyze_code("def broken(:\n    pass\n# note\n")
    assert result.functions == () and result.tdg is not None and result.tdg.score is None
    assert [n.reason for n in result.tdg.not_measured] == [result.parse_error]
    assert result.not_measured_lines == ((1, 2),)


def test_a_broken_decorated_function_keeps_its_decorator() -> None:
    chunks = [(a, b) for a, b, _ in split_chunks(
        "@d\n@e\ndef f():\n    pass\n\nelse_ = 1\nif x:\n    y\nelse:\n    z\n")]
    assert chunks == [(1, 4), (6, 6), (7, 10)]


def test_an_unclosed_string_or_bracket_does_not_swallow_later_functions() -> None:
    result = analyze_code('s = """never closed\ndef f(a):\n    return a and a\n')
    assert [f.name for f in result.functions] == ["f"]
    result = analyze_code("x = [1,\n2,\n\nimport os\ndef g():\n    return os.sep\n")
    assert [f.name for f in result.functions] == ["g"]
    assert result.not_measured_lines == ((1, 2),)


def test_line_helpers_follow_the_parser_line_breaks() -> None:
    text = "a = 1\r\nb = 2\rc\x0c = 3\n"  # \x0c is not a line break for Python
    assert line_count(text) == 3
    assert blank_lines(text, ((2, 2),)) == "a = 1\r\n\nc\x0c = 3\n"


_CODE_LINES = st.sampled_from([
    "import numpy as np", "from sklearn.cluster import KMeans", "def f(x):", "    if x:",
    "        return np.zeros(x)", "    return KMeans(3)", "class C:", "    def m(self):",
    "        return 1", "# c", "", "x = (", ")", "]", '"""', "'", "for i in range(3):",
    "    pass", "else:", "@d", "def g(:", "  ", "\tx", "y = [1,", "async def h():",
    "    await z", "while True: break", "\\", "x = 1 \\", "lambda: (",
])


@given(st.one_of(st.lists(_CODE_LINES, max_size=40).map("\n".join),
                 st.text(max_size=300)))
@settings(max_examples=150)
def test_arbitrary_text_is_measured_tolerantly(text: str) -> None:
    try:
        tolerant = analyze_code(text)
    except BatutaError:
        return
    json.loads(to_json(tolerant))
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    if tree is None:
        for first, last in tolerant.not_measured_lines:
            assert 1 <= first <= last <= max(1, line_count(text))
        return
    # Text that parses: exactly the normal analysis, and exactly ast.parse's tree.
    assert tolerant == analyze_code(text, tolerant=False)
    assert tolerant.syntax_error is None and tolerant.not_measured_lines == ()
    parsed = parse_tolerant(text)
    assert parsed.tree is not None and ast.dump(parsed.tree) == ast.dump(tree)


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the real parser's calls made by the tolerant parse (a wrapper, not a stand-in)."""
    calls: list[int] = []

    def counting(text: str, filename: str = "<code>") -> ast.Module:
        calls.append(len(text))
        return parse_python(text, filename)

    monkeypatch.setattr(tolerant, "parse_python", counting)
    return calls


def test_chunks_are_parsed_in_groups_not_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4,000-statement script with one error costs a few dozen parses, not 4,000; a text
    where every chunk fails costs at most two parses a chunk (the halving)."""
    calls = _count_parses(monkeypatch)
    text = "".join(f"x{i} = {i}\n" for i in range(4000)) + "def bad(:\n"
    parsed = parse_tolerant(text)
    assert parsed.unparsed == ((4001, 4001),) and parsed.tree is not None
    assert len(parsed.tree.body) == 4000 and parsed.tree.body[-1].lineno == 4000
    # The whole text (fails at line 4001), the 4,000 statements before it, the broken def.
    assert len(calls) == 3
    calls.clear()
    prose = "".join(f"This is sentence {i}.\n" for i in range(1000))
    assert parse_tolerant(prose).unparsed == ((1, 1000),)
    assert len(calls) <= 2 * 1000


_GOOD = {"def f(x):\n    if x:\n        return 1\n    return 2\n": ["f"],
         "class C:\n    def m(self, a):\n        return a or 1\n": ["C.m"],
         "@dec\nasync def h():\n    await z\n": ["h"]}
# Top-level blocks only: a broken indented line belongs to the function above it, which is then
# not measured (the unit is the top-level chunk). No lone triple quote: two of them around a
# function make it a string, rightly not measured (an unclosed one is tested above).
_BAD = ["def bad(:\n    pass\n", "x = (\n", "import numpy as np\n", "y = np.zeros(3)\n",
        "else:\n    pass\n", "print 'hi'\n", "\n", "if y:\n    pass\n", "try:\n    x\n",
        "except E:\n    pass\n", ")\n"]


@given(st.lists(st.sampled_from([*_GOOD, *_BAD]), max_size=12))
@settings(max_examples=120)
def test_every_whole_function_around_broken_code_is_measured(blocks: list[str]) -> None:
    text = "".join(blocks)
    result = analyze_code(text)
    if result.syntax_error is None:
        return  # it parses as a whole: the strict analysis (see the property above)
    expected = sorted(name for block in blocks for name in _GOOD.get(block, []))
    assert sorted(f.name for f in result.functions) == expected
    measured = {line for f in result.functions for line in range(f.line, f.end_line + 1)}
    for first, last in result.not_measured_lines:
        assert not measured & set(range(first, last + 1))
