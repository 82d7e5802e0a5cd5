"""A Python project as one Cargo crate (``convert.project``), type-checked for real.

The crate of a converted project must pass ``cargo check --offline`` against the stub crates
generated from the crate-API tables, and its CONVERSION.md must list every construct the
converter did not convert (each ``UnsupportedConstruct`` of each ``FileConversion``), by file and
line. Module layout: packages nest, names become Rust identifiers, collisions get a suffix.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta import api
from batuta.convert.project import ProjectConversion, convert_project, crate_zip, rust_identifier
from batuta.errors import BatutaError, SourceNotFoundError, UnsafeArchiveError
from rust_check import RustChecker

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "static" / "sample-project"
REAL = Path(__file__).parent / "corpus" / "real"

FIXTURE = {
    "train.py": b"import numpy as np\nfrom sklearn.linear_model import LinearRegression\n\n"
                b"def fit(x, y):\n    model = LinearRegression()\n    model.fit(x, y)\n"
                b"    return model.predict(x)\n\nx = np.zeros(3)\n",
    "__init__.py": b"",
    "pkg/__init__.py": b"import numpy as np\nSCALE = 2.0\n",
    "pkg/metrics.py": b"from sklearn.metrics import accuracy_score\n\n"
                      b"def acc(a, b):\n    return accuracy_score(a, b)\n",
    "pkg/sub/deep.py": b"import torch\nclass Net(torch.nn.Module):\n    pass\n",
    "a.py": b"print('module a')\n",
    "a/b.py": b"print('package a')\n",
    "type.py": b"x = 1\n",
    "main.py": b"def main():\n    pass\n",
    "lib.py": b"y = 2\n",
    "my-mod.py": b"z = 3\n",
    "my_mod.py": b"w = 4\n",
    "2fast.py": b"v = 5\n",
    "broken.py": b"def f(:\n",
    "notes.txt": b"not python",
}


def write(project: ProjectConversion, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    for rel, data in project.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return out


def listed(md: str) -> dict[str, list[tuple[int, int, str]]]:
    """CONVERSION.md's rows: file -> [(line, column, construct)]."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    current = ""
    for line in md.splitlines():
        head = re.fullmatch(r"### `(.+)`", line)
        if head:
            current = head.group(1)
        row = re.fullmatch(r"\| (\d+) \| (\d+) \| `(.*)` \| .* \|", line)
        if row and current:
            out.setdefault(current, []).append(
                (int(row.group(1)), int(row.group(2)), row.group(3)))
    return out


def assert_lists_every_unsupported(project: ProjectConversion) -> None:
    md = project.files["CONVERSION.md"].decode("utf-8")
    expected = {path: sorted((u.span.line, u.span.col, u.python.replace("`", "'"))
                             for u in conv.unsupported)
                for path, conv in project.conversions.items() if conv.unsupported}
    assert {k: sorted(v) for k, v in listed(md).items()} == expected
    for fail in project.failures:
        assert f"- `{fail.path}`: the whole file:" in md


def test_sample_project_is_a_crate_that_type_checks(rust_checker: RustChecker,
                                                   tmp_path: Path) -> None:
    project = convert_project(SAMPLE, "sentiment")
    assert set(project.modules) == {
        "src/sentiment/__init__.py", "src/sentiment/baseline.py", "src/sentiment/cli.py",
        "src/sentiment/features.py", "src/sentiment/net.py", "tests/test_features.py"}
    assert project.modules["src/sentiment/net.py"] == "crate::src::sentiment::net"
    assert project.unsupported, "the sample has constructs the converter leaves out"
    assert_lists_every_unsupported(project)
    assert rust_checker.check_crate(write(project, tmp_path / "crate")) == []


