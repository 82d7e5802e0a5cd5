"""The Optimization plan (batuta.backend.plan): backends per operation site, estimated times,
the release profiles, OPTIMIZATION.md, and the conversion record read as untrusted input."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.backend import HardwareProfile, backend_recommend
from batuta.backend.plan import (
    PROFILES,
    load_conversion,
    make_plan,
    plan_markdown,
    release_profile_toml,
)
from batuta.errors import BatutaError, InvalidArgumentError, SourceNotFoundError


def site(operation: str, line: int = 1, python: str = "numpy.dot") -> dict[str, Any]:
    return {"file": "m.py", "line": line, "python": python, "operation": operation}


RECORD = {"crate": "demo", "operations": [
    site("matrix_multiply", 3, "@"), site("element_wise", 4, "numpy.add"),
    {**site("kmeans", 7, "sklearn.cluster.KMeans"), "converted": False}]}


def test_each_site_gets_the_routers_backend_at_the_given_size() -> None:
    gpu = HardwareProfile(has_gpu=True)
    plan = make_plan(RECORD, data_size=200_000, hardware=gpu)
    got = [(op.operation, op.decision.backend) for op in plan.operations]
    assert got == [(op, backend_recommend(op, 200_000, gpu).backend)
                   for op in ("matrix_multiply", "element_wise", "kmeans")]
    assert got == [("matrix_multiply", "GPU"), ("element_wise", "Scalar"), ("kmeans", "GPU")]
    assert plan.backends == {"Scalar": 1, "SIMD": 0, "GPU": 2}
    assert plan.summary()["operations"] == 3 and plan.summary()["gpu"] is True


def test_no_gpu_by_default_and_never_gpu_without_one() -> None:
    plan = make_plan(RECORD, data_size=10**9)
    assert plan.hardware.has_gpu is False and plan.backends["GPU"] == 0
    assert {op.decision.backend for op in plan.operations} == {"SIMD"}


def test_estimated_time_follows_the_backend() -> None:
    plan = make_plan(RECORD, data_size=50_000, hardware=HardwareProfile(has_gpu=True))
    matmul, add, kmeans = plan.operations
    assert matmul.decision.backend == "GPU"
    assert matmul.estimate_s == pytest.approx(matmul.decision.cost.transfer_s
                                              + matmul.decision.cost.gpu_compute_s)
    assert kmeans.decision.backend == "SIMD"
    assert kmeans.estimate_s == pytest.approx(kmeans.decision.cost.cpu_compute_s)
    assert add.decision.backend == "Scalar"  # one lane instead of eight
    assert add.estimate_s == pytest.approx(add.decision.cost.cpu_compute_s * 8)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_release_profiles_are_valid_cargo_toml(profile: str) -> None:
    release = tomllib.loads(release_profile_toml(profile))["profile"]["release"]
    assert release["opt-level"] == 3
    assert release == {k: (False if v == "false" else v) for k, v in PROFILES[profile].items()}


def test_unknown_profile_is_typed() -> None:
    with pytest.raises(InvalidArgumentError, match="unknown profile"):
        make_plan(RECORD, profile="ludicrous")


def test_markdown_lists_every_site_with_formatted_figures() -> None:
    plan = make_plan(RECORD, data_size=20_000, hardware=HardwareProfile(has_gpu=True))
    md = plan_markdown(plan, applied="Written.")
    assert "n = 20,000" in md and "Profile: balanced" in md and "Written." in md
    assert "| `m.py:3` | `@` | matrix_multiply | **GPU** | 20,000x20,000 @ 20,000x20,000 | " \
           "16 TFLOP (16,000,000,000,000) | 4.8 GB (4,800,000,000) | 950 ms |" in md
    assert "`sklearn.cluster.KMeans` (not converted: todo!)" in md
    assert "decision" not in md.lower().replace("backenddecision", "")
    empty = plan_markdown(make_plan({"crate": "x", "operations": []}), applied="")
    assert "None: the conversion found no operation" in empty


def write_crate(root: Path, record: object | None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Cargo.toml").write_text('[package]\nname = "demo"\n', encoding="utf-8")
    if record is not None:
        (root / "CONVERSION.json").write_text(json.dumps(record), encoding="utf-8")
    return root


def test_load_conversion_reads_a_record(tmp_path: Path) -> None:
    assert load_conversion(write_crate(tmp_path / "c", RECORD))["crate"] == "demo"


@pytest.mark.parametrize(("record", "words"), [
    (None, "no CONVERSION.json"),
    ([], "no list of operations"),
    ({"crate": "x", "operations": [1]}, "operation 0 is not an object"),
    ({"crate": "x", "operations": [{**site("fft")}]}, "unknown operation type 'fft'"),
    ({"crate": "x", "operations": [{**site("reduction"), "line": True}]}, "int 'line'"),
    ({"operations": []}, "no crate name"),
])
def test_bad_records_are_typed_errors(tmp_path: Path, record: object, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words) as info:
        load_conversion(write_crate(tmp_path / "c", record))
    assert info.value.code == "BATUTA-X-001"


def test_missing_and_non_crate_directories(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError):
        load_conversion(tmp_path / "nowhere")
    with pytest.raises(InvalidArgumentError, match="not a crate"):
        load_conversion(tmp_path)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=5), max_leaves=20)
OPS = st.fixed_dictionaries({"file": st.text(max_size=8), "line": st.integers(0, 10**6),
                             "python": st.text(max_size=8),
                             "operation": st.sampled_from(["kmeans", "reduction", "fft"])})


@given(st.one_of(JSON, st.fixed_dictionaries(
    {"crate": st.text(max_size=8), "operations": st.lists(OPS | JSON, max_size=4)})),
    st.integers(1, 10**12))
def test_any_record_plans_or_is_a_typed_error(tmp_path_factory: pytest.TempPathFactory,
                                              record: object, size: int) -> None:
    crate = write_crate(tmp_path_factory.mktemp("c"), record)
    try:
        plan = make_plan(load_conversion(crate), data_size=size)
    except BatutaError as exc:
        assert exc.code == "BATUTA-X-001"
        return
    assert plan_markdown(plan, applied="").count("\n| `") == len(plan.operations)


def test_the_modules_examples_run() -> None:
    import doctest

    import batuta.backend.plan

    result = doctest.testmod(batuta.backend.plan)
    assert result.attempted >= 2 and result.failed == 0
