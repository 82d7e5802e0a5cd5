"""Per-function complexity: radon's cyclomatic rules (checked against radon itself on tricky
constructs and on generated programs), Sonar cognitive complexity on the white paper's
examples, naming, bands, deep nesting, and lizard for other languages with its size bounds."""

from __future__ import annotations

import ast
import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from radon.complexity import add_inner_blocks, cc_visit_ast
from radon.visitors import Function

from batuta.analyze.complexity import (
    LIZARD_MAX_CHARS,
    band_for,
    other_functions,
    parse_python,
    python_functions,
)
from batuta.errors import (
    BatutaError,
    InputTooLargeError,
    NestingTooDeepError,
    SourceSyntaxError,
)


def _funcs(src: str) -> dict[str, tuple[int, int | None]]:
    return {f.name: (f.cyclomatic, f.cognitive)
            for f in python_functions(ast.parse(textwrap.dedent(src)))}


def _radon(tree: ast.Module) -> dict[tuple[int, str], int]:
    return {(b.lineno, b.name.rsplit(".", 1)[-1]): b.complexity
            for b in add_inner_blocks(cc_visit_ast(tree)) if isinstance(b, Function)}


def _ours(tree: ast.Module) -> dict[tuple[int, str], int]:
    return {(f.line, f.name.rsplit(".", 1)[-1]): f.cyclomatic for f in python_functions(tree)}


RADON_EDGES = {
    "try_star_counts_nothing": """\
        def f():
            try:
                g()
            except* ValueError:
                h()
            except* TypeError:
                pass
        """,
    "match_with_and_without_catch_all": """\
        def f(x):
            match x:
                case 1: pass
                case [a, *_] if a and x: pass
                case _: pass
        def g(x):
            match x:
                case {"k": v}: pass
                case y: pass
        def h(x):
            match x:
                case _: pass
        """,
    "assert_is_one_and_not_looked_into": """\
        def f(a, b):
            assert a and b or (1 if a else 2), [x for x in a if x]
        """,
    "comprehensions_lambdas_ternaries": """\
        def f(a):
            g = lambda x: x if x else [y for y in x if y if not y for z in y]
            return {k: v for k, v in a if k or v}, (i async for i in a)
        """,
    "loops_with_else_and_try_else": """\
        async def f(a):
            for x in a:
                break
            else:
                pass
            while a:
                pass
            async for y in a:
                pass
            try:
                pass
            except A:
                pass
            except B:
                pass
            else:
                pass
            finally:
                pass
            with a, b:
                pass
        """,
    "decorators_defaults_and_nested_defs_do_not_count": """\
        @deco(1 if a else 2)
        def f(x=1 if a else 2):
            @other(a or b)
            def g(y=a and b):
                if y:
                    return 1
            class L:
                def m(self):
                    return 1 if self else 2
            return g
        """,
    "classes_methods_and_inner_classes": """\
        class A:
            if flag:
                def m(self):
                    return self or 1
            class B:
                def n(self):
                    for i in self:
                        def inner():
                            return i and 1
        """,
}


@pytest.mark.parametrize("src", list(RADON_EDGES.values()), ids=list(RADON_EDGES))
def test_cyclomatic_equals_radon_on_edge_cases(src: str) -> None:
    tree = ast.parse(textwrap.dedent(src))
    radon = _radon(tree)
    ours = _ours(tree)
    assert radon, "every edge case defines functions"
    for key, value in radon.items():
        assert ours.get(key) == value, key


def test_names_follow_radon_qualification() -> None:
    names = list(_funcs(RADON_EDGES["classes_methods_and_inner_classes"]))
    assert names == ["A.m", "A.B.n", "A.B.n.inner"]
    names = list(_funcs(RADON_EDGES["decorators_defaults_and_nested_defs_do_not_count"]))
    assert names == ["f", "f.g", "f.L.m"]


