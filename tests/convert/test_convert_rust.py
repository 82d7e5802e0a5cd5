"""The Rust emitter: identifiers, keywords, string and number literals (checked by rustfmt)."""

from __future__ import annotations

import keyword
import math
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.convert._rust import (
    RUST_KEYWORDS,
    Namer,
    reference,
    rust_float,
    rust_ident,
    rust_str,
    snake_case,
)


@pytest.mark.parametrize(("python", "rust"), [
    ("X_train", "x_train"), ("myModel", "my_model"), ("HTTPServer", "http_server"),
    ("type", "r#type"), ("match", "r#match"), ("fn", "r#fn"), ("self", "self_"),
    ("Self", "self_"), ("super", "super_"), ("_", "_unused"), ("__init__", "__init__"),
    ("é", "u00e9"), ("x2", "x2"),
])
def test_identifiers(python: str, rust: str) -> None:
    assert rust_ident(python) == rust


def test_namer_avoids_collisions() -> None:
    namer = Namer()
    assert [namer("X"), namer("x"), namer("X"), namer("x_2")] == ["x", "x_2", "x", "x_2_2"]


@pytest.mark.parametrize(("value", "text"), [
    (1, "1.0"), (-3, "-3.0"), (2.5, "2.5"), (1e-5, "1e-05"), (1e16, "1e+16"),
    (math.inf, "f32::INFINITY"), (-math.inf, "f32::NEG_INFINITY"), (math.nan, "f32::NAN"),
])
def test_floats(value: float, text: str) -> None:
    assert rust_float(value) == text


def test_strings_escape() -> None:
    assert rust_str('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    assert rust_str("\ud800") == '"\\u{fffd}"'
    assert rust_str("\x00\x7f") == '"\\u{0}\\u{7f}"'


def test_reference_parenthesizes_operators() -> None:
    assert reference("x") == "&x" and reference("a.add(&b)?") == "&a.add(&b)?"
    assert reference("a + b") == "&(a + b)" and reference("&x") == "&x"


identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(
    lambda s: not keyword.iskeyword(s))


@given(names=st.lists(identifiers | st.sampled_from(sorted(RUST_KEYWORDS)), min_size=1,
                      max_size=20),
       texts=st.lists(st.text(max_size=30), min_size=1, max_size=10),
       numbers=st.lists(st.floats() | st.integers(-10**30, 10**30), min_size=1, max_size=10))
def test_emitted_tokens_parse(names: list[str], texts: list[str], numbers: list[float],
                              rust_parses: Callable[[Sequence[str]], list[str]]) -> None:
    namer = Namer()
    lines = [f"let {namer(n)} = {rust_str(t)};" for n, t in zip(names, texts, strict=False)]
    lines += [f"let v{i} = {rust_float(x)};" for i, x in enumerate(numbers)]
    source = "fn f() {\n" + "\n".join(lines) + "\n}\n"
    assert rust_parses([source]) == []


@given(st.text(max_size=40))
def test_snake_case_is_an_identifier(name: str) -> None:
    ident = snake_case(name)
    assert ident and (ident[0].isalpha() or ident[0] == "_")
    assert all(c.isascii() and (c.isalnum() or c == "_") for c in ident)
