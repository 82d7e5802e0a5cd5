"""``batuta analyze`` on real trees through the real analysis API, in-process and as a process."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

import batuta
from batuta._serialize import to_jsonable
from batuta.cli import main
from batuta.workflow import STATE_FILENAME, PhaseStatus, load_state, save_state

REPO = Path(__file__).resolve().parents[2]

APP_PY = '''"""A tiny app using NumPy and scikit-learn."""
import numpy as np
from sklearn.linear_model import LinearRegression


def fit(x, y):
    """Fit a line."""
    model = LinearRegression()
    if x is None or y is None:
        return None
    for _ in range(3):
        if len(x) > 10 and len(y) > 10:
            break
    return model.fit(np.array(x), np.array(y))
'''


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(APP_PY)
    (root / "run.sh").write_text("#!/bin/sh\n# run it\necho hi\n")
    (root / "requirements.txt").write_text("numpy>=1.26\nscikit-learn==1.5.0\n")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root


def _cli_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "pkg"), "NO_COLOR": "1", "COLUMNS": "120"}


def test_text_report_and_state(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Batuta analysis of {project}\n")
    for fragment in ("Languages", "Python", "Shell", "Depyler", "requirements.txt",
                     "scikit-learn", "ML frameworks", "Technical debt grade:",
                     "Most complex functions", "fit", "Skipped 1 files: 1 binary",
                     f"✓ Analysis recorded in {project / STATE_FILENAME}"):
        assert fragment in out, fragment
    state = load_state(project)
    analysis = state.phase("Analysis")
    assert analysis.status is PhaseStatus.COMPLETED and state.progress == 20
    assert analysis.summary["primary_language"] == "Python"
    assert analysis.summary["lines"] > 0 and analysis.summary["skipped"] == 1
    assert analysis.duration_s is not None and analysis.duration_s >= 0


def test_section_flags_choose_what_is_shown(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project), "--languages"]) == 0
    out = capsys.readouterr().out
    assert "Languages" in out and "Dependencies" not in out and "Technical debt" not in out
    assert main(["analyze", str(project), "--dependencies", "--tdg"]) == 0
    out = capsys.readouterr().out
    assert "Languages\n" not in out and "Dependencies" in out and "Technical debt" in out


def test_json_is_the_api_result(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # --no-state: the API run below must see exactly the same files as the CLI run.
    assert main(["analyze", str(project), "--format", "json", "--no-state"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = to_jsonable(batuta.analyze_project(project))
    for volatile in ("duration_s",):
        data.pop(volatile), expected.pop(volatile)
    assert data == expected
    assert main(["analyze", str(project), "--format=json", "--dependencies"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"root", "duration_s", "total_files", "skipped", "dependencies"}


def test_reanalysis_rerecords_analysis(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project)]) == 0
    first = load_state(project).phase("Analysis").started_at
    time.sleep(1.1)  # timestamps have second precision in the file
    assert main(["analyze", str(project)]) == 0
    state = load_state(project)
    assert state.phase("Analysis").status is PhaseStatus.COMPLETED and state.progress == 20
    assert first is not None and state.phase("Analysis").started_at > first


def test_state_file_is_not_counted_as_source(project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project), "--format", "json"]) == 0
    assert main(["analyze", str(project), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out.split("\n}\n")[1] + "\n}")
    assert [s["language"] for s in data["languages"]] == ["Python", "Shell"]


def test_later_phases_need_force(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project)]) == 0
    save_state(project, load_state(project).start("Transpilation"))
    before = (project / STATE_FILENAME).read_bytes()
    capsys.readouterr()
    assert main(["analyze", str(project)]) == 0
    out = capsys.readouterr().out
    assert "Later phases (Transpilation) depend on the recorded analysis" in out
    assert (project / STATE_FILENAME).read_bytes() == before
    assert main(["analyze", str(project), "--force"]) == 0
    assert "--force: recorded this analysis and reset Transpilation" in capsys.readouterr().out
    state = load_state(project)
    assert state.phase("Transpilation").status is PhaseStatus.NOT_STARTED
    assert state.phase("Analysis").status is PhaseStatus.COMPLETED


def test_note_goes_to_stderr_with_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project)]) == 0
    save_state(project, load_state(project).start("Transpilation"))
    capsys.readouterr()
    assert main(["analyze", str(project), "--format", "json"]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)
    assert captured.err.startswith("warning: Later phases (Transpilation)")


def test_corrupt_state_stops_before_analysis(project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (project / STATE_FILENAME).write_text("{torn")
    assert main(["analyze", str(project)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error[BATUTA-X-007]: ")
    assert str(project / STATE_FILENAME) in captured.err and "batuta reset --yes" in captured.err
    assert (project / STATE_FILENAME).read_text() == "{torn"
    assert main(["analyze", str(project), "--no-state", "--languages"]) == 0
    assert "Workflow state not recorded (--no-state)." in capsys.readouterr().out
    assert (project / STATE_FILENAME).read_text() == "{torn"


def test_no_state_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(project), "--no-state", "--format", "json"]) == 0
    assert not (project / STATE_FILENAME).exists()


def test_bad_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err.startswith("error[BATUTA-X-005]: ")
    (tmp_path / "f.py").write_text("x = 1\n")
    assert main(["analyze", str(tmp_path / "f.py"), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "BATUTA-X-001"


def test_interrupt_marks_analysis_failed(project: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(batuta.api, "analyze_project", interrupted)
    assert main(["analyze", str(project)]) == 130
    assert capsys.readouterr().err == "interrupted\n"
    record = load_state(project).phase("Analysis")
    assert record.status is PhaseStatus.FAILED and record.error == "interrupted"


def test_plot_writes_png(project: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chart.png"
    assert main(["analyze", str(project), "--plot", str(out), "--languages"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Chart written to {out}" in capsys.readouterr().out
    before = (project / STATE_FILENAME).read_bytes()
    for bad in (tmp_path / "no" / "c.png", tmp_path):
        assert main(["analyze", str(project), "--plot", str(bad)]) == 1
        assert capsys.readouterr().err.startswith("error[BATUTA-X-009]: cannot write")
    assert (project / STATE_FILENAME).read_bytes() == before  # refused before any work


def test_plot_without_renderer_says_why(project: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    # An installation without batuta.render (None in sys.modules makes the import fail).
    monkeypatch.setitem(sys.modules, "batuta.render", None)
    out = tmp_path / "chart.png"
    assert main(["analyze", str(project), "--plot", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error[BATUTA-X-030]: ") and "chart rendering is not available" in err
    assert not out.exists()


# --- as a real process ---------------------------------------------------------------------------
def test_subprocess_analyze(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "batuta", "analyze", str(project), "--format",
                           "json"], env=_cli_env(), capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["primary_language"] == "Python"
    assert "Analyzing" not in done.stdout + done.stderr  # no bar when stdout is a pipe
    text = subprocess.run([sys.executable, "-m", "batuta", "analyze", str(project)],
                          env=_cli_env(), capture_output=True, text=True, timeout=120,
                          check=False)
    assert text.returncode == 0 and "\x1b" not in text.stdout
    assert not [line for line in text.stdout.splitlines() if line != line.rstrip()]
    assert max(len(line) for line in text.stdout.splitlines()) <= 100 + len(str(project))
    status = subprocess.run([sys.executable, "-m", "batuta", "status", str(project)],
                            env=_cli_env(), capture_output=True, text=True, timeout=60,
                            check=False)
    assert status.returncode == 0 and "Overall: 20% complete" in status.stdout


def _run_in_pty(args: list[str]) -> tuple[int, str]:
    """Run the CLI with stdout on a pseudo-terminal, as a person at a terminal sees it."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "batuta", *args], stdout=follower,
                            stderr=subprocess.PIPE, env={**_cli_env(), "TERM": "xterm"})
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(leader)
    code = proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def large_project(tmp_path: Path) -> Path:
    root = tmp_path / "large"
    for i in range(260):
        sub = root / f"pkg{i // 50}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"m{i}.py").write_text(f"def f{i}(x):\n    return x + {i}\n")
    return root


