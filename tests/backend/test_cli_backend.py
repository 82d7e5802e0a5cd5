"""``batuta backend OPERATION SIZE [--explain] [--gpu|--no-gpu] [--format json]``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from batuta.cli import main


def test_plain_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backend", "matrix_multiply", "10001"]) == 0
    assert capsys.readouterr().out == "GPU\n"
    assert main(["backend", "matrix_multiply", "10001", "--no-gpu"]) == 0
    assert capsys.readouterr().out == "SIMD\n"


def test_explain_shows_rule_and_cost(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backend", "matrix_multiply", "2048", "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SIMD\n")
    assert "GPU when n > 10,000" in out and "ratio 0.5461" in out and "1.718e+10" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backend", "reduction", "1_000_001", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["backend"] == "SIMD" and data["complexity"] == "Low"
    assert data["cost"]["operation"] == "reduction"


@pytest.mark.parametrize("argv", [["backend", "mat_mul", "10"], ["backend", "kmeans", "ten"],
                                  ["backend", "kmeans", "-5"], ["backend", "kmeans"]])
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error[BATUTA-X-001]") and "Traceback" not in err


def test_real_process_exit_codes() -> None:
    ok = subprocess.run([sys.executable, "-m", "batuta", "backend", "kmeans", "100001"],
                        capture_output=True, text=True, timeout=60, check=False)
    assert (ok.returncode, ok.stdout) == (0, "GPU\n")
    bad = subprocess.run([sys.executable, "-m", "batuta", "backend", "nope", "1"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
