"""scikit-learn -> Aprender mappings (SPEC.md §7; book lines 1215–1230, 2152–2158).

Estimators become ``Type::new(required)`` plus one ``.with_<param>(value)`` builder call per
other keyword, so names and literal arguments carry over (``KMeans(n_clusters=3)`` ->
``KMeans::new(3)``). ``fit`` / ``predict`` / ``transform`` borrow their data and return
``Result`` (``model.fit(&x, &y)?``); ``fit`` returns ``&mut Self`` so chains keep working.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from batuta.convert._engine import Ctx
from batuta.convert._rust import receiver, rust_ident
from batuta.convert._values import CallSite, Expr, Unmappable
from batuta.convert.registry import REGISTRY

R = REGISTRY.register
FW = "sklearn"


@dataclass(frozen=True)
class Estimator:
    """One estimator: its Rust type, the ``new`` parameters (name, default, kind), router op."""

    rust: str
    required: tuple[tuple[str, str, str], ...]
    operation: str
    explain: str


ESTIMATORS: dict[str, Estimator] = {
    "sklearn.linear_model.LinearRegression": Estimator(
        "LinearRegression", (), "linear_regression",
        "first-principles ordinary least squares"),
    "sklearn.linear_model.LogisticRegression": Estimator(
        "LogisticRegression", (), "linear_regression", "logistic regression (gradient descent)"),
    "sklearn.linear_model.Ridge": Estimator(
        "Ridge", (("alpha", "1.0", "f32"),), "linear_regression", "L2-regularized regression"),
    "sklearn.linear_model.Lasso": Estimator(
        "Lasso", (("alpha", "1.0", "f32"),), "linear_regression", "L1-regularized regression"),
    "sklearn.cluster.KMeans": Estimator(
        "KMeans", (("n_clusters", "8", "usize"),), "kmeans", "k-means clustering (k-means++)"),
    "sklearn.cluster.DBSCAN": Estimator(
        "DBSCAN", (("eps", "0.5", "f32"), ("min_samples", "5", "usize")), "kmeans",
        "density-based clustering"),
    "sklearn.tree.DecisionTreeClassifier": Estimator(
        "DecisionTreeClassifier", (), "kmeans", "CART decision tree (classification)"),
    "sklearn.tree.DecisionTreeRegressor": Estimator(
        "DecisionTreeRegressor", (), "kmeans", "CART decision tree (regression)"),
    "sklearn.ensemble.RandomForestClassifier": Estimator(
        "RandomForestClassifier", (("n_estimators", "100", "usize"),), "kmeans",
        "random forest of CART trees (classification)"),
    "sklearn.ensemble.RandomForestRegressor": Estimator(
        "RandomForestRegressor", (("n_estimators", "100", "usize"),), "kmeans",
        "random forest of CART trees (regression)"),
    "sklearn.preprocessing.StandardScaler": Estimator(
        "StandardScaler", (), "element_wise", "zero-mean, unit-variance scaling"),
    "sklearn.preprocessing.MinMaxScaler": Estimator(
        "MinMaxScaler", (), "element_wise", "scaling to a [min, max] range"),
    "sklearn.preprocessing.LabelEncoder": Estimator(
        "LabelEncoder", (), "", "labels to integer codes"),
    # Beyond SPEC.md §7's floor: estimators with a same-named Aprender counterpart assumed.
    "sklearn.decomposition.PCA": Estimator(
        "PCA", (), "matrix_multiply", "principal components"),
    "sklearn.neighbors.KNeighborsClassifier": Estimator(
        "KNeighborsClassifier", (("n_neighbors", "5", "usize"),), "kmeans",
        "k-nearest-neighbour classification"),
    "sklearn.naive_bayes.GaussianNB": Estimator(
        "GaussianNB", (), "linear_regression", "Gaussian naive Bayes"),
    "sklearn.ensemble.GradientBoostingClassifier": Estimator(
        "GradientBoostingClassifier", (("n_estimators", "100", "usize"),), "kmeans",
        "gradient-boosted trees (classification)"),
    "sklearn.neighbors.KNeighborsRegressor": Estimator(
        "KNeighborsRegressor", (("n_neighbors", "5", "usize"),), "kmeans",
        "k-nearest-neighbour regression"),
    "sklearn.ensemble.GradientBoostingRegressor": Estimator(
        "GradientBoostingRegressor", (("n_estimators", "100", "usize"),), "kmeans",
        "gradient-boosted trees (regression)"),
}


def _literal(ctx: Ctx, node: ast.expr, kind: str = "") -> str:
    """A builder argument: numbers keep their Python type unless ``kind`` says otherwise."""
    if isinstance(node, ast.Constant) and node.value is None:
        return "None"
    return ctx.val(node, kind)


def _make_handler(qual: str, est: Estimator) -> None:
    def handler(ctx: Ctx, site: CallSite) -> Expr:
        ctx.use(f"aprender::{est.rust}")
        args = []
        for i, (name, default, kind) in enumerate(est.required):
            node = site.arg(i, name)
            args.append(default if node is None else _literal(ctx, node, kind))
        code = f"{est.rust}::new({', '.join(args)})"
        for name, value in site.keywords():
            code += f".with_{rust_ident(name).removeprefix('r#')}({_literal(ctx, value)})"
        return Expr(code, "estimator", qual, est.rust)

    R(FW, qual, operation=est.operation, explain=est.explain)(handler)


for _qual, _est in ESTIMATORS.items():
    _make_handler(_qual, _est)


def _prelude(ctx: Ctx) -> None:
    ctx.use("aprender::prelude::*")


def _data(ctx: Ctx, site: CallSite, pos: int, name: str, rust_type: str) -> str | None:
    node = site.arg(pos, name)
    return None if node is None else ctx.ref(node, rust_type)


def _x_type(model: Expr) -> str:
    # LabelEncoder works on a label vector; every other estimator on a feature matrix.
    return "&Vector" if model.rust_type == "LabelEncoder" else "&Matrix"


def _estimator_of(site: CallSite) -> Expr:
    assert site.recv is not None
    return site.recv


@R(FW, "estimator.fit", operation="", explain="fit borrows the data; returns &mut Self")
def _fit(ctx: Ctx, site: CallSite) -> Expr:
    _prelude(ctx)
    model = _estimator_of(site)
    x = _data(ctx, site, 0, "X", _x_type(model))
    if x is None:
        raise Unmappable("fit needs X")
    y = _data(ctx, site, 1, "y", "&Vector")
    args = x if y is None else f"{x}, {y}"
    return Expr(f"{receiver(model.code)}.fit({args})?", "estimator", model.cls,
                model.rust_type)


def _xy_method(method: str, result_kind: str, rust_type: str, with_y: bool = False
               ) -> None:
    def handler(ctx: Ctx, site: CallSite) -> Expr:
        _prelude(ctx)
        model = _estimator_of(site)
        x = _data(ctx, site, 0, "X", _x_type(model))
        if x is None:
            raise Unmappable(f"{method} needs X")
        args = x
        if with_y:
            y = _data(ctx, site, 1, "y", "&Vector")
            args = x if y is None else f"{x}, {y}"
        return Expr(f"{receiver(model.code)}.{method}({args})?", result_kind,
                    rust_type=rust_type)

    R(FW, f"estimator.{method}", explain=f"{method} borrows X and returns a Result")(handler)


_xy_method("predict", "ndarray", "Vector")
_xy_method("predict_proba", "matrix", "Matrix")
_xy_method("transform", "matrix", "Matrix")
_xy_method("inverse_transform", "matrix", "Matrix")
_xy_method("fit_transform", "matrix", "Matrix", with_y=True)
_xy_method("fit_predict", "ndarray", "Vector", with_y=True)
_xy_method("score", "f32", "f32", with_y=True)

_ATTRIBUTES = {"coef_": ("coefficients()", "ndarray", "Vector"),
               "intercept_": ("intercept()", "f32", "f32"),
               "labels_": ("labels()", "ndarray", "Vector"),
               "cluster_centers_": ("centroids()", "matrix", "Matrix"),
               "inertia_": ("inertia()", "f32", "f32"),
               "classes_": ("classes()", "ndarray", "Vector"),
               "feature_importances_": ("feature_importances()", "ndarray", "Vector"),
               "n_iter_": ("n_iter()", "usize", "usize"),
               "mean_": ("mean()", "ndarray", "Vector"),
               "scale_": ("scale()", "ndarray", "Vector"),
               "components_": ("components()", "matrix", "Matrix"),
               "explained_variance_ratio_": ("explained_variance_ratio()", "ndarray", "Vector")}


@R(FW, *(f"estimator.{a}" for a in _ATTRIBUTES), explain="fitted attribute -> accessor")
def _attribute(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    method, kind, rust_type = _ATTRIBUTES[name]
    return Expr(f"{receiver(_estimator_of(site).code)}.{method}", kind, rust_type=rust_type)


@R(FW, "sklearn.model_selection.train_test_split",
   explain="shuffled split into train and test sets")
def _split(ctx: Ctx, site: CallSite) -> Expr:
    ctx.use("aprender::model_selection")
    x = _data(ctx, site, 0, "X", "&Matrix")
    y = _data(ctx, site, 1, "y", "&Vector")
    if x is None or y is None:
        raise Unmappable("train_test_split is mapped for (X, y) pairs")
    if site.nargs() > 2:
        raise Unmappable("more than two arrays to split")
    test = site.arg(None, "test_size")
    test_size = "0.25" if test is None else ctx.num(test, "f32")
    seed = site.arg(None, "random_state")
    seed_code = "None" if seed is None or (isinstance(seed, ast.Constant) and
                                           seed.value is None) else f"Some({ctx.val(seed)})"
    parts = (Expr("", "matrix", rust_type="Matrix"), Expr("", "matrix", rust_type="Matrix"),
             Expr("", "ndarray", rust_type="Vector"), Expr("", "ndarray", rust_type="Vector"))
    code = f"model_selection::train_test_split({x}, {y}, {test_size}, {seed_code})?"
    return Expr(code, "tuple", parts=parts)


@R(FW, "sklearn.model_selection.cross_val_score", operation="linear_regression",
   explain="k-fold cross-validation scores")
def _cv(ctx: Ctx, site: CallSite) -> Expr:
    ctx.use("aprender::model_selection")
    model = site.arg(0, "estimator")
    x = _data(ctx, site, 1, "X", "&Matrix")
    y = _data(ctx, site, 2, "y", "&Vector")
    if model is None or x is None or y is None:
        raise Unmappable("cross_val_score needs estimator, X and y")
    folds = ctx.num(site.arg(None, "cv"), "usize", "5")
    estimator = ctx.ref(model, "&impl Estimator")
    return Expr(f"model_selection::cross_val_score({estimator}, {x}, {y}, {folds})?",
                "ndarray", rust_type="Vector")


_METRICS = ("accuracy_score", "precision_score", "recall_score", "f1_score",
            "mean_squared_error", "r2_score", "mean_absolute_error")


@R(FW, *(f"sklearn.metrics.{m}" for m in _METRICS), operation="reduction",
   explain="metric over true and predicted values")
def _metric(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    ctx.use("aprender::metrics")
    y_true = _data(ctx, site, 0, "y_true", "&Vector")
    y_pred = _data(ctx, site, 1, "y_pred", "&Vector")
    if y_true is None or y_pred is None:
        raise Unmappable(f"{name} needs y_true and y_pred")
    return Expr(f"metrics::{name}({y_true}, {y_pred})?", "f32", rust_type="f32")


@R(FW, "sklearn.base.clone", explain="an unfitted copy of an estimator")
def _clone(ctx: Ctx, site: CallSite) -> Expr:
    node = site.arg(0, "estimator")
    if node is None:
        raise Unmappable("clone needs an estimator")
    est = ctx.expr(node)
    site.arg(None, "safe")
    # Rust's Clone copies fitted state as well; sklearn's clone drops it (call before fit).
    return Expr(f"{receiver(est.code)}.clone()", "estimator", est.cls, est.rust_type)


@R(FW, "sklearn.utils.check_random_state", explain="seeded generator (rand crate)")
def _check_random_state(ctx: Ctx, site: CallSite) -> Expr:
    from batuta.convert.numpy import rng_from_seed

    return rng_from_seed(ctx, site.arg(0, "seed"), "numpy.random.RandomState")


_ASSERTS = {"assert_array_equal": "assert_eq", "assert_allclose": "assert_relative_eq",
            "assert_array_almost_equal": "assert_relative_eq", "assert_almost_equal":
            "assert_relative_eq"}


@R(FW, *(f"sklearn.utils._testing.{a}" for a in _ASSERTS),
   *(f"numpy.testing.{a}" for a in _ASSERTS), explain="test assertion -> Rust assert macro")
def _assert(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    macro = _ASSERTS[name]
    a = ctx.expr(_need_arg(site, 0, "actual"))
    b = ctx.expr(_need_arg(site, 1, "desired"))
    for kw in ("rtol", "atol", "decimal", "err_msg"):
        site.arg(None, kw)  # tolerances: approx's defaults apply (epsilon = f32::EPSILON)
    if macro == "assert_relative_eq":
        ctx.use("approx::assert_relative_eq")
    return Expr(f"{macro}!({a.code}, {b.code})")


def _need_arg(site: CallSite, pos: int, name: str) -> ast.expr:
    node = site.arg(pos, name)
    if node is None:
        raise Unmappable(f"{site.symbol} needs {name}")
    return node


@R(FW, "sklearn.utils._safe_indexing", "sklearn.utils.safe_indexing",
   explain="row selection by indices")
def _safe_indexing(ctx: Ctx, site: CallSite) -> Expr:
    data = ctx.expr(_need_arg(site, 0, "X"))
    indices = ctx.ref(_need_arg(site, 1, "indices"), "&[usize]")
    axis = site.arg(2, "axis")
    if axis is not None and not (isinstance(axis, ast.Constant) and axis.value == 0):
        raise Unmappable("column selection (axis=1): select the columns explicitly")
    return Expr(f"{receiver(data.code)}.select_rows({indices})?", data.kind, data.cls,
                data.rust_type)


# aprender::datasets mirrors sklearn.datasets for these four (aprender's book, "Module:
# aprender::datasets"); the generators take sklearn's leading parameters in sklearn's order.
_GENERATORS: dict[str, tuple[tuple[str, int | None, str, str], ...]] = {
    "make_blobs": (("n_samples", 0, "100", "usize"), ("n_features", 1, "2", "usize"),
                   ("centers", None, "3", "usize"), ("cluster_std", None, "1.0", "f32")),
    "make_classification": (("n_samples", 0, "100", "usize"), ("n_features", 1, "20", "usize"),
                            ("n_informative", None, "2", "usize"),
                            ("n_classes", None, "2", "usize")),
    "make_regression": (("n_samples", 0, "100", "usize"), ("n_features", 1, "100", "usize"),
                        ("noise", None, "0.0", "f32")),
}


def _seed(ctx: Ctx, site: CallSite) -> str:
    seed = site.arg(None, "random_state")
    if seed is None or (isinstance(seed, ast.Constant) and seed.value is None):
        return "None"
    return f"Some({ctx.val(seed)})"


def _xy() -> tuple[Expr, Expr]:
    return Expr("", "matrix", rust_type="Matrix"), Expr("", "ndarray", rust_type="Vector")


@R(FW, *(f"sklearn.datasets.{g}" for g in _GENERATORS),
   explain="synthetic data set (aprender::datasets) as (X, y)")
def _generate(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    args = []
    for param, pos, default, kind in _GENERATORS[name]:
        node = site.arg(pos, param)
        if isinstance(node, (ast.List, ast.Tuple)):
            raise Unmappable(f"{name}({param}=[...]): per-cluster or fixed values; "
                             "aprender::datasets takes a count")
        args.append(default if node is None else ctx.num(node, kind))
    args.append(_seed(ctx, site))
    ctx.use("aprender::datasets")
    return Expr(f"datasets::{name}({', '.join(args)})?", "tuple", parts=_xy())


@R(FW, "sklearn.datasets.load_iris", explain="the Iris data embedded in aprender::datasets")
def _load_iris(ctx: Ctx, site: CallSite) -> Expr:
    ctx.use("aprender::datasets")
    flag = site.arg(None, "return_X_y")
    if isinstance(flag, ast.Constant) and flag.value is True:
        return Expr("{ let iris = datasets::load_iris()?; (iris.data, iris.target) }", "tuple",
                    parts=_xy())
    if flag is not None and not (isinstance(flag, ast.Constant) and flag.value is False):
        raise Unmappable("return_X_y must be a literal True or False")
    return Expr("datasets::load_iris()?", rust_type="Dataset")


_NOT_IN_APRENDER = ("load_digits", "load_breast_cancer", "load_wine", "load_diabetes",
                    "load_boston", "make_moons", "make_circles", "make_friedman1",
                    "make_hastie_10_2", "make_multilabel_classification", "load_linnerud",
                    "fetch_openml", "fetch_california_housing", "fetch_lfw_people",
                    "fetch_20newsgroups")


@R(FW, *(f"sklearn.datasets.{d}" for d in _NOT_IN_APRENDER), explain="no Rust equivalent")
def _missing_dataset(ctx: Ctx, site: CallSite) -> Expr:
    raise Unmappable("aprender::datasets has make_blobs, make_classification, make_regression "
                     "and load_iris only: export this data set once (CSV or alimentar .ald) "
                     "and load the file")


_MATRIX_METRICS = {"confusion_matrix": ("Matrix", "matrix"),
                   "classification_report": ("String", "str"),
                   "roc_auc_score": ("f32", "f32"), "log_loss": ("f32", "f32"),
                   "balanced_accuracy_score": ("f32", "f32")}


@R(FW, *(f"sklearn.metrics.{m}" for m in _MATRIX_METRICS), operation="reduction",
   explain="metric over true labels and predictions / scores")
def _metric_more(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    rust_type, kind = _MATRIX_METRICS[name]
    second = "y_score" if name == "roc_auc_score" else "y_pred"
    y_true = _data(ctx, site, 0, "y_true", "&Vector")
    y_pred = _data(ctx, site, 1, second, "&Matrix" if name == "log_loss" else "&Vector")
    if y_true is None or y_pred is None:
        raise Unmappable(f"{name} needs y_true and {second}")
    ctx.use("aprender::metrics")
    return Expr(f"metrics::{name}({y_true}, {y_pred})?", kind, rust_type=rust_type)


@R(FW, "sklearn.metrics.euclidean_distances", "sklearn.metrics.pairwise.euclidean_distances",
   "sklearn.metrics.pairwise_distances", operation="matrix_multiply",
   explain="pairwise Euclidean distances between the rows of X and Y")
def _distances(ctx: Ctx, site: CallSite) -> Expr:
    metric = site.arg(2, "metric")
    if metric is not None and not (isinstance(metric, ast.Constant) and
                                   metric.value == "euclidean"):
        raise Unmappable("pairwise distances other than euclidean")
    x = _data(ctx, site, 0, "X", "&Matrix")
    if x is None:
        raise Unmappable("pairwise distances need X")
    y = _data(ctx, site, 1, "Y", "&Matrix") or x
    ctx.use("aprender::metrics")
    return Expr(f"metrics::euclidean_distances({x}, {y})?", "matrix", rust_type="Matrix")


_NO_COUNTERPART = {
    "svm.SVC": "no Aprender support-vector machine is known to Batuta; the nearest mapped "
               "classifiers are LogisticRegression and KNeighborsClassifier",
    "svm.LinearSVC": "no Aprender support-vector machine is known to Batuta; LogisticRegression "
                     "is the nearest mapped linear classifier",
    "svm.SVR": "no Aprender support-vector machine is known to Batuta; Ridge or "
               "KNeighborsRegressor are the nearest mapped regressors",
    "neighbors.NearestNeighbors": "no Aprender neighbour index is known to Batuta: "
                                  "metrics::euclidean_distances plus argsort gives the k nearest",
    "preprocessing.OneHotEncoder": "no Aprender one-hot encoder is known to Batuta: LabelEncoder "
                                   "gives the integer codes to expand",
    "preprocessing.OrdinalEncoder": "no Aprender ordinal encoder is known to Batuta: LabelEncoder "
                                    "per column gives the same codes",
    "preprocessing.PolynomialFeatures": "no Aprender polynomial expansion is known to Batuta: "
                                        "build the product columns with Matrix::column_stack",
    "pipeline.Pipeline": "pipelines are written out in Rust: call each step's fit_transform, "
                         "then the final estimator's fit",
    "pipeline.make_pipeline": "pipelines are written out in Rust: call each step's "
                              "fit_transform, then the final estimator's fit",
    "model_selection.GridSearchCV": "no Aprender grid search is known to Batuta: loop over the "
                                    "parameter values with model_selection::cross_val_score",
    "model_selection.KFold": "no Aprender KFold splitter is known to Batuta: cross_val_score "
                             "takes the fold count",
    "decomposition.NMF": "no Aprender non-negative matrix factorization is known to Batuta",
    "tree.export_graphviz": "tree plotting and export are outside the converters' scope",
    "tree.plot_tree": "tree plotting and export are outside the converters' scope",
}


@R(FW, *(f"sklearn.{name}" for name in _NO_COUNTERPART), explain="no Rust counterpart known")
def _no_counterpart(ctx: Ctx, site: CallSite) -> Expr:
    raise Unmappable(_NO_COUNTERPART[site.symbol.removeprefix("sklearn.")])
