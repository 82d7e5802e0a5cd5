"""scikit-learn -> aprender mappings, read from the tables (issue 12).

An estimator becomes ``Type::new(required)`` (the parameters ``new`` takes, by name, with
scikit-learn's defaults) plus one ``.with_<name>(value)`` per other keyword the table has a
builder for. Methods (``fit``, ``predict``, ``transform``, ...) call the type's own method
when it has one (classifiers' ``fit(&Matrix<f32>, &[usize])``) and else the trait's
(``Estimator``, ``UnsupervisedEstimator``, ``Transformer``, brought into scope with ``use``).
Arguments are spelled as the table's parameter types; ``?`` only where a ``Result`` comes back.
Options that change the model are checked in ``sklearn_options``; what aprender has no type for
but its pieces can build lives beside this module: ``sklearn_metrics`` (clustering agreement),
``sklearn_multioutput`` (MultiOutputRegressor), ``sklearn_neighbors`` (KNeighborsRegressor),
``sklearn_cv`` (cross_val_predict), ``sklearn_sgd`` (SGDClassifier with its alpha),
``sklearn_logistic`` (LogisticRegression with its C).
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert import sklearn_cv as _sklearn_cv  # noqa: F401
from batuta.convert import sklearn_metrics as _sklearn_metrics  # noqa: F401  (registers)
from batuta.convert import sklearn_multioutput as _sklearn_multioutput  # noqa: F401
from batuta.convert import sklearn_neighbors as _sklearn_neighbors  # noqa: F401
from batuta.convert import sklearn_sgd as _sklearn_sgd  # noqa: F401
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.numpy_random import fresh_seed, uniform_vec
from batuta.convert.registry import REGISTRY
from batuta.convert.sklearn_logistic import FINISH, LR_TYPE, refuse_configured, unwrap
from batuta.convert.sklearn_options import CONFIGURE, EXPLAIN, REFUSED
from batuta.convert.targets import load
from batuta.convert.targets.emitted import APRENDER_ESTIMATORS, APRENDER_FUNCTIONS
from batuta.convert.types import (
    deref,
    from_table,
    mark,
    marked_type,
    result_parts,
    type_path,
)

R = REGISTRY.register
FW = "sklearn"
A = "aprender::"

SYNONYMS = {"k": "n_neighbors", "n_splits": "n_splits", "depth": "max_depth",
            "seed": "random_state", "tol": "tol", "lr": "learning_rate",
            "tolerance": "tol", "bias": "include_bias", "intercept": "fit_intercept"}
"""aprender parameter name -> the scikit-learn keyword that sets it."""

DEFAULTS = {"n_clusters": "8", "alpha": "1.0", "eps": "0.5", "min_samples": "5",
            "n_estimators": "100", "k": "5", "n_components": "2", "l1_ratio": "0.5",
            "degree": "2", "n_splits": "5"}
"""scikit-learn's default for each required ``new`` parameter."""

CLASS_DEFAULTS: dict[str, dict[str, str | None]] = {
    "sklearn.cluster.AgglomerativeClustering": {"n_clusters": "2"},
    "sklearn.mixture.GaussianMixture": {"n_components": "1"},
    "sklearn.decomposition.PCA": {"n_components": None},
    "sklearn.decomposition.IncrementalPCA": {"n_components": None},
    "sklearn.decomposition.FastICA": {"n_components": None},
}
"""Where one class's default differs from ``DEFAULTS``; ``None``: scikit-learn keeps every
component, a count aprender's ``new`` cannot be given before the data is seen."""

GENERIC = {"aprender::preprocessing::LabelEncoder": "String"}
"""Generic estimators and the type they are used with (scikit-learn encodes string labels)."""

ENUMS = {"linkage": ("aprender::cluster::Linkage", "ward"),
         "covariance_type": ("aprender::cluster::CovarianceType", "full")}
"""Enum parameters: the enum and scikit-learn's default (a string keyword)."""


def _variant(site: Site, param: str) -> str:
    enum, default = ENUMS[param]
    node = site.arg(None, param)
    text = default if node is None else (
        node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None)
    if text is None:
        raise Fail(f"{param} must be a string literal")
    return f"{mark(enum)}::{text.capitalize()}"