COGNITIVE = {
    # SonarSource white paper, sumOfPrimes: 7 in Java, where the labelled `continue OUTER`
    # costs 1; Python has no labels, so 6.
    "sum_of_primes": ("""\
        def sum_of_primes(maximum):
            total = 0
            for i in range(1, maximum):
                for j in range(2, i):
                    if i % j == 0:
                        continue
                total += i
            return total
        """, 6),
    # White paper getWords: a switch is one increment however many cases.
    "get_words": ("""\
        def get_words(number):
            match number:
                case 1: return "one"
                case 2: return "a couple"
                case _: return "lots"
        """, 1),
    "if_elif_else": ("""\
        def f(x, y):
            if x:
                pass
            elif y:
                pass
            else:
                pass
        """, 3),
    "else_then_nested_if_is_not_elif": ("""\
        def f(x, y):
            if x:
                pass
            else:
                if y:
                    pass
        """, 4),
    "boolean_operator_runs": ("""\
        def f(a, b, c, d, e, g):
            if a and b and c or d or not (e and g):
                pass
        """, 4),
    "recursion": ("""\
        def fact(n):
            return 1 if n <= 1 else n * fact(n - 1)
        """, 2),
    "method_recursion_through_self": ("""\
        class T:
            def walk(self, n):
                for c in n:
                    self.walk(c)
        """, 2),
    "nesting_through_try_and_except": ("""\
        def g(a, b, y, z):
            try:
                if a:
                    for x in y:
                        while z:
                            pass
            except ValueError:
                if b:
                    pass
        """, 9),
    "lambda_nests": ("""\
        def h(y):
            return map(lambda x: 1 if x else 2, y)
        """, 2),
    "loop_else_and_comprehension_filters": ("""\
        def k(a):
            for x in a:
                pass
            else:
                pass
            return [x for x in a if x if not x]
        """, 4),
}


@pytest.mark.parametrize(("src", "expected"), list(COGNITIVE.values()), ids=list(COGNITIVE))
def test_cognitive_complexity(src: str, expected: int) -> None:
    (cyclomatic, cognitive), = _funcs(src).values()
    assert cognitive == expected
    assert cyclomatic >= 1


@pytest.mark.parametrize(("cc", "band"), [
    (1, "simple"), (10, "simple"), (11, "moderate"), (20, "moderate"), (21, "complex"),
    (50, "complex"), (51, "very complex"), (1000, "very complex"),
])
def test_band_edges(cc: int, band: str) -> None:
    assert band_for(cc) == band


def test_results_are_sorted_and_carry_lines_and_path() -> None:
    tree = ast.parse("def b():\n    pass\n\n\ndef a():\n    if x:\n        pass\n")
    results = python_functions(tree, path="m.py")
    assert [(f.name, f.line, f.end_line, f.band, f.path) for f in results] == [
        ("b", 1, 2, "simple", "m.py"), ("a", 5, 7, "simple", "m.py")]


def test_deeply_nested_expressions_are_measured() -> None:
    src = "def f(a):\n    return " + "1 if a else " * 500 + "0\n"
    (f,) = python_functions(parse_python(src))
    assert f.cyclomatic == 501
    assert f.cognitive == sum(range(1, 501))  # each ternary nests inside the previous one


def test_hand_built_tree_far_deeper_than_the_recursion_limit() -> None:
    where = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 1}
    body: ast.stmt = ast.Pass(**where)
    for _ in range(20_000):  # ast.fix_missing_locations would itself recurse, so set them here
        body = ast.If(test=ast.Name("x", ast.Load(), **where), body=[body], orelse=[], **where)
    func = ast.FunctionDef(name="f", args=ast.arguments([], [], None, [], [], None, []),
                           body=[body], decorator_list=[], returns=None, **where)
    tree = ast.Module(body=[func], type_ignores=[])
    (f,) = python_functions(tree)
    assert f.cyclomatic == 20_001


@pytest.mark.parametrize("src", [
    "def f(a):\n    return " + "not " * 5000 + "a\n",
    "x = " + "1 if a else " * 5000 + "0\n",
])
def test_parser_exhaustion_is_a_typed_error(src: str) -> None:
    with pytest.raises(NestingTooDeepError):
        parse_python(src)


@pytest.mark.parametrize("src", ["def f(:\n", "x = 1\x00\n", "if x:\npass\n"])
def test_syntax_errors_are_typed(src: str) -> None:
    with pytest.raises(SourceSyntaxError):
        parse_python(src, "bad.py")


# --- generated programs: our count equals radon's on every function -------------------------

_EXPR = st.sampled_from([
    "a", "a and b", "a or b and c", "1 if a else 2", "[x for x in a if x]",
    "lambda v: v or a", "{k: v for k, v in a}", "not (a and b)", "f(a if b else c)",
])


