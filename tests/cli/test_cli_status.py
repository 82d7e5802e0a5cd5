"""``batuta status`` and ``batuta reset`` against real state files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from batuta.cli import main
from batuta.workflow import STATE_FILENAME, WorkflowState, load_state, save_state

T0 = datetime(2025, 11, 19, 14, 21, 32, tzinfo=UTC)


def _two_phases(root: Path) -> None:
    state = WorkflowState().start("Analysis", now=T0).complete(
        "Analysis", now=T0 + timedelta(seconds=1), duration_s=0.13,
        summary={"files": 127, "lines": 8432, "tdg": 73.2, "grade": "B-"})
    state = state.start("Transpilation", now=T0 + timedelta(seconds=43))
    state = state.complete("Transpilation", now=T0 + timedelta(seconds=256))
    save_state(root, state.start("Optimization", now=T0 + timedelta(seconds=270)))


def test_status_without_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("No workflow started yet.")
    assert not (tmp_path / STATE_FILENAME).exists()


def test_status_board(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_phases(tmp_path)
    assert main(["status", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "✓ Transpilation  [Completed]" in out
    assert "⏳ Optimization   [In Progress]" in out
    assert "Overall: 40% complete" in out
    assert "  Duration:  213.00s" in out


def test_status_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_phases(tmp_path)
    assert main(["status", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["progress"] == 40 and data["current_phase"] == "Optimization"
    assert data["exists"] is True and data["path"] == str(tmp_path / STATE_FILENAME)
    assert data["phases"]["Analysis"]["summary"]["files"] == 127


def test_status_on_corrupt_state_says_how_to_fix(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / STATE_FILENAME).write_text('{"version": 9}')
    assert main(["status", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error[BATUTA-X-007]: {tmp_path / STATE_FILENAME}: unknown state")
    assert "batuta reset --yes" in err
    assert (tmp_path / STATE_FILENAME).read_text() == '{"version": 9}'


def test_status_on_a_file_is_bad_usage(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "f.py").write_text("x = 1\n")
    assert main(["status", str(tmp_path / "f.py")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_reset_needs_yes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_phases(tmp_path)
    assert main(["reset", str(tmp_path)]) == 2
    assert "without --yes" in capsys.readouterr().err
    assert load_state(tmp_path).progress == 40


def test_reset_yes_clears(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_phases(tmp_path)
    assert main(["reset", str(tmp_path), "--yes"]) == 0
    assert capsys.readouterr().out == "✅ Workflow state reset successfully!\n"
    assert load_state(tmp_path).is_fresh and not (tmp_path / STATE_FILENAME).exists()
    assert main(["reset", str(tmp_path), "--yes"]) == 0
    assert "No workflow state to reset" in capsys.readouterr().out


def test_reset_keeps_corrupt_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / STATE_FILENAME).write_bytes(b"\x00torn")
    assert main(["reset", str(tmp_path), "--yes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    backup = tmp_path / (STATE_FILENAME + ".corrupt")
    assert data == {"reset": True, "path": str(tmp_path / STATE_FILENAME), "existed": True,
                    "backup": str(backup)}
    assert backup.read_bytes() == b"\x00torn"
    assert main(["status", str(tmp_path)]) == 0
