"""``batuta optimize CRATE_DIR`` for real: a converted copy of the sample project, the
OPTIMIZATION.md and Cargo.toml it writes, and the workflow recorded in order
(analyze -> convert -> optimize -> validate, no --force), with a real offline cargo check."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from batuta.cli import main
from batuta.workflow import load_state
from batuta.workflow.state import PhaseStatus
from rust_check import RustChecker

SAMPLE = Path(__file__).resolve().parents[2] / "static" / "sample-project"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "sample"))


def statuses(root: Path) -> dict[str, PhaseStatus]:
    return {p.name: p.status for p in load_state(root).phases}


def rows(markdown: str) -> list[list[str]]:
    """The Operations table's rows, cells stripped (the header and rule left out)."""
    table = markdown.split("## Operations", 1)[1]
    return [[c.strip() for c in line.strip("|").split(" | ")]
            for line in table.splitlines() if line.startswith("| `")]


def test_convert_optimize_validate_records_every_phase_in_order(
        project: Path, tmp_path: Path, rust_checker: RustChecker,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CARGO_TARGET_DIR", str(rust_checker.target_dir))
    crate = tmp_path / "crate"
    assert main(["analyze", str(project)]) == 0
    assert main(["convert", str(project), "-o", str(crate)]) == 0
    # Validation cannot come before Optimization: the order holds without --force.
    assert main(["validate", str(crate), "--stubs", str(rust_checker.stub_dir)]) == 0
    assert "Optimization is Not Started" in capsys.readouterr().out
    assert statuses(project)["Validation"] is PhaseStatus.NOT_STARTED

    assert main(["optimize", str(crate), "--size", "20000", "--enable-gpu"]) == 0
    out = capsys.readouterr().out
    assert "✓ Optimization recorded" in out and "at n = 20,000" in out
    state = load_state(project)
    opt = state.phase("Optimization")
    assert opt.status is PhaseStatus.COMPLETED and opt.summary["data_size"] == 20_000
    assert opt.summary["gpu"] is True and opt.summary["profile"] == "balanced"
    trans = state.phase("Transpilation")
    assert trans.finished_at is not None and opt.started_at is not None
    assert trans.finished_at <= opt.started_at

    # The plan: one row per operation site of CONVERSION.json, backends by the router.
    record = json.loads((crate / "CONVERSION.json").read_text(encoding="utf-8"))
    md = (crate / "OPTIMIZATION.md").read_text(encoding="utf-8")
    table = rows(md)
    assert len(table) == len(record["operations"]) == opt.summary["operations"] > 0
    by_op = {(r[0], r[2]): r for r in table}
    for op in record["operations"]:
        row = by_op[(f"`{op['file']}:{op['line']}`", op["operation"])]
        assert row[3] in {"**Scalar**", "**SIMD**", "**GPU**"}
        assert re.fullmatch(r"[\d.,]+ [kMGTP]?FLOP( \([\d,]+\))?", row[5])
        assert re.fullmatch(r"[\d.,]+ (µs|ms)", row[7])
    matmuls = [r for r in table if r[2] == "matrix_multiply"]
    assert matmuls and all(r[3] == "**GPU**" and "The cost model agrees" in r[8]
                           for r in matmuls)  # n = 20,000 > 18,750: both say GPU
    assert sum(opt.summary["backends"].values()) == len(table)
    assert "n = 20,000" in md and "a GPU (20 TFLOPS" in md

    # The profile is applied to the crate's manifest, which cargo still reads.
    manifest = tomllib.loads((crate / "Cargo.toml").read_text(encoding="utf-8"))
    assert manifest["profile"]["release"] == {"opt-level": 3, "lto": "thin",
                                              "codegen-units": 4}

    assert main(["validate", str(crate), "--stubs", str(rust_checker.stub_dir)]) == 0
    assert "✓ Validation recorded" in capsys.readouterr().out
    final = statuses(project)
    assert [final[p] for p in ("Analysis", "Transpilation", "Optimization", "Validation")] == \
        [PhaseStatus.COMPLETED] * 4
    assert final["Deployment"] is PhaseStatus.NOT_STARTED
    # The status board reads each phase's summary (it said "(no summary)" for these).
    assert main(["status", str(project)]) == 0
    board = capsys.readouterr().out
    assert "Modules: 6 | Mapped: " in board and f"Operations: {len(table)} | Scalar " in board
    assert "n = 20,000 | Profile: balanced" in board and "cargo check: 0 error(s)" in board
    assert "(no summary)" not in board


def test_rerun_replaces_the_profile_and_follows_batuta_toml(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crate = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(crate), "--no-state"]) == 0
    (project / "batuta.toml").write_text(
        '[optimization]\nprofile = "aggressive"\nenable_gpu = false\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["optimize", str(crate), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["plan"]["profile"] == "aggressive" and result["plan"]["gpu"] is False
    assert result["plan"]["data_size"] == 1_000_000  # the stated default
    assert result["plan"]["backends"]["GPU"] == 0
    # Analysis and Transpilation were not recorded: the file is written, the phase is not.
    assert "Optimization not recorded" in result["state"]
    assert statuses(project)["Optimization"] is PhaseStatus.NOT_STARTED
    assert main(["optimize", str(crate), "--profile", "fast", "--no-state"]) == 0
    text = (crate / "Cargo.toml").read_text(encoding="utf-8")
    assert text.count("[profile.release]") == 1 and "--profile fast" in text
    assert tomllib.loads(text)["profile"]["release"]["codegen-units"] == 16
    assert "Profile: fast" in (crate / "OPTIMIZATION.md").read_text(encoding="utf-8")


def test_a_users_own_release_profile_is_left_alone(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crate = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(crate), "--no-state"]) == 0
    with (crate / "Cargo.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[profile.release]\ndebug = true\n")
    before = (crate / "Cargo.toml").read_bytes()
    capsys.readouterr()
    assert main(["optimize", str(crate), "--no-state"]) == 0
    assert "left as it is" in capsys.readouterr().out
    assert (crate / "Cargo.toml").read_bytes() == before


def test_optimize_bad_input_is_a_typed_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["optimize", str(tmp_path / "missing")]) == 1
    assert "error[BATUTA-X-005]" in capsys.readouterr().err
    assert main(["optimize", str(tmp_path)]) == 2  # no Cargo.toml
    err = capsys.readouterr().err
    assert "error[BATUTA-X-001]" in err and "not a crate" in err
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "x"\n', encoding="utf-8")
    assert main(["optimize", str(tmp_path)]) == 2  # a crate batuta convert did not write
    assert "no CONVERSION.json" in capsys.readouterr().err
    (tmp_path / "CONVERSION.json").write_text("{", encoding="utf-8")
    assert main(["optimize", str(tmp_path), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "BATUTA-X-001"
    assert main(["optimize", str(tmp_path), "--size", "0"]) == 2
    assert "--size must be at least 1" in capsys.readouterr().err
    assert not (tmp_path / "OPTIMIZATION.md").exists()
