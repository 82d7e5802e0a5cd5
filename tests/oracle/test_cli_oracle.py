"""``batuta oracle`` end to end through ``batuta.cli.main`` (in-process, real argument parsing)."""

from __future__ import annotations

import json

import pytest

from batuta.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["oracle", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_query_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "train", "a", "random", "forest", "on", "1M", "rows")
    assert code == 0
    assert "Primary:       aprender (90%)" in out
    assert "aprender::tree::RandomForestClassifier" in out
    assert "batuta backend linear_regression 1000000" in out


def test_query_json_agrees_with_batuta_backend(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "multiply two matrices of 20000 rows", "--format", "json")
    answer = json.loads(out)
    assert code == 0
    compute = answer["compute"]
    assert main(["backend", compute["operation"], str(compute["data_size"] or 0),
                 "--format", "json"]) == 0
    backend = json.loads(capsys.readouterr().out)
    assert backend["backend"] == compute["backend"]
    # The cost model's answer is a yes/no beside the one backend, the same in both commands.
    assert compute["cost_offload"] is backend["cost"]["offload"]
    assert compute["cost_note"] == backend["cost_note"] and "cost_decision" not in compute


def test_data_size_flag_wins_and_no_gpu(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "train a classifier", "--data-size", "2M", "--no-gpu",
                    "--format", "json")
    answer = json.loads(out)
    assert answer["data_size"] == 2_000_000
    assert answer["compute"]["backend"] == "SIMD"


def test_recommend_honours_data_size(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--recommend", "--problem", "cluster customers", "--data-size",
                    "500K", "--format", "json")
    assert json.loads(out)["data_size"] == 500_000
    _, out, _ = run(capsys, "--recommend", "--format", "json")
    assert json.loads(out)["query"] == "general ML task"


def test_code_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "k-means clustering", "--format", "code")
    assert code == 0 and "KMeans::new(2)" in out and "#[cfg(test)]" in out
    code, out, err = run(capsys, "bash script migration", "--format", "code")
    assert code == 1 and out == "" and "no code example" in err
    for flag in (["--list"], ["--show", "trueno"], ["--capabilities", "trueno"]):
        assert run(capsys, *flag, "--format", "code")[0] == 1


def test_markdown_fences_rust(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "matrix multiply with trueno", "--format", "markdown")
    assert out.startswith("## Linear Algebra") and "```rust\nuse trueno::" in out


def test_list_show_capabilities_integrate(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--list", "--format", "json")
    names = json.loads(out)
    assert names[0] == "trueno" and len(names) == 31
    _, out, _ = run(capsys, "--show", "Aprender")
    assert out.startswith("aprender 0.21.0 (ML Algorithms)")
    _, out, _ = run(capsys, "--capabilities", "trueno")
    assert out.split() == ["vector_ops", "matrix_ops", "simd", "gpu", "lz4_compression"]
    code, out, _ = run(capsys, "--integrate", "aprender, realizar")
    assert code == 0 and "model_export" in out
    code, _, err = run(capsys, "--integrate", "trueno,bashrs")
    assert code == 1 and "no integration pattern" in err


def test_cookbook(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--cookbook")
    assert len(out.splitlines()) == 34
    _, out, _ = run(capsys, "--recipes-by-tag", "WASM", "--format", "json")
    assert [r["id"] for r in json.loads(out)][:3] == [
        "wasm-zero-js", "wasm-event-handling", "wasm-canvas-rendering"]
    _, out, _ = run(capsys, "--recipes-by-component", "trueno-viz")
    assert "viz-terminal" in out
    _, out, _ = run(capsys, "--search-recipes", "random forest")
    assert out.startswith("ml-random-forest")
    code, out, _ = run(capsys, "--recipe", "ml-random-forest", "--format", "code")
    assert code == 0 and "RandomForestClassifier::new(100)" in out
    assert run(capsys, "--recipe", "ML-RANDOM-FOREST")[0] == 1  # ids are case-sensitive
    assert run(capsys, "--recipe", "wasm-zero-js", "--format", "code")[0] == 1


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 2
    assert run(capsys, "--show", "nope")[0] == 2
    assert run(capsys, "--integrate", "trueno")[0] == 2
    assert run(capsys, "x", "--data-size", "lots")[0] == 2
    assert run(capsys, "x", "--format", "yaml")[0] == 2
    code, out, _ = run(capsys, "--show", "nope", "--format", "json")
    assert code == 2 and json.loads(out)["error"]["code"] == "BATUTA-X-001"