def test_multi_module_fixture_is_a_crate_that_type_checks(rust_checker: RustChecker,
                                                         tmp_path: Path) -> None:
    project = convert_project(FIXTURE, "fixture project")
    assert project.crate_name == "fixture_project"
    mods = project.modules
    assert mods["pkg/__init__.py"] == "crate::pkg"
    assert mods["pkg/sub/deep.py"] == "crate::pkg::sub::deep"
    assert mods["a/b.py"] == "crate::a::b" and mods["a.py"] == "crate::a_py"
    assert mods["type.py"] == "crate::type_" and mods["main.py"] == "crate::main_"
    assert mods["lib.py"] == "crate::lib_" and mods["2fast.py"] == "crate::m_2fast"
    assert {mods["my-mod.py"], mods["my_mod.py"]} == {"crate::my_mod", "crate::my_mod_2"}
    assert "broken.py" in mods and [f.path for f in project.failures] == ["broken.py"]
    assert "notes.txt" not in mods
    files = project.files
    assert "src/pkg/mod.rs" in files and "src/pkg/sub/mod.rs" in files
    assert "src/main.rs" not in files and "src/main_.rs" in files  # cargo's bin name avoided
    lib = files["src/lib.rs"].decode()
    assert "pub mod pkg;" in lib and "pub mod a_py;" in lib and "pub mod a;" in lib
    cargo = files["Cargo.toml"].decode()
    assert 'aprender = "0.29"' in cargo and 'trueno = "=0.10.1"' in cargo
    assert_lists_every_unsupported(project)
    assert rust_checker.check_crate(write(project, tmp_path / "crate")) == []


@pytest.mark.parametrize("part", ["user", "library"])
def test_real_code_is_a_crate_that_type_checks(rust_checker: RustChecker, tmp_path: Path,
                                               part: str) -> None:
    """The real-world corpus as two projects: 34 example scripts (scikit-learn, PyTorch
    Lightning) and 18 library modules (skorch, torchmetrics, scikit-learn)."""
    folder = REAL / part
    project = convert_project(folder, f"real_{part}")
    assert len(project.modules) == len(list(folder.rglob("*.py")))
    assert_lists_every_unsupported(project)
    assert rust_checker.check_crate(write(project, tmp_path / "crate")) == []


def test_the_zip_holds_the_crate_and_is_deterministic() -> None:
    project = convert_project(FIXTURE, "demo")
    data = crate_zip(project)
    assert data == crate_zip(convert_project(FIXTURE, "demo"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {n: archive.read(n) for n in archive.namelist()} == {
            f"demo/{k}": v for k, v in project.files.items()}
    assert api.convert_project({k: v.decode("utf-8", "replace") for k, v in FIXTURE.items()},
                               "demo") == data


@pytest.mark.parametrize(("source", "code"), [
    ({}, "BATUTA-X-001"),
    ({"notes.txt": b"x"}, "BATUTA-X-001"),
    ({"/abs/a.py": b"x = 1\n"}, "BATUTA-X-003"),
    ({"../up.py": b"x = 1\n"}, "BATUTA-X-003"),
    ("/nonexistent/project", "BATUTA-X-005"),
])
def test_bad_projects_fail_with_their_code(source: object, code: str) -> None:
    with pytest.raises(BatutaError) as info:
        convert_project(source, "x")  # type: ignore[arg-type]
    assert info.value.code == code
    assert isinstance(info.value, (SourceNotFoundError, UnsafeArchiveError)) or \
        code == "BATUTA-X-001"


@pytest.mark.parametrize("name", ["", "   ", "---"])
def test_bad_crate_names_fail(name: str) -> None:
    with pytest.raises(BatutaError) as info:
        convert_project({"a.py": b"x = 1\n"}, name)
    assert info.value.code == "BATUTA-X-001"


SEGMENT = st.text(alphabet="ab_-1.T", min_size=1, max_size=6).filter(
    lambda s: s not in (".", "..") and not s.startswith("."))


@settings(max_examples=60)
@given(st.lists(st.lists(SEGMENT, min_size=1, max_size=3), min_size=1, max_size=8))
def test_any_layout_gives_unique_rust_modules(paths: list[list[str]]) -> None:
    files = {"/".join([*p[:-1], p[-1] + ".py"]): b"x = 1\n" for p in paths}
    try:
        project = convert_project(files, "prop")
    except BatutaError:
        return
    assert set(project.modules) == set(files)
    assert len(set(project.modules.values())) == len(files)
    for rust in project.modules.values():
        for part in rust.split("::")[1:]:
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part) and part == rust_identifier(part)
    for rel in project.files:
        assert rel in ("Cargo.toml", "CONVERSION.md", "CONVERSION.json") or (
            rel.startswith("src/") and rel.endswith(".rs"))
