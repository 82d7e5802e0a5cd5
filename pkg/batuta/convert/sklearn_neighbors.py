"""``KNeighborsRegressor`` -> aprender's brute-force neighbor index plus the average (issue 12).

aprender's k-NN estimator is a classifier; its ``neighbors`` module has the exact search that a
regressor needs: ``BruteForce::new(data, n, d, Metric)`` and ``k_nearest(point, k)`` (the
``NeighborIndex`` trait) returning each ``Neighbor``'s ``index`` and ``distance``. scikit-learn's
prediction is then the mean of the neighbors' targets (``weights='uniform'``) or their
inverse-distance weighted mean (``'distance'``; a neighbor at distance 0 takes all the weight, as
scikit-learn does). So the regressor is the tuple ``(k, distance_weighted, metric, fitted)``
where ``fitted`` holds the index and the training targets. Metrics: Minkowski with p = 1 / 2 /
other (Manhattan / Euclidean / Minkowski(p)) and Chebyshev. ``algorithm``, ``leaf_size`` and
``n_jobs`` only change how the same neighbors are found. Neighbors tied at the k-th distance may
be chosen differently from scikit-learn's (its order among ties is unspecified too).
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.sklearn_options import literal_str
from batuta.convert.types import deref, mark

R = REGISTRY.register
FW = "sklearn"
PY = "sklearn.neighbors.KNeighborsRegressor"
N = "aprender::neighbors::"
AM, AV = "aprender::primitives::Matrix", "aprender::primitives::Vector"
KNR = f"(usize, bool, {N}Metric, Option<({N}BruteForce, Vec<f32>)>)"
"""The Rust type of a KNeighborsRegressor: (k, distance-weighted, metric, fitted index and y)."""

_METRICS = {"euclidean": "Euclidean", "l2": "Euclidean", "manhattan": "Manhattan",
            "cityblock": "Manhattan", "l1": "Manhattan", "chebyshev": "Chebyshev",
            "infinity": "Chebyshev"}


def _metric(site: Site) -> str:
    name = literal_str(site, "metric", "minkowski")
    if site.arg(None, "metric_params") is not None:
        raise Fail("metric_params: aprender's metrics take no extra parameters")
    enum = mark(f"{N}Metric")
    if name in _METRICS:
        return f"{enum}::{_METRICS[name]}"
    if name != "minkowski":
        raise Fail(f"metric={name!r}: aprender's neighbor metrics are Minkowski (p), Euclidean, "
                   "Manhattan and Chebyshev")
    p = site.arg(None, "p")
    number = p.value if isinstance(p, ast.Constant) else None
    if p is None or number == 2:
        return f"{enum}::Euclidean"
    if number == 1:
        return f"{enum}::Manhattan"
    return f"{enum}::Minkowski({site.tr.value(p, 'f32')})"


@R(FW, PY, explain=f"({N}BruteForce exact search, mean of the neighbors' targets): aprender's "
   "k-NN estimator is a classifier; ties at the k-th distance may be broken differently")
def _new(site: Site) -> Val:
    k_node = site.arg(0, "n_neighbors")
    k = "5" if k_node is None else site.tr.value(k_node, "usize")
    distance = _distance_weighted(site)
    metric = _metric(site)
    for same in ("algorithm", "leaf_size", "n_jobs"):  # the same neighbors, found otherwise
        site.arg(None, same)
    return Val(f"({k}, {distance}, {metric}, None)", KNR)


def _distance_weighted(site: Site) -> str:
    """``weights``: a literal, or a string known at run time (``for w in ["uniform",
    "distance"]``) checked there; any other string is an error, as in scikit-learn."""
    node = site.arg(None, "weights")
    if node is not None and not isinstance(node, ast.Constant):
        try:
            value = site.tr.typed(node)
        except Fail as exc:
            raise Fail(f"weights={ast.unparse(node)}: only a string literal or a string value "
                       f"selects the model ({exc.reason})") from exc
        if deref(value.ty) not in ("&str", "String"):
            raise Fail(f"weights={ast.unparse(node)} (a {value.ty}): only a string literal or "
                       "a string value selects the model")
        text = site.tr.value(node, "&str")
        return (f"{{ let w: &str = {text}; if w != \"uniform\" && w != \"distance\" {{ "
                "Err::<(), _>(format!(\"weights={w:?}: only 'uniform' and 'distance'\"))?; "
                "} w == \"distance\" }")
    weights = literal_str(site, "weights", "uniform")
    if weights not in ("uniform", "distance"):
        raise Fail(f"weights={weights!r}: only 'uniform' and 'distance' are mapped")
    return str(weights == "distance").lower()


def _receiver(site: Site) -> str:
    return mapping.receiver(site, KNR, "a KNeighborsRegressor")


def _fit(site: Site) -> Val:
    recv = _receiver(site)
    if not isinstance(site.recv_node, ast.Name):
        raise Fail("fit of a KNeighborsRegressor that is not bound to a name")
    site.tr.fact.mutated.add(site.recv_node.id)
    x = site.tr.value(site.need(0, "X"), f"&{AM}<f32>")
    y = site.tr.value(site.need(1, "y"), f"&{AV}<f32>")
    index = site.tr.call_item(mapping.item(f"{N}BruteForce::new"), None,
                              ["x_.as_slice()", "x_.n_rows()", "x_.n_cols()", f"{recv}.2"])
    return Val(f"{{ let (x_, y_): (&{mark(AM)}<f32>, &{mark(AV)}<f32>) = ({x}, {y}); "
               "if x_.n_rows() != y_.len() { Err::<(), _>(\"X and y differ in length\")?; } "
               f"{recv}.3 = Some(({index.code}, y_.as_slice().to_vec())); }}", "()")


_UNIFORM = "nb.iter().map(|n| y_[n.index]).sum::<f32>() / nb.len() as f32"
_DISTANCE = ("{ let exact = nb.iter().any(|n| n.distance == 0.0); "
             "let w: Vec<f32> = nb.iter().map(|n| if exact { if n.distance == 0.0 { 1.0 } "
             "else { 0.0 } } else { 1.0 / n.distance }).collect(); "
             "nb.iter().zip(&w).map(|(n, w)| w * y_[n.index]).sum::<f32>() / "
             "w.iter().sum::<f32>() }")


def _predict(site: Site) -> Val:
    recv = _receiver(site)
    x = site.tr.value(site.need(0, "X"), f"&{AM}<f32>")
    size = site.tr.call_item(mapping.item(f"{N}BruteForce::len"), "index", [])
    near = site.tr.call_item(mapping.item(f"{N}BruteForce::k_nearest"), "index",
                             ["t_.row(i).as_slice()", "k_"])
    rows = ("(0..t_.n_rows()).map(|i| { let nb = " + near.code + "; "
            f"if weighted_ {{ {_DISTANCE} }} else {{ {_UNIFORM} }} }}).collect()")
    vector = site.tr.call_item(mapping.item(f"{AV}::from_vec"), None, [rows])
    # Everything the Python names are read first, so no name bound here can shadow them.
    fitted = f"&Option<({mark(N + 'BruteForce')}, Vec<f32>)>"
    return Val(f"{{ let (t_, fitted_, k_, weighted_): (&{mark(AM)}<f32>, {fitted}, usize, bool) "
               f"= ({x}, &{recv}.3, {recv}.0, {recv}.1); let (index, y_) = fitted_.as_ref()"
               ".ok_or(\"this KNeighborsRegressor is not fitted yet: call fit first\")?; "
               f"if k_ > {size.code} {{ Err::<(), _>(\"n_neighbors is larger than the "
               f"number of fitted samples\")?; }} {vector.code} }}", f"{AV}<f32>")


R(FW, f"{PY}.fit", f"{KNR}.fit", explain="the brute-force index over X, and y kept")(_fit)
R(FW, f"{PY}.predict", f"{KNR}.predict",
  explain="per row: the k nearest fitted rows, their targets averaged")(_predict)
