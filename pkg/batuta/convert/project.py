"""A Python project as one Cargo crate: the Transpilation phase's output, built in memory.

``convert_project`` takes the project as a directory or a mapping of relative path -> bytes
(a browser upload), walks it like ``batuta analyze`` (``.gitignore``, vendored and cache folders
pruned), converts every Python module with ``convert_file`` and returns the crate as a mapping
of crate-relative path -> bytes:

* ``Cargo.toml``: the crates the modules use, pinned to the versions of the crate-API tables
  the converter targets (trueno 0.10.1, aprender 0.29, realizar 0.8.6; anyhow 1 when used);
* ``src/lib.rs``: one ``pub mod`` per top-level Python module or package; packages become
  nested modules (``pkg/__init__.py`` is ``src/pkg/mod.rs``, ``pkg/a.py`` is ``src/pkg/a.rs``);
  names are made Rust identifiers and collisions get a numeric suffix;
* ``CONVERSION.md``: every construct not converted, by file and line, with its reason (each
  ``UnsupportedConstruct`` of each file), and the Python files that could not be converted;
* ``CONVERSION.json``: the same conversion for programs (``batuta optimize`` reads it): the
  module map and every construct that is one of the router's operation types, converted or
  not, with its file, span, symbol and ``operation``.

Nothing here touches the file system except reading a directory source, so the browser worker
builds the same crate (``crate_zip`` packs it with the stdlib ``zipfile``).
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from batuta._version import __version__
from batuta.analyze.walk import walk
from batuta.convert.file import convert_file
from batuta.convert.results import FileConversion, UnsupportedConstruct
from batuta.errors import BatutaError, InvalidArgumentError
from batuta.limits import MAX_SOURCE_CHARS

CRATE_VERSIONS = {"trueno": "=0.10.1", "aprender": "0.29", "realizar": "=0.8.6", "anyhow": "1"}
"""What a converted crate depends on: the versions of the crate-API tables (aprender's table is
labelled 0.29, with items of the 0.26 fork where no 0.29 source was available)."""
_KEYWORDS = ("as async await break const continue crate dyn else enum extern false fn for if "
             "impl in let loop match mod move mut pub ref return self Self static struct super "
             "trait true type unsafe use where while abstract become box do final macro "
             "override priv typeof unsized virtual yield try gen union")
RUST_KEYWORDS = frozenset(_KEYWORDS.split(" "))
RESERVED_MODULES = frozenset({"lib", "main", "build"})  # file names cargo gives a meaning to
MAX_PROJECT_FILES = 10_000


@dataclass(frozen=True)
class FileFailure:
    """A Python file that could not be converted at all, and why (its module stays empty)."""

    path: str
    reason: str


@dataclass
class ModuleNode:
    """A Rust module being laid out: a Python file, a package, or both (``__init__.py``)."""

    name: str
    python_path: str | None = None
    package: bool = False
    children: dict[str, ModuleNode] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectConversion:
    """A converted project: the crate's files and what went into them."""

    crate_name: str
    files: Mapping[str, bytes]
    modules: Mapping[str, str]  # Python path -> Rust module path (``crate::pkg::a``)
    conversions: Mapping[str, FileConversion]
    unsupported: tuple[tuple[str, UnsupportedConstruct], ...]
    failures: tuple[FileFailure, ...]
    skipped: tuple[tuple[str, str], ...]  # files the walk did not read, with the reason

    @property
    def mapped(self) -> int:
        return sum(len(c.mappings) for c in self.conversions.values())


