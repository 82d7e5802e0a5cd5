"""The converter API: result shapes, spans, backends, typed errors, nothing dropped silently."""

from __future__ import annotations

import ast
import json

import pytest

from batuta._serialize import to_json
from batuta.analyze.frameworks import find_call_sites
from batuta.convert import convert_file, convert_numpy, convert_pytorch, convert_sklearn
from batuta.errors import (
    InputTooLargeError,
    InvalidArgumentError,
    NestingTooDeepError,
    SourceSyntaxError,
)


def test_book_numpy_example() -> None:
    result = convert_numpy("np.add(a, b)", data_size=10_000)
    assert result.rust_code == "a.add(&b)?"
    assert result.backend_recommendation == "Scalar"  # element_wise is Low: SIMD above 1M
    assert convert_numpy("np.add(a, b)", data_size=1_000_001).backend_recommendation == "SIMD"
    (mapping,) = result.mappings
    assert (mapping.python, mapping.operation, mapping.complexity) == (
        "numpy.add", "element_wise", "Low")
    assert (mapping.span.line, mapping.span.col, mapping.span.end_col) == (1, 0, 12)


def test_matmul_goes_to_gpu_at_scale() -> None:
    assert convert_numpy("c = a @ b", data_size=10_001).backend_recommendation == "GPU"
    assert convert_numpy("c = a @ b", data_size=10_000).backend_recommendation == "SIMD"


def test_book_sklearn_and_pytorch_examples() -> None:
    lin = convert_sklearn("LinearRegression()", data_size=5000)
    assert lin.rust_code == "LinearRegression::new()"
    assert lin.imports == ("use aprender::linear_model::LinearRegression;",)
    km = convert_sklearn("KMeans(n_clusters=3)")
    assert km.rust_code == "KMeans::new(3)"
    # The book's `model.generate(prompt)` on an untyped `model`: realizar has no such call
    # (no generate_text); it is reported, not invented.
    gen = convert_pytorch("model.generate(prompt, max_length=100)", data_size=2000)
    assert gen.rust_code == "// py: model.generate(prompt, max_length=100)"
    assert [u.python for u in gen.unsupported] == ["model.generate"]
    route = convert_pytorch('from transformers import pipeline\ng = pipeline("text-generation", '
                            'model="gpt2")\nout = g("Hi", max_new_tokens=20)')
    assert route.rust_code.splitlines() == [
        'let g: InferenceConfig = InferenceConfig::new("gpt2");',
        'let out: String = realizar::run_inference(&g.clone().with_prompt("Hi")'
        '.with_max_tokens(20))?.text;']


def test_literals_carry_over_as_f32() -> None:
    result = convert_numpy("x = np.array([1, 2, 3])")
    assert result.rust_code == "let x: Vector<f32> = Vector::from_slice(&[1.0, 2.0, 3.0]);"
    assert result.imports == ("use trueno::Vector;",)


def test_fit_predict_chain_uses_question_mark() -> None:
    code = "m = LinearRegression()\nm.fit(X, y)\np = m.predict(X)"
    result = convert_sklearn(code)
    # fit returns Result (`?`); predict returns a plain Vector<f32> (no `?`), per the tables.
    assert result.rust_code == (
        "let mut m: LinearRegression = LinearRegression::new();\nm.fit(&x, &y)?;\n"
        "let p: Vector<f32> = m.predict(&x);")
    assert "use aprender::traits::Estimator;" in result.imports


def test_unsupported_listed_with_reason() -> None:
    result = convert_numpy("import numpy as np\nq, r = np.linalg.qr(m)")
    (gap,) = result.unsupported
    assert gap.python == "numpy.linalg.qr" and "no trueno mapping" in gap.reason
    assert "// py: q, r = np.linalg.qr(m)" in result.rust_code


def test_dropped_arguments_are_reported() -> None:
    result = convert_numpy("import numpy as np\nx = np.zeros(3)\ns = np.sum(x, keepdims=True)")
    assert [u.python for u in result.unsupported] == ["numpy.sum(keepdims)"]


