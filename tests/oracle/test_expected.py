"""Every case of ``../shared/oracle/expected.json`` against this Oracle (issue 13 acceptance).

A case holds in full, or ``deviations.json`` names exactly the assertions a decided quirk
changes and why; the test fails if a deviation is stale or an unlisted assertion fails.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .oracle_cases import (
    DEVIATIONS as DEVIATIONS_FILE,
)
from .oracle_cases import (
    deviations,
    expected_cases,
    failing,
    observed_differences,
    run_call,
)

CASES = expected_cases()
DEVIATIONS = deviations()


def test_the_shared_file_is_complete() -> None:
    assert len(CASES) == 239
    ids = {c["id"] for c in CASES}
    assert set(DEVIATIONS) <= ids, "a deviation names a case that does not exist"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    deviation = DEVIATIONS.get(case["id"], {})
    if deviation.get("no_counterpart"):
        with pytest.raises(KeyError):
            run_call(case["call"])
        return
    assert failing(case) == deviation.get("assertions", []), deviation.get("why", "")


def test_every_deviation_names_a_decided_quirk() -> None:
    for case_id, deviation in DEVIATIONS.items():
        assert 1 <= deviation["quirk"] <= 20, case_id
        assert len(deviation["why"]) > 20, case_id


def test_observed_primaries_match_where_no_quirk_applies() -> None:
    """Upstream's observed primary component, for every deterministic query case."""
    for case in CASES:
        if case["call"]["fn"] != "Recommender.query" or "observed" not in case:
            continue
        query = case["call"]["query"]
        got = run_call(case["call"])
        assert got["primary"]["component"] == case["observed"]["primary"]["component"], query


QUERY_CASES = [c for c in CASES if c["call"]["fn"].startswith("Recommender.query")]
OBSERVED = json.loads(DEVIATIONS_FILE.read_text())["observed"]


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c["id"] for c in QUERY_CASES])
def test_observed_answer_differs_only_where_a_quirk_is_decided(case: dict[str, Any]) -> None:
    """Every field of upstream's observed answer is reproduced, or named with its quirk."""
    listed = OBSERVED.get(case["id"], {})
    assert observed_differences(case) == sorted(listed)
    assert all(1 <= v["quirk"] <= 20 and len(v["why"]) > 20 for v in listed.values())