def _constructor(python: str, rust: str) -> None:
    path = A + rust

    def handler(site: Site) -> Val:
        new = mapping.item(f"{path}::new")
        args: list[ast.expr | str] = []
        for i, param in enumerate(new.params):
            if param.name in ENUMS:
                args.append(_variant(site, param.name))
                continue
            node = site.arg(i, SYNONYMS.get(param.name, param.name))
            if node is None:
                node = site.arg(None, param.name)
            if node is None:
                args.append(_default(python, param.name, from_table(param.rust_type, new)))
            else:
                args.append(node)
        value = mapping.call(site, new, None, args)
        code = value.code
        for check in REFUSED.get(python, ()):
            check(site)
        code += "".join(CONFIGURE[python](site)) if python in CONFIGURE else ""
        for keyword, node in site.keywords():
            builder = _builder(path, keyword)
            if builder is None:
                continue
            try:
                (arg_type,) = mapping.param_types(mapping.item(builder))
                arg = site.tr.value(node, arg_type)
            except Fail:
                continue
            site.used_kw.add(keyword)
            code += f".{builder.rpartition('::')[2]}({arg})"
        intercept = None if "fit_intercept" in site.used_kw else site.arg(None, "fit_intercept")
        if intercept is not None and not (isinstance(intercept, ast.Constant)
                                          and intercept.value is True):
            raise Fail(f"fit_intercept={ast.unparse(intercept)}: aprender's {rust} always fits "
                       "an intercept")
        generic = GENERIC.get(path)
        built = Val(code, f"{path}<{generic}>" if generic else path)
        return FINISH[python](site, built) if python in FINISH else built

    R(FW, python, operation=_operation(rust), explain=EXPLAIN.get(python, f"aprender::{rust}"),
      emits=(path, f"{path}::new"))(handler)


def _default(python: str, name: str, rust_type: str) -> str:
    overrides = CLASS_DEFAULTS.get(python, {})
    value = overrides[name] if name in overrides else DEFAULTS.get(name)
    if value is None and name in overrides:
        raise Fail(f"{python} without {name} keeps every component; aprender needs the count: "
                   f"give {name}")
    if value is None:
        raise Fail(f"{python} needs {name}")
    if rust_type in ("f32", "f64") and "." not in value:
        return value + ".0"
    return value


def _builder(path: str, keyword: str) -> str | None:
    names = [keyword.lower()] + [k for k, v in SYNONYMS.items() if v == keyword]
    for name in names:
        candidate = f"{path}::with_{name}"
        if mapping.has(candidate) and len(mapping.item(candidate).params) == 1:
            return candidate
    return None


def _operation(rust: str) -> str:
    if rust.startswith("linear_model") or "Logistic" in rust:
        return "linear_regression"
    if rust.startswith(("cluster", "tree", "classification")):
        return "kmeans"
    if rust.startswith("preprocessing"):
        return "element_wise"
    return ""


for _python, _rust in APRENDER_ESTIMATORS.items():
    _constructor(_python, _rust)


METHODS = ("fit", "predict", "score", "transform", "fit_transform", "predict_proba",
           "inverse_transform", "decision_function")


_ASSOC = {"aprender::cluster::DBSCAN": "Vec<i32>"}
"""``UnsupervisedEstimator::Labels`` where it is not ``Vec<usize>`` (the impl records say)."""


