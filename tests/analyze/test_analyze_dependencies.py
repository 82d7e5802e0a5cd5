"""Tests for batuta.analyze.dependencies: golden manifests, each format's rules, bad input.

Golden cases live in ``fixtures/manifests/<case>/`` next to an ``expected.json`` holding the
exact JSON of the parsed (and, for ``-r`` chains, resolved) ``DependencyFile``. Set
``BATUTA_REGEN_GOLDEN=1`` to rewrite them after a deliberate change, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet

from batuta._serialize import to_jsonable
from batuta.analyze.dependencies import is_manifest, parse_manifest, resolve_requirements
from batuta.analyze.results import DependencyFile, Package
from batuta.errors import BatutaError, InvalidArgumentError

FIXTURES = Path(__file__).parent / "fixtures" / "manifests"
REGEN = os.environ.get("BATUTA_REGEN_GOLDEN") == "1"

GOLDEN: dict[str, dict[str, list[str]]] = {
    "pip_compiled": {"parse": ["requirements.txt"]},
    "pip_mixed": {"parse": ["requirements-dev.txt"]},
    "pip_includes": {"parse": ["requirements/dev.txt"],
                     "resolve": ["requirements/dev.txt", "requirements/prod.txt"]},
    "pyproject_pep621": {"parse": ["pyproject.toml"]},
    "pyproject_poetry": {"parse": ["pyproject.toml"]},
    "setup_cfg": {"parse": ["setup.cfg"]},
    "pipfile": {"parse": ["Pipfile"]},
    "conda": {"parse": ["environment.yml"]},
    "cargo": {"parse": ["Cargo.toml"]},
    "npm": {"parse": ["package.json"]},
    "go": {"parse": ["go.mod"]},
}


def _read_in(case: Path) -> Any:
    def read(rel: str) -> str | None:
        target = (case / rel).resolve()
        if case.resolve() not in target.parents or not target.is_file():
            return None
        return target.read_text(encoding="utf-8")
    return read


def _actual(case: str) -> dict[str, dict[str, Any]]:
    root = FIXTURES / case
    out: dict[str, dict[str, Any]] = {}
    for mode, paths in GOLDEN[case].items():
        for rel in paths:
            if mode == "parse":
                result = parse_manifest(rel, (root / rel).read_text(encoding="utf-8"))
            else:
                result = resolve_requirements(rel, _read_in(root))
            out.setdefault(mode, {})[rel] = to_jsonable(result)
    return out


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_golden_manifest(case: str) -> None:
    expected_file = FIXTURES / case / "expected.json"
    actual = _actual(case)
    if REGEN:
        expected_file.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


# --- file names ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [
    "requirements.txt", "a/b/requirements-dev.txt", "dev-requirements.txt",
    "requirements_test.txt", "requirements/prod.txt", "x\\requirements\\base.txt",
    "pyproject.toml", "deep/er/setup.cfg", "Pipfile", "environment.yml", "env/environment.yaml",
    "crates/core/Cargo.toml", "web/package.json", "svc/go.mod", "Requirements.TXT",
])
def test_is_manifest_accepts(path: str) -> None:
    assert is_manifest(path)


@pytest.mark.parametrize("path", [
    "requirement.txt", "notes.txt", "Pipfile.lock", "package-lock.json",
    "setup.py", "Cargo.lock", "go.sum", "pyproject.toml.bak", "myrequirements.txt",
    "requirements/README.md", "environment.yml/inner.py",
])
def test_is_manifest_rejects(path: str) -> None:
    assert not is_manifest(path)


def test_parse_manifest_refuses_non_manifest_with_typed_error() -> None:
    with pytest.raises(InvalidArgumentError):
        parse_manifest("README.md", "hello")


# --- requirements rules ----------------------------------------------------------------------
def _one(text: str, path: str = "requirements.txt") -> Package:
    result = parse_manifest(path, text)
    assert result.error is None, result.error
    assert len(result.packages) == 1, result.packages
    return result.packages[0]


@pytest.mark.parametrize(("line", "name", "spec", "extras", "marker", "source"), [
    ("Foo_Bar.baz>=1.0", "foo-bar-baz", ">=1.0", (), "", ""),
    ("requests[Security , socks]==2.31.0", "requests", "==2.31.0", ("security", "socks"), "",
     ""),
    ('numpy<2,>=1.24 ; python_version >= "3.9"', "numpy", "<2,>=1.24", (),
     'python_version >= "3.9"', ""),
    ("pip @ https://example.com/pip-24.0.tar.gz#sha256=abc", "pip", "", (), "",
     "https://example.com/pip-24.0.tar.gz#sha256=abc"),
    ("git+https://github.com/a/b.git@v1#egg=My_Pkg", "my-pkg", "", (), "",
     "git+https://github.com/a/b.git@v1#egg=My_Pkg"),
    ("https://example.com/wheels/six-1.16.0-py2.py3-none-any.whl", "six", "", (), "",
     "https://example.com/wheels/six-1.16.0-py2.py3-none-any.whl"),
    ('https://example.com/x/Pkg-2.0.tar.gz ; sys_platform == "linux"', "pkg", "", (),
     'sys_platform == "linux"', "https://example.com/x/Pkg-2.0.tar.gz"),
    ("./libs/my_lib[fast]", "my-lib", "", ("fast",), "", "./libs/my_lib"),
    ("-e .", ".", "", (), "", "."),
    ("--editable=../sibling", "sibling", "", (), "", "../sibling"),
    ("django==4.2 --hash=sha256:aa --hash=sha256:bb", "django", "==4.2", (), "", ""),
    ("flask>=3 # trailing comment", "flask", ">=3", (), "", ""),
    ("poetry-core ~= 1.9 \\\n  ; python_version > '3.8'", "poetry-core", "~=1.9", (),
     'python_version > "3.8"', ""),
])
def test_requirement_line_forms(line: str, name: str, spec: str, extras: tuple[str, ...],
                                marker: str, source: str) -> None:
    pkg = _one(line + "\n")
    assert (pkg.name, pkg.spec, pkg.extras, pkg.marker, pkg.source) == (name, spec, extras,
                                                                         marker, source)


@pytest.mark.parametrize("text", [
    "--index-url https://x/simple\n", "-i https://x\n--extra-index-url=https://y\n",
    "--no-binary :all:\n--pre\n", "# only a comment\n\n   \n", "--require-hashes\n",
    "-f https://download.pytorch.org/whl/torch_stable.html\n",
])
def test_option_and_comment_lines_declare_nothing(text: str) -> None:
    result = parse_manifest("requirements.txt", text)
    assert result == DependencyFile("pip", "requirements.txt", ())


def test_url_fragment_hash_is_not_a_comment() -> None:
    pkg = _one("https://example.com/a-1.0.tar.gz#egg=a\n")
    assert pkg.source.endswith("#egg=a")


def test_includes_and_constraints_are_recorded_relative_to_the_file() -> None:
    result = parse_manifest("reqs/requirements.txt",
                            "-r base.txt\n-rshared/common.txt\n--requirement ../top.txt\n"
                            "-c pins.txt\n--constraint=https://example.com/c.txt\nx\n")
    assert result.includes == ("reqs/base.txt", "reqs/shared/common.txt", "top.txt")
    assert result.constraints == ("reqs/pins.txt", "https://example.com/c.txt")
    assert [p.name for p in result.packages] == ["x"]


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_kept() -> None:
    result = parse_manifest("sub/requirements.txt",
                            "good==1\nnot a requirement\n--bogus-option\n-r\nalso-good\n")
    assert [p.name for p in result.packages] == ["good", "also-good"]
    assert result.error is not None
    assert "sub/requirements.txt: line 2" in result.error
    assert "line 3: unknown option '--bogus-option'" in result.error
    assert "line 4: option -r needs a value" in result.error


def test_many_bad_lines_are_summarized() -> None:
    result = parse_manifest("requirements.txt", "bad line\n" * 12)
    assert result.error is not None and result.error.endswith("(and 7 more)")


def test_resolve_follows_includes_cuts_cycles_and_reports_missing() -> None:
    files = {"requirements.txt": "-r a.txt\nroot\n", "a.txt": "-r b.txt\na\n",
             "b.txt": "-r a.txt\n-r requirements.txt\nb\n-r gone.txt\n-r https://x/y.txt\n"}
    result = resolve_requirements("requirements.txt", files.get)
    assert [p.name for p in result.packages] == ["root", "a", "b"]
    assert result.includes == ("a.txt", "b.txt")
    assert result.error is not None
    assert "b.txt: included file gone.txt not found" in result.error
    assert "is a URL; Batuta does not download it" in result.error


def test_resolve_missing_top_file() -> None:
    result = resolve_requirements("requirements.txt", lambda p: None)
    assert result.packages == () and result.error == "requirements.txt: not found or unreadable"


def test_resolve_bounds_include_depth() -> None:
    files = {f"r{i}.txt": f"-r r{i + 1}.txt\np{i}\n" for i in range(60)}
    result = resolve_requirements("r0.txt", files.get)
    assert result.error is not None and "nest deeper than 32" in result.error
    assert len(result.packages) == 33


# --- other formats: targeted rules -----------------------------------------------------------
def test_pyproject_include_group_cycle_and_unknown_group_are_errors() -> None:
    text = ('[dependency-groups]\na = ["x", {include-group = "b"}]\n'
            'b = ["y", {include-group = "a"}]\nc = [{include-group = "nope"}, "z"]\n')
    result = parse_manifest("pyproject.toml", text)
    assert result.error is not None
    assert "include cycle" in result.error and "unknown group 'nope'" in result.error
    by_group = {(p.group, p.name) for p in result.packages}
    assert {("group:a", "x"), ("group:a", "y"), ("group:c", "z")} <= by_group


def test_poetry_python_entry_excluded_and_specs_kept_as_written() -> None:
    text = ('[tool.poetry.dependencies]\npython = "^3.10"\nPython-Dateutil = "^2.8"\n'
            'attrs = "~23.1"\nanything = "*"\n')
    result = parse_manifest("pyproject.toml", text)
    assert result.manager == "poetry"
    assert [(p.name, p.spec) for p in result.packages] == [
        ("python-dateutil", "^2.8"), ("attrs", "~23.1"), ("anything", "")]


def test_go_mod_unclosed_block_and_unknown_directive() -> None:
    result = parse_manifest("go.mod", "module m\nrequire (\n\ta/b v1.0.0\nfrobnicate x\n")
    assert result.error is not None
    assert "never closed" in result.error
    assert result.packages[0] == Package("a/b", "v1.0.0")


def test_go_mod_bad_require_line_names_line() -> None:
    result = parse_manifest("go.mod", "module m\n\nrequire onlyname\n")
    assert result.error is not None and "go.mod: line 3" in result.error


@pytest.mark.parametrize(("path", "text", "needle"), [
    ("pyproject.toml", "[project\nname = 1", "pyproject.toml: not valid TOML"),
    ("Cargo.toml", "[dependencies]\nserde = ", "Cargo.toml: not valid TOML"),
    ("Pipfile", "[packages]\nx = = 1", "Pipfile: not valid TOML"),
    ("package.json", '{"dependencies": {"a": "1"', "package.json: not valid JSON"),
    ("package.json", "[1, 2]", "top level is not an object"),
    ("environment.yml", "dependencies: [a, b\n", "environment.yml: not valid YAML"),
    ("environment.yml", "dependencies: !!python/object:os.system [x]\n", "not valid YAML"),
    ("environment.yml", "- just\n- a list\n", "top level is not a mapping"),
    ("setup.cfg", "no section header\n", "setup.cfg: not a valid setup.cfg"),
    ("pyproject.toml", "a = " + "[" * 5000 + "]" * 5000, "pyproject.toml:"),
    ("package.json", "[" * 100_000 + "]" * 100_000, "package.json:"),
])
def test_unparseable_manifest_returns_error_not_exception(path: str, text: str,
                                                          needle: str) -> None:
    result = parse_manifest(path, text)
    assert result.packages == ()
    assert result.error is not None and needle in result.error


def test_yaml_alias_bomb_is_not_expanded() -> None:
    # The apps' budgeted loader refuses the bomb as a whole (issue 16, attack 3), at once.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
              for i in range(1, 30)]
    lines.append("dependencies: [numpy, *a29, *a29]")
    result = parse_manifest("environment.yml", "\n".join(lines) + "\n")
    assert result.packages == ()
    assert result.error is not None and "alias" in result.error


def test_wrong_shapes_are_reported_per_entry() -> None:
    result = parse_manifest("pyproject.toml",
                            '[project]\ndependencies = ["ok", 3, "bad req !"]\n'
                            '[project.optional-dependencies]\nx = "not-a-list"\n')
    assert [p.name for p in result.packages] == ["ok"]
    assert result.error is not None
    for needle in ("not a string: int", "invalid requirement 'bad req !'",
                   "project.optional-dependencies.x: expected a list"):
        assert needle in result.error


# --- property tests --------------------------------------------------------------------------
MANIFEST_NAMES = ["requirements.txt", "pyproject.toml", "setup.cfg", "Pipfile",
                  "environment.yml", "Cargo.toml", "package.json", "go.mod"]
# Text biased toward each format's syntax, so the parsers get past their first check.
SYNTAX = st.sampled_from(["[", "]", "{", "}", "=", '"', "'", ",", ":", "-", "#", "\n", " ",
                          "\\", ";", "@", "(", ")", "*", "^", "~", ">=", "==", "!", "&", "\t",
                          "dependencies", "require", "[project]", "pip:", "-r ", "-e ",
                          "[packages]", "[options]", "install_requires =", "//", "\x00",
                          "git+https://", "#egg=", "\u00e9", "\ud7ff", "1.0", "v1.2.3"])
ANY_TEXT = st.one_of(st.text(max_size=300),
                     st.lists(st.one_of(SYNTAX, st.text(max_size=5)), max_size=60).map("".join))


@given(name=st.sampled_from(MANIFEST_NAMES), text=ANY_TEXT)
def test_arbitrary_text_never_raises_and_always_gives_a_dependency_file(name: str,
                                                                      text: str) -> None:
    try:
        result = parse_manifest(f"some/dir/{name}", text)
    except BatutaError as exc:  # allowed by the contract, but parse_manifest should not need it
        pytest.fail(f"parse_manifest raised {exc!r}; it should return an error field")
    assert isinstance(result, DependencyFile)
    assert result.file == f"some/dir/{name}"
    json.dumps(to_jsonable(result))  # always serializable
    assert result.error is None or result.error.strip()


@given(text=ANY_TEXT)
def test_arbitrary_includes_resolve_without_raising(text: str) -> None:
    files = {"requirements.txt": text, "base.txt": "-r requirements.txt\n" + text}
    result = resolve_requirements("requirements.txt", files.get)
    assert isinstance(result, DependencyFile)


ALNUM = string.ascii_letters + string.digits
# Built from small parts rather than st.from_regex: same language, a fraction of the cost.
NAME = st.builds(lambda a, mid, b: a + (mid + b if mid else ""), st.sampled_from(ALNUM),
                 st.text(ALNUM + "._-", max_size=10), st.sampled_from(ALNUM))
VERSION = st.lists(st.integers(0, 999), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts)))
SPEC = st.lists(st.tuples(st.sampled_from(["==", ">=", "<=", "<", ">", "!=", "~="]), VERSION),
                max_size=3).map(lambda ops: ",".join(op + v for op, v in ops
                                                     if op != "~=" or "." in v))
EXTRA = st.builds(lambda a, mid, b: a + mid + b, st.sampled_from(string.ascii_lowercase),
                  st.text(string.ascii_lowercase + string.digits + "_-", max_size=6),
                  st.sampled_from(string.ascii_lowercase + string.digits))
MARKER = st.sampled_from(["", 'python_version >= "3.9"', "sys_platform == 'win32'",
                          'os_name != "nt" and platform_machine == "x86_64"'])


@given(name=NAME, spec=SPEC, extras=st.lists(EXTRA, max_size=3, unique=True), marker=MARKER,
       space=st.sampled_from(["", " ", "  "]), comment=st.booleans())
def test_requirement_round_trip(name: str, spec: str, extras: list[str], marker: str,
                                space: str, comment: bool) -> None:
    line = name + (f"[{','.join(extras)}]" if extras else "") + space + spec
    if marker:
        line += f"{space}; {marker}"
    if comment:
        line += "  # pinned by ops"
    pkg = _one(line + "\n")
    assert pkg.name == _pep503(name)
    assert SpecifierSet(pkg.spec) == SpecifierSet(spec)
    assert set(pkg.extras) == {_pep503(e) for e in extras}
    assert bool(pkg.marker) == bool(marker)


def _pep503(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@given(deps=st.dictionaries(NAME, SPEC, max_size=8))
def test_pep621_round_trip(deps: dict[str, str]) -> None:
    items = ", ".join(json.dumps(n + s) for n, s in deps.items())
    result = parse_manifest("pyproject.toml", f"[project]\ndependencies = [{items}]\n")
    assert result.error is None
    assert [(p.name, SpecifierSet(p.spec)) for p in result.packages] == [
        (_pep503(n), SpecifierSet(s)) for n, s in deps.items()]


NPM_NAME = st.builds(lambda scope, name: f"@{scope}/{name}" if scope else name,
                    st.one_of(st.just(""), EXTRA), EXTRA)


@given(deps=st.dictionaries(NPM_NAME,
                            st.text(string.ascii_letters + string.digits + "^~<>=. |-",
                                    min_size=1, max_size=12), max_size=8))
def test_package_json_round_trip(deps: dict[str, str]) -> None:
    result = parse_manifest("package.json", json.dumps({"devDependencies": deps}))
    assert result.error is None
    names = [p.name for p in result.packages]
    assert names == list(deps)
    assert all(p.group == "dev" for p in result.packages)
    assert [p.spec for p in result.packages] == [
        "" if v.strip() in ("*", "") else v.strip() for v in deps.values()]


# Structured fuzzing: the right keys, arbitrary value shapes (the shapes real files get wrong).
LEAF = st.one_of(st.booleans(), st.integers(-5, 5), st.sampled_from(
    ["*", "^1.2", ">=1,<2", "1.0", "bad spec !", "x", "derive", "git+https://h/r.git", "",
     "== 'win32'", "python_version >= '3.8'", "../path", "v1.2.3"]))
JSONISH = st.recursive(LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["version", "extras", "features", "markers", "git", "path",
                                     "optional", "package", "workspace", "include-group",
                                     "python", "sys_platform", "tag", "dependencies", "x",
                                     "numpy", "pip"]), inner, max_size=4)), max_leaves=12)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


TOML_SHAPES = {
    "pyproject.toml": ["project", "dependency-groups", "tool.poetry", "tool.poetry.group.g",
                       "project.optional-dependencies", "build-system", "tool.pdm", "tool.uv"],
    "Pipfile": ["packages", "dev-packages", "docs"],
    "Cargo.toml": ["dependencies", "dev-dependencies", "target.\"cfg(unix)\"", "workspace",
                   "target"],
}


@given(name=st.sampled_from(sorted(TOML_SHAPES)), data=st.data())
def test_structured_toml_manifests_with_arbitrary_shapes(name: str, data: Any) -> None:
    section = data.draw(st.sampled_from(TOML_SHAPES[name]))
    body = data.draw(st.dictionaries(st.sampled_from(
        ["dependencies", "optional-dependencies", "requires", "dev-dependencies", "group",
         "extras", "a", "numpy", "serde", "g", "test"]), JSONISH, max_size=4))
    text = f"[{section}]\n" + "".join(f"{json.dumps(k)} = {_toml_value(v)}\n"
                                      for k, v in body.items())
    result = parse_manifest(name, text)
    assert isinstance(result, DependencyFile)
    json.dumps(to_jsonable(result))


@given(body=st.dictionaries(st.sampled_from(["dependencies", "devDependencies",
                                            "peerDependencies", "name"]), JSONISH, max_size=4))
def test_structured_package_json_with_arbitrary_shapes(body: dict[str, Any]) -> None:
    result = parse_manifest("package.json", json.dumps(body))
    assert isinstance(result, DependencyFile)


@given(deps=st.lists(JSONISH, max_size=6))
def test_structured_environment_yml_with_arbitrary_shapes(deps: list[Any]) -> None:
    result = parse_manifest("environment.yml", json.dumps({"dependencies": deps}))
    assert isinstance(result, DependencyFile)


@pytest.mark.parametrize(("path", "text"), [
    ("package.json", '\ufeff{"dependencies": {"a": "1"}}'),
    ("pyproject.toml", '\ufeff[project]\ndependencies = ["a==1"]\n'),
    ("requirements.txt", "\ufeffa==1\n"),
])
def test_byte_order_mark_is_ignored(path: str, text: str) -> None:
    result = parse_manifest(path, text)
    assert result.error is None and [p.name for p in result.packages] == ["a"]


def test_environment_edge_shapes() -> None:
    assert parse_manifest("environment.yml", "name: x\ndependencies:\n").packages == ()
    assert parse_manifest("environment.yml", "").error is None
    reused = parse_manifest("environment.yml", "x: &a numpy\ny: &a scipy\ndependencies: [*a, 3]\n")
    assert [p.name for p in reused.packages] == ["scipy"]
    assert reused.error is not None and "dependencies[1]: unexpected int entry" in reused.error


def test_conda_spec_forms() -> None:
    text = ("dependencies:\n  - conda-forge/label/dev::NumPy==1.26=py311_0\n"
            "  - r-base 4.3.2 hb8ee39d_1\n  - blas=*=openblas\n  - '>=1'\n")
    result = parse_manifest("environment.yml", text)
    assert [(p.name, p.spec) for p in result.packages] == [
        ("numpy", "==1.26"), ("r-base", "4.3.2"), ("blas", "=*")]
    assert result.error is not None and "not a conda package spec: '>=1'" in result.error


# --- the same parsers inside Pyodide (CPython 3.14 / wasm), as the browser runs them ----------
ROOT = Path(__file__).resolve().parents[2]
PYODIDE_RUN = """
import {{ loadPyodide }} from {pyodide_mjs};
const py = await loadPyodide({{ indexURL: {index_url} }});
for (const [src, dst] of {mounts}) {{
  py.FS.mkdirTree(dst); py.FS.mount(py.FS.filesystems.NODEFS, {{ root: src }}, dst);
}}
console.log(py.runPython({program}));
"""
PYODIDE_PROGRAM = """
import sys, json, pathlib
sys.path[:0] = ["/pkg"]; sys.path.append("/sp")
from batuta.analyze.dependencies import parse_manifest, resolve_requirements
from batuta._serialize import to_jsonable
out = {}
for case in sorted(p for p in pathlib.Path("/fx").iterdir() if p.is_dir()):
    for mode, files in json.loads((case / "expected.json").read_text()).items():
        for rel in files:
            got = (parse_manifest(rel, (case / rel).read_text()) if mode == "parse" else
                   resolve_requirements(rel, lambda r, c=case: (c / r).read_text()
                                        if (c / r).is_file() else None))
            out.setdefault(case.name, {}).setdefault(mode, {})[rel] = to_jsonable(got)
