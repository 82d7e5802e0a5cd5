"""ML framework detection: golden call sites for aliases, from-imports, chains and methods on
constructed models; summaries; and arbitrary input never escaping as anything but BatutaError."""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze.frameworks import find_call_sites, summarize_frameworks
from batuta.analyze.results import FrameworkCallSite


def _sites(src: str) -> list[tuple[str, str, int, int, bool]]:
    tree = ast.parse(textwrap.dedent(src))
    return [(s.framework, s.symbol, s.line, s.column, s.convertible)
            for s in find_call_sites(tree)]


GOLDEN: list[tuple[str, str, list[tuple[str, str, int, int, bool]]]] = [
    ("alias_and_chain", """\
        import numpy as np
        x = np.random.rand(3, 4)
        y = np.linalg.norm(x)
        """, [
        ("numpy", "numpy.random.rand", 2, 4, True),
        ("numpy", "numpy.linalg.norm", 3, 4, True),
    ]),
    ("from_import_as", """\
        from sklearn.cluster import KMeans as KM
        from sklearn.model_selection import train_test_split
        a, b = train_test_split(X)
        m = KM(n_clusters=3)
        """, [
        ("sklearn", "sklearn.model_selection.train_test_split", 3, 7, True),
        ("sklearn", "sklearn.cluster.KMeans", 4, 4, True),
    ]),
    ("methods_on_constructed_model", """\
        from sklearn.cluster import KMeans
        model = KMeans(3)
        model.fit(X)
        labels = model.predict(X)
        """, [
        ("sklearn", "sklearn.cluster.KMeans", 2, 8, True),
        ("sklearn", "sklearn.cluster.KMeans.fit", 3, 0, True),
        ("sklearn", "sklearn.cluster.KMeans.predict", 4, 9, True),
    ]),
    ("method_on_constructor_call_and_self_attribute", """\
        import torch.nn as nn
        class Net:
            def __init__(self):
                self.fc = nn.Linear(4, 2)
            def forward(self, x):
                return self.fc.forward(x) + self.fc(x)
        y = nn.ReLU().forward(z)
        """, [
        ("pytorch", "torch.nn.Linear", 4, 18, True),
        ("pytorch", "torch.nn.Linear.forward", 6, 15, True),
        ("pytorch", "torch.nn.Linear.__call__", 6, 36, True),
        ("pytorch", "torch.nn.ReLU.forward", 7, 4, True),
        ("pytorch", "torch.nn.ReLU", 7, 4, True),
    ]),
    ("from_pretrained_factory", """\
        from transformers import AutoTokenizer
        tok = AutoTokenizer.from_pretrained("bert")
        ids = tok.encode("hi")
        """, [
        ("transformers", "transformers.AutoTokenizer.from_pretrained", 2, 6, True),
        ("transformers", "transformers.AutoTokenizer.encode", 3, 6, True),
    ]),
    ("rebinding_stops_tracking", """\
        from sklearn.linear_model import Ridge
        m = Ridge()
        m = something_else()
        m.fit(X)
        """, [
        ("sklearn", "sklearn.linear_model.Ridge", 2, 4, True),
    ]),
    ("non_convertible_frameworks", """\
        import pandas as pd
        import tensorflow as tf
        import jax.numpy as jnp
        df = pd.read_csv("a.csv")
        t = tf.constant(1)
        a = jnp.zeros(3)
        """, [
        ("pandas", "pandas.read_csv", 4, 5, False),
        ("tensorflow", "tensorflow.constant", 5, 4, False),
        ("jax", "jax.numpy.zeros", 6, 4, False),
    ]),
    ("attribute_uses_without_call", """\
        import numpy as np
        import torch
        a = np.zeros(3, dtype=np.float32)
        print(np.pi, isinstance(a, np.ndarray))
        with torch.no_grad():
            pass
        """, [
        ("numpy", "numpy.zeros", 3, 4, True),
        ("numpy", "numpy.float32", 3, 22, True),
        ("numpy", "numpy.pi", 4, 6, True),
        ("numpy", "numpy.ndarray", 4, 27, True),
        ("pytorch", "torch.no_grad", 5, 5, True),
    ]),
    ("matmul_operator_is_not_a_site", """\
        import numpy as np
        c = a @ b
        d = np
        """, []),
    ("substring_lookalikes_are_not_sites", """\
        import os
        numpy = os.path.join("np", "torch")
        s = "np.zeros(3)"
        """, []),
    ("keras_is_tensorflow", """\
        from keras.layers import Dense
        layer = Dense(3)
        """, [
        ("tensorflow", "keras.layers.Dense", 2, 8, False),
    ]),
]


