"""Issue 16, attack 5: a state file whose ``summary`` nests 500 levels is a StateFileError,
not a RecursionError out of ``status --format json``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from batuta.errors import StateFileError
from batuta.workflow.state import PHASES, load_state


def _write(root: Path, depth: int) -> None:
    deep: dict[str, Any] = {}
    cur = deep
    for _ in range(depth):
        cur["a"] = {}
        cur = cur["a"]
    phases: dict[str, Any] = {p: {"phase": p, "status": "NotStarted"} for p in PHASES}
    phases[PHASES[0]] = {"phase": PHASES[0], "status": "Completed",
                         "started_at": "2026-01-01T00:00:00Z",
                         "completed_at": "2026-01-01T00:00:01Z", "summary": deep}
    (root / ".batuta-state.json").write_text(json.dumps({"version": 1, "phases": phases}))


def test_deep_summary_is_a_state_file_error(tmp_path: Path) -> None:
    _write(tmp_path, 500)
    with pytest.raises(StateFileError, match="nests deeper"):
        load_state(tmp_path)


def test_status_json_reports_it_with_its_code(tmp_path: Path) -> None:
    _write(tmp_path, 500)
    done = subprocess.run([sys.executable, "-m", "batuta", "status", str(tmp_path),
                           "--format", "json"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"]["code"] == "BATUTA-X-007"


def test_ordinary_nesting_still_loads(tmp_path: Path) -> None:
    _write(tmp_path, 10)
    assert load_state(tmp_path).phases[0].summary
