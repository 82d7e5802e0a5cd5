"""``MultiOutputRegressor`` -> one fitted aprender regressor per output column (issue 12).

scikit-learn's ``MultiOutputRegressor(estimator)`` fits one clone of ``estimator`` per column of
``Y`` and predicts by stacking their predictions as columns. aprender has no such wrapper, but
every piece is in the tables: each regressor's ``Clone``, ``fit(&Matrix<f32>, &Vector<f32>)``,
``predict`` and ``score`` (R²), ``Matrix::column`` / ``n_rows`` / ``n_cols`` / ``from_vec``. So
the wrapper is the pair ``(template, Vec<fitted>)``: ``fit`` refills the vector with one fitted
clone per column, ``predict`` stacks the columns back into a Matrix, ``score`` is the mean of
the per-column R² (scikit-learn's ``multioutput='uniform_average'``). ``n_jobs`` changes no
result. Predicting before ``fit`` is an error, as in scikit-learn.
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.sklearn_options import unweighted
from batuta.convert.targets.emitted import APRENDER_ESTIMATORS
from batuta.convert.types import deref, mark

R = REGISTRY.register
FW = "sklearn"
PY = "sklearn.multioutput.MultiOutputRegressor"
AM, AV = "aprender::primitives::Matrix", "aprender::primitives::Vector"

REGRESSORS = tuple("aprender::" + APRENDER_ESTIMATORS[p] for p in (
    "sklearn.linear_model.LinearRegression", "sklearn.linear_model.Ridge",
    "sklearn.linear_model.Lasso", "sklearn.linear_model.ElasticNet",
    "sklearn.tree.DecisionTreeRegressor", "sklearn.ensemble.RandomForestRegressor"))
"""aprender regressors: ``fit(&Matrix<f32>, &Vector<f32>)``, ``predict -> Vector<f32>``, R²
``score``, and ``Clone`` (the tables record each)."""


def wrapper_type(regressor: str) -> str:
    return f"({regressor}, Vec<{regressor}>)"


def _regressor(site: Site) -> str:
    """The regressor type of the receiver (a wrapper built by ``MultiOutputRegressor``)."""
    if site.recv is None:
        raise Fail(f"{site.symbol} called on the class, not on an instance")
    for regressor in REGRESSORS:
        if deref(site.recv.ty) == wrapper_type(regressor):
            return regressor
    raise Fail(f"a {site.recv.ty} is not a MultiOutputRegressor of an aprender regressor")


@R(FW, PY, explain="(estimator, Vec<fitted clone per output column>): aprender has no "
   "multi-output wrapper; each column is fitted by a clone of the aprender regressor")
def _new(site: Site) -> Val:
    estimator = site.tr.typed(site.need(0, "estimator"))
    if deref(estimator.ty) not in REGRESSORS:
        raise Fail(f"MultiOutputRegressor of a {estimator.ty}: only aprender regressors "
                   "(fit on a Vector target, R² score) are wrapped")
    site.arg(None, "n_jobs")  # parallel fitting gives the same estimators
    code = estimator.code if not isinstance(site.node.args[0], ast.Name) else (
        f"{estimator.code}.clone()")
    return Val(f"({code}, Vec::new())", wrapper_type(deref(estimator.ty)))


def _data(site: Site, with_y: bool) -> tuple[str, str]:
    """``let``-bindings of X (and Y) as aprender matrices, and the receiver's code."""
    if site.recv is None:
        raise Fail(f"{site.symbol} called on the class, not on an instance")
    matrix = f"&{mark(AM)}<f32>"
    x = site.tr.value(site.need(0, "X"), f"&{AM}<f32>")
    if not with_y:
        return f"let x_: {matrix} = {x}; ", site.recv.code
    y = site.tr.value(site.need(1, "y"), f"&{AM}<f32>")
    return f"let (x_, y_): ({matrix}, {matrix}) = ({x}, {y}); ", site.recv.code


def _fit(site: Site) -> Val:
    regressor = _regressor(site)
    if not isinstance(site.recv_node, ast.Name):
        raise Fail("fit of a MultiOutputRegressor that is not bound to a name")
    unweighted(site)
    site.tr.fact.mutated.add(site.recv_node.id)
    bind, recv = _data(site, with_y=True)
    fit = mapping.call(site, mapping.item(f"{regressor}::fit"), "e", ["x_", "&y_.column(j)"])
    one = f"|j| -> Result<{mark(regressor)}> {{ let mut e = {recv}.0.clone(); {fit.code}; Ok(e) }}"
    return Val(f"{{ {bind}{recv}.1 = (0..y_.n_cols()).map({one})"
               ".collect::<Result<Vec<_>>>()?; }", "()")


_FITTED = ("if {recv}.1.is_empty() {{ Err::<(), _>(\"this MultiOutputRegressor is not fitted "
           "yet: call fit first\")?; }} ")


def _predict(site: Site) -> Val:
    regressor = _regressor(site)
    bind, recv = _data(site, with_y=False)
    predict = mapping.call(site, mapping.item(f"{regressor}::predict"), "e", ["x_"])
    cols = (f"let cols = {recv}.1.iter().map(|e| -> Result<{mark(AV)}<f32>> "
            f"{{ Ok({predict.code}) }}).collect::<Result<Vec<_>>>()?; ")
    data = ("(0..x_.n_rows()).flat_map(|i| cols.iter().map(move |c| c.as_slice()[i]))"
            ".collect()")
    matrix = site.tr.call_item(mapping.item(f"{AM}::from_vec"), None,
                               ["x_.n_rows()", "cols.len()", data])
    return Val(f"{{ {bind}{_FITTED.format(recv=recv)}{cols}{matrix.code} }}", f"{AM}<f32>")


def _score(site: Site) -> Val:
    regressor = _regressor(site)
    unweighted(site, "score")
    bind, recv = _data(site, with_y=True)
    score = mapping.call(site, mapping.item(f"{regressor}::score"), "e",
                         ["x_", "&y_.column(j)"])
    each = (f"let s = {recv}.1.iter().enumerate().map(|(j, e)| -> Result<f32> "
            f"{{ Ok({score.code}) }}).collect::<Result<Vec<f32>>>()?; ")
    return Val(f"{{ {bind}{_FITTED.format(recv=recv)}{each}"
               "s.iter().sum::<f32>() / s.len() as f32 }", "f32")


_METHODS = {"fit": _fit, "predict": _predict, "score": _score}
for _name, _handler in _METHODS.items():
    R(FW, f"{PY}.{_name}", *(f"{wrapper_type(r)}.{_name}" for r in REGRESSORS),
      explain={"fit": "one fitted clone per column of Y",
               "predict": "the clones' predictions as the columns of a Matrix",
               "score": "mean R² over the columns (scikit-learn's uniform average)"}[_name])(
        _handler)
