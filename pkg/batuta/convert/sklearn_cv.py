"""``cross_val_predict`` of an aprender regressor -> k folds fitted and predicted (issue 12).

aprender's ``model_selection`` scores folds (``cross_val_score``) but returns no out-of-fold
predictions. scikit-learn's ``cross_val_predict(regressor, X, y, cv=k)`` splits the rows with an
unshuffled ``KFold(k)`` (contiguous folds, the first ``n % k`` one row longer), fits a clone on
the other folds and predicts each fold. Written out: the rows of each part are copied into an
aprender ``Matrix`` (``row`` / ``from_vec``), a clone of the regressor (``Clone``, ``fit``,
``predict`` from the tables) is fitted and predicts the held-out fold, and the predictions are
put back in row order. Classifiers are refused: scikit-learn splits them with
``StratifiedKFold``.
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.sklearn_multioutput import REGRESSORS
from batuta.convert.types import deref, mark

R = REGISTRY.register
AM, AV = "aprender::primitives::Matrix", "aprender::primitives::Vector"


@R("sklearn", "sklearn.model_selection.cross_val_predict", operation="linear_regression",
   explain="unshuffled k-fold (scikit-learn's KFold for a regressor): a clone fitted on the "
           "other folds predicts each fold, back in row order")
def _cross_val_predict(site: Site) -> Val:
    model = site.tr.typed(site.need(0, "estimator"))
    regressor = deref(model.ty)
    if regressor not in REGRESSORS:
        raise Fail(f"cross_val_predict of a {model.ty}: mapped for aprender regressors (a "
                   "classifier's folds are stratified)")
    for option in ("groups", "params", "fit_params"):
        if site.arg(None, option) is not None:
            raise Fail(f"cross_val_predict with {option}")
    method = site.arg(None, "method")
    if method is not None and not (isinstance(method, ast.Constant)
                                   and method.value == "predict"):
        raise Fail("cross_val_predict with a method other than predict")
    for same in ("n_jobs", "verbose", "pre_dispatch"):  # the same predictions
        site.arg(None, same)
    x = site.tr.value(site.need(1, "X"), f"&{AM}<f32>")
    y = site.tr.value(site.need(2, "y"), f"&{AV}<f32>")
    cv = site.arg(3, "cv")
    folds = "5" if cv is None else site.tr.value(cv, "usize")
    estimator = model.code if model.ty.startswith("&") else f"&{model.code}"
    vector = mark(AV)
    fit = mapping.call(site, mapping.item(f"{regressor}::fit"), "e",
                       ["&rows(&train)?", f"&{vector}::from_vec(train.iter().map(|&i| "
                        "y_.as_slice()[i]).collect())"])
    predict = mapping.call(site, mapping.item(f"{regressor}::predict"), "e", ["&rows(&test)?"])
    matrix = mapping.item(f"{AM}::from_vec")
    rows = site.tr.call_item(matrix, None, ["idx.len()", "x_.n_cols()", "idx.iter().flat_map("
                                            "|&i| x_.row(i).as_slice().to_vec()).collect()"])
    rows_code = rows.code.removesuffix("?")  # the closure returns the Result; `?` at each use
    code = (f"{{ let (e0, x_, y_, k): (&{mark(regressor)}, &{mark(AM)}<f32>, &{vector}<f32>, "
            f"usize) = ({estimator}, {x}, {y}, {folds}); let n = x_.n_rows(); "
            "if k < 2 || k > n || y_.len() != n { Err::<(), _>(\"cross_val_predict needs "
            "2 <= cv <= n_samples and one target per row\")?; } "
            f"let rows = |idx: &[usize]| {rows_code}; "
            "let (mut out, mut start) = (vec![0.0_f32; n], 0); "
            "for f in 0..k { let size = n / k + usize::from(f < n % k); "
            "let test: Vec<usize> = (start..start + size).collect(); "
            "let train: Vec<usize> = (0..n).filter(|&i| i < start || i >= start + size)"
            ".collect(); "
            f"let mut e = e0.clone(); {fit.code}; let p = {predict.code}; "
            "for (&t, &v) in test.iter().zip(p.as_slice()) { out[t] = v; } start += size; } "
            f"{vector}::from_vec(out) }}")
    return Val(code, f"{AV}<f32>")

