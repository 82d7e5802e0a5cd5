"""More scikit-learn and NumPy forms (issue 12, coverage): SVC by kernel, SGDClassifier as a
linear SVM, IncrementalPCA, decision_function, include_bias, cross-validation scoring, centers
bound to a name; NumPy element functions on a matrix, sign / round by NumPy's rules, v @ M,
ravel / flatten / reshape, np.c_ of temporaries.

Every converted snippet names only items the tables have and type-checks with real cargo (one
invocation for all); options that would change the model are refused with the reason; the std
parts are compiled with rustc and run to check the values NumPy gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from convert_support import run_rust, without_uses

from batuta.convert import convert_file
from batuta.convert.audit import mapped_by_symbol, misses
from rust_check import RustChecker

NEIGHBORS_SOURCE = """
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_predict
from sklearn.neighbors import KNeighborsRegressor


def run(X, y, T):
    # named like the block's own binding: the Python value must not be shadowed
    index = KNeighborsRegressor(n_neighbors=3, weights="distance", p=1, algorithm="kd_tree")
    index.fit(X, y)
    return index.predict(T), cross_val_predict(Ridge(alpha=0.1), X, y, cv=4)
"""

SNIPPETS = {
    "svc_kernels": """
from sklearn.svm import SVC


def fit_all(X, y):
    linear = SVC(kernel="linear", C=1000)
    linear.fit(X, y)
    rbf = SVC(gamma=0.001)
    rbf.fit(X, y)
    poly = SVC(kernel="poly", gamma=0.5, degree=2, coef0=1.0)
    poly.fit(X, y)
    return linear.predict(X), rbf.predict(X), poly.predict(X)
""",
    "sgd_hinge": """
from sklearn.linear_model import SGDClassifier


def margins(X, y):
    clf = SGDClassifier(loss="hinge", alpha=0.01, max_iter=200, tol=1e-3)
    clf.fit(X, y)
    return clf.decision_function(X)
""",
    "ipca_poly_cv": """
from sklearn.decomposition import IncrementalPCA
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import PolynomialFeatures


def reduce(X, y):
    ipca = IncrementalPCA(n_components=2)
    low = ipca.fit_transform(X)
    poly = PolynomialFeatures(degree=3, include_bias=False)
    wide = poly.fit_transform(low)
    scores = cross_val_score(LinearRegression(), wide, y, cv=4, scoring="r2")
    return scores
""",
    "blob_centers": """
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

centers = [[1, 1], [-1, -1], [1, -1]]
X, labels_true = make_blobs(n_samples=300, centers=centers, cluster_std=0.5, random_state=0)
km = KMeans(n_clusters=3)
km.fit(X)
""",
    "multioutput": """
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import Ridge
from sklearn.multioutput import MultiOutputRegressor


def both(n: int):
    X = np.sort(200 * np.random.rand(n, 1) - 100, axis=0)
    y = np.array([np.pi * np.sin(X).ravel(), np.pi * np.cos(X).ravel()]).T
    forest = MultiOutputRegressor(RandomForestRegressor(n_estimators=10, max_depth=30))
    forest.fit(X, y)
    base = Ridge(alpha=0.5)
    ridge = MultiOutputRegressor(base, n_jobs=2)
    ridge.fit(X, y)
    return forest.predict(X), ridge.score(X, y)
""",
    "neighbors": NEIGHBORS_SOURCE,
    "numpy_forms": """
import numpy as np


def shapes(n: int, x: float):
    grid = np.linspace(-3, 3, 12).reshape(-1, 2)
    wave = np.sin(grid).ravel()
    back = np.reshape(wave, (3, -1))
    flat = back.flatten()
    signs = np.sign(np.array([0.0, -2.0, 3.0]))
    rounded = np.round(np.array([0.5, 1.5, -2.5]))
    row = np.dot(np.array([1.0, 2.0]), np.array([[1.0, 2.0], [3.0, 4.0]]))
    pair = np.c_[back.ravel(), flat]
    scalar = np.sin(x) + np.cos(np.pi * x)
    return wave, flat, signs, rounded, row, pair, scalar
