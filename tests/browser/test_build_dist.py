"""build.py: pure wheels only, deterministic archives, a complete and reproducible dist/."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from browser_support import build


@pytest.mark.parametrize("name", ["numpy-2.4.6-cp314-cp314-pyodide_2026_0_wasm32.whl",
                                  "x-1.0-cp311-abi3-manylinux_2_17_x86_64.whl",
                                  "y-1.0-py3-none-macosx_11_0_arm64.whl"])
def test_impure_wheels_fail_loudly(tmp_path: Path, name: str) -> None:
    with pytest.raises(build.BuildError, match="not a pure-Python wheel"):
        build.check_pure(tmp_path / name)


def test_pure_wheel_names_pass(tmp_path: Path) -> None:
    build.check_pure(tmp_path / "lizard-1.24.3-py2.py3-none-any.whl")
    build.check_pure(tmp_path / "rich-15.0.0-py3-none-any.whl")


def test_zip_tree_is_deterministic(tmp_path: Path) -> None:
    src = tmp_path / "proj"
    (src / "sub").mkdir(parents=True)
    (src / "b.py").write_text("b\n")
    (src / "sub" / "a.py").write_text("a\n")
    build.zip_tree(src, tmp_path / "1.zip")
    (src / "b.py").touch()  # a new mtime must not change the bytes
    build.zip_tree(src, tmp_path / "2.zip")
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    names = zipfile.ZipFile(tmp_path / "1.zip").namelist()
    assert names == ["proj/b.py", "proj/sub/a.py"]


def test_icons_are_valid_png(tmp_path: Path) -> None:
    build.write_icons(tmp_path)
    for size in (192, 512):
        data = (tmp_path / f"icon-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
        idat_len = struct.unpack(">I", data[33:37])[0]
        raw = zlib.decompress(data[41:41 + idat_len])
        assert len(raw) == size * (3 * size + 1)


def test_built_dist_is_complete(dist_dir: Path) -> None:
    manifest = json.loads((dist_dir / "manifest.json").read_text())
    assert manifest["pyodide"] == "314.0.7"
    for rel, digest in manifest["files"].items():
        assert build.sha256(dist_dir / rel) == digest, rel
    for wheel in manifest["wheels"]:
        build.check_pure(dist_dir / wheel)
        assert wheel in manifest["files"]
    for required in ("index.html", "batuta.js", "worker.js", "pyodide/pyodide.asm.wasm",
                     "manifest.webmanifest", "icons/icon-192.png"):
        assert required in manifest["files"], required
    assert manifest["build"] in (dist_dir / "sw.js").read_text()
    if manifest["snapshot"]:
        assert manifest["snapshot"] in manifest["files"]
        assert manifest["snapshot"].startswith("snapshot/")


def _inputs_digest() -> str:
    h = hashlib.sha256()
    for folder in ("pkg", "web", "static", "shaders"):
        for p in sorted((build.ROOT / folder).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(p.as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    # Without the snapshot (a memory image, see README) two builds are byte-identical. In a
    # working tree someone is editing, the inputs may change between the builds: retry then.
    for attempt in range(3):
        before = _inputs_digest()
        one = build.build(tmp_path / f"one{attempt}", snapshot=False)
        two = build.build(tmp_path / f"two{attempt}", snapshot=False)
        if _inputs_digest() == before:
            break
    assert one["files"] == two["files"]
    assert one["build"] == two["build"]