FILE = """
import numpy as np
from sklearn.cluster import KMeans
import torch
from transformers import AutoTokenizer

def run(X, texts):
    km = KMeans(3)
    km.fit(X)
    mean = np.mean(X)
    extra = [np.log(v) for v in X]
    u = np.linalg.eigh(X)
    tok = AutoTokenizer.from_pretrained("t5-small")
    ids = tok.encode(texts[0])
    with torch.no_grad():
        t = torch.tensor([1, 2])
    return km.labels_, mean
"""


def test_every_detected_site_is_mapped_or_unsupported() -> None:
    result = convert_file(FILE, "run.py")
    covered = {(m.span.line, m.span.col) for m in result.mappings}
    covered |= {(u.span.line, u.span.col) for u in result.unsupported}
    sites = find_call_sites(ast.parse(FILE))
    assert sites
    missing = [(s.symbol, s.line, s.column) for s in sites if (s.line, s.column) not in covered]
    assert missing == []


def test_file_conversion_shape() -> None:
    result = convert_file(FILE, "run.py")
    assert result.functions == ("run",)
    assert result.frameworks == ("pytorch", "sklearn")
    assert "// Not converted:" in result.rust_code
    assert result.rust_code.startswith("//! Converted from run.py")
    data = json.loads(to_json(result))
    assert data["mappings"][0]["span"]["line"] >= 1


def test_plain_python_is_kept_as_comments() -> None:
    code = "import os\n\ndef helper(p):\n    return os.path.join(p, 'x')\n"
    # Nothing in it translates: the function stays Python, whole.
    out = convert_file(code, "h.py").rust_code
    assert "// py: def helper(p):" in out and "// py:     return os.path.join(p, 'x')" in out


def test_syntax_error_has_position() -> None:
    with pytest.raises(SourceSyntaxError) as info:
        convert_numpy("x = np.array([1, 2\ny = 3")
    assert info.value.code == "BATUTA-T-002"
    assert info.value.details["line"] >= 1


def test_deep_nesting_is_typed() -> None:
    with pytest.raises(NestingTooDeepError):
        convert_numpy("x = " + "-" * 5000 + "1")
    with pytest.raises((NestingTooDeepError, SourceSyntaxError)):
        convert_file("x = " + "[" * 300 + "]" * 300, "deep.py")


@pytest.mark.parametrize("bad", [None, 3, b"np.add(a, b)"])
def test_non_text_is_invalid_argument(bad: object) -> None:
    with pytest.raises(InvalidArgumentError):
        convert_numpy(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [-1, 1.5, "10", True])
def test_bad_data_size(size: object) -> None:
    with pytest.raises(InvalidArgumentError):
        convert_sklearn("KMeans(3)", data_size=size)  # type: ignore[arg-type]


def test_huge_input_is_bounded() -> None:
    with pytest.raises(InputTooLargeError):
        convert_file("x = 1\n" * 400_000, "big.py")


def test_a_vector_dot_is_a_dot_product_and_a_matrix_product_a_matrix_multiply() -> None:
    # np.dot of two vectors is O(n) (SPEC.md section 6: dot_product, Low); the router must not
    # treat it as an O(n^3) matrix multiply and advise a GPU for it.
    code = ("import numpy as np\na = np.array([1.0, 2.0])\nb = np.array([3.0, 4.0])\n"
            "c = np.dot(a, b)\nm = np.array([[1.0, 2.0], [3.0, 4.0]])\nd = m @ m\n")
    conv = convert_numpy(code, data_size=100_000)
    ops = {m.python: m.operation for m in conv.mappings if m.operation}
    assert ops == {"numpy.dot": "dot_product", "@": "matrix_multiply"}
    only_dot = convert_numpy(code.split("m = ")[0], data_size=100_000)
    assert only_dot.backend_recommendation == "Scalar"
