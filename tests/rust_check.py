"""Type-checking Rust for real in the tests: ``cargo check --offline`` against stub crates.

``tools/rust_stubs.py`` writes trueno 0.10.1, aprender 0.29.3 and realizar 0.8.6 stub crates
(the whole crate-API tables: real paths and signatures, ``unimplemented!()`` bodies) as a cargo
directory source. :class:`RustChecker` writes them once per test session, keeps one
``CARGO_TARGET_DIR`` so they compile once, and checks Rust modules as one crate that depends
on the three crates at those versions::

    errors = rust_checker.check({"pipeline": "use aprender::prelude::*; ..."})
    assert errors == []   # else: ["pipeline.rs:3:5: E0432: unresolved import ..."]

A missing cargo is an error with the fix (``./dev`` installs Debian's ``cargo``), never a skip.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
IDENT = re.compile(r"[a-z_][a-z0-9_]*")
LIB_HEADER = "#![allow(unused, dead_code, non_snake_case, unreachable_code)]\n"


def load_stub_tool() -> ModuleType:
    """``tools/rust_stubs.py`` as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("rust_stubs", ROOT / "tools" / "rust_stubs.py")
    assert spec is not None and spec.loader is not None
    if "rust_stubs" in sys.modules:
        return sys.modules["rust_stubs"]
    module = importlib.util.module_from_spec(spec)
    sys.modules["rust_stubs"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def find_cargo() -> str:
    """The machine's cargo (PATH or ~/.cargo/bin); an error saying how to get one otherwise."""
    found = shutil.which("cargo") or shutil.which("cargo", path=str(Path.home() / ".cargo/bin"))
    if not found:
        raise RuntimeError("cargo not found on PATH or in ~/.cargo/bin: ./dev installs Debian's "
                           "cargo package (apt-get install cargo)")
    return found


def diagnostics(stdout: str, src_root: Path | None = None) -> list[str]:
    """Error messages from ``cargo --message-format=json`` output: ``file:line:col: CODE:
    message`` for each error of the checked crate (file relative to ``src_root``)."""
    errors = []
    for line in stdout.splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        inner = msg.get("message") if msg.get("reason") == "compiler-message" else None
        if not inner or inner.get("level") != "error":
            continue
        if not inner.get("spans") and str(inner.get("message")).startswith("aborting due to"):
            continue
        errors.append(format_error(inner, src_root))
    return errors


def format_error(inner: Mapping[str, object], src_root: Path | None) -> str:
    """One rustc error as ``file:line:col: CODE: message`` (the primary span's place)."""
    spans = [s for s in inner.get("spans") or [] if isinstance(s, dict)]  # type: ignore[attr-defined]
    primary = next((s for s in spans if s.get("is_primary")), spans[0] if spans else None)
    code = inner.get("code")
    code_text = code.get("code", "error") if isinstance(code, dict) else "error"
    where = "<crate>"
    if primary:
        name = str(primary.get("file_name"))
        if src_root is not None:
            with_root = Path(name) if Path(name).is_absolute() else src_root.parent / name
            with contextlib.suppress(ValueError):  # a stub crate's file: keep its path
                name = str(with_root.resolve().relative_to(src_root.resolve()))
        where = f"{name}:{primary.get('line_start')}:{primary.get('column_start')}"
    return f"{where}: {code_text}: {inner.get('message')}"


class RustChecker:
    """Writes the stub crates once and type-checks Rust modules against them."""

    def __init__(self, workdir: Path, api: Path | None = None) -> None:
        self.cargo = find_cargo()
        self.tool = load_stub_tool()
        self.workdir = workdir
        self.stub_dir = workdir / "stubs"
        self.versions: dict[str, str] = self.tool.write_stubs(self.stub_dir, api)
        self.target_dir = workdir / "target"
        self.crate_dir = workdir / "crate"

    def cargo_toml(self, name: str = "batuta_check") -> str:
        deps = "\n".join(f'{crate} = "={version}"' for crate, version in self.versions.items())
        deps += '\nanyhow = "1"'  # Debian's librust-anyhow-dev, or the stand-in beside the stubs
        return (f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n'
                f"[dependencies]\n{deps}\n\n[workspace]\n")

    def check(self, modules: Mapping[str, str]) -> list[str]:
        """Each module as ``src/<name>.rs`` of one crate; the errors of one ``cargo check``
        as ``<name>.rs:line:col: CODE: message`` (empty: it type-checks)."""
        for name in modules:
            if not IDENT.fullmatch(name) or name in ("lib", "main", "crate", "self", "super"):
                raise ValueError(f"not a Rust module name: {name!r}")
        src = self.crate_dir / "src"
        if src.exists():
            shutil.rmtree(src)
        src.mkdir(parents=True)
        (self.crate_dir / "Cargo.toml").write_text(self.cargo_toml(), encoding="utf-8")
        (self.crate_dir / "Cargo.lock").unlink(missing_ok=True)  # resolve against these stubs
        lib = LIB_HEADER + "".join(f"pub mod {name};\n" for name in sorted(modules))
        (src / "lib.rs").write_text(lib, encoding="utf-8")
        for name, code in modules.items():
            (src / f"{name}.rs").write_text(code, encoding="utf-8")
        return self.check_crate(self.crate_dir)

    def check_crate(self, crate_dir: Path) -> list[str]:
        """``cargo check --offline`` of a written crate (its Cargo.toml must name the table
        versions); errors as ``path-under-src:line:col: CODE: message``."""
        env = {**os.environ, "CARGO_TARGET_DIR": str(self.target_dir)}
        proc = subprocess.run(
            [self.cargo, "check", "--offline", "--quiet", "--message-format=json",
             *self.tool.cargo_config_args(self.stub_dir)],
            cwd=crate_dir, capture_output=True, text=True, env=env, timeout=600, check=False)
        errors = diagnostics(proc.stdout, crate_dir / "src")
        if proc.returncode != 0 and not errors:
            errors = [f"<cargo>: {proc.stderr.strip()[-2000:]}"]
        return errors
