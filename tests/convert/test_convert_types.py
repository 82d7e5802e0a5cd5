"""The type pass (issue 12, items 2 and 3): annotations, evidence from use, call-site
unification, explicit trueno <-> aprender conversions, typed placeholders for what is unknown.
Each converted module is also type-checked for real."""

from __future__ import annotations

from convert_support import CORPUS

from batuta.convert import convert_file
from rust_check import RustChecker

CROSSING = (CORPUS / "files" / "typed_crossings.py").read_text(encoding="utf-8").split(
    "data = np.loadtxt")[0]
"""The golden corpus file `typed_crossings.py` before its loadtxt / print lines."""

UNKNOWN = """
import numpy as np
from sklearn.cluster import KMeans


def cluster(points, k):
    data = np.loadtxt(points)
    km = KMeans(n_clusters=k)
    km.fit(data)
    return km.predict(data)


def helper(thing):
    return thing
"""


def test_types_flow_from_use_annotations_and_call_sites(rust_checker: RustChecker) -> None:
    rust = convert_file(CROSSING, "crossing.py").rust_code
    # Evidence from use: X goes to fit as X (aprender's Matrix), y to a regressor (Vector).
    assert ("pub fn fit_line(x: &aprender::primitives::Matrix<f32>, "
            "y: &aprender::primitives::Vector<f32>) -> Result<aprender::primitives::Vector<f32>>"
            in rust)
    # PEP 484 annotations first; the list parameter is borrowed as a slice.
    assert "pub fn classify(features: &[f32], threshold: f32) -> Result<i64> {" in rust
    # Plain values have no `?`; Result-returning items do.
    assert "Ok(model.predict(x))" in rust and "model.fit(x, y)?;" in rust
    # trueno data crossing into aprender: explicit conversions, labels as usize.
    assert ("aprender::primitives::Matrix::from_vec(x.rows(), x.cols(), "
            "x.as_slice().to_vec())?" in rust)
    assert "&aprender::primitives::Vector::from_slice(y.as_slice())" in rust
    assert "&y.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>()" in rust
    # (a regularised LogisticRegression is the pair (model, C): its model predicts)
    assert "let labels: Vec<usize> = clf.0.predict(" in rust
    unknown = convert_file(UNKNOWN, "unknown.py").rust_code
    # A statement that cannot be converted still binds its name, typed by its later use.
    assert ('let data: Matrix<f32> = todo!("numpy.loadtxt: trueno reads no files: parse the '
            'data (csv crate) into a Vec<f32>");' in unknown)
    # k is used as KMeans's n_clusters: usize; points as loadtxt's argument stays unknown.
    assert "pub fn cluster(_points: (), k: usize) -> Result<Vec<usize>> {" in unknown
    assert "// note: the type of `points` is not known" in unknown
    # A function nothing types stays Python; never a bare generic.
    assert "// py: def helper(thing):" in unknown
    assert "<T>" not in unknown.replace("type Result<T> = std::result::Result<T,", "")
    assert rust_checker.check({"crossing": rust, "unknown": unknown}) == []
