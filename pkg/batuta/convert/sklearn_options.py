"""Estimator options that decide whether an aprender type means the same model (issue 12).

``sklearn.py`` builds every estimator the same way (``Type::new(..)`` plus ``.with_*``
builders); a keyword with no builder is dropped and reported. That is only sound for options
that do not change the model (caching, verbosity, solver knobs). This module owns the options
that do: for each scikit-learn class, the ``REFUSED`` checks raise ``Fail`` with the reason when
the call asks for a model aprender does not have (``SVC(kernel="sigmoid")``,
``SGDClassifier(loss="log_loss")``, ``LinearRegression(positive=True)``), and ``CONFIGURE``
writes the builder calls that select the model (the SVC kernel). ``EXPLAIN`` says, per mapping,
where the aprender model still differs from scikit-learn's (solver, data-dependent defaults).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from batuta.convert.core import Fail, Site

Check = Callable[[Site], None]


def literal_str(site: Site, name: str, default: str) -> str:
    """The string literal given for keyword ``name`` (``default`` when absent)."""
    node = site.arg(None, name)
    if node is None:
        return default
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise Fail(f"{name}={ast.unparse(node)}: only a string literal selects the model")


def unweighted(site: Site, method: str = "fit") -> None:
    """Fail when ``method`` is given sample weights (``sample_weight=`` or a third positional
    argument): aprender's ``fit`` / ``score`` weigh every sample alike."""
    if site.arg(None, "sample_weight") is not None or len(site.node.args) > 2:
        raise Fail(f"{method}(sample_weight=...): aprender's {method} weighs every sample alike")


def _literal_true(site: Site, name: str) -> bool:
    node = site.arg(None, name)
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    raise Fail(f"{name}={ast.unparse(node)}: only a literal True / False is mapped")


def _only(name: str, allowed: tuple[str, ...], default: str, why: str) -> Check:
    def check(site: Site) -> None:
        value = literal_str(site, name, default)
        if value not in allowed:
            raise Fail(f"{name}={value!r}: {why}")

    return check


def _never(name: str, why: str) -> Check:
    def check(site: Site) -> None:
        if site.arg(None, name) is not None:
            raise Fail(f"{name}: {why}")

    return check


def _not_true(name: str, why: str) -> Check:
    def check(site: Site) -> None:
        if _literal_true(site, name):
            raise Fail(f"{name}=True: {why}")

    return check


def _not_false(name: str, why: str) -> Check:
    def check(site: Site) -> None:
        node = site.arg(None, name)
        if node is not None and not _literal_true(site, name):
            raise Fail(f"{name}=False: {why}")

    return check


def _none_only(name: str, why: str) -> Check:
    """Refused unless absent or a literal ``None`` (scikit-learn's default)."""
    def check(site: Site) -> None:
        node = site.arg(None, name)
        if node is not None and not (isinstance(node, ast.Constant) and node.value is None):
            raise Fail(f"{name}={ast.unparse(node)}: {why}")

    return check


def penalty(site: Site) -> str:
    """LogisticRegression's penalty: 'l2' (the default) or 'none' (``None``); an L1 or
    elastic-net penalty is another model."""
    node = site.arg(0, "penalty")
    if node is None:
        return "l2"
    if isinstance(node, ast.Constant) and (node.value is None or node.value in ("none", "l2")):
        return "none" if node.value in (None, "none") else "l2"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        raise Fail(f"penalty={node.value!r}: aprender's LogisticRegression has only an L2 "
                   "penalty (with_l2_penalty)")
    raise Fail(f"penalty={ast.unparse(node)}: only a literal selects the model")


def _known_penalty(site: Site) -> None:
    penalty(site)


def _liblinear(site: Site) -> None:
    """liblinear penalises the intercept too (the other solvers minimise the same objective;
    an unknown name is scikit-learn's error, not another model)."""
    node = site.arg(None, "solver")
    if isinstance(node, ast.Constant) and node.value == "liblinear":
        raise Fail("solver='liblinear': liblinear also penalises the intercept; aprender's "
                   "LogisticRegression does not")


def _class_weight(site: Site) -> None:
    node = site.arg(None, "class_weight")
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return
    if isinstance(node, ast.Constant) and node.value == "balanced":
        raise Fail("class_weight='balanced': scikit-learn weighs class k by n / (n_classes * "
                   "n_k); aprender's ClassWeight::Balanced is a square-root inverse weighting")
    raise Fail(f"class_weight={ast.unparse(node)}: aprender's LogisticRegression takes no "
               "per-class weights")


_GAMMA_DATA = ("is computed from X at fit time (scale: 1 / (n_features * X.var())); "
               "aprender takes a number: pass gamma=<float>")


def _gamma(site: Site) -> ast.expr | None:
    """The numeric gamma, None when absent; a data-dependent 'scale' / 'auto' is refused."""
    node = site.arg(None, "gamma")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        raise Fail(f"gamma={node.value!r} {_GAMMA_DATA}")
    return node


