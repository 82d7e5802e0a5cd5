"""The report formats: text, JSON, a self-contained HTML file with inline PNG charts, and the
browser page's view; untrusted names are escaped; the report code is pure Python."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from batuta import api
from batuta._serialize import to_json
from batuta.analyze.project import analyze_project
from batuta.errors import BatutaError
from batuta.survey.sources import Source
from batuta.survey.store import SurveyStore
from batuta.survey.task import Outcome

NUMPY = b"import numpy as np\nimport torch\n\ndef f(a):\n    return np.dot(a, np.zeros(3))\n"
PANDAS = b"import pandas as pd\n\ndef g(p):\n    return pd.read_csv(p)\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("r") / "survey.db"
    store = SurveyStore(path)
    projects = {
        "/src/alpha": {"a.py": NUMPY, "b.py": NUMPY + PANDAS.replace(b"def g", b"def h")},
        "/src/<beta>": {"<x>.py": NUMPY, "run.sh": b"echo hi\n"},
    }
    for location, files in projects.items():
        outcome = Outcome(location, to_json(analyze_project(files)))
        store.record(Source(location, "folder", "f"), outcome)
    store.record(Source("/src/bomb.zip", "archive", "f"),
                 Outcome("/src/bomb.zip", None, "BATUTA-X-003", "zip bomb <b>"))
    store.close()
    return path


def test_json_totals_and_apis(db: Path) -> None:
    report = api.survey_report(db, "json")
    totals = report["totals"]
    assert (totals["sources"], totals["ok"], totals["failed"]) == (3, 2, 1)
    assert totals["functions"] == 4
    apis = {(a["framework"], a["symbol"]): a for a in report["apis"]}
    zeros = apis[("numpy", "numpy.zeros")]
    assert (zeros["call_sites"], zeros["files"], zeros["sources"], zeros["target"]) == (
        3, 3, 2, "trueno")
    assert apis[("pandas", "pandas.read_csv")]["target"] == "none yet"
    assert report["apis"][0]["symbol"] in ("numpy.dot", "numpy.zeros")  # most used first
    rows = {r["location"]: r for r in report["sources"]}
    assert rows["/src/bomb.zip"]["error_code"] == "BATUTA-X-003"
    assert rows["/src/alpha"]["frameworks"] == ["numpy", "pandas"]
    assert rows["/src/alpha"]["convertible_call_sites"] == 4


def test_html_is_one_self_contained_file(db: Path) -> None:
    html = api.survey_report(db, "html")
    assert "<script" not in html and "<link" not in html
    assert re.findall(r'src="([^"]+)"', html) == [s for s in re.findall(r'src="([^"]+)"', html)
                                                   if s.startswith("data:image/png;base64,")]
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 3
    assert all(base64.b64decode(i).startswith(b"\x89PNG\r\n\x1a\n") for i in images)
    assert "&lt;beta&gt;" in html and "<beta>" not in html
    assert "zip bomb &lt;b&gt;" in html


def test_html_charts_offer_a_2x_drawing_for_hidpi_screens(db: Path) -> None:
    """Each chart's ``srcset`` holds the renderer's 2x drawing: twice the pixels of the 1x one
    (the ``img``'s CSS size), with its title's ink twice as tall and not upscaled."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
    from chart_pixels import is_upscaled, rgba, title_ink

    html = api.survey_report(db, "html")
    imgs = re.findall(r'<img alt="[^"]*" width="(\d+)" height="(\d+)" src="data:image/png;'
                      r'base64,([^"]+)" srcset="data:image/png;base64,\3 1x, '
                      r'data:image/png;base64,([^"]+) 2x">', html)
    assert len(imgs) == 3
    for width, height, one_b64, two_b64 in imgs:
        one, two = rgba(base64.b64decode(one_b64)), rgba(base64.b64decode(two_b64))
        assert one.shape[:2] == (int(height), int(width))
        assert two.shape[:2] == (2 * int(height), 2 * int(width))
        t1, h1 = title_ink(one, 40)
        t2, h2 = title_ink(two, 80)
        assert abs(h2 - 2 * h1) <= 2 and abs(t2 - 2 * t1) <= 2, ((t1, h1), (t2, h2))
        assert not is_upscaled(two[: t2 + h2], t2)


def test_view_charts_fit_a_column_at_a_pixel_ratio(db: Path) -> None:
    view = api.survey_report(db, "view", 500, 2)
    charts = api.survey_report(db, "charts", 500, 2)
    assert [c["title"] for c in charts] == [c["title"] for c in view["charts"]]
    for chart in charts:
        assert (chart["width"], chart["height"]) == (500, 375)
        assert (chart["encoding"]["width"], chart["encoding"]["height"]) == (1000, 750)
    default = api.survey_report(db, "charts")[0]
    assert (default["width"], default["encoding"]["width"]) == (960, 960)
    assert api.survey_report(db, "charts", 100, 1)[0]["width"] == 240  # a phone's floor
    with pytest.raises(BatutaError) as caught:
        api.survey_report(db, "charts", "wide")  # type: ignore[arg-type]
    assert caught.value.code == "BATUTA-X-001"


def test_text_and_cli(db: Path, tmp_path: Path) -> None:
    text = api.survey_report(db, "text")
    assert text.startswith("Totals\n") and "convertible call sites" in text
    assert re.search(r"^bomb\.zip +BATUTA-X-003 +zip bomb <b>$", text, re.M)
    out = tmp_path / "report.txt"
    done = subprocess.run([sys.executable, "-m", "batuta", "survey-report", str(db), "-o",
                           str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text() == text
    done = subprocess.run([sys.executable, "-m", "batuta", "survey-report", str(db), "--format",
                           "json"], capture_output=True, text=True, timeout=120, check=False)
    assert json.loads(done.stdout)["totals"]["sources"] == 3
    bad = subprocess.run([sys.executable, "-m", "batuta", "survey-report",
                          str(tmp_path / "none.db")], capture_output=True, text=True,
                         timeout=60, check=False)
    assert bad.returncode == 1 and "error[BATUTA-X-041]" in bad.stderr


def test_view_has_tables_and_chart_encodings(db: Path) -> None:
    view = api.survey_report(db.read_bytes(), "view")
    assert [t["caption"] for t in view["tables"]][:4] == [
        "Totals", "Languages across all sources", "Sources", "Failed sources"]
    assert len(view["charts"]) == 3
    assert all(c["encoding"]["width"] == 960 and c["encoding"]["recording"]
               for c in view["charts"])
    with pytest.raises(Exception, match="format must be one of"):
        api.survey_report(db, "pdf")


def test_report_code_imports_neither_dask_nor_numpy(db: Path) -> None:
    code = ("import sys, json; from batuta import api; "
            f"v = api.survey_report(open({str(db)!r}, 'rb').read(), 'view'); "
            "print(json.dumps(sorted(m for m in ('dask', 'distributed', 'numpy', 'wgpu') "
            "if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert json.loads(done.stdout) == []