def _estimator_method(site: Site) -> Val:
    assert site.recv is not None
    name = site.symbol.rpartition(".")[2]
    path = type_path(site.recv.ty)
    record = mapping.item(f"{path}::{name}")
    if site.arg(None, "sample_weight") is not None:
        raise Fail(f"{name}(sample_weight=...): aprender's {name} weighs every sample alike")
    args: list[ast.expr | str] = []
    python_names = ("X", "y")
    for i, _param in enumerate(record.params):
        node = site.arg(i, python_names[i] if i < 2 else None)
        if node is None:
            raise Fail(f"{name} needs {len(record.params)} argument(s)")
        args.append(node)
    if len(site.node.args) > len(record.params) and name == "fit":
        if len(record.params) > 1:
            raise Fail("fit(X, y, sample_weight): aprender's fit weighs every sample alike")
        site.used_pos.update(range(len(site.node.args)))  # unsupervised fit(X, y): y unused
    if record.receiver == "&mut self" and isinstance(site.recv_node, ast.Name):
        site.tr.fact.mutated.add(site.recv_node.id)
    if name == "fit" and isinstance(site.recv_node, ast.Call):
        # `Estimator(...).fit(X, y)` returns the fitted estimator: a block that fits a fresh one.
        fitted = mapping.call(site, record, "estimator_", args, GENERIC.get(path, ""))
        return Val(f"{{ let mut estimator_ = {site.recv.code}; {fitted.code}; estimator_ }}",
                   site.recv.ty)
    ok, _ = result_parts(record.returns)
    if name == "decision_function" and "Vec<Vec<" in ok:
        raise Fail(f"aprender's {path}::decision_function gives one column per class; "
                   "scikit-learn's gives one column for two classes")
    value = mapping.call(site, record, site.recv.code, args, GENERIC.get(path, ""))
    if "::Labels" in ok or ok == "Self::Labels":
        labels = _ASSOC.get(path, "Vec<usize>")
        return Val(value.code, labels)
    return value


R(FW, *(f"aprender::*.{m}" for m in METHODS), explain="the aprender type's own method, "
  "or its trait's (Estimator / UnsupervisedEstimator / Transformer)")(_estimator_method)
R(FW, *(f"{LR_TYPE}.{m}" for m in ("predict", "predict_proba", "score")),
  explain="the LogisticRegression's own method")(unwrap(_estimator_method))


@R(FW, "aprender::*.fit_predict", explain="fit, then predict on the same data")
def _fit_predict(site: Site) -> Val:
    assert site.recv is not None
    path = type_path(site.recv.ty)
    fit = mapping.item(f"{path}::fit")
    predict = mapping.item(f"{path}::predict")
    x = site.need(0, "X")
    site.arg(1, "y")
    (x_type,) = mapping.param_types(fit)
    if mapping.param_types(predict) != [x_type]:
        raise Fail(f"{path}: fit and predict take different inputs")
    # X is evaluated once (it may draw random numbers), and the estimator that is fitted is
    # the one that predicts: a constructor call is bound to a name first.
    prefix, x_code = "", site.tr.value(x, x_type)
    if not isinstance(x, ast.Name):
        prefix, x_code = f"let x_: {marked_type(x_type)} = {x_code}; ", "x_"
    recv = site.recv.code
    if isinstance(site.recv_node, ast.Name):
        site.tr.fact.mutated.add(site.recv_node.id)
    else:
        prefix += f"let mut estimator_ = {recv}; "
        recv = "estimator_"
    first = mapping.call(site, fit, recv, [x_code])
    second = mapping.call(site, predict, recv, [x_code])
    ok, _ = result_parts(predict.returns)
    ty = _ASSOC.get(path, "Vec<usize>") if "Labels" in ok else second.ty
    return Val(f"{{ {prefix}{first.code}; {second.code} }}", ty)


ATTRIBUTES = {"coef_": "coefficients", "intercept_": "intercept", "labels_": "labels",
              "cluster_centers_": "centroids", "inertia_": "inertia", "n_iter_": "n_iter",
              "feature_importances_": "feature_importances", "classes_": "classes",
              "explained_variance_ratio_": "explained_variance_ratio",
              "components_": "components", "mean_": "mean", "scale_": "scale"}


@R(FW, *(f"aprender::*.{a}" for a in ATTRIBUTES), explain="fitted attribute -> accessor")
def _attribute(site: Site) -> Val:
    assert site.recv is not None
    name = site.symbol.rpartition(".")[2]
    path = f"{type_path(site.recv.ty)}::{ATTRIBUTES[name]}"
    if not mapping.has(path) or mapping.item(path).params:
        raise Fail(f"aprender's {type_path(site.recv.ty)} has no accessor for {name}")
    value = mapping.call(site, mapping.item(path), site.recv.code, [])
    if value.ty.startswith("&") and value.ty != "&str":
        return Val(f"{value.code}.clone()", deref(value.ty))
    return value


