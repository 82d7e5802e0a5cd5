"""The desktop stays native: its libraries are an extra, never in the browser bundle, and
importing ``batuta`` (or the core) does not load them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

from desktop_support import ROOT

DESKTOP_LIBS = ("panel", "bokeh", "rendercanvas", "glfw")


def test_desktop_libraries_are_a_pinned_extra_not_runtime_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = " ".join(project["dependencies"]).lower()
    extra = project["optional-dependencies"]["desktop"]
    for lib in DESKTOP_LIBS:
        assert lib not in runtime
        assert any(req.lower().startswith(f"{lib}==") for req in extra), lib
    dev = (ROOT / "dev").read_text()
    assert ".[native,desktop,test]" in dev and "xvfb" in dev and "xdotool" in dev


def test_browser_bundle_carries_none_of_them() -> None:
    sys.path.insert(0, str(ROOT))
    import build

    assert not [r for r in build.runtime_requirements()
                if r.split("==")[0].lower() in DESKTOP_LIBS]
    bundle = ROOT / "dist" / "site-packages.zip"
    assert bundle.is_file(), "build dist/ first (python build.py)"
    with zipfile.ZipFile(bundle) as z:
        tops = {name.split("/")[0].split("-")[0].lower() for name in z.namelist()}
    assert not tops & set(DESKTOP_LIBS), tops & set(DESKTOP_LIBS)
    wheels = {p.name.split("-")[0].lower() for p in (ROOT / "dist" / "wheels").glob("*.whl")}
    assert not wheels & set(DESKTOP_LIBS)


def test_importing_batuta_loads_no_desktop_library() -> None:
    code = ("import sys, batuta, batuta.app, batuta.render, batuta.desktop; "
            f"print([m for m in {DESKTOP_LIBS!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"
