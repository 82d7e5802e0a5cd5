"""``batuta convert DIR -o OUT`` and ``batuta validate CRATE_DIR``: exit codes, the files
written, the workflow phases recorded, and a real cargo check (offline, against the stubs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from batuta.cli import main
from batuta.workflow import load_state, save_state
from batuta.workflow.state import PhaseStatus
from rust_check import RustChecker

SAMPLE = Path(__file__).resolve().parents[2] / "static" / "sample-project"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "sample"))


@pytest.fixture
def shared_target(rust_checker: RustChecker, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The session's cargo target dir, so the stubs compile once for every test."""
    monkeypatch.setenv("CARGO_TARGET_DIR", str(rust_checker.target_dir))
    return rust_checker.stub_dir


def status(root: Path, phase: str) -> PhaseStatus:
    return load_state(root).phase(phase).status


def test_convert_dir_writes_the_crate_and_records_transpilation(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project)]) == 0
    out = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(out)]) == 0
    assert "Transpilation recorded" in capsys.readouterr().out
    assert (out / "Cargo.toml").is_file() and (out / "src" / "lib.rs").is_file()
    assert "crate::src::sentiment" in (out / "CONVERSION.md").read_text(encoding="utf-8")
    assert status(project, "Transpilation") is PhaseStatus.COMPLETED
    record = load_state(project).phase("Transpilation")
    assert record.summary["modules"] == 6 and record.summary["not_converted"] > 0
    # A second run into the crate it wrote is allowed; a foreign non-empty folder is not.
    assert main(["convert", str(project), "-o", str(out)]) == 0
    assert "Transpilation recorded" in capsys.readouterr().out


def test_convert_dir_json_summary(project: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(out), "--format", "json",
                 "--crate-name", "senti"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["crate"] == "senti" and summary["modules"] == 6
    assert "src/src/sentiment/net.rs" in summary["files"]
    # No Analysis recorded: the crate is written, the state says why it was not recorded.
    assert "Transpilation not recorded" in summary["state"]
    assert 'name = "senti"' in (out / "Cargo.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("extra", "code", "rc"), [
    ([], "BATUTA-X-001", 2),                          # a directory needs -o
    (["-o", "{out}", "--format", "rust"], "BATUTA-X-001", 2),
])
def test_convert_dir_usage_errors(project: Path, tmp_path: Path, extra: list[str], code: str,
                                  rc: int, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.replace("{out}", str(tmp_path / "o")) for a in extra]
    assert main(["convert", str(project), *args]) == rc
    assert code in capsys.readouterr().err


def test_convert_dir_errors(project: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]) == 1
    assert "BATUTA-X-005" in capsys.readouterr().err
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["convert", str(project), "-o", str(foreign)]) == 1
    assert "BATUTA-X-009" in capsys.readouterr().err
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert main(["convert", str(SAMPLE / "README.md"), "-o", str(tmp_path / "o")]) == 2
    assert "BATUTA-X-001" in capsys.readouterr().err


def test_validate_passes_a_converted_crate(project: Path, tmp_path: Path, shared_target: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(out), "--no-state"]) == 0
    capsys.readouterr()
    assert main(["validate", str(out), "--stubs", str(shared_target)]) == 0
    text = capsys.readouterr().out
    assert "type-checks (offline against the stubs" in text
    # Validation needs Optimization Completed first: it is not recorded, and says why.
    assert "Validation not recorded" in text and "Optimization" in text
    assert not (out / "Cargo.lock").exists()  # a lock naming the stubs would break a real build


def test_validate_reports_errors_by_file_and_line(project: Path, tmp_path: Path,
                                                  shared_target: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(out), "--no-state"]) == 0
    broken = out / "src" / "src" / "sentiment" / "cli.rs"
    lines = broken.read_text(encoding="utf-8").count("\n")
    with broken.open("a", encoding="utf-8") as fh:
        fh.write("pub fn broken() -> u32 { \"text\" }\n")
    capsys.readouterr()
    assert main(["validate", str(out), "--stubs", str(shared_target), "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)["result"]
    assert result["ok"] is False
    assert [(e["file"], e["line"], e["code"]) for e in result["errors"]] == [
        ("src/src/sentiment/cli.rs", lines + 1, "E0308")]


def test_validate_bad_input(tmp_path: Path, shared_target: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "missing")]) == 1
    assert "BATUTA-X-005" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 2  # no Cargo.toml
    assert "BATUTA-X-001" in capsys.readouterr().err
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "x"\nversion = "0.1.0"\n',
                                         encoding="utf-8")
    assert main(["validate", str(tmp_path), "--stubs", str(tmp_path)]) == 2
    assert "holds no stub crates" in capsys.readouterr().err


def test_validate_without_cargo_is_a_typed_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "x"\nversion = "0.1.0"\n',
                                         encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["validate", str(tmp_path)]) == 1
    assert "BATUTA-X-030" in capsys.readouterr().err


def complete_through(root: Path, last: str) -> None:
    """Record every phase up to ``last`` as Completed, as the phase commands would."""
    state = load_state(root)
    for phase in ("Analysis", "Transpilation", "Optimization", "Validation"):
        if state.phase(phase).status is not PhaseStatus.COMPLETED:
            state = state.start(phase).complete(phase, summary={"by": "test"})
        if phase == last:
            break
    save_state(root, state)


def test_convert_leaves_later_phases_unless_forced(project: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    complete_through(project, "Optimization")
    out = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(out)]) == 0
    assert "later phases (Optimization)" in capsys.readouterr().out
    assert status(project, "Optimization") is PhaseStatus.COMPLETED
    assert main(["convert", str(project), "-o", str(out), "--force"]) == 0
    assert status(project, "Transpilation") is PhaseStatus.COMPLETED
    assert status(project, "Optimization") is PhaseStatus.NOT_STARTED


def test_validate_records_the_phase_when_the_order_allows(
        project: Path, tmp_path: Path, shared_target: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "crate"
    assert main(["convert", str(project), "-o", str(out), "--no-state"]) == 0
    complete_through(project, "Optimization")
    assert main(["validate", str(out), "--stubs", str(shared_target)]) == 0
    assert "✓ Validation recorded" in capsys.readouterr().out
    record = load_state(project).phase("Validation")
    assert record.status is PhaseStatus.COMPLETED and record.summary["errors"] == 0
    with (out / "src" / "lib.rs").open("a", encoding="utf-8") as fh:
        fh.write("pub fn broken() -> u32 { \"text\" }\n")
    assert main(["validate", str(out), "--stubs", str(shared_target)]) == 1
    record = load_state(project).phase("Validation")
    assert record.status is PhaseStatus.FAILED and "1 error" in str(record.error)