def _svc_kernel(site: Site) -> list[str]:
    """The kernel of ``SVC``: RBF (the builder loop adds ``with_gamma``), polynomial
    ``(gamma <a, b> + coef0)^degree``, and linear as the degree-1 polynomial with gamma 1 and
    coef0 0 (exactly ``<a, b>``)."""
    kernel = literal_str(site, "kernel", "rbf")
    if kernel == "rbf":
        if _gamma(site) is None:
            raise Fail(f"kernel='rbf' with gamma='scale' (the default): gamma {_GAMMA_DATA}")
        site.used_kw.discard("gamma")  # the builder loop writes with_gamma(..)
        return []
    if kernel == "linear":
        for unused in ("gamma", "degree", "coef0"):  # scikit-learn ignores them for 'linear'
            site.arg(None, unused)
        return [".with_poly(1.0, 0.0, 1)"]
    if kernel == "poly":
        gamma = _gamma(site)
        if gamma is None:
            raise Fail(f"kernel='poly' with gamma='scale': gamma {_GAMMA_DATA}")
        degree, coef0 = site.arg(None, "degree"), site.arg(None, "coef0")
        g = site.tr.value(gamma, "f32")
        c = "0.0" if coef0 is None else site.tr.value(coef0, "f32")
        d = "3" if degree is None else site.tr.value(degree, "u32")
        return [f".with_poly({g}, {c}, {d})"]
    raise Fail(f"kernel={kernel!r}: aprender's MultiClassSVC has the RBF and polynomial "
               "kernels (and linear, as the degree-1 polynomial)")


_SGD = "aprender's LinearSVM is the hinge-loss, L2-penalised linear SVM"

REFUSED: dict[str, tuple[Check, ...]] = {
    "sklearn.svm.SVC": (
        _never("class_weight", "aprender's MultiClassSVC weighs every sample alike"),),
    "sklearn.linear_model.SGDClassifier": (
        _only("loss", ("hinge",), "hinge", f"{_SGD} (loss='hinge')"),
        _only("penalty", ("l2",), "l2", f"{_SGD} (penalty='l2')"),
        _never("class_weight", "aprender's LinearSVM weighs every sample alike"),
        _not_false("fit_intercept", "aprender's LinearSVM always fits a bias")),
    "sklearn.svm.LinearSVC": (
        _only("loss", ("hinge",), "squared_hinge",
              "aprender's LinearSVM minimises the hinge loss: pass loss='hinge'"),
        _only("penalty", ("l2",), "l2", "aprender's LinearSVM is L2-penalised"),
        _never("class_weight", "aprender's LinearSVM weighs every sample alike")),
    "sklearn.linear_model.LogisticRegression": (
        _known_penalty, _class_weight,
        _liblinear),
    "sklearn.linear_model.LinearRegression": (
        _not_true("positive", "non-negative least squares; aprender's LinearRegression is "
                              "unconstrained"),),
    "sklearn.discriminant_analysis.LinearDiscriminantAnalysis": (
        _none_only("shrinkage", "a shrunk covariance (Ledoit-Wolf or a fixed amount); "
                                "aprender's LinearDiscriminantAnalysis::new() has no shrinkage"),
        _none_only("covariance_estimator", "aprender's LinearDiscriminantAnalysis::new() takes "
                                           "no covariance estimator"),
        _none_only("priors", "aprender's LinearDiscriminantAnalysis::new() takes no priors")),
    "sklearn.preprocessing.PolynomialFeatures": (
        _not_true("interaction_only", "aprender's PolynomialFeatures writes every power, "
                                      "not only the interaction terms"),),
}
"""Per scikit-learn class: the options that ask for a model aprender does not have."""

CONFIGURE: dict[str, Callable[[Site], list[str]]] = {"sklearn.svm.SVC": _svc_kernel}
"""Per scikit-learn class: builder calls (after ``new``) that select the model."""

EXPLAIN: dict[str, str] = {
    "sklearn.svm.SVC": "aprender::classification::MultiClassSVC (one-vs-one like libsvm, any "
                       "number of classes; SMO solver); kernel='linear' is the degree-1 "
                       "polynomial (gamma 1, coef0 0); the RBF and polynomial kernels need a "
                       "numeric gamma (scikit-learn's default 'scale' depends on X)",
    "sklearn.svm.LinearSVC": "aprender::classification::LinearSVM (hinge loss, L2 penalty, "
                             "subgradient descent; binary labels 0 / 1 only)",
    "sklearn.linear_model.LogisticRegression":
        "(aprender::classification::LogisticRegression, C): fit sets with_l2_penalty(1 / (C * "
        "n_samples)), scikit-learn's L2 objective (aprender's default l2_penalty is 0, "
        "unregularised, unlike scikit-learn's C = 1); penalty=None is the plain model, "
        "l2_penalty 0. Gradient descent with aprender's learning rate instead of lbfgs "
        "(max_iter counts other iterations): results agree approximately; labels 0 / 1",
    "sklearn.decomposition.IncrementalPCA":
        "aprender::preprocessing::PCA: the same projection computed in one batch "
        "(IncrementalPCA's mini-batches only bound memory; components agree up to sign)",
}
"""Per scikit-learn class: the mapping's explanation where the models differ in detail."""
