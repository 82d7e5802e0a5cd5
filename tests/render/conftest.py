"""Render test fixtures: engines, image comparison with a stated tolerance, golden charts.

Tolerance (stated once, used everywhere): two renderings agree when at least 99.9 % of pixels
differ by at most 3/255 in every channel. Set ``BATUTA_REGEN_GOLDEN=1`` to rewrite the golden
PNGs (reference adapter: lavapipe through wgpu-py).
"""

from __future__ import annotations

import functools
import http.server
import io
import math
import os
import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from batuta.render import Chart

TOLERANCE = 3
MIN_FRACTION = 0.999
GOLDEN = Path(__file__).parent / "golden"
DIFFS = Path(__file__).resolve().parents[2] / "test-results" / "render"


@pytest.fixture(autouse=True)
def _strict_numpy() -> Iterator[None]:
    """Render tests run with NumPy raising on any floating-point error (STYLE.md 22)."""
    with np.errstate(all="raise"):
        yield


@pytest.fixture(scope="session")
def gpu_engine() -> Iterator[Any]:
    from batuta.render.gpu import GpuEngine

    engine = GpuEngine()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def cpu_engine() -> Any:
    from batuta.render.cpu import CpuEngine

    return CpuEngine()


def compare(a: bytes, b: bytes, width: int, height: int) -> tuple[float, int]:
    """(fraction of pixels within tolerance, largest channel difference)."""
    assert len(a) == len(b) == width * height * 4
    da = np.frombuffer(a, np.uint8).astype(np.int16).reshape(-1, 4)
    db = np.frombuffer(b, np.uint8).astype(np.int16).reshape(-1, 4)
    diff = np.abs(da - db).max(axis=1)
    return float((diff <= TOLERANCE).mean()), int(diff.max())


def write_diff(name: str, a: bytes, b: bytes, width: int, height: int) -> Path:
    """A PNG highlighting differing pixels in red, for a failing comparison."""
    from PIL import Image

    da = np.frombuffer(a, np.uint8).reshape(height, width, 4)
    db = np.frombuffer(b, np.uint8).reshape(height, width, 4)
    bad = np.abs(da.astype(np.int16) - db).max(axis=2) > TOLERANCE
    out = da.copy()
    out[bad] = (255, 0, 0, 255)
    DIFFS.mkdir(parents=True, exist_ok=True)
    path = DIFFS / f"{name}-diff.png"
    Image.fromarray(out, "RGBA").save(path)
    return path


@pytest.fixture
def compare_images() -> Callable[[bytes, bytes, int, int], tuple[float, int]]:
    return compare


@pytest.fixture
def assert_agree() -> Callable[[str, bytes, bytes, int, int], None]:
    def check(name: str, a: bytes, b: bytes, width: int, height: int) -> None:
        frac, worst = compare(a, b, width, height)
        if frac < MIN_FRACTION:
            path = write_diff(name, a, b, width, height)
            pytest.fail(f"{name}: only {frac:.4%} of pixels within {TOLERANCE}/255 "
                        f"(worst {worst}); diff image {path}")
    return check


@pytest.fixture
def decode_png() -> Callable[[bytes], tuple[bytes, int, int]]:
    return _decode_png


def _decode_png(data: bytes) -> tuple[bytes, int, int]:
    from PIL import Image

    img = Image.open(io.BytesIO(data)).convert("RGBA")
    return img.tobytes(), img.width, img.height


@pytest.fixture(scope="session")
def golden_charts() -> dict[str, Chart]:
    """One deterministic chart per type (pure-Python random: no NumPy version drift)."""
    rnd = random.Random(7)
    xs = [i / 10 for i in range(120)]
    gauss = [rnd.gauss(0, 1) for _ in range(4000)]
    return {
        "line": Chart(title="Line", x_label="t (s)", y_label="signal", width=480, height=300)
        .line(xs, [math.sin(x) for x in xs], label="sin")
        .line(xs, [0.5 * math.cos(x) for x in xs], label="cos/2", width=1.5),
        "scatter": Chart(title="Scatter", x_label="x", y_label="y", width=480, height=300)
        .scatter(gauss[:2000], gauss[2000:], label="normal")
        .scatter([rnd.uniform(-2, 2) for _ in range(300)],
                 [rnd.uniform(-2, 2) for _ in range(300)], label="uniform", marker="square",
                 size=2),
        "bar": Chart(title="Bar", y_label="files", width=480, height=300)
        .bar(["Python", "C", "C++", "Shell"], [42, 17, 9, 3], label="2025")
        .bar(["Python", "C", "C++", "Shell"], [30, 20, 12, 5], label="2024"),
        "histogram": Chart(title="Histogram (Freedman–Diaconis)", x_label="value",
                           y_label="count", width=480, height=300)
        .histogram(gauss, bins="fd"),
        "heatmap": Chart(title="Heatmap", width=480, height=300, theme="dark")
        .heatmap([[math.sin(r / 2) * math.cos(c / 3) for c in range(10)] for r in range(6)],
                 x_labels=[f"c{c}" for c in range(10)], y_labels=[f"r{r}" for r in range(6)]),
    }


@pytest.fixture
def regen_golden() -> bool:
    return os.environ.get("BATUTA_REGEN_GOLDEN") == "1"


ROOT = Path(__file__).resolve().parents[2]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(ROOT))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
