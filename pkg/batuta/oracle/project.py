"""Seeding the Oracle with a project analysis: answer for *that* code base.

Given a ``ProjectAnalysis`` (or its JSON), the Oracle reads the detected frameworks, the ML call
sites and the code size: frameworks and estimator names become query words (so "what replaces
the sklearn calls in this repo?" is answered with the estimators the repo really uses), and the
call sites are listed with the Rust item the converter maps each symbol to.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from batuta.errors import InvalidArgumentError
from batuta.oracle.results import ProjectContext

_FRAMEWORK_WORDS = {"sklearn": "sklearn", "numpy": "numpy", "pytorch": "pytorch",
                    "torch": "pytorch", "pandas": "pandas", "transformers": "pytorch"}

_ESTIMATOR_WORDS: dict[str, str] = {
    "RandomForest": "random forest", "DecisionTree": "decision tree",
    "LogisticRegression": "logistic regression", "LinearRegression": "linear regression",
    "GradientBoosting": "gradient boosting", "KMeans": "kmeans", "DBSCAN": "dbscan",
    "PCA": "pca", "SVC": "svm", "KNeighbors": "knn", "GaussianNB": "naive bayes",
    "matmul": "matrix", "dot": "matrix",
}


def as_mapping(analysis: object) -> Mapping[str, Any]:
    """A ``ProjectAnalysis`` dataclass or its JSON dict, as a mapping."""
    if dataclasses.is_dataclass(analysis) and not isinstance(analysis, type):
        from batuta._serialize import to_jsonable

        data = to_jsonable(analysis)
        if isinstance(data, dict):
            return data
    if isinstance(analysis, Mapping):
        return analysis
    raise InvalidArgumentError("analysis must be a project analysis (or its JSON object)",
                               got=type(analysis).__name__)


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, (list, tuple)):
        raise InvalidArgumentError(f"analysis.{key} must be a list")
    return [v for v in value if isinstance(v, Mapping)]


_TARGETS = {"numpy": "trueno", "sklearn": "aprender", "pytorch": "realizar"}


def _rust_for(symbol: str) -> str:
    """The converter's mapping for a symbol: target crate and what it becomes, or ""."""
    import batuta.convert  # noqa: F401 - importing it fills the registry
    from batuta.convert.registry import REGISTRY

    rule = REGISTRY.find(symbol)
    if rule is None:
        return ""
    return f"{_TARGETS.get(rule.framework, rule.framework)}: {rule.explain}"


_QUERY_FRAMEWORKS = {"sklearn": "sklearn", "scikit": "sklearn", "numpy": "numpy",
                     "pytorch": "pytorch", "torch": "pytorch"}


def focus(query: str) -> str | None:
    """The framework a question is about ("the sklearn calls"), or None for all of them."""
    words = set(re.findall(r"[a-z]+", query.lower()))
    named = [fw for word, fw in _QUERY_FRAMEWORKS.items() if word in words]
    return named[0] if named else None


def context(analysis: object, framework: str | None = None) -> ProjectContext:
    """The project facts the Oracle uses (call sites of one framework when ``framework``)."""
    try:
        return _context(as_mapping(analysis), framework)
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError) as exc:
        raise InvalidArgumentError(f"the analysis is malformed: {exc}") from exc


def _context(data: Mapping[str, Any], framework: str | None) -> ProjectContext:
    frameworks = tuple(str(f.get("framework", "")) for f in _items(data, "ml_frameworks")
                       if f.get("framework"))
    sites = [s for s in _items(data, "call_sites")
             if framework is None or s.get("framework") == framework]
    counts = Counter(str(s.get("symbol", "")) for s in sites if s.get("symbol"))
    replacements = tuple((sym, _rust_for(sym), n)
                         for sym, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    code = sum(int(x.get("code", 0) or 0) for x in _items(data, "languages"))
    language = data.get("primary_language")
    return ProjectContext(str(data.get("root", "")), language if isinstance(language, str)
                          else None, frameworks, len(sites), code, replacements)


def seed_words(ctx: ProjectContext) -> str:
    """Query words for what the project uses (frameworks first, then estimators)."""
    words: list[str] = []
    for framework in ctx.frameworks:
        word = _FRAMEWORK_WORDS.get(framework.lower())
        if word and word not in words:
            words.append(word)
    for symbol, _, _ in ctx.replacements:
        for key, word in _ESTIMATOR_WORDS.items():
            if key in symbol.rsplit(".", 1)[-1] and word not in words:
                words.append(word)
    return " ".join(words)

