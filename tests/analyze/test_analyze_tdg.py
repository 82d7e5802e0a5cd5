"""The technical-debt grade: edges (nothing measured, one file, unmeasurable files), duplication
across files, weighting by code lines, monotone components, and untrusted input."""

from __future__ import annotations

import ast
import dataclasses
import textwrap
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze import tdg
from batuta.analyze.complexity import other_functions, parse_python, python_functions
from batuta.analyze.results import LineCounts, NotMeasured
from batuta.errors import BatutaError
from batuta.grades import grade_for


def _counts(text: str) -> LineCounts:
    """Rough cloc-like counts for test inputs (the real counter lives in analyze.lines)."""
    code = comment = blank = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            blank += 1
        elif stripped.startswith(("#", "//")):
            comment += 1
        else:
            code += 1
    return LineCounts(code, comment, blank)


def _measure(path: str, text: str, language: str = "Python") -> tdg.FileMetrics:
    text = textwrap.dedent(text)
    if language == "Python":
        tree: ast.Module | None = parse_python(text)
        functions = python_functions(tree)
    else:
        tree, functions = None, other_functions(text, path)
    measured = tdg.measure_file(path, language, text, _counts(text), tree, functions)
    assert isinstance(measured, tdg.FileMetrics)
    return measured


GOOD = '''\
    """A small, documented module."""

    import os


    def join(a: str, b: str) -> str:
        """Join two parts."""
        return os.path.join(a, b)


    class Box:
        """Holds a value."""

        def get(self) -> int:
            """The value."""
            return 1
    '''


def _module(n: int) -> str:
    """A distinct module: no line repeats another module's lines."""
    body = "\n".join(f"    value_{n}_{i} = compute_{n}(argument_{i}, {i})" for i in range(12))
    return f'"""Module {n}."""\n\n\ndef run_{n}():\n    """Run."""\n{body}\n    return 0\n'


def test_nothing_measured_gives_no_score() -> None:
    result = tdg.score_project([], [])
    assert (result.score, result.grade, result.components) == (None, None, ())


def test_all_unmeasurable_gives_no_score_and_lists_them() -> None:
    reasons = [NotMeasured("a.py", "syntax error"), NotMeasured("b.json", "config")]
    result = tdg.score_project([], reasons)
    assert result.score is None and result.grade is None
    assert result.not_measured == tuple(reasons)


@pytest.mark.parametrize(("language", "text", "tree", "reason"), [
    ("JSON", '{"a": 1}\n', None, "not scored"),
    ("Python", "# only a comment\n\n", None, "no code lines"),
    ("Python", "def f(:\n", None, "does not parse"),
])
def test_measure_file_says_why_not(language: str, text: str, tree: ast.Module | None,
                                   reason: str) -> None:
    measured = tdg.measure_file("x", language, text, _counts(text), tree, [])
    assert isinstance(measured, NotMeasured)
    assert reason in measured.reason


def test_one_file_project_score_equals_its_file_score() -> None:
    result = tdg.score_project([_measure("good.py", GOOD)])
    (file,) = result.files
    assert result.score == file.score
    assert result.grade == grade_for(file.score) == file.grade
    assert {c.name for c in result.components} == set(tdg.WEIGHTS)
    assert result.score is not None and result.score >= 95  # small, documented, simple


def test_points_are_weight_times_ratio_and_sum_to_the_score() -> None:
    result = tdg.score_project([_measure("good.py", GOOD)])
    for c in result.components:
        assert c.weight == tdg.WEIGHTS[c.name]
        assert c.points == pytest.approx(c.weight * c.ratio, abs=0.01)
    assert sum(c.points for c in result.components) == pytest.approx(result.score, abs=0.05)


def test_duplicated_files_lower_the_duplication_component() -> None:
    distinct = tdg.score_project([_measure("a.py", _module(1)), _measure("b.py", _module(2))])
    copied = tdg.score_project([_measure("a.py", _module(1)), _measure("b.py", _module(1))])

    def dup(result: tdg.TDGResult) -> float:
        return next(c.ratio for c in result.components if c.name == "duplication")

    assert dup(distinct) == 1.0
    assert dup(copied) < 0.2
    assert copied.score is not None and distinct.score is not None
    assert copied.score < distinct.score


