"""Hand-off to native Batuta: its state-file and config schemas, encoded from its source
(paiml/batuta ``src/types.rs`` WorkflowState/PhaseInfo and ``src/config.rs`` BatutaConfig, serde
derives without defaults: every non-``Option`` field is required, unknown keys are ignored)."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from batuta.cli import main
from batuta.workflow.state import load_state

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "static" / "sample-project"

NATIVE_PHASES = ("Analysis", "Transpilation", "Optimization", "Validation", "Deployment")
NATIVE_STATUSES = ("NotStarted", "InProgress", "Completed", "Failed")
PHASE_INFO_REQUIRED = ("phase", "status")
PHASE_INFO_OPTIONAL = ("started_at", "completed_at", "error")
# chrono's DateTime<Utc> deserializes RFC 3339.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class NativeSchemaError(ValueError):
    """What serde would refuse."""


def native_load_state(data: Any) -> dict[str, Any]:
    """Native ``WorkflowState::load``: serde_json into WorkflowState (current_phase, phases)."""
    if not isinstance(data, dict) or "phases" not in data:
        raise NativeSchemaError("missing field `phases`")
    current = data.get("current_phase")
    if current is not None and current not in NATIVE_PHASES:
        raise NativeSchemaError(f"unknown variant {current!r}")
    if not isinstance(data["phases"], dict):
        raise NativeSchemaError("phases: expected a map")
    for key, info in data["phases"].items():
        _native_phase_info(key, info)
    return data


def _native_phase_info(key: str, info: Any) -> None:
    """Native ``PhaseInfo``: phase and status required, the timestamps RFC 3339 or null."""
    if key not in NATIVE_PHASES:
        raise NativeSchemaError(f"unknown variant {key!r}")
    if not isinstance(info, dict):
        raise NativeSchemaError(f"{key}: expected struct PhaseInfo")
    for field in PHASE_INFO_REQUIRED:
        if field not in info:
            raise NativeSchemaError(f"{key}: missing field `{field}`")
    if info["phase"] not in NATIVE_PHASES or info["status"] not in NATIVE_STATUSES:
        raise NativeSchemaError(f"{key}: unknown variant")
    for field in ("started_at", "completed_at"):
        value = info.get(field)
        if value is not None and not (isinstance(value, str) and RFC3339.match(value)):
            raise NativeSchemaError(f"{key}.{field}: not RFC 3339")
    if info.get("error") is not None and not isinstance(info["error"], str):
        raise NativeSchemaError(f"{key}.error: expected a string")


def test_state_written_by_analyze_round_trips(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(SAMPLE, project)
    assert main(["analyze", str(project)]) == 0
    raw = json.loads((project / ".batuta-state.json").read_text())
    native = native_load_state(raw)
    assert set(native["phases"]) == set(NATIVE_PHASES)
    assert native["current_phase"] == "Transpilation"
    analysis = native["phases"]["Analysis"]
    assert analysis["phase"] == "Analysis" and analysis["status"] == "Completed"
    assert all(info["phase"] == key for key, info in native["phases"].items())
    assert "summary" in analysis  # our extra fields are kept
    assert load_state(project).phase("Analysis").summary == analysis["summary"]


def test_the_native_loader_refuses_the_old_layout() -> None:
    with pytest.raises(NativeSchemaError, match="missing field `phase`"):
        native_load_state({"phases": {"Analysis": {"status": "Completed"}}})
    with pytest.raises(NativeSchemaError):
        native_load_state({"phases": {"Analysis": {"phase": "Analysis", "status": "Done"}}})


# --- batuta.toml --------------------------------------------------------------------------
S, B, N, L, OPT = str, bool, int, list, "optional"
NATIVE_CONFIG: dict[str, Any] = {
    "version": S,
    "project": {"name": S, "description": OPT, "primary_language": OPT, "authors": L,
                "license": OPT},
    "source": {"path": S, "exclude": L, "include": L},
    "transpilation": {"output_dir": S, "incremental": B, "cache": B, "use_ruchy": B,
                      "ruchy_strictness": OPT, "modules": L,
                      "decy": {"ownership_inference": B, "actionable_diagnostics": B,
                               "use_static_fixer": B},
                      "depyler": {"type_inference": B, "numpy_to_trueno": B,
                                  "sklearn_to_aprender": B, "pytorch_to_realizar": B},
                      "bashrs": {"target_shell": S, "use_clap": B}},
    "optimization": {"profile": S, "enable_simd": B, "enable_gpu": B, "gpu_threshold": N,
                     "use_moe_routing": B,
                     "trueno": {"backends": L, "adaptive_thresholds": B, "cpu_threshold": N}},
    "validation": {"trace_syscalls": B, "run_original_tests": B, "diff_output": B,
                   "benchmark": B, "renacer": {"trace_syscalls": L, "output_format": S}},
    "build": {"release": B, "target": OPT, "wasm": B, "cargo_flags": L},
}


def check_native_config(data: dict[str, Any], schema: dict[str, Any], where: str = "") -> None:
    for key, kind in schema.items():
        if kind == OPT:
            continue
        assert key in data, f"missing field `{where}{key}`"
        if isinstance(kind, dict):
            check_native_config(data[key], kind, f"{where}{key}.")
        else:
            assert isinstance(data[key], kind), f"{where}{key}: expected {kind.__name__}"


def test_init_writes_a_config_native_batuta_loads(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "my-model"
    shutil.copytree(SAMPLE, project)
    assert main(["init", str(project)]) == 0
    config = tomllib.loads((project / "batuta.toml").read_text())
    check_native_config(config, NATIVE_CONFIG)
    assert config["project"]["name"] == "my-model"
    assert config["project"]["primary_language"] == "Python"
    assert config["transpilation"]["transpiler"] == "Depyler"
    assert config["transpilation"]["depyler"]["sklearn_to_aprender"] is True
    assert config["source"]["path"] == "." and config["transpilation"]["output_dir"]
    capsys.readouterr()
    assert main(["init", str(project)]) == 2  # refuses to overwrite
    assert main(["init", str(project), "--force", "--output-dir", "out/rs"]) == 0
    assert tomllib.loads((project / "batuta.toml").read_text())["transpilation"][
        "output_dir"] == "out/rs"
    with pytest.raises(AssertionError, match="missing field"):
        check_native_config({"version": "1.0"}, NATIVE_CONFIG)


# --- upstream operation names and serving tiers ------------------------------------------
@pytest.mark.parametrize(("alias", "canonical"), [
    ("matmul", "matrix_multiply"), ("matrix-multiply", "matrix_multiply"),
    ("element-wise", "element_wise"), ("elementwise", "element_wise"), ("reduce", "reduction")])
def test_upstream_operation_aliases(alias: str, canonical: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    from batuta.api import backend_recommend

    for size in (10, 5_000, 50_000, 5_000_000):
        got, want = backend_recommend(alias, size), backend_recommend(canonical, size)
        assert (got.operation, got.backend) == (canonical, want.backend)
    assert main(["backend", alias, "20000", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["operation"] == canonical


def test_unknown_operation_lists_the_aliases() -> None:
    from batuta.api import backend_recommend
    from batuta.errors import BackendSelectionError

    with pytest.raises(BackendSelectionError) as err:
        backend_recommend("matrix multiply", 10)
    assert "matmul" in err.value.details["allowed"]


def test_serving_tiers_cli_and_api(capsys: pytest.CaptureFixture[str]) -> None:
    from batuta.api import backend_serving

    assert main(["serving", "--format", "json"]) == 0
    sovereign = json.loads(capsys.readouterr().out)
    assert sovereign["privacy"] == "Sovereign" and sovereign["local_only"] is True
    assert "OpenAI" not in sovereign["backends"] and sovereign["backends"][0] == "Realizar"
    private = backend_serving("private", "batch")
    assert private.backends[:2] == ("Vllm", "Tgi") and "AwsBedrock" in private.backends
    assert "Anthropic" in backend_serving("Standard").backends
    assert main(["serving", "--privacy", "public"]) == 2