""",
}


def test_new_forms_convert_name_table_items_and_type_check(rust_checker: RustChecker) -> None:
    modules = {}
    for name, python in SNIPPETS.items():
        result = convert_file(python, f"{name}.py")
        assert not result.unsupported, (name, result.unsupported)
        assert misses(result.rust_code) == [], name
        modules[name] = result.rust_code
    svc = modules["svc_kernels"]
    assert "MultiClassSVC::new().with_poly(1.0, 0.0, 1).with_c(1000.0)" in svc
    assert "MultiClassSVC::new().with_gamma(0.001)" in svc
    assert "MultiClassSVC::new().with_poly(0.5, 1.0, 2)" in svc
    sgd = modules["sgd_hinge"]
    # alpha is kept beside the LinearSVM; fit sets aprender's C = 1 / (alpha * n_samples).
    assert "(LinearSVM::new().with_max_iter(200).with_tolerance(0.001), 0.01)" in sgd
    assert "clf.0 = clf.0.clone().with_c(1.0 / (clf.1 * x_.n_rows() as f32))" in sgd
    assert "clf.0.decision_function(x)?" in sgd
    ipca = modules["ipca_poly_cv"]
    assert "PCA::new(2)" in ipca and ".with_bias(false)" in ipca
    assert "cross_val_score(" in ipca and "KFold::new(4)" in ipca
    assert "v as f32" in modules["blob_centers"]  # integer centers become f32 coordinates
    assert "index.k_nearest(" in modules["neighbors"] and "e0.clone()" in modules["neighbors"]
    multi = modules["multioutput"]
    assert "(RandomForestRegressor, Vec<RandomForestRegressor>)" in multi
    assert "(0..y_.n_cols()).map(|j|" in multi and "e.fit(x_, &y_.column(j))?" in multi
    assert "np.array of rows with different lengths" in multi
    forms = modules["numpy_forms"]
    assert "Matrix::vecmat(" in forms and "round_ties_even" in forms
    assert rust_checker.check(modules) == []


@pytest.mark.parametrize(("python", "reason"), [
    ("from sklearn.svm import SVC\nm = SVC(kernel='sigmoid')\n", "kernel='sigmoid'"),
    ("from sklearn.svm import SVC\nm = SVC(kernel=k)\n", "only a string literal"),
    ("from sklearn.svm import SVC\nm = SVC(gamma='scale')\n", "computed from X at fit time"),
    ("from sklearn.svm import SVC\nm = SVC(kernel='poly')\n", "gamma='scale'"),
    ("from sklearn.svm import SVC\nm = SVC(C=10)\n", "gamma='scale' (the default)"),
    ("from sklearn.svm import SVC\nm = SVC(class_weight='balanced')\n", "class_weight"),
    ("from sklearn.linear_model import SGDClassifier\nm = SGDClassifier(loss='log_loss')\n",
     "loss='log_loss'"),
    ("from sklearn.linear_model import SGDClassifier\nm = SGDClassifier(penalty='l1')\n",
     "penalty='l1'"),
    ("from sklearn.linear_model import SGDClassifier\ndef f(X, y, w):\n"
     "    m = SGDClassifier()\n    m.fit(X, y, sample_weight=w)\n", "weighs every sample"),
    ("from sklearn.linear_model import SGDClassifier\nm = SGDClassifier(fit_intercept=False)\n",
     "always fits a bias"),
    ("from sklearn.svm import LinearSVC\nm = LinearSVC()\n", "loss='squared_hinge'"),
    ("from sklearn.linear_model import LinearRegression\nm = LinearRegression(positive=True)\n",
     "non-negative least squares"),
    ("from sklearn.preprocessing import PolynomialFeatures\n"
     "p = PolynomialFeatures(2, interaction_only=True)\n", "interaction terms"),
    ("from sklearn.linear_model import Ridge\ndef f(X, y, w):\n    m = Ridge()\n"
     "    m.fit(X, y, sample_weight=w)\n", "weighs every sample alike"),
    ("from sklearn.linear_model import Ridge\nfrom sklearn.model_selection import "
     "cross_val_score\ndef f(X, y):\n    return cross_val_score(Ridge(), X, y, "
     "scoring='neg_mean_squared_error')\n", "scoring='neg_mean_squared_error'"),
    ("from sklearn.discriminant_analysis import LinearDiscriminantAnalysis as L\n"
     "def f(X, y):\n    m = L()\n    m.fit(X, y)\n    return m.decision_function(X)\n",
     "one column per class"),
    ("from sklearn.multioutput import MultiOutputRegressor\nfrom sklearn.svm import SVC\n"
     "m = MultiOutputRegressor(SVC(gamma=0.1))\n", "only aprender regressors"),
    ("from sklearn.multioutput import MultiOutputRegressor\nfrom sklearn.linear_model import "
     "Ridge\ndef f(X, Y, w):\n    m = MultiOutputRegressor(Ridge())\n"
     "    m.fit(X, Y, sample_weight=w)\n", "weighs every sample alike"),
    ("from sklearn.neighbors import KNeighborsRegressor\nm = KNeighborsRegressor(weights=w)\n",
     "only a string literal"),
    ("from sklearn.neighbors import KNeighborsRegressor\n"
     "m = KNeighborsRegressor(metric='haversine')\n", "metric='haversine'"),
    ("from sklearn.svm import SVC\nfrom sklearn.model_selection import cross_val_predict\n"
     "def f(X, y):\n    return cross_val_predict(SVC(gamma=0.1), X, y)\n", "stratified"),
    ("from sklearn.linear_model import Ridge\nfrom sklearn.model_selection import "
     "cross_val_predict\ndef f(X, y):\n    return cross_val_predict(Ridge(), X, y, "
     "method='predict_proba')\n", "method other than predict"),
    ("from sklearn.linear_model import SGDClassifier as S\ndef f(X, y):\n    m = S()\n"
     "    S.fit(m, X, y)\n", "called on the class"),
    ("from sklearn.neighbors import KNeighborsRegressor as K\ndef f(m, X):\n"
     "    return K.predict(m, X)\n", "called on the class"),
    ("from sklearn.multioutput import MultiOutputRegressor as M\ndef f(m, X, y):\n"
     "    M.fit(m, X, y)\n", "called on the class"),
    ("import numpy as np\ndef f(n: int):\n    return np.zeros((n, 2)).reshape(-1, -1)\n",
     "more than one -1"),
    ("import numpy as np\ndef f(n: int):\n    return np.zeros((n, 2)).ravel(order='F')\n",
     "Fortran order"),
])
def test_options_that_change_the_model_are_refused(python: str, reason: str) -> None:
    result = convert_file(python, "refused.py")
    reasons = [u.reason for u in result.unsupported]
    assert any(reason in r for r in reasons), reasons


@pytest.mark.parametrize(("python", "rust"), [
    ("from sklearn.cluster import AgglomerativeClustering\nm = AgglomerativeClustering()\n",
     "AgglomerativeClustering::new(2,"),
    ("from sklearn.mixture import GaussianMixture\nm = GaussianMixture()\n",
     "GaussianMixture::new(1,"),
    ("from sklearn.cluster import KMeans\nm = KMeans()\n", "KMeans::new(8)"),
    ("from sklearn.decomposition import TruncatedSVD\nm = TruncatedSVD()\n",
     "TruncatedSVD::new(2)"),
])
def test_a_missing_count_takes_that_classs_scikit_learn_default(python: str, rust: str) -> None:
    assert rust in convert_file(python, "defaults.py").rust_code


@pytest.mark.parametrize("name", ["PCA", "IncrementalPCA", "FastICA"])
def test_keeping_every_component_is_refused_not_guessed(name: str) -> None:
    result = convert_file(f"from sklearn.decomposition import {name}\nm = {name}()\n", "p.py")
    assert any("keeps every component" in u.reason for u in result.unsupported)
    given = convert_file(f"from sklearn.decomposition import {name}\nm = {name}(3)\n", "p.py")
    assert "::new(3)" in given.rust_code


def test_audit_counts_the_new_symbols() -> None:
    for symbol in ("sklearn.linear_model.SGDClassifier",
                   "sklearn.linear_model.SGDClassifier.fit",
                   "sklearn.linear_model.SGDClassifier.decision_function",
                   "sklearn.decomposition.IncrementalPCA.fit_transform",
                   "sklearn.svm.SVC.fit", "sklearn.metrics.adjusted_rand_score",
                   "sklearn.metrics.v_measure_score",
                   "sklearn.multioutput.MultiOutputRegressor.predict",
                   "sklearn.neighbors.KNeighborsRegressor.fit",
                   "sklearn.model_selection.cross_val_predict"):
        assert mapped_by_symbol(symbol), symbol
    # aprender has no support-vector regressor and no diabetes data: never counted.
    for symbol in ("sklearn.svm.SVR", "sklearn.datasets.load_diabetes",
                   "sklearn.metrics.adjusted_mutual_info_score",
                   "sklearn.svm.SVC.decision_function", "numpy.random.seed"):
        assert not mapped_by_symbol(symbol), symbol


SHIM = """
pub struct Vector<T>(Vec<T>);
impl<T: Clone> Vector<T> {
    pub fn from_vec(v: Vec<T>) -> Self { Vector(v) }
    pub fn from_slice(v: &[T]) -> Self { Vector(v.to_vec()) }
    pub fn as_slice(&self) -> &[T] { &self.0 }
    pub fn len(&self) -> usize { self.0.len() }
}
pub struct Matrix<T> { r: usize, c: usize, d: Vec<T> }
impl<T> Matrix<T> {
    pub fn from_vec(r: usize, c: usize, d: Vec<T>) -> Result<Self> {
        if r * c != d.len() { return Err("size".into()); }
        Ok(Matrix { r, c, d })
    }
    pub fn rows(&self) -> usize { self.r }
    pub fn cols(&self) -> usize { self.c }
    pub fn as_slice(&self) -> &[T] { &self.d }
}
"""

VALUES = """
import numpy as np


