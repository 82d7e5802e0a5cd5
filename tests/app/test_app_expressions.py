"""The expression language: round trips, grammar rejections, transform semantics."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from batuta.app._evaluate import evaluate, render_template
from batuta.app.expressions import (
    Call,
    Compare,
    Field,
    Literal,
    Pipeline,
    check_call,
    parse,
    parse_template,
    unparse,
    unparse_template,
)
from batuta.errors import BatutaError, ExpressionError

KEYWORDS = {"true", "false", "null"}
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda n: n not in KEYWORDS)
fields = st.lists(names, min_size=1, max_size=3).map(lambda p: Field(tuple(p)))
scalars = st.one_of(
    st.text(max_size=12), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none())
literals = scalars.map(Literal)
operands = st.one_of(fields, literals)
compares = st.builds(Compare, operands, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
                     operands)
one_field = fields.map(lambda f: (f,))


def _call(name: str) -> st.SearchStrategy[Call]:
    if name == "filter":
        return st.builds(Call, st.just(name),
                          st.lists(st.one_of(compares, fields), min_size=1, max_size=3)
                          .map(tuple),
                          st.lists(st.tuples(names, operands), max_size=2, unique_by=lambda t: t[0])
                          .map(tuple))
    if name == "select":
        return st.builds(Call, st.just(name), st.lists(fields, min_size=1, max_size=3).map(tuple))
    if name == "sort":
        return st.builds(Call, st.just(name), one_field,
                         st.sampled_from([(), (("desc", Literal(True)),),
                                          (("desc", Literal(False)),)]))
    if name == "limit":
        return st.integers(0, 10**6).map(lambda n: Call(name, (Literal(n),)))
    if name == "count":
        return st.just(Call(name))
    if name in ("sum", "mean", "min", "max", "percentage"):
        return st.builds(Call, st.just(name), st.one_of(st.just(()), one_field))
    if name == "group_by":
        aggs = st.lists(st.tuples(st.sampled_from(["sum", "mean", "min", "max"]), fields),
                        max_size=2, unique_by=lambda t: t[0]).map(tuple)
        return st.builds(Call, st.just(name), one_field, aggs)
    return st.builds(Call, st.just(name), one_field, fields.map(lambda f: (("on", f),)))


calls = st.sampled_from(["filter", "select", "sort", "limit", "count", "sum", "mean", "min",
                         "max", "percentage", "group_by", "join"]).flatmap(_call)
pipelines = st.builds(Pipeline, fields, st.lists(calls, max_size=5).map(tuple))


def _same(a: Any, b: Any) -> bool:
    """Structural equality that also tells 1 from 1.0 from True (dataclass == does not)."""
    if isinstance(a, Literal) and isinstance(b, Literal):
        return type(a.value) is type(b.value) and (
            a.value == b.value or (isinstance(a.value, float) and math.copysign(1, a.value)
                                   == math.copysign(1, b.value) and a.value == b.value))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is not type(b):
        return False
    if hasattr(a, "__dataclass_fields__"):
        return all(_same(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__)
    return bool(a == b)


@given(pipelines)
def test_round_trip_parse_unparse(p: Pipeline) -> None:
    for call in p.steps:
        check_call(call)
    text = unparse(p)
    again = parse(text)
    assert again == p
    assert _same(again, p)
    assert unparse(again) == text


@given(pipelines, st.text(alphabet="abc :.-", max_size=10))
def test_template_round_trip(p: Pipeline, prefix: str) -> None:
    tpl = parse_template(f"{prefix}{{{{ {unparse(p)} }}}} tail")
    assert parse_template(unparse_template(tpl)) == tpl


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_expression_error(text: str) -> None:
    with contextlib.suppress(ExpressionError):
        parse(text)


@given(st.text(alphabet='ab()|,=<>!."\'0123456789 _-', max_size=40))
def test_grammar_punctuation_parses_or_raises_expression_error(text: str) -> None:
    try:
        p = parse(text)
    except ExpressionError:
        return
    assert parse(unparse(p)) == p


@given(st.text(alphabet="+*/%^&;:$@#~`[]{}\\?", min_size=1, max_size=5), pipelines)
def test_characters_outside_the_grammar_are_rejected(junk: str, p: Pipeline) -> None:
    text = unparse(p)
    assume("{{" not in junk)
    with pytest.raises(ExpressionError):
        parse(text + " " + junk)


@pytest.mark.parametrize("text", [
    "", "files |", "| count", "files | nope", "files | limit(1.5)", "files | limit(-2)",
    "files | limit(true)", "files | filter()", "files | filter(3)", "files | count(x)",
    "files | sort(a, b)", "files | sort(a, up=true)", "files | sort(a, desc=1)",
    "files | select()", "files | join(other)", "files | group_by(a, median=b)",
    "files | group_by(a, sum=3)", "files | sum(a, b)", "__import__('os').system('x')",
    "files | filter(a > 1, b=2, c > 3)", "files | filter(a == 'x\\q')", "true",
    "files | filter(a = = 1)", "files.", "files | filter(x=1, x=2)", "files | count()x",
    "lambda: 1", "files[0]", "files | filter(a > 1 > 2)",
])
def test_outside_the_grammar_is_rejected(text: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.code == "BATUTA-X-011"


def test_unbalanced_braces_are_rejected() -> None:
    for text in ("{{ files", "files }}", "{{ a }} {{", "{{ {{ a }} }}"):
        with pytest.raises(ExpressionError):
            parse_template(text)


ROWS = {
    "files": [
        {"language": "Python", "code": 120, "test": True},
        {"language": "C", "code": 50, "test": False},
        {"language": "Python", "code": 300, "test": False},
        {"language": "Shell", "code": None, "test": False},
    ],
    "owners": [{"language": "Python", "team": "ml"}, {"language": "C", "team": "core"}],
    "analysis": {"tdg": {"score": 82.5}, "languages": [{"language": "Python", "code": 420}]},
}


@pytest.mark.parametrize(("text", "expected"), [
    ('files | filter(language == "Python") | count', 2),
    ("files | filter(code > 100) | sum(code)", 420),
    ("files | filter(code >= 50, code < 300) | count", 2),
    ("files | filter(language != 'C') | count", 3),
    ("files | filter(test=true) | percentage", 25.0),
    ("files | percentage(code)", 100.0),
    ("files | filter(language == \"C\") | percentage(code)", 50 / 470 * 100),
    ("files | mean(code)", 470 / 3),
    ("files | min(code)", 50),
    ("files | max(code)", 300),
    ("files | filter(code > 1000) | mean(code)", None),
    ("files | sort(code, desc=true) | limit(1) | select(language)", [{"language": "Python"}]),
    ("files | sort(code) | select(code)", [{"code": 50}, {"code": 120}, {"code": 300},
                                          {"code": None}]),
    ("files | group_by(language, sum=code)", [
        {"language": "Python", "count": 2, "code": 420},
        {"language": "C", "count": 1, "code": 50},
        {"language": "Shell", "count": 1, "code": 0}]),
    ("files | join(owners, on=language) | select(team) | count", 3),
    ("data.files | count", 4),
    ("analysis.tdg.score", 82.5),
    ("analysis.languages | sum(code)", 420),
    ("files | filter(test) | count", 1),
])
def test_transforms(text: str, expected: Any) -> None:
    assert evaluate(parse(text), ROWS) == expected


def test_evaluation_errors_are_typed() -> None:
    for text in ("missing | count", "files | count | count", "files | sum(language)",
                 "files | filter(language > 3)", "analysis.nope", "analysis | count"):
        with pytest.raises(BatutaError):
            evaluate(parse(text), ROWS)


def test_template_text_and_single_values() -> None:
    assert render_template(parse_template("{{ files | count }}"), ROWS) == 4
    assert render_template(parse_template("n = {{ files | sum(code) }}!"), ROWS) == "n = 470!"


def test_true_is_not_one() -> None:
    rows = {"r": [{"v": 1}, {"v": True}]}
    assert evaluate(parse("r | filter(v == 1) | count"), rows) == 1
    assert evaluate(parse("r | filter(v == true) | count"), rows) == 1