R(FW, f"{LR_TYPE}.coef_", f"{LR_TYPE}.intercept_",
  explain="the LogisticRegression's accessor")(unwrap(_attribute))


_ROLES = {"y_true": (0, "y_true"), "y_pred": (1, "y_pred"), "y_score": (1, "y_score"),
          "y_prob": (1, "y_prob"), "data": (0, "X"), "labels": (1, "labels"),
          "beta": (None, "beta")}
_AVERAGES = {"macro": "Macro", "micro": "Micro", "weighted": "Weighted"}


def _metric(site: Site) -> Val:
    rust = APRENDER_FUNCTIONS[site.symbol]
    record = mapping.item(A + rust)
    metric = site.arg(None, "metric")
    if metric is not None and not (isinstance(metric, ast.Constant)
                                   and metric.value == "euclidean"):
        raise Fail(f"metric={ast.unparse(metric)}: aprender's {rust.rpartition('::')[2]} "
                   "measures Euclidean distances")
    args: list[ast.expr | str] = []
    for param in record.params:
        if param.name == "average":
            node = site.arg(None, "average")
            text = node.value if isinstance(node, ast.Constant) else "binary"
            if text not in _AVERAGES:
                raise Fail(f"average={text!r} (scikit-learn's default is 'binary'); aprender "
                           "averages 'macro', 'micro' or 'weighted'")
            args.append(f"{mark('aprender::metrics::classification::Average')}::"
                        f"{_AVERAGES[str(text)]}")
            continue
        pos, python = _ROLES.get(param.name, (None, param.name))
        node = site.arg(pos, python)
        if node is None and python == "y_pred":
            node = site.arg(None, "y_score")
        if node is None:
            raise Fail(f"{site.symbol} needs {python}")
        args.append(node)
    return mapping.call(site, record, None, args)


_METRICS = [k for k, v in APRENDER_FUNCTIONS.items() if v.startswith("metrics::")]
R(FW, *_METRICS, operation="reduction", explain="aprender::metrics (arguments placed by the "
  "table's parameter names: y_pred / y_true order differs by function)",
  emits=tuple(A + APRENDER_FUNCTIONS[m] for m in _METRICS))(_metric)


def _option_seed(site: Site) -> str:
    node = site.arg(None, "random_state")
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return "None"
    return f"Some({site.tr.value(node, 'u64')})"


@R(FW, "sklearn.model_selection.train_test_split", explain="shuffled train / test split",
   emits=(A + "model_selection::train_test_split",))
def _split(site: Site) -> Val:
    if len(site.node.args) != 2:
        raise Fail("train_test_split is mapped for one (X, y) pair")
    record = mapping.item(A + "model_selection::train_test_split")
    x, y = site.need(0, "X"), site.need(1, "y")
    test = site.arg(None, "test_size")
    test_code: ast.expr | str = "0.25" if test is None else test
    return mapping.call(site, record, None, [x, y, test_code, _option_seed(site)])


def _folds(site: Site) -> str:
    node = site.arg(None, "cv")
    folds = "5" if node is None else site.tr.value(node, "usize")
    new = mapping.item(A + "model_selection::KFold::new")
    return "&" + site.tr.call_item(new, None, [folds]).code


@R(FW, "sklearn.model_selection.cross_val_score", "sklearn.model_selection.cross_validate",
   operation="linear_regression", explain="k-fold cross-validation",
   emits=(A + "model_selection::cross_val_score", A + "model_selection::cross_validate",
          A + "model_selection::KFold::new"))
def _cv(site: Site) -> Val:
    record = mapping.item(A + APRENDER_FUNCTIONS[site.symbol])
    model = site.tr.typed(site.need(0, "estimator"))
    refuse_configured(model, "cross-validation")
    if not deref(model.ty).startswith("aprender::") or not _implements(
            type_path(model.ty), "fit", "Estimator"):
        raise Fail("cross-validation needs an aprender Estimator (aprender's Pipeline is not one)")
    _scoring(site, type_path(model.ty))
    estimator = model.code if model.ty.startswith("&") else f"&{model.code}"
    return mapping.call(site, record, None, [estimator, site.need(1, "X"), site.need(2, "y"),
                                             _folds(site)])