json.dumps({"version": sys.version_info[:2], "platform": sys.platform, "out": out})
"""


def test_golden_manifests_parse_identically_in_pyodide(tmp_path: Path) -> None:
    import shutil
    import subprocess

    import packaging
    import ruamel.yaml

    node = shutil.which("node")
    pyodide = ROOT / "node_modules" / "pyodide"
    assert node and (pyodide / "pyodide.mjs").is_file(), "needs node and `npm ci` (./dev test)"
    site = Path(packaging.__file__).parents[1]
    assert Path(ruamel.yaml.__file__).is_relative_to(site)
    mounts = [[str(ROOT / "pkg"), "/pkg"], [str(site), "/sp"], [str(FIXTURES), "/fx"]]
    script = tmp_path / "run.mjs"
    script.write_text(PYODIDE_RUN.format(
        pyodide_mjs=json.dumps(str(pyodide / "pyodide.mjs")),
        index_url=json.dumps(str(pyodide) + "/"), mounts=json.dumps(mounts),
        program=json.dumps(PYODIDE_PROGRAM)), encoding="utf-8")
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["platform"] == "emscripten" and result["version"] >= [3, 14]
    assert result["out"] == {case: json.loads((FIXTURES / case / "expected.json").read_text(
        encoding="utf-8")) for case in GOLDEN}


@pytest.mark.parametrize(("top", "text", "manager", "names"), [
    ("env/environment.yml", "dependencies:\n  - numpy\n  - pip:\n    - -r reqs.txt\n    - flask\n",
     "conda", ["numpy", "flask", "requests"]),
    ("setup.cfg", "[options]\ninstall_requires = file: env/reqs.txt\n", "setuptools",
     ["requests"]),
    ("env/requirements.txt", "-r reqs.txt\nx\n", "pip", ["x", "requests"]),
])
def test_resolve_follows_includes_of_any_manifest(top: str, text: str, manager: str,
                                                  names: list[str]) -> None:
    files = {top: text, "env/reqs.txt": "requests>=2\n"}
    result = resolve_requirements(top, files.get)
    assert result.error is None, result.error
    assert result.manager == manager
    assert [p.name for p in result.packages] == names
    assert result.includes == ("env/reqs.txt",)


# --- bounded cost on crafted input -----------------------------------------------------------
@pytest.mark.parametrize(("path", "text"), [
    # pip's comment regex and configparser's option regex are quadratic on these.
    ("requirements.txt", "a" + " " * 300_000 + "b\n"),
    ("setup.cfg", "[options]\ninstall_requires =\n    a" + " " * 300_000 + ">=1\n"),
    ("requirements.txt", "x[" + "e," * 200_000 + "f]\n"),
    ("environment.yml", "dependencies:\n  - 'x[" + "version='" * 50_000 + "]'\n"),
])
def test_crafted_long_lines_cost_linear_time(path: str, text: str) -> None:
    import time

    start = time.perf_counter()
    result = parse_manifest(path, text)
    # The quadratic versions take minutes here; linear ones well under a second.
    assert time.perf_counter() - start < 5.0
    assert isinstance(result, DependencyFile)


def test_overlong_requirement_is_refused_with_the_bound() -> None:
    result = parse_manifest("requirements.txt", "ok\n" + "a" * 20_000 + "\n")
    assert [p.name for p in result.packages] == ["ok"]
    assert result.error is not None
    assert "line 2: requirement is 20000 characters long, over the 10000 bound" in result.error


def test_docstring_examples_hold() -> None:
    import doctest

    from batuta.analyze import dependencies

    result = doctest.testmod(dependencies)
    assert result.attempted >= 1 and result.failed == 0
