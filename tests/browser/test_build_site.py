"""tools/build_site.py and tools/bytecode.py: the browser's one zip of packages, with bytecode."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest
from tools import build_site
from tools.bytecode import add_bytecode, pyc_bytes


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def test_browser_wheels_leave_out_the_command_line_packages() -> None:
    names = ["batuta-0.1.0-py3-none-any.whl", "rich-15.0.0-py3-none-any.whl",
             "markdown_it_py-4.3.0-py3-none-any.whl", "mdurl-0.1.2-py3-none-any.whl",
             "pygments-2.21.0-py3-none-any.whl", "ruamel_yaml-0.19.1-py3-none-any.whl"]
    kept = build_site.browser_wheels([Path(n) for n in names])
    assert [p.name.split("-")[0] for p in kept] == ["batuta", "pygments", "ruamel_yaml"]


def test_merge_is_sorted_and_repeatable(tmp_path: Path) -> None:
    a = _zip(tmp_path / "a-1-py3-none-any.whl", {"a/z.py": "z = 1\n", "a/__init__.py": ""})
    b = _zip(tmp_path / "b-1-py3-none-any.whl", {"b/__init__.py": "", "b-1.dist-info/M": "x"})
    build_site.merge_wheels([b, a], tmp_path / "1.zip")
    build_site.merge_wheels([a, b], tmp_path / "2.zip")
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    assert zipfile.ZipFile(tmp_path / "1.zip").namelist() == [
        "a/__init__.py", "a/z.py", "b-1.dist-info/M", "b/__init__.py"]


def test_merge_refuses_two_wheels_shipping_one_path(tmp_path: Path) -> None:
    a = _zip(tmp_path / "a-1-py3-none-any.whl", {"shared/__init__.py": "A = 1\n"})
    b = _zip(tmp_path / "b-1-py3-none-any.whl", {"shared/__init__.py": "B = 1\n"})
    with pytest.raises(build_site.SiteBuildError, match=r"shared/__init__\.py"):
        build_site.merge_wheels([a, b], tmp_path / "out.zip")


def test_bytecode_is_what_zipimport_loads(tmp_path: Path) -> None:
    # Compiled natively here (the build compiles inside Pyodide): the pyc is the one imported,
    # without looking at the source again. The source is swapped after compiling to prove it.
    src = _zip(tmp_path / "src.zip", {"pkg/__init__.py": "", "pkg/mod.py": "ANSWER = 'pyc'\n"})
    mount = str(tmp_path / "site.zip")
    data = add_bytecode(src.read_bytes(), mount)
    with zipfile.ZipFile(tmp_path / "site.zip", "w") as out, \
            zipfile.ZipFile(io.BytesIO(data)) as compiled:
        for info in compiled.infolist():
            body = compiled.read(info)
            out.writestr(info, b"ANSWER = 'source'\n" if info.filename == "pkg/mod.py" else body)
    probe = (f"import sys; sys.path.insert(0, {mount!r}); import pkg.mod, json; "
             "print(json.dumps([pkg.mod.ANSWER, pkg.mod.__file__]))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    answer, file = json.loads(done.stdout)
    assert answer == "pyc"
    assert file == f"{mount}/pkg/mod.pyc"


def test_pyc_header_is_an_unchecked_hash_pyc() -> None:
    pyc = pyc_bytes(b"x = 1\n", "/lib/x.zip/x.py")
    assert pyc is not None
    assert pyc[:4] == MAGIC_NUMBER
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, source not checked


def test_source_that_does_not_compile_keeps_its_source_only(tmp_path: Path) -> None:
    src = _zip(tmp_path / "src.zip", {"old.py": "print 'python 2'\n", "new.py": "x = 1\n"})
    names = zipfile.ZipFile(io.BytesIO(
        add_bytecode(src.read_bytes(), "/lib/s.zip"))).namelist()
    assert sorted(names) == ["new.py", "new.pyc", "old.py"]


def test_only_the_named_sources_get_bytecode(tmp_path: Path) -> None:
    src = _zip(tmp_path / "src.zip", {"a.py": "A = 1\n", "b/c.py": "C = 2\n", "d.py": ""})
    names = zipfile.ZipFile(io.BytesIO(
        add_bytecode(src.read_bytes(), "/lib/s.zip", {"b/c.py", "missing.py"}))).namelist()
    assert sorted(names) == ["a.py", "b/c.py", "b/c.pyc", "d.py"]


def test_built_zips_carry_bytecode_for_what_a_session_imports(dist_dir: Path) -> None:
    manifest = json.loads((dist_dir / "manifest.json").read_text())
    site = manifest["site"]
    assert site["bytecode"] and site["bytecode"].startswith("3.14.")
    assert site["path"] in manifest["files"]
    compiled: dict[str, set[str]] = {}
    for rel in (site["path"], "pyodide/python_stdlib.zip"):
        names = set(zipfile.ZipFile(dist_dir / rel).namelist())
        sources = {n for n in names if n.endswith(".py")}
        compiled[rel] = {n[:-1] for n in names if n.endswith(".pyc")}
        assert compiled[rel] <= sources
        # Only what a session imports: most of the stdlib and of Pygments' lexers never is.
        assert 50 < len(compiled[rel]) < 0.5 * len(sources), rel
    stdlib = compiled["pyodide/python_stdlib.zip"]
    assert {"json/decoder.py", "ast.py", "tokenize.py", "zipfile/__init__.py",
            "tarfile.py"} <= stdlib
    assert "email/mime/text.py" not in stdlib and "tkinter/__init__.py" not in stdlib
    assert {"batuta/bridge.py", "batuta/analyze/code.py", "batuta/convert/numpy.py",
            "lizard_languages/clike.py", "pygments/lexers/_mapping.py"} <= compiled[site["path"]]
    assert "pygments/lexers/python.py" not in compiled[site["path"]]
    site_names = zipfile.ZipFile(dist_dir / site["path"]).namelist()
    assert "batuta/bridge.pyc" in site_names
    assert not any(n.startswith(("rich/", "markdown_it/", "mdurl/")) for n in site_names)
