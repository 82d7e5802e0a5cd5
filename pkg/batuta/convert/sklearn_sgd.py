"""``SGDClassifier`` (hinge loss, L2 penalty) -> aprender's ``LinearSVM`` with its alpha (issue 12).

scikit-learn's default ``SGDClassifier`` minimises ``(1/n) Σ hinge + (alpha/2) ||w||²``: a linear
SVM. aprender's ``LinearSVM`` minimises ``(1/n) Σ hinge + λ ||w||²`` with ``λ = 1 / (2 n C)``, so
the same objective is ``C = 1 / (alpha · n)``, which needs the sample count ``n`` of the data
given to ``fit``. The classifier is therefore the pair ``(LinearSVM, alpha)``: ``fit`` sets
``C`` from alpha and ``X``'s rows, then fits; ``predict`` / ``decision_function`` call the
``LinearSVM``'s. The solvers differ (scikit-learn's SGD with its learning-rate schedule,
aprender's subgradient descent), and ``LinearSVM`` is binary (labels 0 / 1; scikit-learn's
one-vs-rest multi-class has no aprender counterpart). Options that ask for another model are
refused (``sklearn_options``).
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.sklearn_options import REFUSED, unweighted
from batuta.convert.types import mark

R = REGISTRY.register
PY = "sklearn.linear_model.SGDClassifier"
SVM = "aprender::classification::LinearSVM"
SGD_TYPE = f"({SVM}, f32)"
"""The Rust type of an SGDClassifier: the LinearSVM and scikit-learn's alpha."""

_BUILDERS = (("max_iter", "with_max_iter"), ("tol", "with_tolerance"))


@R("sklearn", PY, operation="linear_regression", explain=f"({SVM}, alpha): the hinge-loss, "
   "L2-penalised linear SVM; fit sets aprender's C = 1 / (alpha * n_samples) (the same "
   "objective), subgradient descent instead of SGD, binary labels 0 / 1")
def _new(site: Site) -> Val:
    for check in REFUSED[PY]:
        check(site)
    node = site.arg(None, "alpha")
    alpha = "0.0001" if node is None else site.tr.value(node, "f32")
    code = site.tr.call_item(mapping.item(f"{SVM}::new"), None, []).code
    for keyword, builder in _BUILDERS:
        value = site.arg(None, keyword)
        if value is None or (isinstance(value, ast.Constant) and value.value is None):
            continue  # tol=None (no early stop): aprender always has a tolerance
        (kind,) = mapping.param_types(mapping.item(f"{SVM}::{builder}"))
        code += f".{builder}({site.tr.value(value, kind)})"
    return Val(f"({code}, {alpha})", SGD_TYPE)


def _receiver(site: Site) -> str:
    return mapping.receiver(site, SGD_TYPE, "an SGDClassifier")


def _fit(site: Site) -> Val:
    recv = _receiver(site)
    if not isinstance(site.recv_node, ast.Name):
        raise Fail("fit of an SGDClassifier that is not bound to a name")
    unweighted(site)
    for option in ("coef_init", "intercept_init"):
        if site.arg(None, option) is not None:
            raise Fail(f"fit({option}=...): aprender's LinearSVM starts from zero")
    site.tr.fact.mutated.add(site.recv_node.id)
    matrix = "aprender::primitives::Matrix"
    x = site.tr.value(site.need(0, "X"), f"&{matrix}<f32>")
    y = site.tr.value(site.need(1, "y"), "&[usize]")
    with_c = site.tr.call_item(mapping.item(f"{SVM}::with_c"), f"{recv}.0.clone()",
                               [f"1.0 / ({recv}.1 * x_.n_rows() as f32)"])
    fit = mapping.call(site, mapping.item(f"{SVM}::fit"), f"{recv}.0", ["x_", "y_"])
    return Val(f"{{ let (x_, y_): (&{mark(matrix)}<f32>, &[usize]) = ({x}, {y}); "
               f"{recv}.0 = {with_c.code}; {fit.code}; }}", "()")


def _method(site: Site) -> Val:
    recv = _receiver(site)
    name = site.symbol.rpartition(".")[2]
    return mapping.call(site, mapping.item(f"{SVM}::{name}"), f"{recv}.0",
                        [site.need(0, "X")])


R("sklearn", f"{PY}.fit", f"{SGD_TYPE}.fit", explain="C = 1 / (alpha * n_samples), then "
  "LinearSVM::fit")(_fit)
R("sklearn", *(f"{k}.{m}" for k in (PY, SGD_TYPE) for m in ("predict", "decision_function")),
  explain="the LinearSVM's own method")(_method)
