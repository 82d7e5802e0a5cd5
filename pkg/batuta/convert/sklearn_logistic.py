"""``LogisticRegression``'s ``C`` -> aprender's ``l2_penalty``, set at fit time (issue 12).

scikit-learn minimises ``C · Σ logloss + ½ ||w||²`` (the intercept is not penalised with the
default lbfgs solver), i.e. ``mean(logloss) + ||w||² / (2 · C · n)``. aprender's
``LogisticRegression::fit`` runs gradient descent on ``mean(logloss) + (l2_penalty / 2) ||w||²``
(``coef[j] -= lr * (mean_grad[j] + l2_penalty * coef[j])``, intercept not penalised), and its
default ``l2_penalty`` is 0: an unregularised model, not scikit-learn's default ``C = 1``. The
same objective needs ``l2_penalty = 1 / (C · n_samples)``, known only when ``fit`` sees ``X``.

So, like ``SGDClassifier`` (``sklearn_sgd``), a regularised classifier is the pair
``(LogisticRegression, C)``: ``fit`` sets ``with_l2_penalty(1 / (C · n))`` from ``X``'s rows,
then fits; ``predict`` / ``predict_proba`` / ``score`` / ``coef_`` / ``intercept_`` use the model
(``sklearn`` routes them). ``penalty=None`` is the plain aprender model (``l2_penalty`` 0,
exactly scikit-learn's unpenalised objective), which also goes into pipelines and
cross-validation. The pair cannot: aprender's ``Pipeline`` and ``cross_val_score`` fit a model
configured beforehand, and its penalty depends on the rows each fit sees, so those are refused
with the reason. The solvers differ (aprender's gradient descent with its learning rate, lbfgs
in scikit-learn; ``max_iter`` counts different iterations), so results agree approximately.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace

from batuta.convert import mapping
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.sklearn_options import penalty, unweighted
from batuta.convert.types import deref, mark

PY = "sklearn.linear_model.LogisticRegression"
LR = "aprender::classification::LogisticRegression"
LR_TYPE = f"({LR}, f32)"
"""The Rust type of a regularised LogisticRegression: the model and scikit-learn's C."""

_CONFIGURED = ("LogisticRegression(C) has the L2 penalty 1 / (C * n_samples), which depends on "
               "the rows each fit sees; aprender's {where} fits a model configured beforehand "
               "(penalty=None, unregularised, is mapped)")


def _finish(site: Site, value: Val) -> Val:
    """The built model -> the plain model (penalty=None) or the pair (model, C)."""
    c = site.arg(None, "C")
    if penalty(site) == "none":
        return value  # scikit-learn ignores C without a penalty; aprender's default is 0
    code = "1.0" if c is None else site.tr.value(c, "f32")
    return Val(f"({value.code}, {code})", LR_TYPE)


FINISH: dict[str, Callable[[Site, Val], Val]] = {PY: _finish}
"""Per scikit-learn class: the last step of its constructor mapping."""


def refuse_configured(value: Val, where: str) -> None:
    """Fail where a regularised LogisticRegression would be fitted by aprender's ``where``."""
    if deref(value.ty) == LR_TYPE:
        raise Fail(_CONFIGURED.format(where=where))


def _fit(site: Site) -> Val:
    if site.recv is None or deref(site.recv.ty) != LR_TYPE:
        raise Fail(f"{site.symbol} called on the class, not on an instance")
    unweighted(site)
    matrix = "aprender::primitives::Matrix"
    x = site.tr.value(site.need(0, "X"), f"&{matrix}<f32>")
    y = site.tr.value(site.need(1, "y"), "&[usize]")
    prefix, recv, result, ty = "", site.recv.code, "", "()"
    if isinstance(site.recv_node, ast.Call):
        # `LogisticRegression(C=..).fit(X, y)` returns the fitted model: a block fits a fresh one.
        prefix, recv, result, ty = f"let mut estimator_ = {recv}; ", "estimator_", " estimator_", \
            LR_TYPE
    elif isinstance(site.recv_node, ast.Name):
        site.tr.fact.mutated.add(site.recv_node.id)
    else:
        raise Fail("fit of a LogisticRegression that is neither a name nor built in place")
    # scikit-learn's C · Σ logloss + ½‖w‖² is aprender's mean logloss + (l2 / 2)‖w‖² with
    # l2 = 1 / (C · n): n is the number of rows fitted.
    with_l2 = site.tr.call_item(mapping.item(f"{LR}::with_l2_penalty"), f"{recv}.0.clone()",
                                [f"1.0 / ({recv}.1 * x_.n_rows() as f32)"])
    fit = mapping.call(site, mapping.item(f"{LR}::fit"), f"{recv}.0", ["x_", "y_"])
    return Val(f"{{ {prefix}let (x_, y_): (&{mark(matrix)}<f32>, &[usize]) = ({x}, {y}); "
               f"{recv}.0 = {with_l2.code}; {fit.code};{result} }}", ty)


def unwrap(handler: Callable[[Site], Val]) -> Callable[[Site], Val]:
    """``handler`` (the plain model's method or attribute) applied to the pair's model."""
    def unwrapped(site: Site) -> Val:
        if site.recv is None or deref(site.recv.ty) != LR_TYPE:
            raise Fail(f"{site.symbol} called on the class, not on an instance")
        return handler(replace(site, recv=Val(f"{paren(site.recv.code)}.0", LR)))

    return unwrapped


REGISTRY.register("sklearn", f"{LR_TYPE}.fit", explain="with_l2_penalty(1 / (C * n_samples)), "
                  "then LogisticRegression::fit", emits=(f"{LR}::with_l2_penalty", f"{LR}::fit"))(
    _fit)