def convert_project(source: str | os.PathLike[str] | Mapping[str, bytes | str],
                    crate_name: str = "converted", *,
                    data_size: int = 1_000_000) -> ProjectConversion:
    """Convert every Python module of a project into one Cargo crate (see the module doc).

    Raises:
        SourceNotFoundError: A directory source that does not exist (BATUTA-X-005).
        UnsafeArchiveError: A mapping path that is absolute or climbs out with ``..``.
        InvalidArgumentError: No Python file to convert, too many files, a bad crate name.

    Example:
        >>> out = convert_project({"app.py": b"import numpy as np\\nx = np.zeros(3)\\n"})
        >>> sorted(out.files)
        ['CONVERSION.json', 'CONVERSION.md', 'Cargo.toml', 'src/app.rs', 'src/lib.rs']
    """
    package = crate_identifier(crate_name)
    tree = walk(_as_bytes(source) if isinstance(source, Mapping) else source)
    python = [p for p in tree.files if p.endswith(".py")]
    if not python:
        raise InvalidArgumentError("no Python file to convert in the project", path=tree.root)
    if len(python) > MAX_PROJECT_FILES:
        raise InvalidArgumentError(
            f"{len(python)} Python files: more than {MAX_PROJECT_FILES} to convert at once",
            path=tree.root)
    tree.plan_reads(MAX_SOURCE_CHARS)
    conversions: dict[str, FileConversion] = {}
    failures: list[FileFailure] = []
    for path in python:
        text = tree.read_text(path, MAX_SOURCE_CHARS)
        if text is None:
            continue  # the walk recorded why in tree.skipped
        try:
            conversions[path] = convert_file(text, path.rsplit("/", 1)[-1], data_size=data_size)
        except BatutaError as exc:  # a syntax error, an input bound: that file stays empty
            failures.append(FileFailure(path, f"{exc.code}: {exc.message}"))
    skipped = tuple((s.path, s.reason) for s in tree.skipped)
    return _assemble(package, python, conversions, failures, skipped)


def _as_bytes(files: Mapping[str, bytes | str]) -> dict[str, bytes]:
    """Text values (a caller's convenience) as UTF-8 bytes; bytes pass through."""
    return {str(k): v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}


def _assemble(package: str, python: list[str], conversions: dict[str, FileConversion],
              failures: list[FileFailure], skipped: tuple[tuple[str, str], ...]
              ) -> ProjectConversion:
    root = ModuleNode("crate")
    failed = {f.path for f in failures}
    for path in python:
        if path in conversions or path in failed:
            _place(root, path)
    files: dict[str, bytes] = {}
    modules: dict[str, str] = {}
    reasons = {f.path: f.reason for f in failures}
    _render(root, "src", "crate", conversions, reasons, files, modules)
    unsupported = tuple((path, u) for path, conv in sorted(conversions.items())
                        for u in conv.unsupported)
    files["Cargo.toml"] = cargo_toml(package, conversions).encode("utf-8")
    files["CONVERSION.md"] = conversion_md(package, modules, conversions, failures,
                                           skipped).encode("utf-8")
    files["CONVERSION.json"] = conversion_json(package, modules, conversions)
    return ProjectConversion(package, dict(sorted(files.items())), modules, conversions,
                             unsupported, tuple(failures), skipped)


def crate_identifier(name: str) -> str:
    """A Cargo package name from any text (``my project`` -> ``my_project``)."""
    if not isinstance(name, str):
        raise InvalidArgumentError("the crate name must be text")
    ident = re.sub(r"[^A-Za-z0-9_]", "_", name.strip()).strip("_").lower()[:64]
    if not ident:
        raise InvalidArgumentError(f"cannot make a crate name of {name!r}")
    return ident if ident[0].isalpha() else f"py_{ident}"


def rust_identifier(name: str) -> str:
    """A Rust module name for a Python module or package name."""
    ident = re.sub(r"\W", "_", name, flags=re.ASCII) or "module"
    if ident[0].isdigit():
        ident = f"m_{ident}"
    if ident in RUST_KEYWORDS or ident in RESERVED_MODULES or ident == "_":
        ident = f"{ident}_"
    return ident


