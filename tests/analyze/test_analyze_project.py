"""analyze_project on the shipped sample project, on uploads, and on hostile trees."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta._serialize import to_json
from batuta.analyze.project import analyze_project
from batuta.analyze.results import AnalyzeOptions, LanguageStats, ProjectAnalysis
from batuta.errors import BatutaError, InvalidArgumentError, SourceNotFoundError

SAMPLE = Path(__file__).resolve().parents[2] / "static" / "sample-project"


def _as_mapping(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def _comparable(result: ProjectAnalysis) -> ProjectAnalysis:
    return dataclasses.replace(result, root="", duration_s=0.0)


@pytest.fixture(scope="module")
def sample() -> ProjectAnalysis:
    return analyze_project(SAMPLE)


def test_sample_languages(sample: ProjectAnalysis) -> None:
    # Python, TOML, Markdown and Shell (its `#!` line is code) agree with cloc 1.96 exactly; C is
    # cloc's "C" + "C/C++ Header";
    # Rust differs from cloc by one line because its block comments nest (cloc does not nest).
    assert sample.languages == (
        LanguageStats("Python", 6, 123, 18, 43, 50.62),
        LanguageStats("C", 2, 35, 8, 9, 14.4),
        LanguageStats("TOML", 2, 26, 1, 4, 10.7),
        LanguageStats("Markdown", 2, 24, 1, 8, 9.88),
        LanguageStats("Rust", 1, 24, 5, 5, 9.88),
        LanguageStats("Shell", 1, 11, 2, 4, 4.53),
    )
    assert sample.primary_language == "Python"
    assert sum(s.percentage for s in sample.languages) == pytest.approx(100, abs=0.05)


def test_sample_dependencies_frameworks_transpilers(sample: ProjectAnalysis) -> None:
    assert [(d.file, d.manager) for d in sample.dependencies] == [
        ("pyproject.toml", "pep621"), ("requirements.txt", "pip"), ("rust/Cargo.toml", "cargo")]
    requirements = sample.dependencies[1]
    assert [(p.name, p.spec) for p in requirements.packages] == [
        ("numpy", "==1.26.4"), ("scikit-learn", "==1.5.2"), ("torch", "==2.4.1"),
        ("pandas", ">=2.2")]
    assert {u.framework for u in sample.ml_frameworks} == {"numpy", "sklearn", "pytorch"}
    assert {c.path for c in sample.call_sites} == {
        "src/sentiment/features.py", "src/sentiment/baseline.py", "src/sentiment/net.py",
        "tests/test_features.py"}
    tools = {t.language: t.tool for t in sample.transpilers}
    assert tools["Python"] == "Depyler" and tools["C"] == "Decy"
    assert tools["Shell"] == "Bashrs" and tools["Rust"] == "already Rust"


def test_sample_complexity_tdg_and_skips(sample: ProjectAnalysis) -> None:
    names = {(f.path, f.name) for f in sample.functions}
    assert ("src/sentiment/features.py", "bag_of_words") in names
    assert ("native/tokenize.c", "tokenize") in names
    assert ("rust/src/lib.rs", "vocabulary") in names
    assert sample.tdg is not None and sample.tdg.score is not None
    assert sample.tdg.grade is not None
    assert {f.path for f in sample.tdg.files} >= {"src/sentiment/net.py", "native/tokenize.c"}
    assert [(s.path, s.reason) for s in sample.skipped] == [(".gitignore",
                                                             "unrecognized language")]
    assert sample.total_files == 16
    assert len(sample.files) == 14  # + requirements.txt read as a manifest, .gitignore skipped


def test_directory_and_upload_give_identical_results(sample: ProjectAnalysis) -> None:
    upload = analyze_project(_as_mapping(SAMPLE))
    assert upload.root == "<upload>"
    assert _comparable(upload) == _comparable(sample)
    assert to_json(_comparable(upload)) == to_json(_comparable(sample))


def test_progress_reports_every_file() -> None:
    calls: list[tuple[int, int]] = []
    analyze_project(SAMPLE, AnalyzeOptions(progress=lambda d, t: calls.append((d, t))))
    total = calls[0][1]
    assert calls == [(i, total) for i in range(total + 1)]
    assert total == 16  # every file of the sample is listed (.gitignore too), none pruned


def test_options() -> None:
    lean = analyze_project(SAMPLE, {"tdg": False, "complexity": False, "frameworks": False,
                                    "dependencies": False})
    assert lean.tdg is None and lean.functions == () and lean.ml_frameworks == ()
    assert lean.dependencies == () and lean.call_sites == ()
    assert lean.languages[0].language == "Python"
    with pytest.raises(InvalidArgumentError):
        analyze_project(SAMPLE, {"no_such_option": True})
    with pytest.raises(InvalidArgumentError):
        analyze_project(SAMPLE, AnalyzeOptions(max_file_bytes=0))
    with pytest.raises(InvalidArgumentError):
        analyze_project(SAMPLE, "fast")  # type: ignore[arg-type]
    with pytest.raises(SourceNotFoundError):
        analyze_project(SAMPLE / "missing")


def test_hostile_files_are_listed(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("x = 1\n")
    (tmp_path / "empty.py").write_text("")
    (tmp_path / "data.bin.py").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.py").write_bytes(b"s = '\xe9'\n")
    (tmp_path / "gen.py").write_text("# Code generated by protoc. DO NOT EDIT.\nx = 1\n")
    (tmp_path / "bundle.js").write_text("var a=1;" * 2000)
    (tmp_path / "deep.py").write_text("x = " + "-" * 100_000 + "1\n# deep\n")
    with (tmp_path / "huge.py").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = analyze_project(tmp_path)
    reasons = {s.path: s.reason for s in result.skipped}
    assert reasons == {
        "empty.py": "empty file", "data.bin.py": "binary", "latin1.py": "invalid utf-8 at byte 5",
        "gen.py": "generated", "bundle.js": "minified",
        "huge.py": f"too large ({50 * 1024 * 1024} bytes > {8 * 1024 * 1024})",
    }
    assert {f.path: (f.code, f.comment) for f in result.files} == {"ok.py": (1, 0),
                                                                   "deep.py": (1, 1)}
    assert result.tdg is not None
    [deep] = result.tdg.not_measured
    assert deep.path == "deep.py" and "BATUTA-X-006" in deep.reason
    assert result.total_files == 8


def test_ten_megabyte_line(tmp_path: Path) -> None:
    (tmp_path / "wide.py").write_text("x = '" + "a" * (10 * 1024 * 1024) + "'\n")
    default = analyze_project(tmp_path)
    assert default.skipped[0].reason.startswith("too large")
    roomy = analyze_project(tmp_path, AnalyzeOptions(max_file_bytes=16 * 1024 * 1024))
    assert roomy.skipped[0].reason == (
        f"line too long ({10 * 1024 * 1024 + 6} characters > 1000000)")
    assert roomy.files == ()


def test_requirements_includes_are_followed() -> None:
    result = analyze_project({
        "requirements.txt": b"-r requirements-dev.txt\nnumpy>=1.26\n",
        "requirements-dev.txt": b"pytest==8.3.0\n",
    })
    top = next(d for d in result.dependencies if d.file == "requirements.txt")
    assert [p.name for p in top.packages] == ["numpy", "pytest"]
    assert top.includes == ("requirements-dev.txt",)


_NAMES = st.sampled_from(["a.py", "b.c", "c.h", "d.rs", "e.sh", "f.md", "g.json",
                          "requirements.txt", "pyproject.toml", ".gitignore", "Cargo.toml", "x",
                          "lcov.info"])
_PATHS = st.builds(lambda d, n: f"{d}/{n}" if d else n,
                   st.sampled_from(["", "src", "src/pkg", "node_modules", "..", "/abs", "a\\b"]),
                   _NAMES) | st.text(max_size=20)
_CONTENT = st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8",
                                                                                 "replace"))


@given(st.dictionaries(_PATHS, _CONTENT, max_size=6))
def test_arbitrary_uploads_raise_only_batuta_errors(files: dict[str, bytes]) -> None:
    try:
        result = analyze_project(files)
    except BatutaError:
        return
    json.loads(to_json(result))
    assert list(result.files) == sorted(result.files, key=lambda f: f.path)
