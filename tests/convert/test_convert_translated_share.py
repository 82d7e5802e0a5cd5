"""Plain Python around mapped calls is translated, so the mapped call is translated too (issue 12).

A call site with a mapping only reaches the output when the statement it sits in converts:
a ``%``-format, a ``for a, b in zip(...)`` loop, an ``in`` test kept the whole statement as a
``// py:`` comment. These tests convert snippets of the forms the real scikit-learn examples use
and (1) run the std-only ones with real ``rustc``, comparing their output with Python's, and
(2) type-check the framework ones with real ``cargo check`` against the stub crates, asserting
the mapped call is recorded as translated at its site.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from convert_support import python_output, run_rust

from batuta.convert import convert_file
from rust_check import RustChecker

PLAIN = """
def report(n: int, title: str, score: float):
    colors = ["navy", "turquoise", "darkorange"]
    for color, i, w in zip(colors, [0, 1, 2], range(5)):
        print(color, i, w)
    for k, col in enumerate(colors):
        print("%d: %s" % (k, col))
    pairs = [(1, "a"), (2, "b")]
    for num, name in pairs:
        print(num, name)
    for k, col in zip(range(n), colors):
        print(k, col)
    if "Incr" in title:
        print("yes %s" % title)
    if 3 not in [1, 2]:
        print("no")
    print("Homogeneity: %0.3f, n=%d, %.2f%% done" % (score, n, 12.5))
    print("%f" % n)
    print("%s %s %s" % (score, n > 3, 2.0))
    return "%s-%s" % (title, n)