@st.composite
def _block(draw: st.DrawFn, depth: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        lines.extend(draw(_statement(depth)))
    return lines


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


@st.composite
def _statement(draw: st.DrawFn, depth: int) -> list[str]:
    simple = ["x = " + draw(_EXPR), "assert " + draw(_EXPR), "return " + draw(_EXPR), "pass"]
    if depth <= 0:
        return [draw(st.sampled_from(simple))]
    kind = draw(st.sampled_from(["simple", "if", "for", "while", "try", "trystar", "with",
                                 "match", "def", "class"]))
    if kind == "simple":
        return [draw(st.sampled_from(simple))]
    inner = _indent(draw(_block(depth - 1)))
    other = _indent(draw(_block(depth - 1))) if kind in ("if", "for", "try", "trystar",
                                                        "match") else inner
    headers = {
        "if": ["if " + draw(_EXPR) + ":", *inner, "elif b:", *other, "else:", *other],
        "for": ["for i in " + draw(_EXPR) + ":", *inner, "else:", *other],
        "while": ["while " + draw(_EXPR) + ":", *inner],
        "try": ["try:", *inner, "except E:", *other, "else:", *inner],
        "trystar": ["try:", *inner, "except* E:", *other],
        "with": ["with " + draw(_EXPR) + " as w:", *inner],
        "match": ["match a:", "    case 1 | 2:", *_indent(inner), "    case _:", *_indent(other)],
        "def": ["def inner(q=" + draw(_EXPR) + "):", *inner],
        "class": ["class K:", "    def m(self):", *_indent(inner)],
    }
    return headers[kind]


@st.composite
def _module(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for n in range(draw(st.integers(1, 2))):
        lines.append(f"def f{n}(a, b, c):")
        lines.extend(_indent(draw(_block(3))))
    return "\n".join(lines) + "\n"


@settings(max_examples=50)  # each example is a whole module run through radon too
@given(_module())
def test_generated_programs_match_radon(src: str) -> None:
    tree = ast.parse(src)
    radon = _radon(tree)
    ours = _ours(tree)
    for key, value in radon.items():
        assert ours.get(key) == value, (key, src)


@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_batuta_errors(text: str) -> None:
    try:
        tree = parse_python(text)
    except (SourceSyntaxError, NestingTooDeepError):
        return
    for f in python_functions(tree):
        assert f.cyclomatic >= 1 and f.cognitive is not None and f.cognitive >= 0


# --- other languages through lizard ----------------------------------------------------------

C_SOURCE = """\
int clamp(int x, int lo, int hi) {
    if (x < lo) return lo;
    if (x > hi && hi > 0) return hi;
    return x;
}

static void loop(int n) {
    for (int i = 0; i < n; i++) { while (n--) {} }
}
"""


def test_c_functions_through_lizard() -> None:
    results = other_functions(C_SOURCE, "m.c", path="src/m.c")
    assert [(f.name, f.line, f.cyclomatic, f.cognitive) for f in results] == [
        ("clamp", 1, 4, None), ("loop", 7, 3, None)]
    assert all(f.path == "src/m.c" for f in results)


@pytest.mark.parametrize(("filename", "src", "names"), [
    ("a.js", "function f(a) { return a ? 1 : 2; }\n", ["f"]),
    ("a.go", "package m\nfunc F(a int) int {\n if a > 1 { return 1 }\n return 0\n}\n", ["F"]),
    ("a.rs", "fn f(a: i32) -> i32 {\n if a > 1 { 1 } else { 0 }\n}\n", ["f"]),
    ("A.java", "class A { int f(int a) { return a > 1 ? 1 : 0; } }\n", ["A::f"]),
    ("a.sh", "f() {\n  if [ -z \"$1\" ]; then echo x; fi\n}\n", []),
    ("notes.txt", "int f() { return 0; }\n", []),
])
def test_languages_lizard_reads(filename: str, src: str, names: list[str]) -> None:
    assert [f.name for f in other_functions(src, filename)] == names


def test_huge_single_line_is_refused_fast() -> None:
    line = "var x = 1;" * 1_000_000  # a 10 MB minified line
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError):
        other_functions(line, "bundle.js")
    assert time.perf_counter() - start < 2.0


def test_huge_file_is_refused() -> None:
    src = "int f(void) { return 0; }\n" * (LIZARD_MAX_CHARS // 20)
    with pytest.raises(InputTooLargeError):
        other_functions(src, "big.c")


_CODE_CHARS = st.text(alphabet=st.sampled_from(list("{}()[];:,.<>=!&|?'\"#/*\\\n\t abcif0")),
                      max_size=300)


@given(st.sampled_from(["a.c", "a.cpp", "a.js", "a.ts", "a.go", "a.rs", "A.java", "a.h"]),
       st.one_of(st.text(max_size=200), _CODE_CHARS))
def test_lizard_on_arbitrary_text_raises_only_batuta_errors(filename: str, text: str) -> None:
    try:
        results = other_functions(text, filename)
    except BatutaError:
        return
    assert all(f.cyclomatic >= 1 and f.cognitive is None for f in results)
