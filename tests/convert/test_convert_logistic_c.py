"""LogisticRegression's C (issue 12): scikit-learn's default is L2-regularised with C = 1,
aprender's default l2_penalty is 0. The classifier is the pair (model, C) and fit sets
``with_l2_penalty(1 / (C * n_samples))``, scikit-learn's objective in aprender's mean-loss form;
penalty=None is the plain model (l2_penalty 0). Every converted snippet names only items the
tables have and type-checks with real cargo (one invocation for all); what would be another model
(L1 / elastic net, 'balanced' weights, liblinear's penalised intercept, a pipeline or
cross-validation of the regularised model) is refused with the reason.
"""

from __future__ import annotations

import pytest

from batuta.convert import convert_file
from batuta.convert.audit import mapped_by_symbol, misses
from batuta.convert.registry import REGISTRY
from rust_check import RustChecker

_IMPORT = "from sklearn.linear_model import LogisticRegression\n"

SNIPPETS = {
    "lr_default": _IMPORT + """

def labels(X, y):
    clf = LogisticRegression()
    clf.fit(X, y)
    return clf.predict(X), clf.score(X, y)
""",
    "lr_c10": _IMPORT + """

def proba(X, y):
    clf = LogisticRegression(C=10, max_iter=500, tol=1e-3)
    clf.fit(X, y)
    return clf.predict_proba(X), clf.coef_, clf.intercept_
""",
    "lr_c_name": _IMPORT + """

def fitted(X, y, c: float):
    return LogisticRegression(C=c).fit(X, y).predict(X)
""",
    "lr_unpenalised": _IMPORT + """

def labels(X, y):
    clf = LogisticRegression(penalty=None, C=5.0)
    clf.fit(X, y)
    return clf.predict(X)
""",
    "pair_chain": """from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier
from sklearn.multioutput import MultiOutputRegressor


def chain(X, y, Y):
    clf = LogisticRegression(C=2.0)
    sgd = SGDClassifier()
    multi = MultiOutputRegressor(Ridge())
    return clf.fit(X, y).predict(X), sgd.fit(X, y).predict(X), multi.fit(X, Y).predict(X)
""",
    "lr_pipeline": _IMPORT + """from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def piped(X, y):
    pipe = make_pipeline(StandardScaler(), LogisticRegression(penalty=None))
    pipe.fit(X, y)
    return pipe.predict(X), cross_val_score(LogisticRegression(penalty=None), X, y, cv=3)
""",
}


def test_c_becomes_the_l2_penalty_at_fit_and_type_checks(rust_checker: RustChecker) -> None:
    modules, pythons = {}, {}
    for name, python in SNIPPETS.items():
        result = convert_file(python, f"{name}.py")
        assert not result.unsupported, (name, result.unsupported)
        assert misses(result.rust_code) == [], name
        assert "no aprender equivalent" not in result.rust_code, name  # C is never dropped
        modules[name] = result.rust_code
        pythons[name] = {m.python for m in result.mappings}
    # the pair's methods are recorded as scikit-learn's (SGDClassifier's pair too)
    assert {"sklearn.linear_model.LogisticRegression.fit",
            "sklearn.linear_model.LogisticRegression.score"} <= pythons["lr_default"]
    assert "sklearn.linear_model.SGDClassifier.predict" in pythons["pair_chain"]
    fit = "clf.0 = clf.0.clone().with_l2_penalty(1.0 / (clf.1 * x_.n_rows() as f32))"
    # scikit-learn's default C = 1 is regularised: not aprender's unregularised default.
    default = modules["lr_default"]
    assert "(LogisticRegression::new(), 1.0)" in default and fit in default
    assert "clf.0.fit(x_, y_)?" in default and "clf.0.score(x, y)" in default
    c10 = modules["lr_c10"]
    assert "(LogisticRegression::new().with_max_iter(500).with_tolerance(0.001), 10.0)" in c10
    assert fit in c10 and "clf.0.predict_proba(x)" in c10
    assert "clf.0.coefficients().clone()" in c10 and "clf.0.intercept()" in c10
    named = modules["lr_c_name"]  # C from a variable; the model is fitted in place
    assert "let mut estimator_ = (LogisticRegression::new(), c);" in named
    assert "estimator_.0.clone().with_l2_penalty(1.0 / (estimator_.1 * x_.n_rows()" in named
    plain = modules["lr_unpenalised"]  # penalty=None: l2_penalty 0, aprender's own default
    assert "let mut clf: LogisticRegression = LogisticRegression::new();" in plain
    assert "with_l2_penalty" not in plain and "clf.fit(x, y)?" in plain
    # fit returns the fitted pair, whose model predicts (SGDClassifier's and MultiOutput's too)
    assert "clf.0.fit(x_, y_)?; }; &clf }).0.predict(x)" in modules["pair_chain"]
    pipe = modules["lr_pipeline"]
    assert "Box::new(LogisticRegression::new())" in pipe and "cross_val_score(" in pipe
    assert rust_checker.check(modules) == []


@pytest.mark.parametrize(("python", "reason"), [
    (_IMPORT + "m = LogisticRegression(penalty='l1', solver='saga')\n", "penalty='l1'"),
    (_IMPORT + "m = LogisticRegression(penalty='elasticnet', l1_ratio=0.5)\n",
     "only an L2 penalty"),
    (_IMPORT + "def f(p):\n    return LogisticRegression(penalty=p)\n",
     "only a literal selects the model"),
    (_IMPORT + "m = LogisticRegression(class_weight='balanced')\n", "square-root inverse"),
    (_IMPORT + "m = LogisticRegression(class_weight={0: 1.0, 1: 2.0})\n", "per-class weights"),
    (_IMPORT + "m = LogisticRegression(solver='liblinear')\n", "penalises the intercept"),
    (_IMPORT + "def f(X, y, w):\n    m = LogisticRegression()\n    m.fit(X, y, sample_weight=w)\n",
     "weighs every sample alike"),
    (_IMPORT + "from sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import "
     "StandardScaler\ndef f(X, y):\n    p = make_pipeline(StandardScaler(), "
     "LogisticRegression(C=2))\n    p.fit(X, y)\n", "aprender's Pipeline fits a model"),
    (_IMPORT + "from sklearn.model_selection import cross_val_score\ndef f(X, y):\n"
     "    return cross_val_score(LogisticRegression(), X, y)\n", "depends on the rows"),
])
def test_another_model_is_refused_with_the_reason(python: str, reason: str) -> None:
    result = convert_file(python, "refused.py")
    reasons = [u.reason for u in result.unsupported]
    assert any(reason in r for r in reasons), reasons
    assert ".with_l2_penalty(" not in result.rust_code


def test_the_mapping_explains_the_penalty_and_the_solver() -> None:
    rule = REGISTRY.find("sklearn.linear_model.LogisticRegression")
    assert rule is not None
    for part in ("1 / (C * n_samples)", "default l2_penalty is 0", "penalty=None",
                 "instead of lbfgs", "max_iter"):
        assert part in rule.explain, part
    for symbol in ("sklearn.linear_model.LogisticRegression",
                   "sklearn.linear_model.LogisticRegression.fit",
                   "sklearn.linear_model.LogisticRegression.predict_proba"):
        assert mapped_by_symbol(symbol), symbol
