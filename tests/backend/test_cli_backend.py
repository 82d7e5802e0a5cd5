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
    assert "GPU when n > 10,000" in out and "ratio 0.5461" in out
    # Formatted figures: a unit prefix and the exact count, times in ms; one backend named.
    assert "17.2 GFLOP (17,179,869,184)" in out and "50.3 MB (50,331,648)" in out
    assert "transfer 1.57 ms" in out and "GPU compute 0.859 ms" in out
    assert "GPU offload does not pay off" in out and "so SIMD on the CPU" in out
    assert "-> SIMD" not in out.split("cost model:")[1]  # the cost model names no backend


def test_explain_says_where_table_and_cost_model_part(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    # n = 10,001: the table routes a matmul to the GPU; the 5x rule pays off only above 18,750.
    assert main(["backend", "matrix_multiply", "10001", "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("GPU\n") and "measure before offloading" in out
    assert main(["backend", "kmeans", "100", "--explain", "--no-gpu"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Scalar\n") and "No GPU in the hardware profile" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backend", "reduction", "1_000_001", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["backend"] == "SIMD" and data["complexity"] == "Low"
    assert data["cost"]["operation"] == "reduction"
    assert data["cost"]["offload"] is False and "decision" not in data["cost"]
    assert data["cost"]["verdict"] == "GPU offload does not pay off"
    assert data["cost_note"].endswith("so SIMD on the CPU.")


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
