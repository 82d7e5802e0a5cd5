"""``batuta report``: the migration report in HTML, Markdown, JSON and text (native side)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from batuta.api import analyze_project, report
from batuta.cli import main
from batuta.errors import BatutaError
from batuta.report.markdown import SECTIONS
from batuta.workflow.state import load_state

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "static" / "sample-project"


def test_markdown_has_every_section(sample_analysis: dict[str, object]) -> None:
    text = report(sample_analysis, "markdown")
    assert text.startswith("# Migration report: sample-project")
    for title in SECTIONS:
        assert f"\n## {title}\n" in text, title
    assert "| sklearn | sklearn.cluster.KMeans | 1 | yes |" in text
    assert "```rust" in text  # the Oracle's example for the project


def test_json_has_every_part(sample_analysis: dict[str, object]) -> None:
    data = json.loads(report(sample_analysis, "json"))
    assert set(data) == {"title", "summary", "languages", "dependencies", "frameworks",
                         "call_sites", "tdg", "complex_functions", "workflow",
                         "workflow_progress", "coverage", "transpilers", "oracle", "charts"}
    assert data["summary"]["primary_language"] == "Python"
    assert data["summary"]["ml_call_sites"] == sum(c["call_sites"] for c in data["coverage"])
    assert data["charts"] == ["languages", "complexity", "tdg", "frameworks"]
    assert data["oracle"]["project"]["frameworks"]
    cyclo = [f["cyclomatic"] for f in data["complex_functions"]]
    assert cyclo == sorted(cyclo, reverse=True)


def test_the_dataclass_and_its_json_give_the_same_report(
        sample_analysis: dict[str, object]) -> None:
    assert report(analyze_project(SAMPLE), "html") == report(sample_analysis, "html")


def test_bad_input_is_a_batuta_error(sample_analysis: dict[str, object]) -> None:
    with pytest.raises(BatutaError):
        report(sample_analysis, "pdf")
    with pytest.raises(BatutaError):
        report("not an analysis", "html")  # type: ignore[arg-type]
    with pytest.raises(BatutaError):
        report({"languages": 3}, "markdown")


def test_cli_writes_the_workflow_board(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "proj"
    shutil.copytree(SAMPLE, project)
    assert main(["analyze", str(project)]) == 0
    capsys.readouterr()
    out = tmp_path / "report.md"
    assert main(["report", str(project), "--format", "markdown", "-o", str(out)]) == 0
    text = out.read_text()
    assert "| Analysis | Completed |" in text and "Progress: 20%" in text
    assert load_state(project).phase("Analysis").status.value == "Completed"  # not rewritten
    assert main(["report", str(project), "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("Migration report: proj")
    assert main(["report", str(tmp_path / "missing")]) != 0


def test_sdist_report(sdist_dir: Path) -> None:
    data = json.loads(report(analyze_project(sdist_dir), "json"))
    assert data["summary"]["primary_language"] == "Python"
    assert data["summary"]["files"] > 5 and data["complex_functions"]