def test_duplication_inside_one_file_counts() -> None:
    block = "\n".join(f"total = total + weight_{i} * item_{i}" for i in range(8))
    text = f"def f():\n{textwrap.indent(block, '    ')}\n\n\ndef g():\n" \
           f"{textwrap.indent(block, '    ')}\n"
    (share,) = tdg.duplicated_shares([_measure("x.py", text)])
    assert share > 0.8


def test_short_windows_and_trivial_lines_are_not_duplication() -> None:
    text = "x = compute()\n}\n}\n}\n}\n}\n}\n}\n}\n"
    shares = tdg.duplicated_shares([_measure("a.c", text, "C"), _measure("b.c", text, "C")])
    assert shares == [0.0, 0.0]  # one meaningful line each: no 6-line window at all


def test_project_score_is_weighted_by_code_lines() -> None:
    bad_body = "\n".join(f"    if a == {i}:\n        return {i}" for i in range(80))
    bad = _measure("bad.py", f"def f(a):\n{bad_body}\n")
    good = _measure("good.py", GOOD)
    result = tdg.score_project([bad, good])
    by_path = {f.path: f for f in result.files}
    expected = ((by_path["bad.py"].score * bad.code_lines + by_path["good.py"].score *
                 good.code_lines) / (bad.code_lines + good.code_lines))
    assert result.score == pytest.approx(expected, abs=0.01)
    assert by_path["bad.py"].score < by_path["good.py"].score


def test_other_language_file_is_scored_without_cognitive() -> None:
    text = ('#include <stdio.h>\n// Print.\nint main(void) {\n  if (1) puts("x");\n'
            "  return 0;\n}\n")
    result = tdg.score_project([_measure("m.c", text, "C")])
    names = {c.name for c in result.components}
    assert "semantic_complexity" not in names  # lizard gives no cognitive figure
    assert {"structural_complexity", "coupling", "documentation"} <= names
    assert result.score is not None and 0 <= result.score <= 100


def test_score_code_single_snippet() -> None:
    text = textwrap.dedent(GOOD)
    tree = parse_python(text)
    result = tdg.score_code("s.py", "Python", text, _counts(text), tree, python_functions(tree))
    assert result.score is not None and result.grade == grade_for(result.score)
    empty = tdg.score_code("s.py", "Python", "", LineCounts(), None, [])
    assert empty.score is None and empty.not_measured[0].reason == "no code lines"


# --- each component is monotone in its raw measure --------------------------------------------

def _with(**changes: object) -> tdg.FileMetrics:
    base = tdg.FileMetrics(path="f.py", language="Python", code_lines=100, comment_lines=10,
                           cyclomatic=((3, 10),), cognitive=((2, 10),), line_hashes=(),
                           imports=3, documented=1, documentable=1,
                           consistency_parts=(1.0, 1.0))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@given(st.integers(1, 200), st.integers(1, 200))
def test_structural_ratio_is_monotone(cc_a: int, cc_b: int) -> None:
    lo, hi = sorted((cc_a, cc_b))
    r_lo = tdg.file_ratios(_with(cyclomatic=((lo, 20),)), 0.0)["structural_complexity"]
    r_hi = tdg.file_ratios(_with(cyclomatic=((hi, 20),)), 0.0)["structural_complexity"]
    assert 0.0 <= r_hi <= r_lo <= 1.0


@pytest.mark.parametrize(("cc", "ratio"), [(1, 1.0), (10, 1.0), (30, 0.5), (50, 0.0), (99, 0.0)])
def test_structural_edges(cc: int, ratio: float) -> None:
    assert tdg.file_ratios(_with(cyclomatic=((cc, 5),)), 0)["structural_complexity"] == ratio


