"""analyze._nodes.all_nodes: ast.walk's nodes in ast.walk's order, minus the singletons."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze._nodes import all_nodes

_SKIPPED = (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop, ast.alias,
            ast.TypeIgnore)


def _reference(tree: ast.AST) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if not isinstance(n, _SKIPPED)]


STDLIB = Path(inspect.getfile(ast)).parent


@pytest.mark.parametrize("name", ["ast.py", "inspect.py", "typing.py", "dataclasses.py",
                                  "argparse.py", "asyncio/base_events.py", "re/_parser.py"])
def test_same_nodes_in_the_same_order_as_ast_walk(name: str) -> None:
    tree = ast.parse((STDLIB / name).read_text(encoding="utf-8"), type_comments=True)
    assert all_nodes(tree) == _reference(tree)  # identity: the very same node objects


def test_newer_syntax_is_walked_like_ast_walk() -> None:
    src = ("def f(x: int = 1, /, *, y=None, **kw) -> int:\n"
           "    match x:\n"
           "        case {'k': [1, *rest], **more} | Point(x=0, y=True) as p: pass\n"
           "        case None: return f'{x!r:>{y}}'\n")
    tree = ast.parse(src)
    assert all_nodes(tree) == _reference(tree)


def test_deep_nesting_does_not_recurse() -> None:
    tree = ast.parse("x = " + "(" * 90 + "1" + ")" * 90)  # the parser's own limit is ~100
    deep: ast.expr = ast.Constant(1)
    for _ in range(20_000):
        deep = ast.UnaryOp(ast.USub(), deep)
    tree.body[0].value = deep  # type: ignore[attr-defined]
    nodes = all_nodes(tree)
    assert nodes == _reference(tree)
    assert sum(isinstance(n, ast.UnaryOp) for n in nodes) == 20_000


@given(st.lists(st.sampled_from([
    "a = b.c(d, *e, k=f)", "if x and not y: pass", "for i in range(3): z += i",
    "with open(p) as fh: data = fh.read()", "lambda q, *r: q[r]", "{k: v for k, v in m}",
    "try:\n    pass\nexcept E as e:\n    raise", "async def g():\n    await h()",
    "x: int = 3", "del a[1:2]", "assert x, 'msg'", "print(f'{x:{w}}')",
]), max_size=12))
def test_random_programs_match_ast_walk(lines: list[str]) -> None:
    tree = ast.parse("\n".join(lines))
    assert all_nodes(tree) == _reference(tree)