def test_progress_bar_on_a_terminal_only_for_text(large_project: Path) -> None:
    code, screen = _run_in_pty(["analyze", str(large_project), "--languages"])
    assert code == 0
    counts = [(int(a), int(b)) for a, b in re.findall(r"(\d+)/(\d+) files", screen)]
    assert "Analyzing" in screen and counts, screen[:500]
    done, total = counts[-1]
    assert done == total >= 260  # the bar reaches the end before it is erased
    assert "Batuta analysis of" in screen
    code, screen = _run_in_pty(["analyze", str(large_project), "--format", "json"])
    assert code == 0 and "Analyzing" not in screen
    assert json.loads(screen.replace("\r\n", "\n"))["total_files"] >= 260


def test_closed_pipe_is_quiet(large_project: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "batuta", "analyze", str(large_project),
                             "--format", "json", "--no-state"], env=_cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before a byte is written, like `| true`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 1
    assert err == ""


def test_no_progress_bar_for_small_trees(project: Path) -> None:
    code, screen = _run_in_pty(["analyze", str(project), "--languages"])
    assert code == 0 and "Analyzing" not in screen and "Languages" in screen


def test_shipped_sample_project(capsys: pytest.CaptureFixture[str]) -> None:
    sample = REPO / "static" / "sample-project"
    assert main(["analyze", str(sample), "--no-state"]) == 0
    out = capsys.readouterr().out
    for fragment in ("primary language Python", "Depyler", "Decy", "Bashrs", "already Rust",
                     "trueno", "aprender", "realizar", "Technical debt grade: "):
        assert fragment in out, fragment
    assert not (sample / STATE_FILENAME).exists()
