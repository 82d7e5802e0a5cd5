"""Clustering-agreement metrics aprender lacks -> std-only Rust over the label slices (issue 12).

``adjusted_rand_score``, ``homogeneity_score``, ``completeness_score`` and ``v_measure_score``
are closed forms of the contingency table of two labelings (counts per (true, predicted) pair),
so each is written as a std block: count the pairs in a ``HashMap``, then scikit-learn's own
formula (the pair-confusion form of the adjusted Rand index; entropies and mutual information in
natural log), computed in f64 and returned as f32 like aprender's metrics. Labels are aprender's
``&[usize]``; labelings of different lengths are an error, as in scikit-learn. Nothing from
the crates is emitted. ``adjusted_mutual_info_score`` (its expected mutual information needs
log-gamma, which std lacks) stays unmapped.
"""

from __future__ import annotations

import ast

from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY

R = REGISTRY.register
FW = "sklearn"

_COUNT = ("if a.len() != b.len() { "
          "Err::<(), _>(\"labels_true and labels_pred differ in length\")?; } "
          "let n = a.len() as f64; "
          "let mut nij: std::collections::HashMap<(usize, usize), f64> = "
          "std::collections::HashMap::new(); "
          "let mut ni: std::collections::HashMap<usize, f64> = std::collections::HashMap::new(); "
          "let mut nj: std::collections::HashMap<usize, f64> = std::collections::HashMap::new(); "
          "for (&i, &j) in a.iter().zip(b.iter()) { *nij.entry((i, j)).or_insert(0.0) += 1.0; "
          "*ni.entry(i).or_insert(0.0) += 1.0; *nj.entry(j).or_insert(0.0) += 1.0; }")
"""The contingency table ``nij`` and its margins ``ni`` (true) / ``nj`` (predicted)."""

_ENTROPY = ("let h = |m: &std::collections::HashMap<usize, f64>| -> f64 { "
            "m.values().map(|&c| -(c / n) * (c / n).ln()).sum::<f64>() };")

_MI = ("let mi: f64 = nij.iter().map(|(&(i, j), &c)| (c / n) * (n * c / (ni[&i] * nj[&j])).ln())"
       ".sum::<f64>();")

_HC = ("let (hc, hk) = (h(&ni), h(&nj)); "
       "let hom = if hc == 0.0 { 1.0 } else { mi / hc }; "
       "let com = if hk == 0.0 { 1.0 } else { mi / hk };")
"""Homogeneity and completeness (1.0 when the entropy is 0, as scikit-learn defines them);
an empty labeling is perfect (scikit-learn returns 1.0 for every score)."""

_BODY = {
    "adjusted_rand_score": (
        "let s: f64 = nij.values().map(|c| c * c).sum(); "
        "let (sa, sb): (f64, f64) = (ni.values().map(|c| c * c).sum(), "
        "nj.values().map(|c| c * c).sum()); "
        "let (tp, fp, fnn) = (s - n, sb - s, sa - s); let tn = n * n - fp - fnn - s; "
        "(if fnn == 0.0 && fp == 0.0 { 1.0 } else { 2.0 * (tp * tn - fnn * fp) / "
        "((tp + fnn) * (fnn + tn) + (tp + fp) * (fp + tn)) }) as f32"),
    "homogeneity_score": f"{_ENTROPY} {_MI} {_HC} hom as f32",
    "completeness_score": f"{_ENTROPY} {_MI} {_HC} com as f32",
    "v_measure_score": (f"{_ENTROPY} {_MI} {_HC} (if hom + com == 0.0 {{ 0.0 }} else {{ "
                        "(1.0 + beta) * hom * com / (beta * hom + com) }) as f32"),
}


@R(FW, *(f"sklearn.metrics.{name}" for name in _BODY), operation="reduction",
   explain="std-only Rust: scikit-learn's formula over the contingency table of the two "
           "labelings (aprender has no clustering-agreement metrics)")
def _agreement(site: Site) -> Val:
    name = site.symbol.rpartition(".")[2]
    true = _labels(site, site.need(0, "labels_true"))
    pred = _labels(site, site.need(1, "labels_pred"))
    beta = "1.0"
    if name == "v_measure_score":
        node = site.arg(2, "beta")
        beta = "1.0" if node is None else site.tr.value(node, "f64")
    bind = (f"let (a, b, beta): (&[usize], &[usize], f64) = ({true}, {pred}, {beta}); "
            if name == "v_measure_score" else
            f"let (a, b): (&[usize], &[usize]) = ({true}, {pred}); ")
    return Val(f"{{ {bind}{_COUNT} {_BODY[name]} }}", "f32")


def _labels(site: Site, node: ast.expr) -> str:
    """A labeling as ``&[usize]``; an untyped name learns that it holds labels."""
    try:
        return site.tr.value(node, "&[usize]")
    except Fail:
        if isinstance(node, ast.Name):
            site.tr.evidence(node, "Vec<usize>")
        raise
