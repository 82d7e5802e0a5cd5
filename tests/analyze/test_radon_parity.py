"""Acceptance: our cyclomatic complexity agrees with radon (the library, in the test venv) on the
real ``requests`` and ``flask`` sdists, and on the interpreter's own standard library sample.

Radon is a test-only dependency: it is imported here, never by the package.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from radon.complexity import add_inner_blocks, cc_visit_ast
from radon.visitors import Function

from batuta.analyze.complexity import python_functions

pytestmark = pytest.mark.slow


def _compare(root: Path) -> tuple[int, int, list[str]]:
    """(functions radon reports, of those where we agree, mismatch descriptions)."""
    total = agree = 0
    mismatches: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ours: dict[tuple[int, str], int] = {}
        for fn in python_functions(tree):
            # Closures are named differently (radon: ``m.inner``; ours ``C.m.inner``), so match
            # on the line and the last name part, which identify a definition uniquely.
            ours[(fn.line, fn.name.rsplit(".", 1)[-1])] = fn.cyclomatic
        for block in add_inner_blocks(cc_visit_ast(tree)):
            if not isinstance(block, Function):
                continue
            total += 1
            mine = ours.get((block.lineno, block.name.rsplit(".", 1)[-1]))
            if mine == block.complexity:
                agree += 1
            else:
                mismatches.append(f"{path.relative_to(root)}:{block.lineno} {block.fullname} "
                                  f"radon={block.complexity} ours={mine}")
    return total, agree, mismatches


@pytest.mark.parametrize("fixture", ["requests_sdist", "flask_sdist"])
def test_cyclomatic_agrees_with_radon_on_real_sdists(fixture: str,
                                                     request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(fixture)
    total, agree, mismatches = _compare(root)
    print(f"{fixture}: {agree}/{total} functions agree with radon")
    for line in mismatches:
        print("  mismatch:", line)
    assert total > 150, "the sdist should hold well over a hundred functions"
    assert agree / total >= 0.95


def test_cyclomatic_agrees_with_radon_on_stdlib_sample() -> None:
    """A broader sample: the json, email and asyncio packages of the running interpreter."""
    stdlib = Path(ast.__file__).parent
    total = agree = 0
    for name in ("json", "email", "asyncio"):
        t, a, mismatches = _compare(stdlib / name)
        total, agree = total + t, agree + a
        for line in mismatches:
            print("  mismatch:", line)
    print(f"stdlib sample ({sys.version_info[:2]}): {agree}/{total} agree")
    assert total > 1000
    assert agree / total >= 0.95
