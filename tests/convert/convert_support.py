"""Shared helpers for the converter tests: batch-checking emitted Rust with ``rustfmt``, and
compiling and running std-only Rust with ``rustc``.

Every Rust snippet and module the converters produce must parse. ``rustfmt`` parses without
compiling (the stack crates need not exist); a missing ``rustfmt`` is a visible skip with the
reason, never a pass. The std parts of the mappings are compiled with real ``rustc`` against
small shims with the tables' signatures and run, so their values can be compared with Python's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

RUSTFMT = shutil.which("rustfmt") or (
    "/root/.cargo/bin/rustfmt" if os.path.exists("/root/.cargo/bin/rustfmt") else None)

CORPUS = Path(__file__).parent / "corpus"


def _rustfmt(text: str) -> tuple[bool, str]:
    assert RUSTFMT is not None
    with tempfile.NamedTemporaryFile("w", suffix=".rs", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = fh.name
    try:
        proc = subprocess.run([RUSTFMT, "--edition", "2021", "--emit", "stdout", path],
                              capture_output=True, text=True, timeout=120, check=False)
    finally:
        os.unlink(path)
    return proc.returncode == 0, proc.stderr


TENSOR_SHIM = """
pub struct Tensor<T> { shape: Vec<usize>, data: Vec<T> }
impl<T> Tensor<T> {
    pub fn from_vec(shape: Vec<usize>, data: Vec<T>) -> Result<Self> {
        if shape.iter().product::<usize>() != data.len() { return Err("shape".into()); }
        Ok(Tensor { shape, data })
    }
    pub fn data(&self) -> &[T] { &self.data }
    pub fn shape(&self) -> &[usize] { &self.shape }
    pub fn size(&self) -> usize { self.data.len() }
    pub fn ndim(&self) -> usize { self.shape.len() }
}
"""
"""realizar's ``Tensor`` as far as the converted std code uses it (the tables' signatures)."""


def rustc() -> str:
    """The ``rustc`` that ``./dev`` installs (Debian's package, or a rustup toolchain)."""
    found = shutil.which("rustc") or shutil.which("rustc", path=str(Path.home() / ".cargo/bin"))
    assert found, "rustc is installed by ./dev (Debian's rustc package)"
    return found


def without_uses(rust: str, *crates: str) -> str:
    """``rust`` without its ``use <crate>::…;`` lines (a shim defines those names instead)."""
    names = "|".join(crates)
    return re.sub(rf"^use ({names})::.*;$", "", rust, flags=re.M)


def run_rust(source: str, tmp_path: Path, *, check: bool = True,
             optimize: bool = False) -> subprocess.CompletedProcess[str]:
    """Compile the complete Rust program ``source`` with rustc and run it; its output."""
    path, binary = tmp_path / "m.rs", tmp_path / "m"
    path.write_text(source, encoding="utf-8")
    flags = ["-O"] if optimize else []
    built = subprocess.run([rustc(), "--edition", "2021", *flags, "-A", "warnings", "-o",
                            str(binary), str(path)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return subprocess.run([str(binary)], capture_output=True, text=True, check=check,
                          timeout=60)


def python_output(source: str) -> str:
    """What CPython prints running ``source`` (the reference a converted program must match)."""
    return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          check=True, timeout=60).stdout


def as_snippet_file(rust_code: str, imports: Sequence[str] = (), index: int = 0) -> str:
    """A snippet's Rust wrapped in a function so it is a complete file."""
    body = "\n".join("    " + line for line in rust_code.splitlines())
    return "\n".join([*imports, f"fn snippet_{index}() {{", body, "}", ""])


def check_rust(files: Sequence[str]) -> list[str]:
    """Parse-check complete Rust files; one rustfmt run for the batch, per-file on failure.

    Returns the failing files with rustfmt's message (empty when all parse).
    """
    if RUSTFMT is None:
        pytest.skip("rustfmt not found on PATH or in /root/.cargo/bin: Rust output not checked")
    if not files:
        return []
    joined = "\n".join(f"mod m{i} {{\n{_strip_inner_doc(f)}\n}}" for i, f in enumerate(files))
    ok, _ = _rustfmt(joined)
    if ok:
        return []
    failures = []
    for f in files:
        ok, err = _rustfmt(f)
        if not ok:
            failures.append(f"{err}\n----\n{f}")
    return failures


def _strip_inner_doc(text: str) -> str:
    # `//!` inner docs are only allowed at the start of a module: fine inside `mod m {`.
    return text
