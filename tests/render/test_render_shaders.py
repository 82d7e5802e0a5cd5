"""The WGSL preprocessor (include once, if/else/endif, undefined names are errors) and the
passes: every one preprocesses, and compiles in wgpu-py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.errors import RenderError
from batuta.render import shaders
from batuta.render._shader_dir import shader_dir

FILES = {"a.wgsl": "// a\nfn a() {}\n", "b.wgsl": '#include "a.wgsl"\nfn b() {}\n'}


def pre(src: str, defines: dict[str, int] | None = None) -> str:
    return shaders.preprocess(src, defines or {}, lambda rel: FILES[rel])


def test_include_once_and_nested() -> None:
    out = pre('#include "a.wgsl"\n#include "b.wgsl"\nfn main() {}\n')
    assert out.count("fn a()") == 1
    assert out.index("fn a()") < out.index("fn b()") < out.index("fn main()")


def test_if_else() -> None:
    src = "x\n#if F\ny\n#else\nz\n#endif\nw\n"
    assert pre(src, {"F": 1}) == "x\ny\nw\n"
    assert pre(src, {"F": 0}) == "x\nz\nw\n"


@pytest.mark.parametrize("src,match", [
    ("#if NOPE\n#endif\n", "NOPE is not defined"),
    ("#if F\n", "without #endif"),
    ("#endif\n", "without #if"),
    ("#else\n", "without #if"),
    ("#pragma x\n", "unknown directive"),
    ("#if\n#endif\n", "needs a name"),
])
def test_bad_directives(src: str, match: str) -> None:
    with pytest.raises(RenderError, match=match):
        pre(src, {"F": 1})


def test_include_cannot_leave_the_shader_folder(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="not found"):
        shaders._read(tmp_path, "../etc/passwd.wgsl")


@st.composite
def programs(draw: st.DrawFn, depth: int = 0) -> list[Any]:
    """A random tree of lines and #if NAME blocks; names drawn from A, B, C."""
    items: list[Any] = []
    for i in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            items.append(("if", draw(st.sampled_from("ABC")), draw(programs(depth + 1)),
                          draw(st.none() | programs(depth + 1))))
        else:
            items.append(f"line{depth}_{i}_{draw(st.integers(0, 99))}")
    return items


def _render(items: list[Any]) -> list[str]:
    out: list[str] = []
    for it in items:
        if isinstance(it, str):
            out.append(it)
        else:
            _, name, then, other = it
            out += [f"#if {name}", *_render(then)]
            if other is not None:
                out += ["#else", *_render(other)]
            out.append("#endif")
    return out


def _expected(items: list[Any], defines: dict[str, int]) -> list[str]:
    out: list[str] = []
    for it in items:
        if isinstance(it, str):
            out.append(it)
        else:
            _, name, then, other = it
            out += _expected(then if defines[name] else (other or []), defines)
    return out


@given(programs(), st.fixed_dictionaries({k: st.integers(0, 1) for k in "ABC"}))
def test_preprocessor_selects_like_a_reference_evaluator(items: list[Any],
                                                         defines: dict[str, int]) -> None:
    src = "".join(line + "\n" for line in _render(items))
    got = pre(src, defines).splitlines()
    assert got == _expected(items, defines)


@pytest.mark.parametrize("name", shaders.PASSES)
def test_every_pass_preprocesses_with_a_purpose_line(name: str) -> None:
    first = (shader_dir() / f"{name}.wgsl").read_text().splitlines()[0]
    assert first.startswith("// ") and len(first) > 20
    defines = (("OPAQUE", 0),) if name == "points_composite" else ()
    text = shaders.load(name, defines)
    assert "#include" not in text and "#if" not in text


def test_unknown_pass() -> None:
    with pytest.raises(RenderError, match="unknown shader pass"):
        shaders.load("nope")


def test_shader_dir_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shapes.wgsl").write_text("// x\n")
    monkeypatch.setenv("BATUTA_SHADER_DIR", str(tmp_path))
    assert shader_dir() == tmp_path
    monkeypatch.setenv("BATUTA_SHADER_DIR", str(tmp_path / "missing"))
    assert shader_dir() != tmp_path  # falls through to the repository's folder


@pytest.mark.gpu
@pytest.mark.parametrize("name,defines", [
    ("clear", ()), ("shapes", ()), ("points", ()), ("points_composite", (("OPAQUE", 0),)),
    ("points_composite", (("OPAQUE", 1),)), ("hist_bin", ()), ("present", ())])
def test_every_variant_compiles_in_wgpu(name: str, defines: tuple[tuple[str, int], ...],
                                        gpu_engine: Any) -> None:
    module = gpu_engine._device.create_shader_module(code=shaders.load(name, defines))
    info = module.get_compilation_info()
    assert not [m for m in info if getattr(m, "type", "") == "error"]
