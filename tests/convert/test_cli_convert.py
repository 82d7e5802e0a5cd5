"""``batuta convert FILE [--framework ...] [--data-size N] [--format text|json|rust]``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from convert_support import CORPUS, as_snippet_file, check_rust

from batuta.cli import main

KMEANS = CORPUS / "files" / "kmeans_pipeline.py"


def test_rust_format_is_the_module(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(KMEANS), "--format", "rust"]) == 0
    out = capsys.readouterr().out
    assert out == KMEANS.with_suffix(".rs").read_text(encoding="utf-8")


def test_text_format_summarizes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(KMEANS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("// kmeans_pipeline.py: 9 construct(s) mapped, 0 not converted")
    assert "sklearn.cluster.KMeans -> aprender::cluster::KMeans::new(k)" in out
    assert check_rust([out]) == []  # the summary is Rust comments: still a valid file


def test_single_framework_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "s.py"
    src.write_text("import numpy as np\nc = np.matmul(a, b)\n", encoding="utf-8")
    assert main(["convert", str(src), "--framework", "numpy", "--data-size", "20000",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rust_code"] == "let c: Matrix<f32> = a.matmul(&b)?;"
    assert data["backend_recommendation"] == "GPU" and data["data_size"] == 20000


def test_stdin_snippet(monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("KMeans(n_clusters=3)\n"))
    assert main(["convert", "-", "--framework", "sklearn", "--format", "rust"]) == 0
    out = capsys.readouterr().out
    assert out == "use aprender::cluster::KMeans;\n\nKMeans::new(3)\n"
    use_line = ("use aprender::cluster::KMeans;",)
    assert check_rust([as_snippet_file("KMeans::new(3)", use_line)]) == []


def test_errors_are_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(tmp_path / "missing.py")]) == 1
    assert "error[BATUTA-X-005]" in capsys.readouterr().err
    bad = tmp_path / "bad.py"
    bad.write_text("def f(:\n", encoding="utf-8")
    assert main(["convert", str(bad), "--format", "json"]) == 1
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["code"] == "BATUTA-T-002" and err["details"]["line"] == 1
    binary = tmp_path / "bin.py"
    binary.write_bytes(b"\xff\xfe\x00")
    assert main(["convert", str(binary)]) == 2
    assert main(["convert", str(KMEANS), "--framework", "jax"]) == 2
    assert main(["convert", str(KMEANS), "--data-size", "many"]) == 2
