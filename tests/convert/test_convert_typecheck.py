"""Converted Rust against the real crate APIs (issue 12): the whole corpus type-checks with
``cargo check --offline`` against stub crates generated from the tables, and every item the
output names is in the tables with the arity and receiver it is called with (0 misses)."""

from __future__ import annotations

import re
from pathlib import Path

from convert_support import CORPUS

from batuta.convert import convert_file, convert_numpy, convert_pytorch, convert_sklearn
from batuta.convert.audit import misses, named_items
from rust_check import RustChecker

FILES = sorted((CORPUS / "files").glob("*.py"))
REAL = sorted((CORPUS / "real").rglob("*.py"))
SNIPPETS = sorted((CORPUS / "snippets").glob("*.py"))
SNIPPET_CONVERTERS = {"numpy": convert_numpy, "sklearn": convert_sklearn,
                      "pytorch": convert_pytorch}


def _module_name(path: Path) -> str:
    rel = path.relative_to(CORPUS).with_suffix("")
    return "m_" + re.sub(r"[^a-z0-9]+", "_", str(rel).lower())


def _modules() -> dict[str, str]:
    return {_module_name(p): convert_file(p.read_text(encoding="utf-8"), p.name).rust_code
            for p in [*FILES, *REAL]}


def test_the_real_corpus_is_large_enough() -> None:
    assert len(REAL) >= 40
    assert (CORPUS / "real" / "SOURCES.md").exists()


def test_every_corpus_file_type_checks(rust_checker: RustChecker) -> None:
    """One cargo invocation over every converted corpus file (hand-written and real)."""
    modules = _modules()
    assert len(modules) == len(FILES) + len(REAL)
    assert rust_checker.check(modules) == []


# --- 0 misses: every item the output names is a table item --------------------------------


def _all_outputs() -> list[tuple[str, str]]:
    outputs = [(p.name, text) for p, text in zip([*FILES, *REAL], _modules().values(),
                                                 strict=True)]
    for path in SNIPPETS:
        result = SNIPPET_CONVERTERS[path.name.split("_")[0]](path.read_text(encoding="utf-8"))
        outputs.append((path.name, "\n".join(result.imports) + "\n" + result.rust_code))
    return outputs


def test_no_emitted_item_is_missing_from_the_tables() -> None:
    found = {name: misses(text) for name, text in _all_outputs()}
    assert {name: m for name, m in found.items() if m} == {}
    assert sum(len(named_items(text)) for _, text in _all_outputs()) > 200


def test_the_miss_finder_finds_misses() -> None:
    assert misses("use aprender::LinearRegression;\n") == ["aprender::LinearRegression (use)"]
    assert misses("use trueno::Vector;\nlet v = Vector::zeros(3);\n") == [
        "trueno::Vector::zeros (call with 1 argument(s), no receiver)"]
    assert misses("use aprender::cluster::KMeans;\nlet k = KMeans::new();\n") == [
        "aprender::cluster::KMeans::new (call with 0 argument(s), no receiver)"]
    assert misses("use aprender::cluster::KMeans;\nlet k = KMeans::new(3);\n"
                  "// py: KMeans::nothing()\n") == []


# --- soundness on generated programs: what the type pass writes, cargo accepts ------------

_STATEMENTS = [
    "a = np.array([1.0, 2.0, 3.0])", "b = np.zeros(3)", "c = a + b", "d = np.exp(a) * 2",
    "m = np.mean(c)", "s = np.std(a) + m", "t = np.dot(a, b)", "n = len(a)", "k = n * 2",
    "v = [1, 2, 3]", "w = [x * 2 for x in v]", "z = sum(w) / len(w)", "e = np.maximum(a, 0)",
    "print('mean', m, f'{s:.2f}')", "X, y = load_iris(return_X_y=True)",
    "km = KMeans(n_clusters=3)", "labels = km.fit_predict(X)", "clf = LogisticRegression()",
    "clf.fit(X, y)", "p = clf.predict(X)", "acc = accuracy_score(y, p)",
    "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=1)",
    "sc = StandardScaler()", "Xs = sc.fit_transform(X)", "r = Ridge(alpha=0.5).fit(X, y)",
    "q = r.predict(X)", "err = mean_squared_error(y, q)", "for i in range(n):\n    k += i",
    "if k > 3:\n    print(k)\nelse:\n    k = 0", "u = undefined_name + 1",
    "data = np.loadtxt('f.csv')",
    "g = data.mean()", "lin = nn.Linear(4, 2)", "ten = torch.tensor([1.0, 2.0, 3.0, 4.0])",
    "lst = []", "lst.append(m)", "a = np.arange(0.0, 1.0, 0.1)", "k = k // 2", "b = k > 1",
    "if b:\n    k += 1", "while k < 10:\n    k += 1\n    break", "continue", "a = helper(a)",
    "tup = (k, m)", "k2, m2 = tup", "st = str(k) + 'x'", "neg = -m", "h = helper(2.5)",
    "def helper(p):\n    return p * 2", "del k", "return k", "raise ValueError('bad')",
]
_HEADER = ("import numpy as np\nimport torch\nimport torch.nn as nn\n"
           "from sklearn.datasets import load_iris\nfrom sklearn.cluster import KMeans\n"
           "from sklearn.linear_model import LogisticRegression, Ridge\n"
           "from sklearn.preprocessing import StandardScaler\n"
           "from sklearn.model_selection import train_test_split\n"
           "from sklearn.metrics import accuracy_score, mean_squared_error\n")


def _program(picks: list[int], as_function: bool) -> str:
    body = [_STATEMENTS[i % len(_STATEMENTS)] for i in picks]
    if not as_function:
        return _HEADER + "\n".join(body) + "\n"
    indented = "\n".join("    " + line.replace("\n", "\n    ") for line in body)
    return _HEADER + f"\ndef run(a, X, y):\n{indented}\n    return k\n\nrun(np.ones(3), 1, 2)\n"


def test_generated_programs_type_check(rust_checker: RustChecker) -> None:
    """Random orders of typed and untyped statements: the type pass never writes Rust that
    cargo rejects (names bound in the wrong order, rebound with other types, unknown types)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=2, deadline=None, database=None)
    @given(st.lists(st.tuples(st.lists(st.integers(0, 200), min_size=1, max_size=12),
                              st.booleans()), min_size=12, max_size=12))
    def check(cases: list[tuple[list[int], bool]]) -> None:
        modules = {f"g{i}": convert_file(_program(picks, fn), f"g{i}.py").rust_code
                   for i, (picks, fn) in enumerate(cases)}
        assert rust_checker.check(modules) == []

    check()