@pytest.mark.parametrize(("cog", "ratio"), [(0, 1.0), (15, 1.0), (60, 0.0), (1000, 0.0)])
def test_semantic_edges(cog: int, ratio: float) -> None:
    assert tdg.file_ratios(_with(cognitive=((cog, 5),)), 0)["semantic_complexity"] == ratio


@pytest.mark.parametrize(("imports", "ratio"), [(0, 1.0), (12, 1.0), (27, 0.5), (42, 0.0)])
def test_coupling_edges(imports: int, ratio: float) -> None:
    assert tdg.file_ratios(_with(imports=imports), 0)["coupling"] == ratio


@given(st.integers(0, 50), st.integers(1, 50), st.floats(0, 1), st.floats(0, 1))
def test_documentation_and_duplication_are_monotone(doc: int, total: int, d1: float,
                                                    d2: float) -> None:
    doc = min(doc, total)
    fewer = tdg.file_ratios(_with(documented=doc, documentable=total), min(d1, d2))
    more = tdg.file_ratios(_with(documented=total, documentable=total), max(d1, d2))
    assert fewer["documentation"] <= more["documentation"]
    assert fewer["duplication"] >= more["duplication"]


def test_comment_density_documents_other_languages() -> None:
    none = tdg.file_ratios(_with(language="C", documented=None, documentable=None,
                                 comment_lines=0), 0)
    full = tdg.file_ratios(_with(language="C", documented=None, documentable=None,
                                 comment_lines=25), 0)
    assert none["documentation"] == 0.0 and full["documentation"] == 1.0


def test_no_functions_leaves_complexity_unmeasured_not_full_marks() -> None:
    ratios = tdg.file_ratios(_with(cyclomatic=(), cognitive=()), 0.0)
    assert "structural_complexity" not in ratios and "semantic_complexity" not in ratios


def test_consistency_sees_mixed_indentation_and_naming() -> None:
    clean = _measure("a.py", "def one():\n    return 1\n\n\ndef two():\n    return 2\n")
    mixed = _measure("b.py", "def one():\n    return 1\n\n\ndef twoThree():\n\treturn 2\n")
    assert tdg.file_ratios(clean, 0)["consistency"] == 1.0
    assert tdg.file_ratios(mixed, 0)["consistency"] < 1.0


@pytest.mark.parametrize(("language", "text", "imports"), [
    ("C", '#include <a.h>\n#include "b.h"\n# include <a.h>\nint x;\n', 2),
    ("Rust", "use std::io;\npub use crate::a::b;\nextern crate c;\nfn f() {}\n", 3),
    ("Go", 'package m\nimport "fmt"\nimport (\n  "os"\n  x "net/http"\n)\n', 3),
    ("Java", "import java.util.List;\nimport static a.B.c;\nclass A {}\n", 2),
    ("JavaScript", "import x from 'a';\nimport 'b';\nconst c = require(\"c\");\n", 3),
    ("Shell", "source ./lib.sh\n. /etc/profile\necho hi\n", 2),
])
def test_imports_are_counted_per_language(language: str, text: str, imports: int) -> None:
    measured = tdg.measure_file("x", language, text, _counts(text), None, [])
    assert isinstance(measured, tdg.FileMetrics) and measured.imports == imports


def test_duplication_scales_to_many_lines() -> None:
    """200,000 meaningful lines in 400 files: two linear passes, well under a few seconds."""
    files = [_with(path=f"f{i}.py", line_hashes=tuple(range(i * 500, i * 500 + 500)))
             for i in range(400)]
    start = time.perf_counter()
    shares = tdg.duplicated_shares(files)
    assert time.perf_counter() - start < 5.0
    assert shares == [0.0] * 400


@given(st.text(max_size=400))
def test_arbitrary_text_gives_a_score_or_a_typed_error(text: str) -> None:
    try:
        tree = parse_python(text)
    except BatutaError:
        tree = None
    functions = python_functions(tree) if tree is not None else []
    result = tdg.score_code("x.py", "Python", text, _counts(text), tree, functions)
    if result.score is None:
        assert result.not_measured
    else:
        assert 0.0 <= result.score <= 100.0 and result.grade == grade_for(result.score)