@pytest.mark.parametrize(("src", "expected"), [(g[1], g[2]) for g in GOLDEN],
                         ids=[g[0] for g in GOLDEN])
def test_golden_call_sites(src: str, expected: list[tuple[str, str, int, int, bool]]) -> None:
    assert _sites(src) == sorted(expected, key=lambda s: (s[2], s[3]))


def test_sites_carry_path_and_are_sorted() -> None:
    tree = ast.parse("import numpy as np\nb = np.ones(2); a = np.zeros(1)\nc = np.eye(2)\n")
    sites = find_call_sites(tree, path="pkg/m.py")
    assert [(s.line, s.column) for s in sites] == [(2, 4), (2, 20), (3, 4)]
    assert {s.path for s in sites} == {"pkg/m.py"}


def test_summary_counts_files_sites_and_targets() -> None:
    sites = [
        FrameworkCallSite("numpy", "numpy.zeros", 1, 0, True, "a.py"),
        FrameworkCallSite("numpy", "numpy.ones", 2, 0, True, "b.py"),
        FrameworkCallSite("numpy", "numpy.eye", 3, 0, True, "b.py"),
        FrameworkCallSite("pytorch", "torch.load", 1, 0, True, "c.py"),
        FrameworkCallSite("pandas", "pandas.read_csv", 1, 0, False, "c.py"),
        FrameworkCallSite("sklearn", "sklearn.svm.SVC", 1, 0, True, "d.py"),
        FrameworkCallSite("transformers", "transformers.AutoModel", 1, 0, True, "d.py"),
    ]
    summary = {u.framework: u for u in summarize_frameworks(sites)}
    assert (summary["numpy"].files, summary["numpy"].call_sites) == (2, 3)
    assert summary["numpy"].target == "trueno"
    assert summary["sklearn"].target == "aprender"
    assert summary["pytorch"].target == summary["transformers"].target == "realizar"
    assert summary["pandas"].target == "" and not summary["pandas"].convertible
    assert summarize_frameworks(sites)[0].framework == "numpy"  # most call sites first
    assert summarize_frameworks([]) == ()


def test_no_framework_import_means_no_sites() -> None:
    assert _sites("x = zeros(3)\nmodel.fit(X)\n") == []


IDENT = st.sampled_from(["np", "numpy", "torch", "nn", "KMeans", "m", "x", "fit", "pd", "tf"])


@st.composite
def _python_programs(draw: st.DrawFn) -> str:
    imports = draw(st.lists(st.sampled_from([
        "import numpy as np", "import torch", "from torch import nn",
        "from sklearn.cluster import KMeans", "import pandas as pd", "import tensorflow as tf",
        "from . import x", "import numpy.linalg",
    ]), max_size=4))
    lines = list(imports)
    for _ in range(draw(st.integers(0, 8))):
        chain = ".".join(draw(st.lists(IDENT, min_size=1, max_size=4)))
        form = draw(st.sampled_from(["{c}()", "{t} = {c}(1)", "{t} = {c}", "{t}.{c}(2)",
                                     "{c}().fit(x)", "print({c})", "{t}: int = {c}(3)"]))
        lines.append(form.format(c=chain, t=draw(IDENT)))
    return "\n".join(lines) + "\n"


@given(_python_programs())
def test_generated_programs_resolve_without_error(src: str) -> None:
    sites = find_call_sites(ast.parse(src))
    assert sites == sorted(sites, key=lambda s: (s.line, s.column))
    for site in sites:
        assert site.symbol.split(".")[0] in {"numpy", "torch", "sklearn", "pandas", "tensorflow"}


@given(st.text(max_size=200))
def test_arbitrary_text_that_parses_never_crashes(text: str) -> None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return
    find_call_sites(tree)


def test_deep_nesting_does_not_crash() -> None:
    src = "import numpy as np\nx = " + "[" * 150 + "np.zeros(1)" + "]" * 150 + "\n"
    assert [s.symbol for s in find_call_sites(ast.parse(src))] == ["numpy.zeros"]


def test_import_walk_keeps_ast_walk_order_on_the_stdlib() -> None:
    """ImportTable reads statements only; it must see the same imports in the same order as
    ``ast.walk`` (so a later rebinding of a name still wins)."""
    from pathlib import Path

    from batuta.analyze.symbols import _import_statements

    checked = 0
    for path in sorted(Path(ast.__file__).parent.glob("*.py"))[:120]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        expected = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert _import_statements(tree) == expected, path
        checked += len(expected)
    assert checked > 500