_REGRESSORS = ("aprender::linear_model::", "aprender::tree::DecisionTreeRegressor",
               "aprender::tree::RandomForestRegressor")


def _scoring(site: Site, path: str) -> None:
    """aprender scores each fold with the estimator's own ``score``: the same as scikit-learn's
    ``scoring=None``, and as ``'r2'`` for a regressor (whose score is R²)."""
    node = site.arg(None, "scoring")
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return
    text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
    if text == "r2" and path.startswith(_REGRESSORS):
        return
    raise Fail(f"scoring={text!r}: aprender's cross-validation scores each fold with the "
               "estimator's own score (R² for a regressor); only scoring=None or, for a "
               "regressor, 'r2' is the same")


@R(FW, "sklearn.datasets.load_iris", explain="the Iris data embedded in aprender::datasets",
   emits=(A + "datasets::load_iris",))
def _load_iris(site: Site) -> Val:
    flag = site.arg(None, "return_X_y")
    if flag is not None and not isinstance(flag, ast.Constant):
        raise Fail("return_X_y must be a literal")
    if site.arg(None, "as_frame") is not None:
        raise Fail("aprender has no data frames for load_iris(as_frame=True)")
    # aprender returns (X, y) either way; a Bunch's .data / .target read the parts.
    return mapping.call(site, mapping.item(A + "datasets::load_iris"), None, [])


IRIS = "(aprender::primitives::Matrix<f32>, Vec<usize>)"


@R(FW, f"{IRIS}.data", f"{IRIS}.target", explain="the Iris Bunch's fields: (X, y)")
def _iris_field(site: Site) -> Val:
    assert site.recv is not None
    index, rust_type = ((0, "aprender::primitives::Matrix<f32>") if site.symbol.endswith(
        ".data") else (1, "Vec<usize>"))
    return Val(f"{site.recv.code}.{index}.clone()", rust_type)


@R(FW, "sklearn.datasets.make_regression", explain="synthetic regression data (X, y)",
   emits=(A + "datasets::make_regression", A + "primitives::Vector::from_vec"))
def _make_regression(site: Site) -> Val:
    record = mapping.item(A + "datasets::make_regression")
    seed = site.arg(None, "random_state")
    if seed is None:
        raise Fail("aprender's make_regression needs a seed: pass random_state")
    n = site.arg(0, "n_samples") or "100"
    f = site.arg(1, "n_features") or "100"
    noise = site.arg(None, "noise") or "0.0"
    coef = site.arg(None, "coef")
    if coef is not None and not (isinstance(coef, ast.Constant) and coef.value is False):
        raise Fail("make_regression(coef=True) also returns the coefficients; aprender's "
                   "returns (X, y)")
    made = mapping.call(site, record, None, [n, f, noise, seed])
    bias = site.arg(None, "bias")
    if bias is None:
        return made
    # scikit-learn adds bias to every target: y = X w + bias + noise
    offset = site.tr.value(bias, "f32")
    vector = mark("aprender::primitives::Vector")
    shifted = f"{vector}::from_vec(y.as_slice().iter().map(|&v| v + b).collect())"
    return Val(f"{{ let (x, y) = {made.code}; let b: f32 = {offset}; (x, {shifted}) }}",
               made.ty)


@R(FW, "sklearn.datasets.make_blobs", explain="aprender::datasets::make_blobs; centers=k "
   "draws k centers uniformly in (-10, 10) per feature like scikit-learn (std-only sampling)",
   emits=(A + "datasets::make_blobs",))