def values(x: float):
    signs = np.sign(np.array([0.0, -2.0, 3.0]))
    rounded = np.round(np.array([0.5, 1.5, -2.5, 2.6]))
    m = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).reshape(-1, 2)
    back = np.sin(m).ravel()
    cols = np.c_[m.ravel(), back]
    return signs, rounded, m.rows(), back, cols.cols(), np.sign(x)
"""

VALUES_MAIN = """
fn main() {
    let (s, r, rows, b, cols, z) = values(0.0).unwrap();
    let sines: Vec<String> = b.as_slice().iter().map(|v| format!("{:.3}", v)).collect();
    println!("{:?} {:?} {} {} {} {}", s.as_slice(), r.as_slice(), rows, sines.join(","), cols, z);
}
"""


def test_numpy_rules_compute_numpys_values(tmp_path: Path) -> None:
    """sign(0) is 0, round is half-to-even, reshape(-1, 2) infers the rows, sin works on each
    element of a matrix: compiled with rustc against a tiny Vector / Matrix and run."""
    python = VALUES.replace("m.rows()", "m.shape[0]").replace("cols.cols()", "cols.shape[1]")
    result = convert_file(python, "values.py")
    assert not result.unsupported, result.unsupported
    module = without_uses(result.rust_code, "trueno")
    module = module.replace(".shape().0", ".rows()").replace(".shape().1", ".cols()")
    out = run_rust(module + SHIM + VALUES_MAIN, tmp_path).stdout.split()
    assert out[0:3] == ["[0.0,", "-1.0,", "1.0]"]
    assert out[3:7] == ["[0.0,", "2.0,", "-2.0,", "3.0]"]
    assert out[7] == "3"
    assert out[8] == "0.841,0.909,0.141,-0.757,-0.959,-0.279"
    assert out[9:] == ["2", "0"]


AGREEMENT = """
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

