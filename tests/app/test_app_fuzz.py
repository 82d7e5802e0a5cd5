"""Untrusted input end to end: random app documents, random rows and states never crash."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta._serialize import to_json
from batuta.app import app_from_text, build_view, open_app, score
from batuta.app._evaluate import evaluate
from batuta.app.expressions import parse
from batuta.errors import BatutaError, ExpressionError

EXAMPLES = Path(__file__).resolve().parents[2] / "static" / "apps"
KEYS = ["presentar", "name", "version", "layout", "sections", "id", "span", "widgets", "type",
        "data", "rows", "source", "label", "value", "content", "chart_type", "x", "y",
        "options", "interactions", "on", "action", "target", "field", "theme", "columns",
        "page_size", "metric", "chart", "text", "select", "button", "{{ s | count }}", "gap"]
leaves = st.one_of(st.none(), st.booleans(), st.integers(-5, 30), st.sampled_from(KEYS),
                   st.text(max_size=8), st.floats(allow_nan=False, allow_infinity=False))
docs = st.recursive(leaves, lambda kids: st.lists(kids, max_size=4)
                    | st.dictionaries(st.sampled_from(KEYS), kids, max_size=6), max_leaves=30)


@settings(max_examples=60)
@given(docs)
def test_random_documents_validate_or_fail_typed(doc: Any) -> None:
    try:
        app, files = app_from_text(json.dumps(doc))
    except BatutaError:
        return
    to_json(build_view(app, files))  # a valid app always renders to strict JSON


BASE: dict[str, Any] = {
    "presentar": "0.1", "name": "fuzz", "version": "1.0.0",
    "data": {"s": {"rows": []}},
    "layout": {"sections": [{"id": "m", "widgets": [
        {"type": "select", "id": "pick", "label": "Pick", "options": "{{ s | select(k) }}"},
        {"type": "chart", "id": "c", "title": "c", "chart_type": "bar", "data": "{{ s }}",
         "x": "k", "y": "v"},
        {"type": "data_table", "id": "t", "title": "t", "data": "{{ s }}", "page_size": 3},
        {"type": "metric", "id": "n", "label": "n", "value": "{{ s | sum(v) }}"},
    ]}]},
    "interactions": [{"on": "pick", "action": "filter", "target": "c", "field": "k"}],
}
cells = st.one_of(st.none(), st.booleans(), st.integers(-100, 100), st.text(max_size=4),
                  st.floats(allow_nan=False, allow_infinity=False), st.lists(st.integers(),
                                                                             max_size=2))
rows = st.lists(st.dictionaries(st.sampled_from(["k", "v", "w"]), cells, max_size=3), max_size=8)
states = st.dictionaries(st.sampled_from(["pick", "t", "c", "n", "other"]),
                         st.one_of(cells, st.dictionaries(st.sampled_from(["page", "sort",
                                                                           "desc"]), cells)),
                         max_size=3)


@settings(max_examples=60)
@given(rows, states)
def test_random_rows_and_states_render_or_show_typed_errors(data: list[Any],
                                                            state: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(BASE))
    doc["data"]["s"]["rows"] = data
    app, files = app_from_text(json.dumps(doc))
    view = build_view(app, files, state=state)
    to_json(view)
    for section in view["sections"]:
        for widget in section["widgets"]:
            if "error" in widget:
                assert widget["error"]["code"].startswith("BATUTA-")
    score(app, files)


PIPES = ["s | filter(v > 1) | count", "s | sort(v, desc=true) | limit(3)",
         "s | group_by(k, sum=v, max=v)", "s | mean(v)", "s | percentage(v)",
         "s | filter(k == \"a\", v) | select(k, v)", "s | join(s, on=k) | count",
         "s | filter(k=true) | percentage", "s | min(w)"]


@settings(max_examples=100)
@given(rows, st.sampled_from(PIPES))
def test_pipelines_over_random_rows_answer_or_raise_expression_error(data: list[Any],
                                                                     text: str) -> None:
    with contextlib.suppress(ExpressionError):
        evaluate(parse(text), {"s": data})


def test_sort_rejects_mixed_kinds_and_accepts_booleans() -> None:
    with pytest.raises(ExpressionError, match="mixes"):
        evaluate(parse("s | sort(v)"), {"s": [{"v": 1}, {"v": "a"}]})
    got = evaluate(parse("s | sort(v)"), {"s": [{"v": True}, {"v": None}, {"v": False}]})
    assert got == [{"v": False}, {"v": True}, {"v": None}]


def test_saved_sample_analysis_matches_a_fresh_one() -> None:
    """The migration dashboard's saved analysis must describe the shipped sample project.

    Names are compared, not counts, so analyzer refinements do not break the suite; refresh the
    numbers with ``python -c "from batuta.api import analyze_project; from batuta._serialize
    import to_json; print(to_json(analyze_project('static/sample-project'), indent=1))"
    > static/apps/migration-dashboard/sample-analysis.json``.
    """
    from batuta._serialize import to_jsonable
    from batuta.api import analyze_project

    fresh = to_jsonable(analyze_project(EXAMPLES.parent / "sample-project"))
    saved = json.loads((EXAMPLES / "migration-dashboard" / "sample-analysis.json").read_text())
    assert saved["primary_language"] == fresh["primary_language"]
    for key, name in (("languages", "language"), ("ml_frameworks", "framework")):
        assert {r[name] for r in saved[key]} == {r[name] for r in fresh[key]}, key
    app, files = open_app(EXAMPLES / "migration-dashboard")
    assert score(app, files).score == score(app, files, analysis=fresh).score
