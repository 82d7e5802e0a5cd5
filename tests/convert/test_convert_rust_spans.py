"""``MappedConstruct.rust_span``: the Rust lines each mapped construct became, read off the final
``rust_code`` (after ``use``-shortening and layout), never by searching the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_convert_properties as props
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.convert import (
    MappedConstruct,
    convert_file,
    convert_numpy,
    convert_pytorch,
    convert_sklearn,
)

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted((CORPUS / "files").glob("*.py")) + sorted((CORPUS / "real").rglob("*.py"))


def item_names(rust: str) -> set[str]:
    """The names a mapping's Rust is made of, less path qualifiers (``aprender::tree::`` in
    ``aprender::tree::DecisionTreeRegressor::new()``), which a ``use`` line may shorten away;
    so the target item's own name (``DecisionTreeRegressor``, ``new``) always counts."""
    plain = re.sub("\x01([^\x01\x02]*)\x02", lambda g: g.group(1), rust)
    return {m.group(1) for m in re.finditer(r"\b([A-Za-z_]\w*)\b(?!::)", plain)}


def span_problems(rust_code: str, mappings: tuple[MappedConstruct, ...],
                  names: bool = True) -> list[str]:
    lines = rust_code.split("\n")
    bad = []
    for m in mappings:
        if m.rust_span is None:
            continue
        start, end = m.rust_span
        if not 1 <= start <= end <= len(lines):
            bad.append(f"{m.python}: {m.rust_span} outside 1..{len(lines)}")
            continue
        text = "\n".join(lines[start - 1:end])
        missing = sorted(n for n in item_names(m.rust) if n not in text) if names else []
        if missing:
            bad.append(f"{m.python} at {m.rust_span}: {missing} not in {text!r}")
    return bad


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_spans_hold_the_mapped_rust(path: Path) -> None:
    out = convert_file(path.read_text(encoding="utf-8"), path.name)
    assert span_problems(out.rust_code, out.mappings) == []
    # Only constructs without Rust lines of their own have none (``with torch.no_grad()``).
    assert all(m.rust_span is not None or m.rust == "(nothing)" for m in out.mappings), [
        m for m in out.mappings if m.rust_span is None]


def test_corpus_has_spans_at_all() -> None:
    assert len(FILES) >= 60  # 17 hand-written files, 52 real ones
    spans = [m.rust_span for p in FILES[:5]
             for m in convert_file(p.read_text(encoding="utf-8"), p.name).mappings]
    assert sum(s is not None for s in spans) >= 10


def test_spans_are_final_line_numbers() -> None:
    code = ("import numpy as np\nfrom sklearn.cluster import KMeans\n\n\n"
            "def f(a):\n    return np.exp(a)\n\n\n"
            "x = np.zeros(3)\nfor i in range(int(np.sum(x))):\n    y = np.sqrt(x)\n"
            "m = KMeans(n_clusters=2)\n")
    out = convert_file(code, "a.py")
    lines = out.rust_code.split("\n")
    got = {m.python: lines[m.rust_span[0] - 1] for m in out.mappings if m.rust_span}
    assert got["numpy.exp"].strip() == "Ok(a.exp()?)"  # the tail: its `return` dropped
    assert got["numpy.sum"].lstrip().startswith("for i in ")  # a loop: its header line
    assert got["numpy.sqrt"].lstrip().startswith("let y")
    assert "KMeans::new(2)" in got["sklearn.cluster.KMeans"]  # shortened by a `use` line
    assert all(m.rust_span is None or m.rust_span[0] == m.rust_span[1] for m in out.mappings)


def test_no_grad_has_no_span_and_its_body_keeps_its_own() -> None:
    out = convert_pytorch("import torch\nx = torch.zeros(2, 3)\nwith torch.no_grad():\n"
                          "    y = torch.relu(x)\n")
    spans = {m.python: m.rust_span for m in out.mappings}
    assert spans["torch.no_grad"] is None
    assert spans["torch.relu"] is not None
    assert "\x03" not in out.rust_code and "\ue000" not in out.rust_code


def test_snippet_spans() -> None:
    out = convert_numpy("a = np.zeros(3)\nb = np.exp(a)\nc = a + b")
    assert span_problems(out.rust_code, out.mappings) == []
    assert [m.rust_span for m in out.mappings if m.python == "numpy.exp"] == [(2, 2)]


file_programs = st.tuples(st.lists(st.tuples(props.names, props.numpy_expr()), min_size=1,
                                   max_size=4), props.plain_python)


@settings(max_examples=40, deadline=None)
@given(file_programs, st.sampled_from(["numpy", "sklearn", "pytorch"]),
       props.sklearn_stmt() | props.pytorch_stmt() | props.numpy_programs)
def test_generated_spans_never_exceed_the_text(
        case: tuple[list[tuple[str, str]], str], which: str, snippet: str) -> None:
    assignments, extra = case
    body = "\n".join(f"    {n} = {e}" for n, e in assignments)
    code = (f"import numpy as np\nfrom sklearn.cluster import KMeans\n\n"
            f"def fn(a, b):\n{body}\n    return {assignments[-1][0]}\n\n{extra}")
    out = convert_file(code, "gen.py")
    assert span_problems(out.rust_code, out.mappings, names=False) == []
    assert "\x03" not in out.rust_code
    convert = {"numpy": convert_numpy, "sklearn": convert_sklearn, "pytorch": convert_pytorch}
    snip = convert[which](snippet)
    assert span_problems(snip.rust_code, snip.mappings, names=False) == []
    assert "\x03" not in snip.rust_code