X, labels_true = make_blobs(n_samples=30, centers=3, random_state=0)
labels = KMeans(n_clusters=3).fit_predict(X)
h = metrics.homogeneity_score(labels_true, labels)
c = metrics.completeness_score(labels_true, labels)
v = metrics.v_measure_score(labels_true, labels)
r = metrics.adjusted_rand_score(labels_true, labels)
"""

# (labels_true, labels_pred) -> (homogeneity, completeness, v-measure, adjusted Rand), the
# values scikit-learn's docstrings give for these labelings.
AGREEMENT_CASES = [
    ([0, 0, 1, 1], [1, 1, 0, 0], (1.0, 1.0, 1.0, 1.0)),
    ([0, 0, 1, 1], [0, 0, 1, 2], (1.0, None, None, 0.5714)),
    ([0, 0, 1, 2], [0, 0, 1, 1], (None, 1.0, 0.8, 0.5714)),
    ([0, 1, 2, 3], [0, 0, 1, 1], (None, 1.0, 0.6667, None)),
    ([0, 0, 1, 1], [0, 0, 0, 0], (0.0, 1.0, 0.0, None)),
    ([0, 0, 1, 1], [0, 1, 0, 1], (None, 0.0, None, -0.5)),
    ([0, 0, 0, 0], [0, 1, 2, 3], (None, None, None, 0.0)),
]


def test_agreement_metrics_compute_scikit_learns_values(tmp_path: Path) -> None:
    """The std blocks of the four clustering-agreement metrics, compiled and run on the
    labelings of scikit-learn's docstrings; different lengths are an error, not a panic."""
    result = convert_file(AGREEMENT, "agreement.py")
    assert not result.unsupported, result.unsupported
    blocks = dict(re.findall(r"^\s*let ([hcvr]): f32 = (\{.*\});$", result.rust_code, re.M))
    assert sorted(blocks) == ["c", "h", "r", "v"]
    funcs = "".join(
        f"fn {name}(labels_true: Vec<usize>, labels: Vec<usize>) -> Result<f32> "
        f"{{ Ok({block}) }}\n" for name, block in blocks.items())
    calls = "".join(
        f'    println!("{{:.4}} {{:.4}} {{:.4}} {{:.4}}", h(vec!{a}, vec!{b}).unwrap(), '
        f"c(vec!{a}, vec!{b}).unwrap(), v(vec!{a}, vec!{b}).unwrap(), "
        f"r(vec!{a}, vec!{b}).unwrap());\n" for a, b, _ in AGREEMENT_CASES)
    calls += '    println!("{}", r(vec![0, 1], vec![0]).is_err());\n'
    program = ("type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;\n"
               f"{funcs}fn main() {{\n{calls}}}\n")
    lines = run_rust(program, tmp_path).stdout.splitlines()
    assert lines[-1] == "true"
    for (a, b, want), line in zip(AGREEMENT_CASES, lines, strict=False):
        got = [float(x) for x in line.split()]
        for value, expected in zip(got, want, strict=True):
            if expected is not None:
                assert value == pytest.approx(expected, abs=1e-4), (a, b, got)


