"""The Oracle seeded by a project analysis answers for that project (its frameworks, call sites
and estimators), from the dataclass or its JSON alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from batuta._serialize import to_json, to_jsonable
from batuta.api import analyze_project, oracle
from batuta.errors import BatutaError

SAMPLE = Path(__file__).resolve().parents[2] / "static" / "sample-project"


@pytest.fixture(scope="module")
def analysis() -> object:
    return analyze_project(SAMPLE)


def test_answers_for_the_project(analysis: object) -> None:
    answer = oracle("what replaces the sklearn calls in this repo?", analysis=analysis)
    project = answer.project
    assert project is not None and set(project.frameworks) == {"numpy", "sklearn", "pytorch"}
    symbols = [s for s, _, _ in project.replacements]
    assert symbols and all(s.startswith("sklearn.") for s in symbols)  # the question's focus
    assert "sklearn.cluster.KMeans" in symbols
    assert dict((s, r) for s, r, _ in project.replacements)["sklearn.cluster.KMeans"].startswith(
        "aprender")
    assert answer.primary.component == "aprender"  # seeded by the repo's estimators
    assert answer.query == "what replaces the sklearn calls in this repo?"


def test_dataclass_and_json_seed_the_same_answer(analysis: object) -> None:
    a = oracle("which crates do I need?", analysis=analysis)
    b = oracle("which crates do I need?", analysis=to_jsonable(analysis))
    assert to_json(a) == to_json(b)
    assert a.project is not None
    assert a.project.call_sites == len(analysis.call_sites) > 0  # type: ignore[attr-defined]


def test_without_a_question_the_project_speaks(analysis: object) -> None:
    answer = oracle(analysis=analysis)
    assert answer.problem_class == "Python Migration" and answer.code_example


def test_a_bad_analysis_is_a_batuta_error() -> None:
    with pytest.raises(BatutaError):
        oracle("x", analysis=42)  # type: ignore[arg-type]
    with pytest.raises(BatutaError):
        oracle("x", analysis={"call_sites": "nope"})
