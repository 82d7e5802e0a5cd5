"""``batuta.convert_project`` in real Chromium: a project becomes the zip of its Cargo crate,
built in the worker, with the same files as the native ``api.convert_project``."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from browser_support import run_js

from batuta import api

pytestmark = pytest.mark.browser

PROJECT = {
    "train.py": "import numpy as np\nfrom sklearn.linear_model import LinearRegression\n\n"
                "def fit(x, y):\n    model = LinearRegression()\n    model.fit(x, y)\n"
                "    return model.predict(x)\n",
    "pkg/__init__.py": "",
    "pkg/util.py": "import numpy as np\nv = np.zeros(3)\n",
    "broken.py": "def f(:\n",
}


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_convert_project_zip_matches_native(bpage: Any) -> None:
    out = run_js(bpage, """
        const bytes = await window.batuta.convert_project(arg, "demo");
        return { isBytes: bytes instanceof Uint8Array, data: Array.from(bytes) };
    """, PROJECT)
    assert "__error__" not in out, out
    assert out["isBytes"] is True
    got = unzip(bytes(out["data"]))
    assert got == unzip(api.convert_project(PROJECT, "demo"))
    assert {"demo/Cargo.toml", "demo/src/lib.rs", "demo/src/pkg/mod.rs",
            "demo/CONVERSION.md"} <= set(got)
    assert b"broken.py" in got["demo/CONVERSION.md"]


@pytest.mark.parametrize(("files", "code"), [
    ({}, "BATUTA-X-001"),
    ({"/abs.py": "x = 1\n"}, "BATUTA-X-003"),
])
def test_convert_project_bad_input_rejects_with_code(bpage: Any, files: dict[str, str],
                                                     code: str) -> None:
    out = run_js(bpage, "return await window.batuta.convert_project(arg);", files)
    assert out["__error__"]["code"] == code
