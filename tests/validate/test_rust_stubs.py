"""tools/rust_stubs.py: cfg evaluation, deterministic output, the anyhow stand-in compiles and
behaves like anyhow where converted code relies on it."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from rust_check import RustChecker, load_stub_tool

TOOL = load_stub_tool()
FEATURES = frozenset({"gpu", "server"})


def test_cfg_conditions() -> None:
    holds = TOOL.cfg_holds
    assert holds(None, FEATURES) and holds("", FEATURES)
    assert holds('feature = "gpu"', FEATURES) and not holds('feature = "cuda"', FEATURES)
    assert holds('all(feature = "gpu", not(target_arch = "wasm32"))', FEATURES)
    assert not holds('any(feature = "cuda", target_arch = "wasm32")', FEATURES)
    assert holds("unix", FEATURES) and not holds("windows", FEATURES) and not holds("test",
                                                                                     FEATURES)


ATOMS = st.sampled_from(['feature = "gpu"', 'feature = "cuda"', "unix", "test",
                         'target_arch = "x86_64"', 'target_os = "windows"'])
CFGS = st.recursive(ATOMS, lambda inner: st.one_of(
    inner.map(lambda c: f"not({c})"),
    st.lists(inner, min_size=1, max_size=3).map(lambda cs: f"all({', '.join(cs)})"),
    st.lists(inner, min_size=1, max_size=3).map(lambda cs: f"any({', '.join(cs)})")),
    max_leaves=8)


@given(CFGS)
def test_cfg_negation_and_nesting(cfg: str) -> None:
    value = TOOL.cfg_holds(cfg, FEATURES)
    assert TOOL.cfg_holds(f"not({cfg})", FEATURES) is (not value)
    assert TOOL.cfg_holds(f"all({cfg}, unix)", FEATURES) is value
    assert TOOL.cfg_holds(f"any({cfg}, test)", FEATURES) is value


def test_default_features_expand() -> None:
    table = {"features": {"default": ["server", "cli"], "cli": ["dep:clap", "server"],
                          "server": ["dep:axum"], "gpu": ["trueno/gpu"]}}
    assert TOOL.default_features(table) == {"default", "server", "cli"}


def test_generation_is_deterministic_and_versioned(tmp_path: Path) -> None:
    a = TOOL.write_stubs(tmp_path / "a")
    b = TOOL.write_stubs(tmp_path / "b")
    assert a == b == {"trueno": "0.10.1", "aprender": "0.29.3", "realizar": "0.8.6"}
    for name in a:
        lib_a = (tmp_path / "a" / name / "src" / "lib.rs").read_text(encoding="utf-8")
        assert lib_a == (tmp_path / "b" / name / "src" / "lib.rs").read_text(encoding="utf-8")
        manifest = (tmp_path / "a" / name / "Cargo.toml").read_text(encoding="utf-8")
        assert f'version = "{a[name]}+stub.' in manifest  # a changed stub is rebuilt


def test_anyhow_stand_in_without_debian_crates(rust_checker: RustChecker,
                                               tmp_path: Path) -> None:
    stubs = tmp_path / "stubs"
    shutil.copytree(rust_checker.stub_dir, stubs, symlinks=True)
    for entry in stubs.iterdir():
        if entry.is_symlink():  # Debian's crates out: the stand-in takes anyhow's place
            entry.unlink()
    assert TOOL.add_debian_crates(stubs, tmp_path / "no-registry") == ["anyhow-standin"]
    original = rust_checker.stub_dir
    rust_checker.stub_dir = stubs
    try:
        errors = rust_checker.check({
            "uses_anyhow": "use anyhow::Context;\n"
                           "pub fn f(v: &trueno::Vector<f32>) -> anyhow::Result<f32> {\n"
                           "    let s = v.sum()?;\n"
                           "    let _n: u32 = \"7\".parse::<u32>().context(\"a number\")?;\n"
                           "    anyhow::ensure!(s > 0.0, \"sum {}\", s);\n"
                           "    Ok(s)\n}\n",
            "string_error": "pub fn g() -> anyhow::Result<()> {\n"
                            "    let r: Result<(), String> = Ok(());\n    r?;\n    Ok(())\n}\n",
        })
    finally:
        rust_checker.stub_dir = original
    # As with the real anyhow: `?` works on std errors, not on a String error.
    assert [e.split(":", 1)[0] for e in errors] == ["string_error.rs"], errors