NEIGHBORS = """
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import cross_val_predict
from sklearn.neighbors import KNeighborsRegressor


def run(X, y, T):
    uniform = KNeighborsRegressor(n_neighbors=2)
    uniform.fit(X, y)
    near = KNeighborsRegressor(2, weights="distance", metric="manhattan")
    near.fit(X, y)
    folds = cross_val_predict(LinearRegression(), X, y, cv=3)
    return uniform.predict(T), near.predict(T), folds
"""

# A stand-in aprender with the signatures of the tables: an exact brute-force index and a
# "LinearRegression" that predicts the mean of its training targets (enough to see the folds).
FAKE_APRENDER = """
mod aprender {
    pub mod primitives {
        #[derive(Clone)] pub struct Matrix<T> { r: usize, c: usize, d: Vec<T> }
        impl Matrix<f32> {
            pub fn from_vec(r: usize, c: usize, d: Vec<f32>) -> Result<Self, &'static str> {
                if r * c != d.len() { return Err("size"); } Ok(Matrix { r, c, d }) }
            pub fn n_rows(&self) -> usize { self.r }
            pub fn n_cols(&self) -> usize { self.c }
            pub fn as_slice(&self) -> &[f32] { &self.d }
            pub fn row(&self, i: usize) -> Vector<f32> {
                Vector::from_vec(self.d[i * self.c..(i + 1) * self.c].to_vec()) }
        }
        #[derive(Clone)] pub struct Vector<T>(Vec<T>);
        impl Vector<f32> {
            pub fn from_vec(v: Vec<f32>) -> Self { Vector(v) }
            pub fn as_slice(&self) -> &[f32] { &self.0 }
            pub fn len(&self) -> usize { self.0.len() }
        }
    }
    pub mod neighbors {
        #[derive(Clone, Copy)] pub enum Metric { Euclidean, Manhattan }
        #[derive(Clone, Copy)] pub struct Neighbor { pub index: usize, pub distance: f32 }
        pub trait NeighborIndex {
            fn k_nearest(&self, point: &[f32], k: usize) -> Vec<Neighbor>;
            fn len(&self) -> usize;
        }
        pub struct BruteForce { d: Vec<f32>, n: usize, dim: usize, m: Metric }
        impl BruteForce {
            pub fn new(data: &[f32], n: usize, d: usize, metric: Metric) -> Self {
                BruteForce { d: data.to_vec(), n, dim: d, m: metric } }
        }
        impl NeighborIndex for BruteForce {
            fn k_nearest(&self, p: &[f32], k: usize) -> Vec<Neighbor> {
                let mut all: Vec<Neighbor> = (0..self.n).map(|i| {
                    let row = &self.d[i * self.dim..(i + 1) * self.dim];
                    let diff = row.iter().zip(p).map(|(a, b)| (a - b).abs());
                    let distance = match self.m {
                        Metric::Euclidean => diff.map(|x| x * x).sum::<f32>().sqrt(),
                        Metric::Manhattan => diff.sum::<f32>(),
                    };
                    Neighbor { index: i, distance }
                }).collect();
                all.sort_by(|a, b| a.distance.total_cmp(&b.distance));
                all.truncate(k);
                all
            }
            fn len(&self) -> usize { self.n }
        }
    }
    pub mod traits {
        use super::primitives::{Matrix, Vector};
        pub trait Estimator {
            fn fit(&mut self, x: &Matrix<f32>, y: &Vector<f32>) -> Result<(), String>;
            fn predict(&self, x: &Matrix<f32>) -> Vector<f32>;
        }
    }
    pub mod linear_model {
        use super::primitives::{Matrix, Vector};
        #[derive(Clone)] pub struct LinearRegression { mean: f32 }
        impl LinearRegression { pub fn new() -> Self { LinearRegression { mean: 0.0 } } }
        impl super::traits::Estimator for LinearRegression {
            fn fit(&mut self, _x: &Matrix<f32>, y: &Vector<f32>) -> Result<(), String> {
                self.mean = y.as_slice().iter().sum::<f32>() / y.len() as f32; Ok(()) }
            fn predict(&self, x: &Matrix<f32>) -> Vector<f32> {
                Vector::from_vec(vec![self.mean; x.n_rows()]) }
        }
    }
}
fn main() {
    use aprender::primitives::{Matrix, Vector};
    let x = Matrix::from_vec(6, 1, vec![0.0, 1.0, 2.0, 3.0, 4.5, 10.0]).unwrap();
    let y = Vector::from_vec(vec![0.0, 10.0, 20.0, 30.0, 40.0, 100.0]);
    let t = Matrix::from_vec(2, 1, vec![0.5, 3.0]).unwrap();
    let (a, b, c) = run(&x, &y, &t).unwrap();
    println!("{:?} {:?} {:?}", a.as_slice(), b.as_slice(), c.as_slice());
}
"""


def test_neighbors_and_fold_predictions_compute_scikit_learns_values(tmp_path: Path) -> None:
    """KNeighborsRegressor (uniform and inverse-distance weights) and cross_val_predict's
    contiguous folds, compiled with rustc against a stand-in aprender and run."""
    result = convert_file(NEIGHBORS, "neighbors.py")
    assert not result.unsupported, result.unsupported
    out = run_rust(result.rust_code + FAKE_APRENDER, tmp_path).stdout
    # T = [0.5, 3.0]: uniform means of the 2 nearest; distance weights 1/d (3.0 is a fitted
    # point: it takes all the weight). Folds of 6 rows, cv=3: {0,1}, {2,3}, {4,5}; each
    # predicted by the mean of the other four targets.
    assert out.split() == ["[5.0,", "25.0]", "[5.0,", "30.0]",
                           "[47.5,", "47.5,", "37.5,", "37.5,", "15.0,", "15.0]"]