def rebind(n: int):
    x = n * 2
    print(x)
    x = "value %d" % x
    print(x)
    a, b = 1, 2
    print(a + b)
    a, b = "p", "q"
    print(a, b)
    print(n * 2, 2 * n + 1, n // 2, n % 3, n ** 2, 3 - n, "%.2f" % (n / 2), "%.1f" % (2.5 * n))
    odd = range(1, n + 4, 2)
    for v in odd:
        print(v, len(odd))


def rows(n: int):
    xs = [1, 2, 3]
    ys = [n, n]
    for v, name, k in [(xs, "xs", 1), (ys, "ys", n)]:
        print(name, sum(v), len(v), k)
    for pair in [[0, 1], [2, n]]:
        print(len(pair), sum(pair))


def retuple(n: int):
    a, b = 1, "x"
    for i in range(n):
        a, b = i * 2, "y"
    print(a, b)
    a, b = n, "z"
    print(a, b)


def ranges(n: int, step: int):
    for i in range(n, 0, -3):
        print(i)
    for j in range(1, n + 1, step):
        print(j)
    r = range(0, n, step)
    print(len(r), sum(r))


def widen(x: float, n: int):
    s = 0
    s += x
    a, b, xs = 0, "k", []
    for i in range(n):
        a += x
        xs.append(a / 2)
    print("%.2f %.2f %s %d %.2f" % (s, a, b, len(xs), sum(xs)))


def alias(n: int):
    xs = [1, n]
    ys = xs
    name = "n=%d" % n
    same = name
    print(len(xs), sum(ys), name, same)


def triple(v):
    return v * 3 + 1


def shown(x: float, n: int, b: bool):
    print(x, n, b, x * 2, n / 2, f"{x} {b} {x:.2f}", str(x), str(n), str(b))


print(report(7, "Incremental PCA", 0.87654))
shown(2.0, 3, True)
shown(0.1, -4, False)
print(triple(7))
alias(4)
widen(1.5, 3)
widen(2.0, 0)
ranges(10, 4)
ranges(7, -2)
ranges(-3, 2)
ranges(-9, -4)
retuple(3)
rows(5)
print(report(1, "PCA", 0.5))
rebind(4)
rebind(-7)
"""


def test_plain_python_runs_the_same_in_rust(tmp_path: Path) -> None:
    result = convert_file(PLAIN, "m.py")
    assert not result.unsupported, result.unsupported
    assert "// py:" not in result.rust_code, result.rust_code
    assert run_rust(result.rust_code, tmp_path).stdout == python_output(PLAIN)


@pytest.mark.parametrize("line, reason", [
    ('print("%5.2f" % np.sum(a))', "the %-format %5.2f"),
    ('print("%d" % np.sum(a))', "%d of a f32"),
    ('print("%s" % [np.sum(a)])', "%s of a Vec<f32>"),
    ('print("%d %d" % np.sum(a))', "holes and values do not match"),
    ('f = [1.0, 2.0]\nprint(np.sum(a) in f)', "`in` on a Vec<f32>"),
    ("for u, v in zip(np.sum(a)):\n    print(u)", "this zip() loop"),
    ("for u, u in zip(n, [np.sum(a)]):\n    print(u)", "a name bound twice"),
    # `s = 0; s += 0.5` makes s a float in Python; `s += 0.5 as i64` would truncate it
    ("s = 0\nfor i in range(2):\n    s = np.sum(a)", "an `as` cast would truncate it"),
    # a rebinding inside a block is not a shadowing `let` (it would end with the block)
    ("for i in range(2):\n    a = np.sum(a) * np.ones((2, 2))",
     "a trueno::Matrix<f32> where trueno::Vector<f32> is expected"),
])
def test_unsound_forms_stay_python_with_their_reason(line: str, reason: str) -> None:
    """Python and Rust would print differently (``%d`` of a float truncates, ``%s`` of a list
    is Python's repr) or the form has no translation: the statement is kept as Python, and the
    mapped call in it is reported with the reason."""
    source = f"import numpy as np\n\na = np.linspace(0.0, 1.0, 5)\nn = [1, 2]\n{line}\n"
    result = convert_file(source, "m.py")
    assert "numpy.sum" not in {m.python for m in result.mappings}
    reasons = [u.reason for u in result.unsupported if u.python == "numpy.sum"]
    assert len(reasons) == 1 and reason in reasons[0], result.unsupported


FRAMEWORK = {
    "percent_metric": """
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

X, labels_true = make_blobs(n_samples=300, centers=3, cluster_std=0.5, random_state=0)
km = KMeans(n_clusters=3, random_state=0).fit(X)
labels = km.labels_
print("Homogeneity: %0.3f" % metrics.homogeneity_score(labels_true, labels))
print("Clusters: %d" % len(labels))
""",
    "zip_loop_numpy": """
import numpy as np

colors = ["navy", "turquoise", "darkorange"]
for color, i in zip(colors, [0, 1, 2]):
    x = np.linspace(0.0, 1.0, 10)
    print("%s %d %.2f" % (color, i, np.sum(x)))
""",
    "rebinding": """
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.tree import DecisionTreeRegressor

rnd = np.random.RandomState(42)
X = rnd.uniform(-3, 3, size=100)
y = np.sin(X) + rnd.normal(size=len(X)) / 3
X = X.reshape(-1, 1)
line = np.linspace(-3, 3, 100).reshape(-1, 1)
reg = LinearRegression().fit(X, y)
reg = DecisionTreeRegressor(min_samples_split=3).fit(X, y)
""",
    "loops_over_arrays": """
import numpy as np
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.linear_model import Ridge

iris = load_iris()
X = iris.data
X_pca = PCA(n_components=2).fit_transform(X)
X_two = PCA(n_components=2).fit_transform(X)
for X_t, title in [(X_pca, "PCA"), (X_two, "again")]:
    if "PCA" in title:
        err = np.abs(np.abs(X_pca) - np.abs(X_t)).mean()
        print("%s %.6f" % (title, err))
alphas = np.logspace(-10, -2, 5)
for a in alphas:
    model = Ridge(alpha=a)
""",
    "fit_chain": """
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression

iris = load_iris()
X = iris.data
pca = PCA(n_components=2)
X_r = pca.fit(X).transform(X)
print(X_r.shape)
""",
    "augmented_array": """
import numpy as np

n = 6
y = np.sin(np.linspace(0.0, 1.0, n))
y += 5 * np.random.normal(size=(n,))
""",
    "aprender_arrays": """
import numpy as np
from sklearn.datasets import make_regression
from sklearn.linear_model import Ridge

rng = np.random.RandomState(0)
X, y = make_regression(n_samples=20, n_features=1, random_state=0, noise=4.0, bias=100.0)
X_outliers = rng.normal(0, 0.5, size=(4, 1))
y_outliers = rng.normal(0, 2.0, size=4)
X_outliers[:2, :] += X.max() + X.mean() / 4.0
y_outliers[2:] += y.max() + y.mean() / 4.0
X = np.vstack((X, X_outliers))
y = np.concatenate((y, y_outliers))
x = np.linspace(X.min(), X.max(), 7)
ridge = Ridge(alpha=0.0)
ridge.fit(X, y)
""",
    "split_twice": """
from sklearn.datasets import make_blobs
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

X, y = make_blobs(n_samples=60, centers=2, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
classifier = LogisticRegression(C=0.01)
classifier.fit(X_train, y_train)
""",
    "model_options": """
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.datasets import make_regression
from sklearn.linear_model import LinearRegression, Ridge

X, y = make_regression(n_samples=20, n_features=1, random_state=0, noise=4.0, bias=100.0)
a = Ridge(alpha=1.0, fit_intercept=False).fit(X, y)
b = LinearRegression(fit_intercept=False).fit(X, y)
labels = KMeans(n_clusters=2, random_state=0).fit_predict(X)
s1 = metrics.silhouette_score(X, labels, metric="sqeuclidean")
s2 = metrics.silhouette_score(X, labels, metric="euclidean")
""",
    "knn_weights_loop": """
import numpy as np
from sklearn import neighbors

X_train = np.sort(5 * np.random.rand(40, 1), axis=0)
y = np.sin(X_train).ravel()
for i, weights in enumerate(["uniform", "distance"]):
    knn = neighbors.KNeighborsRegressor(5, weights=weights)
    knn.fit(X_train, y)
""",
    "untyped_param": """
import numpy as np


def true_fun(X):
    return np.cos(1.5 * np.pi * X)


X = np.sort(np.random.rand(30))
y = true_fun(X) + np.random.randn(30) * 0.1
""",
    "aliasing": """
import numpy as np

a = np.linspace(0.0, 1.0, 5)
b = a
c = np.sin(a)
print(np.sum(b), np.sum(c))
""",
}
SITES = {"percent_metric": "sklearn.metrics.homogeneity_score",
         "zip_loop_numpy": "numpy.linspace",
         "rebinding": "sklearn.tree.DecisionTreeRegressor.fit",
         "loops_over_arrays": "sklearn.linear_model.Ridge",
         "fit_chain": "sklearn.decomposition.PCA.transform",
         "augmented_array": "numpy.random.normal",
         "aprender_arrays": "numpy.vstack",
         "split_twice": "sklearn.linear_model.LogisticRegression.fit",
         "model_options": "sklearn.linear_model.Ridge",
         "knn_weights_loop": "sklearn.neighbors.KNeighborsRegressor",
         "untyped_param": "numpy.cos",
         "aliasing": "numpy.sin"}


def test_framework_snippets_translate_the_mapped_site_and_type_check(
        rust_checker: RustChecker) -> None:
    modules = {"arrays": convert_file(ARRAYS, "arrays.py").rust_code,
               "updates": convert_file(UPDATES, "updates.py").rust_code,
               # (2, 3) - (2, 2): NumPy raises; so does the Rust, at run time (shapes are values)
               "unbroadcastable": convert_file(ARRAYS.replace("[[1.0], [2.0]]", "[[1.0, 2.0], "
                                                              "[3.0, 4.0]]"), "u.py").rust_code}
    assert "operands could not be broadcast together" in modules["unbroadcastable"]
    for name, source in FRAMEWORK.items():
        result = convert_file(source, f"{name}.py")
        assert SITES[name] in {m.python for m in result.mappings}, (name, result.unsupported)
        assert not any(u.python == SITES[name] for u in result.unsupported), name
        modules[name] = result.rust_code
    assert rust_checker.check(modules) == []


SHIM = """
pub struct Vector<T>(Vec<T>);
impl<T> Vector<T> {
    pub fn from_vec(v: Vec<T>) -> Self { Vector(v) }
    pub fn as_slice(&self) -> &[T] { &self.0 }
}
fn main() {
    let (a, b) = points().unwrap();
    println!("{:?} {:?}", a.as_slice(), b.as_slice());
}
"""


def test_linspace_without_its_endpoint_runs_with_numpys_values(tmp_path: Path) -> None:
    """``endpoint=False`` leaves ``stop`` out (step ``(stop - start) / num``); it was
    dropped, giving the points of ``endpoint=True``. Run against a std-only ``Vector`` with the
    tables' signatures; the expected values are NumPy's."""
    python = ("import numpy as np\n\n\ndef points():\n"
              "    a = np.linspace(0.0, 1.0, 4, endpoint=False)\n"
              "    b = np.linspace(0.0, 1.0, 5, endpoint=True)\n    return a, b\n")
    result = convert_file(python, "m.py")
    assert not result.unsupported, result.unsupported
    module = re.sub(r"^use trueno::.*;$", "", result.rust_code, flags=re.M)
    out = run_rust(module.replace("trueno::Vector", "Vector") + SHIM, tmp_path).stdout
    assert out.strip() == "[0.0, 0.25, 0.5, 0.75] [0.0, 0.25, 0.5, 0.75, 1.0]"
    for bad, reason in (("retstep=True", "retstep=True"), ("endpoint=flag", "endpoint=...")):
        refused = convert_file(f"import numpy as np\nflag = True\nx = np.linspace(0.0, 1.0, 4, "
                               f"{bad})\n", "m.py")
        assert any(reason in u.reason for u in refused.unsupported), refused.unsupported


ARRAYS = """
import numpy as np


def grids():
    a = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    v = np.array([10.0, 20.0, 30.0])
    c = np.array([[1.0], [2.0]])
    s = a + v
    t = c - a
    u = np.abs(a - 2 * a)
    m = np.mean(u)
    k = np.argmax(t)
    t *= 2.0
    u += a
    u -= c
    return s, t, u, m, k
"""

ARRAY_SHIM = """
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;
pub struct Vector<T>(Vec<T>);
impl Vector<f32> {
    pub fn from_vec(v: Vec<f32>) -> Self { Vector(v) }
    pub fn from_slice(v: &[f32]) -> Self { Vector(v.to_vec()) }
    pub fn as_slice(&self) -> &[f32] { &self.0 }
    pub fn len(&self) -> usize { self.0.len() }
    pub fn mean(&self) -> Result<f32> { Ok(self.0.iter().sum::<f32>() / self.0.len() as f32) }
    pub fn max(&self) -> Result<f32> { Ok(self.0.iter().copied().fold(f32::MIN, f32::max)) }
    pub fn min(&self) -> Result<f32> { Ok(self.0.iter().copied().fold(f32::MAX, f32::min)) }
    pub fn argmax(&self) -> Result<usize> {
        Ok((0..self.0.len()).fold(0, |b, i| if self.0[i] > self.0[b] { i } else { b }))
    }
}
pub struct Matrix<T> { r: usize, c: usize, d: Vec<T> }
impl Matrix<f32> {
    pub fn from_vec(r: usize, c: usize, d: Vec<f32>) -> Result<Self> {
        if r * c != d.len() { return Err("shape".into()); }
        Ok(Matrix { r, c, d })
    }
    pub fn rows(&self) -> usize { self.r }
    pub fn cols(&self) -> usize { self.c }
    pub fn as_slice(&self) -> &[f32] { &self.d }
}
"""
GRIDS_MAIN = """
fn main() {
    let (s, t, u, m, k) = grids().unwrap();
    for x in [&s, &t, &u] { println!("{} {} {:?}", x.rows(), x.cols(), x.as_slice()); }
    println!("{} {}", m, k);
}
"""


def _run_arrays(python: str, main: str, tmp_path: Path) -> list[str]:
    """Convert ``python``, compile it with the std-only shim and ``main``, run it."""
    result = convert_file(python, "m.py")
    assert not result.unsupported, result.unsupported
    module = re.sub(r"^(use trueno::.*;|type Result.*;)$", "", result.rust_code, flags=re.M)
    program = module.replace("trueno::", "") + ARRAY_SHIM + main
    return run_rust(program, tmp_path).stdout.splitlines()


def _same_array(line: str, array: object) -> bool:
    """A ``rows cols [data]`` line (a Rust ``{:?}`` of f32s) against a NumPy array."""
    rows, cols, data = line.split(" ", 2)
    assert isinstance(array, np.ndarray)
    shape = array.shape if array.ndim == 2 else (1, array.shape[0])
    return (int(rows), int(cols)) == shape and bool(np.allclose(np.array(eval(data)),
                                                                array.ravel()))


def test_array_broadcasting_and_whole_array_reductions_run_with_numpys_values(
        tmp_path: Path) -> None:
    """Matrix-matrix and matrix-vector arithmetic broadcast as NumPy does; ``np.mean`` /
    ``np.argmax`` of a matrix reduce all its elements (row-major). Compiled against a std-only
    Matrix / Vector with the tables' signatures and compared with NumPy itself."""
    out = _run_arrays(ARRAYS, GRIDS_MAIN, tmp_path)
    scope: dict[str, object] = {}
    exec(ARRAYS, scope)  # the same Python, run by NumPy
    grids = scope["grids"]
    assert callable(grids)
    s, t, u, m, k = grids()
    for line, array in zip(out[:3], (s, t, u), strict=True):
        assert _same_array(line, array), (line, array)
    mean, argmax = out[3].split()
    assert float(mean) == pytest.approx(float(m)) and int(argmax) == int(k)



UPDATES = """
import numpy as np


def updates():
    y = np.linspace(0.0, 9.0, 10)
    y[::5] += 0.5 - np.linspace(0.0, 1.0, 2)
    y[-3:] -= 1
    y[1:4] *= 2.0
    y[8:100] += 0.25
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    X[:2, :] += X.max() + X.mean() / 4.0
    X[2:, :] += np.array([10.0, 20.0])
    X[::2, 1:] += np.array([[100.0], [200.0]])
    X[-1:] /= 2
    lin = np.linspace(X.min(), y.max(), 4, endpoint=False)
    down = np.arange(10, 0, -3)
    steps = np.arange(X.min(), 8.0, 1.5)
    logs = np.logspace(0.0, y.min() / 4, 3)
    return y, X, lin, down, steps, logs
"""
UPDATES_MAIN = """
fn main() {
    let (y, x, lin, down, steps, logs) = updates().unwrap();
    println!("1 {} {:?}", y.len(), y.as_slice());
    println!("{} {} {:?}", x.rows(), x.cols(), x.as_slice());
    for v in [&lin, &down, &steps, &logs] { println!("1 {} {:?}", v.len(), v.as_slice()); }
}
"""


def test_slice_updates_run_with_numpys_values(tmp_path: Path) -> None:
    """``y[::5] += v``, ``X[:2, :] += k``, negative and clamped bounds, broadcast right-hand
    sides: the array rebuilt with the selected elements updated, as NumPy updates them."""
    out = _run_arrays(UPDATES, UPDATES_MAIN, tmp_path)
    scope: dict[str, object] = {}
    exec(UPDATES, scope)
    updates = scope["updates"]
    assert callable(updates)
    y, x, lin, down, steps, logs = updates()
    assert _same_array(out[0], y), (out[0], y)
    assert _same_array(out[1], x), (out[1], x)
    for line, array in zip(out[2:], (lin, down, steps, logs), strict=True):
        assert _same_array(line, array), (line, array)  # computed bounds, evaluated once
    refused = convert_file(UPDATES.replace("X[::2, 1:] += np.array([[100.0], [200.0]])",
                                           "X[::2, 1:] += np.array([[1.0, 2.0, 3.0]])"), "m.py")
    assert "could not broadcast input array" in refused.rust_code  # NumPy's ValueError
    for bad, reason in (("y[i] += np.sum(y)", "an index other than a slice"),
                        ("y[::-1] += np.sum(y)", "a slice step that is not a positive literal"),
                        ("y[:i] += np.sum(y)", "a slice bound that is not a literal integer")):
        source = f"import numpy as np\ni = 2\ny = np.linspace(0.0, 1.0, 4)\n{bad}\n"
        kept = convert_file(source, "m.py")
        assert f"// py: {bad}" in kept.rust_code
        assert [reason in u.reason for u in kept.unsupported] == [True], kept.unsupported


@pytest.mark.parametrize("option, reason", [
    ('shrinkage="auto"', "has no shrinkage"),
    ("shrinkage=0.5", "has no shrinkage"),
    ("covariance_estimator=oa", "takes no covariance estimator"),
    ("priors=[0.5, 0.5]", "takes no priors"),
])
def test_lda_options_that_change_the_model_are_refused(option: str, reason: str) -> None:
    """They were dropped (reported, but the plain LDA was emitted as if it were the same
    model); ``solver`` and ``shrinkage=None`` keep the same classifier."""
    source = ("from sklearn.datasets import make_blobs\n"
              "from sklearn.discriminant_analysis import LinearDiscriminantAnalysis\n"
              "X, y = make_blobs(n_samples=40, centers=2, random_state=0)\noa = None\n"
              f"clf = LinearDiscriminantAnalysis(solver='lsqr', {option}).fit(X, y)\n"
              "same = LinearDiscriminantAnalysis(solver='lsqr', shrinkage=None).fit(X, y)\n")
    result = convert_file(source, "m.py")
    lda = "sklearn.discriminant_analysis.LinearDiscriminantAnalysis"
    refused = [u for u in result.unsupported if u.python == lda and u.span.line == 5]
    assert refused and reason in refused[0].reason, result.unsupported
    assert [m.span.line for m in result.mappings if m.python == lda] == [6]


def test_options_that_change_the_result_are_kept_not_dropped() -> None:
    """``fit_intercept=False`` -> ``with_intercept(false)`` (it was dropped: a model with an
    intercept), ``make_regression(bias=100)`` adds the bias to y (it was dropped: other data),
    ``silhouette_score(metric='sqeuclidean')`` is refused (aprender's is Euclidean)."""
    result = convert_file(FRAMEWORK["model_options"], "m.py")
    assert result.rust_code.count(".with_intercept(false)") == 2
    assert "let b: f32 = 100.0;" in result.rust_code
    reasons = {(u.span.line, u.reason) for u in result.unsupported
               if u.python == "sklearn.metrics.silhouette_score"}
    assert reasons == {(11, "metric='sqeuclidean': aprender's silhouette_score measures "
                            "Euclidean distances")}
    assert not any("dropped" in u.reason for u in result.unsupported
                   if "intercept" in u.python or "bias" in u.python), result.unsupported


def test_an_alias_changed_later_is_refused() -> None:
    """``d = a`` then ``d += 1``: NumPy changes ``a`` too (one array, two names); a clone
    would not, so the alias stays Python (a clone is emitted only when neither name changes)."""
    result = convert_file("import numpy as np\n\na = np.linspace(0.0, 1.0, 5)\nd = a\n"
                          "d += 1.0\nb = a\nprint(np.sum(b))\n", "m.py")
    assert "// py: d = a" in result.rust_code
    assert "d = a: one object with two names in Python, changed later" in result.rust_code
    assert "let b: Vector<f32> = a.clone();" in result.rust_code


SCALAR_REDUCTIONS = """
import numpy as np


def f(x: float) -> float:
    return np.sum(x) + np.max(x) - np.mean(x) + np.amin(x)


print(f(2.5))
"""


def test_a_reduction_of_a_number_is_the_number(tmp_path: Path) -> None:
    # NumPy reads a number as a 0-d array: np.sum(model.inertia_) is the inertia itself.
    result = convert_file(SCALAR_REDUCTIONS, "m.py")
    assert not result.unsupported, result.unsupported
    assert run_rust(result.rust_code, tmp_path).stdout == python_output(SCALAR_REDUCTIONS)