def _place(root: ModuleNode, path: str) -> None:
    """Put a Python file into the module tree (``__init__.py`` is its package's own code; a
    module ``a.py`` beside a package ``a/`` becomes ``a_py``)."""
    parts = path.split("/")
    node = root
    for part in parts[:-1]:
        child = node.children.get(part)
        if child is not None and not child.package:
            node.children[f"{part}.py"] = node.children.pop(part)
            child = None
        if child is None:
            child = node.children[part] = ModuleNode(part, package=True)
        node = child
    leaf = parts[-1][:-3]
    if leaf == "__init__" and node is not root:
        node.python_path = path
        return
    key = leaf if leaf not in node.children else f"{leaf}.py"
    node.children[key] = ModuleNode(leaf, python_path=path)


def _names(node: ModuleNode) -> dict[str, str]:
    """Rust identifier of each child, unique among its siblings (``a``, ``a_2``, ...)."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for key in sorted(node.children):
        base = rust_identifier(key)
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}_{n}", n + 1
        taken.add(ident)
        out[key] = ident
    return out


def _render(node: ModuleNode, folder: str, rust_path: str,
            conversions: Mapping[str, FileConversion], failures: Mapping[str, str],
            files: dict[str, bytes], modules: dict[str, str]) -> None:
    names = _names(node)
    body = _module_body(node, conversions, failures)
    if node.python_path:
        modules[node.python_path] = rust_path
    decls = [f"pub mod {names[key]};" for key in sorted(node.children)]
    if rust_path == "crate":
        head = (f"//! Crate converted from Python by Batuta {__version__}: one module per "
                "Python module.\n//! What was not converted is listed in CONVERSION.md.\n"
                "#![allow(unused, dead_code, non_snake_case, unreachable_code)]\n\n")
        files["src/lib.rs"] = (head + "\n".join(decls) + "\n").encode("utf-8")
    else:
        own = folder + ("/mod.rs" if node.package else ".rs")
        text = body + ("\n" + "\n".join(decls) + "\n" if decls else "")
        files[own] = text.encode("utf-8")
    for key, child in sorted(node.children.items()):
        _render(child, f"{folder}/{names[key]}", f"{rust_path}::{names[key]}",
                conversions, failures, files, modules)


def _module_body(node: ModuleNode, conversions: Mapping[str, FileConversion],
                 failures: Mapping[str, str]) -> str:
    path = node.python_path
    if path is None:
        return f"//! Python package `{node.name}` (no __init__.py).\n"
    if path in failures:
        return f"//! {path}: not converted ({_comment(failures[path])}).\n"
    code = conversions[path].rust_code
    return code if code.endswith("\n") else code + "\n"


def _comment(text: str) -> str:
    return " ".join(text.split()).replace("*/", "* /")


def used_crates(conversions: Mapping[str, FileConversion]) -> list[str]:
    """The external crates the converted modules name, in CRATE_VERSIONS order."""
    text = "\n".join(c.rust_code for c in conversions.values())
    return [name for name in CRATE_VERSIONS if re.search(rf"\b{name}::", text)]


def item_versions(conversions: Mapping[str, FileConversion]) -> dict[str, set[str]]:
    """aprender items the modules use that the table has from its 0.26 fork, not 0.29
    (version -> paths): a real 0.29 build may differ there."""
    from batuta.convert.targets import load  # the facts about the targets

    targets = load()
    out: dict[str, set[str]] = {}
    text = "\n".join(c.rust_code for c in conversions.values())
    for path in sorted(set(re.findall(r"\baprender(?:::\w+)+", text))):
        versions = {i.version for i in targets.get(path) if i.version}
        if versions and "0.29" not in versions:
            for version in versions:
                out.setdefault(version, set()).add(path)
    return out


def cargo_toml(package: str, conversions: Mapping[str, FileConversion]) -> str:
    """The crate's manifest: the crates its modules use, pinned to the tables' versions."""
    lines = ["[package]", f'name = "{package}"', 'version = "0.1.0"', 'edition = "2021"',
             "publish = false", "",
             f"# Written by Batuta {__version__} (batuta convert). The versions are those of",
             "# the crate-API tables the converter targets: trueno 0.10.1, aprender 0.29,",
             "# realizar 0.8.6.",
             "[dependencies]"]
    for name in used_crates(conversions):
        lines.append(f'{name} = "{CRATE_VERSIONS[name]}"')
    for version, paths in sorted(item_versions(conversions).items()):
        lines.append(f"# aprender items taken from its {version} source (no 0.29 file was "
                     "available):")
        lines += [f"#   {p}" for p in sorted(paths)]
    lines += ["", "[workspace]", ""]
    return "\n".join(lines)


def conversion_md(package: str, modules: Mapping[str, str],
                  conversions: Mapping[str, FileConversion], failures: list[FileFailure],
                  skipped: tuple[tuple[str, str], ...]) -> str:
    """What was not converted, by file and line, with the reason."""
    total = sum(len(c.unsupported) for c in conversions.values())
    mapped = sum(len(c.mappings) for c in conversions.values())
    out = [f"# Conversion of `{package}`", "",
           f"Batuta {__version__} converted {len(conversions)} Python module(s): {mapped} "
           f"construct(s) mapped, {total} not converted, {len(failures)} file(s) not "
           "converted at all.", "",
           "Every construct below stays in the Rust as `todo!(\"...\")` or a `// py:` comment "
           "with the same reason.", "", "## Modules", "", "| Python | Rust module |",
           "|---|---|"]
    out += [f"| `{py}` | `{rs}` |" for py, rs in sorted(modules.items())]
    out += ["", "## Not converted", ""]
    if total == 0 and not failures:
        out.append("Nothing: every recognised construct was converted.")
    for fail in failures:
        out.append(f"- `{fail.path}`: the whole file: {_md(fail.reason)}")
    for path, conv in sorted(conversions.items()):
        if not conv.unsupported:
            continue
        out += ["", f"### `{path}`", "", "| line | column | construct | reason |",
                "|---|---|---|---|"]
        for u in sorted(conv.unsupported, key=lambda u: (u.span.line, u.span.col)):
            out.append(f"| {u.span.line} | {u.span.col} | `{_md(u.python)}` | "
                       f"{_md(u.reason)} |")
    others = [(p, r) for p, r in skipped]
    if others:
        out += ["", "## Files not read", ""]
        out += [f"- `{p}`: {_md(r)}" for p, r in others]
    return "\n".join(out) + "\n"


CONVERSION_JSON_FORMAT = 1


def conversion_json(package: str, modules: Mapping[str, str],
                    conversions: Mapping[str, FileConversion]) -> bytes:
    """The machine-readable record: modules, and each construct with an operation type."""
    operations: list[dict[str, object]] = []
    for path, conv in sorted(conversions.items()):
        found = [(m.span, m.python, m.framework, m.operation, True) for m in conv.mappings]
        found += [(u.span, u.python, u.framework, u.operation, False) for u in conv.unsupported]
        for span, python, framework, operation, converted in sorted(
                found, key=lambda f: (f[0].line, f[0].col)):
            if operation:
                operations.append({
                    "file": path, "line": span.line, "col": span.col, "end_line": span.end_line,
                    "python": python, "framework": framework, "operation": operation,
                    "converted": converted, "rust_module": modules.get(path, "")})
    record = {"format": CONVERSION_JSON_FORMAT, "batuta": __version__, "crate": package,
              "modules": dict(sorted(modules.items())), "operations": operations}
    return (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|").replace("`", "'")


def crate_zip(project: ProjectConversion) -> bytes:
    """The crate as a zip (its files under ``<crate_name>/``), deterministic timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in project.files.items():
            info = zipfile.ZipInfo(f"{project.crate_name}/{path}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


__all__ = ["CRATE_VERSIONS", "FileFailure", "ProjectConversion", "convert_project",
           "crate_identifier", "crate_zip", "rust_identifier"]
