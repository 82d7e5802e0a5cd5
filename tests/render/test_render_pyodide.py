"""The browser path end to end: ``chart_encoding`` runs in real Pyodide (no NumPy there), its
JSON equals the native encoding byte for byte, and ``web/render/webgpu.js`` draws it like
wgpu-py does.

Python comes from the working tree (``pkg/batuta``), the pure dependency wheels from
``dist/wheels`` (built by ``build.py`` when missing), Pyodide from ``node_modules``.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from batuta.render import Chart, chart_encoding
from batuta.render.encoding import Encoding

pytestmark = [pytest.mark.browser, pytest.mark.gpu]
ROOT = Path(__file__).resolve().parents[2]

CHART = """
from batuta.render import Chart
chart = (Chart(title="Pyodide ✓", x_label="x", y_label="y", width=360, height=240)
         .scatter([0.5, 1.5, 2.0, 3.2, float("nan")], [1.0, 2.5, 0.7, 3.1, 1.0], label="pts",
                  size=4)
         .line([0, 1, 2, 3], [0.2, 1.8, 1.1, 2.9], label="trend"))
"""


def _chart() -> Chart:
    scope: dict[str, Any] = {}
    exec(CHART, scope)
    chart: Chart = scope["chart"]
    return chart


@pytest.fixture(scope="module")
def wheels() -> list[str]:
    dist = ROOT / "dist" / "wheels"
    if not any(dist.glob("*.whl")):
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--no-snapshot"], check=True,
                       cwd=ROOT)
    return [f"/dist/wheels/{w.name}" for w in sorted(dist.glob("*.whl"))
            if not w.name.startswith("batuta-")]


def _package_files() -> list[str]:
    pkg = ROOT / "pkg"
    return sorted(str(p.relative_to(pkg)) for p in (pkg / "batuta").rglob("*")
                  if p.is_file() and p.suffix in (".py", ".json", ".bin", ".typed")
                  and "__pycache__" not in p.parts)


@pytest.fixture
def pyodide_page(page: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    server = request.getfixturevalue("server")
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(f"{server}/tests/render/pages/pyodide.html")
    page.wait_for_function("window.batutaReady === true", timeout=15000)
    yield page
    assert all(url.startswith(server) for url in requests), requests


def test_pyodide_encoding_renders_like_wgpu_py(
        pyodide_page: Any, wheels: list[str], gpu_engine: Any,
        assert_agree: Callable[[str, bytes, bytes, int, int], None]) -> None:
    code = CHART + """
import json, sys
from batuta.render import chart_encoding
assert "numpy" not in sys.modules
json.dumps(chart_encoding(chart))
"""
    result = pyodide_page.evaluate("([w, f, c]) => window.batutaPyodide(w, f, c)",
                                   [wheels, _package_files(), code])
    assert "error" not in result, result.get("error")
    native = chart_encoding(_chart())
    assert json.loads(result["json"]) == native  # pure-Python encoder: identical in Pyodide
    w, h = native["width"], native["height"]
    expected = gpu_engine.render(Encoding.from_json(native))
    assert_agree("pyodide-webgpu", base64.b64decode(result["pixels"]), expected, w, h)