def _make_blobs(site: Site) -> Val:
    record = mapping.item(A + "datasets::make_blobs")
    n = site.tr.value(site.arg(0, "n_samples") or ast.Constant(100), "usize")
    seed_node = site.arg(None, "random_state")
    seed = None if seed_node is None else site.tr.value(seed_node, "u64")
    std_node = site.arg(None, "cluster_std")
    cluster_std = "1.0" if std_node is None else site.tr.value(std_node, "f32")
    centers = site.arg(None, "centers")
    features = site.arg(None, "n_features")
    if site.arg(None, "center_box") is not None:
        raise Fail("make_blobs with center_box")
    if isinstance(centers, (ast.List, ast.Tuple)):
        rows = [r for r in centers.elts if isinstance(r, (ast.List, ast.Tuple))]
        if len(rows) != len(centers.elts) or len({len(r.elts) for r in rows}) != 1:
            raise Fail("centers must be a literal list of equal-length coordinate lists")
        points = ", ".join("vec![" + ", ".join(site.tr.value(e, "f32") for e in r.elts) + "]"
                           for r in rows)
        center_code = f"&[{points}]"
    elif centers is None or site.tr.literal_int(centers) is not None or _int_typed(site, centers):
        k = "3" if centers is None else site.tr.value(centers, "usize")
        f = "2" if features is None else site.tr.value(features, "usize")
        draws = uniform_vec(f"{paren(k)} * {paren(f)}", seed, "-10.0", "10.0")
        center_code = (f"&{draws}.chunks({f}).map(|c| c.to_vec()).collect::<Vec<Vec<f32>>>()")
    else:
        center_code = _center_rows(site, centers)
    # aprender takes the seed as a u64; scikit-learn's random_state=None is a fresh one.
    return mapping.call(site, record, None, [n, center_code, cluster_std,
                                             seed if seed is not None else fresh_seed()])


def _center_rows(site: Site, node: ast.expr) -> str:
    """Centers bound to a name: a list of coordinate lists (integers become f32)."""
    value = site.tr.typed(node)
    if deref(value.ty) in ("Vec<Vec<i64>>", "Vec<Vec<f64>>"):
        return (f"&{paren(value.code)}.iter().map(|r| r.iter().map(|&v| v as f32).collect())"
                ".collect::<Vec<Vec<f32>>>()")
    return site.tr.value(node, "&[Vec<f32>]")


def _int_typed(site: Site, node: ast.expr) -> bool:
    try:
        return site.tr.typed(node).ty in ("i64", "usize", "i32", "u64")
    except Fail:
        return False



PIPELINE = A + "pipeline::Pipeline"


def _implements(path: str, method: str, trait: str) -> bool:
    """Whether the tables record ``path::method`` as an impl of ``aprender::traits::trait``."""
    return any(i.trait == f"aprender::traits::{trait}" for i in load().get(f"{path}::{method}"))


def _boxed(site: Site, node: ast.expr, method: str, trait: str) -> str:
    value = site.tr.typed(node)
    refuse_configured(value, "Pipeline")
    path = type_path(value.ty)
    if not _implements(path, method, trait):
        raise Fail(f"a pipeline step of type {value.ty} is not an aprender {trait}")
    # The pipeline owns its steps: a named step is cloned so the Python name stays usable
    # (every mapped aprender estimator derives Clone, says the table).
    code = value.code if not isinstance(node, ast.Name) else f"{value.code}.clone()"
    return f"Box::new({code})"


@R(FW, "sklearn.pipeline.Pipeline", "sklearn.pipeline.make_pipeline",
   explain="aprender::pipeline::Pipeline::new(transformers, estimator)",
   emits=(PIPELINE, f"{PIPELINE}::new"))
def _pipeline(site: Site) -> Val:
    if site.symbol.endswith("make_pipeline"):
        steps = [site.need(i, "step") for i in range(len(site.node.args))]
    else:
        node = site.need(0, "steps")
        if not isinstance(node, (ast.List, ast.Tuple)) or not all(
                isinstance(s, ast.Tuple) and len(s.elts) == 2 for s in node.elts):
            raise Fail("Pipeline steps must be a literal list of (name, estimator) pairs")
        steps = [s.elts[1] for s in node.elts if isinstance(s, ast.Tuple)]
    if not steps:
        raise Fail("an empty pipeline")
    site.arg(None, "memory")  # caching fitted transformers changes no result
    transformers = ", ".join(_boxed(site, s, "transform", "Transformer") for s in steps[:-1])
    final = _boxed(site, steps[-1], "fit", "Estimator")
    site.tr.use_trait("aprender::traits::Transformer")
    site.tr.use_trait("aprender::traits::Estimator")
    record = mapping.item(f"{PIPELINE}::new")
    value = site.tr.call_item(record, None, [f"vec![{transformers}]", final])
    return Val(value.code, PIPELINE)
