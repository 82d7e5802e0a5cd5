"""Checking an analysis that arrives as JSON (a saved file, a JS argument) before anything reads it.

``ProjectAnalysis`` objects Batuta made are well-formed; a JSON document claiming to be one is
untrusted. Views, charts and apps read ``tdg.score``, ``languages[i].code`` and the like, so
``{"tdg": 5}``, ``{"languages": [null]}`` or a ``percentage`` of 1e308 must be refused here with
the field's path, not fail later as ``AttributeError`` / ``OverflowError`` in a widget.
Fields not listed are passed through untouched (more fields may be added to results).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from batuta.errors import InvalidArgumentError

_LISTS_OF_RECORDS = ("languages", "files", "functions", "call_sites", "dependencies",
                     "ml_frameworks", "transpilers", "skipped")
_LANGUAGE_COUNTS = ("files", "code", "comment", "blank")
_MAX_COUNT = 10**15  # more lines than any code base has; also inside the float range


def check_analysis_json(value: Any, *, complete: bool = False) -> dict[str, Any]:
    """The analysis mapping, checked; raises :class:`InvalidArgumentError` naming the field.

    Args:
        value: The parsed JSON.
        complete: Also require what the analysis charts read (each language's name, code and
            percentage, each function's cyclomatic); apps accept partial analyses.

    Example:
        >>> check_analysis_json({"primary_language": "Python"})["primary_language"]
        'Python'
    """
    if not isinstance(value, Mapping):
        raise _bad("", f"an analysis is a JSON object, not {_kind(value)}")
    out = dict(value)
    for key in _LISTS_OF_RECORDS:
        items = out.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            raise _bad(key, f"expected a list, got {_kind(items)}")
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise _bad(f"{key}[{i}]", f"expected an object, got {_kind(item)}")
    for i, lang in enumerate(out.get("languages") or []):
        _check_language(lang, f"languages[{i}]", complete)
    for i, func in enumerate(out.get("functions") or []):
        _number(func.get("cyclomatic"), f"functions[{i}].cyclomatic", 0, _MAX_COUNT,
                required=complete)
    tdg = out.get("tdg")
    if tdg is not None:
        if not isinstance(tdg, Mapping):
            raise _bad("tdg", f"expected an object or null, got {_kind(tdg)}")
        _number(tdg.get("score"), "tdg.score", 0, 100)
        _text(tdg.get("grade"), "tdg.grade")
    _text(out.get("primary_language"), "primary_language")
    return out


def _check_language(lang: Mapping[str, Any], where: str, complete: bool) -> None:
    # The charts read language, code and percentage of every entry: those must be there.
    _text(lang.get("language"), f"{where}.language", required=complete)
    for key in _LANGUAGE_COUNTS:
        _number(lang.get(key), f"{where}.{key}", 0, _MAX_COUNT,
                required=complete and key == "code")
    _number(lang.get("percentage"), f"{where}.percentage", 0, 100, required=complete)


def _number(value: Any, where: str, lo: float, hi: float, *, required: bool = False) -> None:
    if value is None:
        if required:
            raise _bad(where, "missing (a number is required)")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(where, f"expected a number, got {_kind(value)}")
    if (isinstance(value, float) and not math.isfinite(value)) or not lo <= value <= hi:
        raise _bad(where, f"expected a number from {lo:g} to {hi:g}, got {str(value)[:24]}")


def _text(value: Any, where: str, *, required: bool = False) -> None:
    if value is None and required:
        raise _bad(where, "missing (a string is required)")
    if value is not None and not isinstance(value, str):
        raise _bad(where, f"expected a string, got {_kind(value)}")


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), type(value).__name__)


def _bad(where: str, message: str) -> InvalidArgumentError:
    field = f"analysis.{where}" if where else "analysis"
    return InvalidArgumentError(f"{field}: {message}", field=field)
