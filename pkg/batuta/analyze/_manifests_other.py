"""Private: manifests outside the Python ecosystem: ``Cargo.toml``, ``package.json``, ``go.mod``.

Names are kept as their ecosystems write them (crates, npm scopes, Go module paths); version
requirements are kept as written (``"1.0"`` in Cargo means ``^1.0``; that reading is Cargo's).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from batuta.analyze._manifests_python import load_toml, table
from batuta.analyze._manifests_requirements import clip, summarize_errors
from batuta.analyze.results import DependencyFile, Package
from batuta.errors import DependencyAnalysisError

_CARGO_SECTIONS = (("dependencies", ""), ("dev-dependencies", "dev"), ("dev_dependencies", "dev"),
                   ("build-dependencies", "build"), ("build_dependencies", "build"))
_NPM_SECTIONS = (("dependencies", ""), ("devDependencies", "dev"), ("peerDependencies", "peer"),
                 ("optionalDependencies", "optional"))
# npm specs that name a location rather than a registry version range.
_NPM_LOCATION_RE = re.compile(r"^(file:|link:|git\+|git:|github:|gitlab:|bitbucket:|gist:|"
                              r"https?://|[A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+(#.*)?$)")
_GO_DIRECTIVES = frozenset({"module", "go", "toolchain", "require", "replace", "exclude",
                            "retract", "tool", "godebug", "ignore"})
_GO_REQUIRE_RE = re.compile(r'^("[^"]+"|`[^`]+`|\S+)\s+(\S+)$')


# --- Cargo.toml ------------------------------------------------------------------------------
def parse_cargo(path: str, text: str) -> DependencyFile:
    """``[dependencies]``, dev/build deps, ``[target.<cfg>.*]`` and ``[workspace.dependencies]``."""
    data = load_toml(path, text)
    packages: list[Package] = []
    errors: list[str] = []
    scopes: list[tuple[str, Mapping[str, Any], str]] = [("", data, "")]
    scopes += [(f"target.{cfg}.", body, f"target:{cfg}")
               for cfg, body in table(data, "target").items() if isinstance(body, Mapping)]
    for prefix, body, scope_group in scopes:
        for section, group in _CARGO_SECTIONS:
            full_group = ":".join(g for g in (scope_group, group) if g)
            _cargo_table(path, f"{prefix}{section}", table(body, section), full_group,
                         packages, errors)
    _cargo_table(path, "workspace.dependencies", table(data, "workspace", "dependencies"),
                 "workspace", packages, errors)
    return DependencyFile(manager="cargo", file=path, packages=tuple(packages),
                          error=summarize_errors(errors))


def _cargo_table(path: str, where: str, deps: Mapping[str, Any], group: str,
                 packages: list[Package], errors: list[str]) -> None:
    for key, value in deps.items():
        try:
            packages.append(_cargo_package(key, value, group))
        except DependencyAnalysisError as exc:
            errors.append(f"{path}: [{where}] {clip(key)}: {exc.message}")


def _cargo_package(key: str, value: Any, group: str) -> Package:
    """``name = "1.0"`` or ``name = { version, path, git, features, optional, package, ... }``."""
    if isinstance(value, str):
        return Package(name=key, spec=value.strip(), group=group)
    if not isinstance(value, Mapping):
        raise DependencyAnalysisError(f"expected a version string or a table, got "
                                      f"{type(value).__name__}")
    version = value.get("version", "")
    if not isinstance(version, str):
        raise DependencyAnalysisError("'version' is not a string")
    name = value["package"] if isinstance(value.get("package"), str) else key  # a rename
    features = value.get("features", [])
    if group == "" and value.get("optional") is True:
        group = "optional"
    return Package(name=name, spec=version.strip(),
                   extras=tuple(sorted(f for f in features if isinstance(f, str)))
                   if isinstance(features, list) else (),
                   group=group, source=_cargo_source(value))


def _cargo_source(value: Mapping[str, Any]) -> str:
    if isinstance(value.get("git"), str):
        ref = next((value[k] for k in ("rev", "tag", "branch") if isinstance(value.get(k), str)),
                   "")
        return f"git+{value['git']}" + (f"@{ref}" if ref else "")
    if isinstance(value.get("path"), str):
        return str(value["path"])
    if value.get("workspace") is True:
        return "workspace"
    if isinstance(value.get("registry"), str):
        return f"registry:{value['registry']}"
    return ""


# --- package.json ----------------------------------------------------------------------------
def parse_package_json(path: str, text: str) -> DependencyFile:
    """``dependencies``, ``devDependencies``, ``peerDependencies``, ``optionalDependencies``."""
    try:
        data = json.loads(text)
    except ValueError as exc:  # JSONDecodeError, and int strings past the digit limit
        raise DependencyAnalysisError(f"{path}: not valid JSON: {clip(str(exc), 200)}") from None
    except RecursionError:
        raise DependencyAnalysisError(f"{path}: JSON nests too deeply") from None
    if not isinstance(data, dict):
        raise DependencyAnalysisError(f"{path}: top level is not an object")
    packages: list[Package] = []
    errors: list[str] = []
    for section, group in _NPM_SECTIONS:
        deps = data.get(section, {})
        if not isinstance(deps, dict):
            errors.append(f"{path}: {section}: not an object")
            continue
        for name, spec in deps.items():
            if not isinstance(spec, str):
                errors.append(f"{path}: {section}.{clip(name)}: version is not a string")
                continue
            packages.append(_npm_package(name, spec.strip(), group))
    return DependencyFile(manager="npm", file=path, packages=tuple(packages),
                          error=summarize_errors(errors))


def _npm_package(name: str, spec: str, group: str) -> Package:
    if _NPM_LOCATION_RE.match(spec):
        return Package(name=name, group=group, source=spec)
    return Package(name=name, spec="" if spec in ("*", "") else spec, group=group)


# --- go.mod ----------------------------------------------------------------------------------
def parse_go_mod(path: str, text: str) -> DependencyFile:
    """``require`` lines and blocks; ``// indirect`` marks group "indirect"; replace ignored."""
    packages: list[Package] = []
    errors: list[str] = []
    block: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line, comment = _go_split_comment(raw)
        if not line:
            continue
        try:
            block = _go_line(line, comment, block, packages)
        except DependencyAnalysisError as exc:
            errors.append(f"{path}: line {number}: {exc.message}")
    if block is not None:
        errors.append(f"{path}: '{block} (' block is never closed")
    return DependencyFile(manager="go", file=path, packages=tuple(packages),
                          error=summarize_errors(errors))


def _go_split_comment(raw: str) -> tuple[str, str]:
    """Split off a ``//`` comment that is not inside a quoted module path."""
    in_quote = ""
    for index, char in enumerate(raw):
        if in_quote:
            in_quote = "" if char == in_quote else in_quote
        elif char in "\"`":
            in_quote = char
        elif raw.startswith("//", index):
            return raw[:index].strip(), raw[index + 2:].strip()
    return raw.strip(), ""


def _go_line(line: str, comment: str, block: str | None, packages: list[Package]) -> str | None:
    """Handle one line; returns the directive block now open (or None)."""
    if block is not None:
        if line == ")":
            return None
        if block == "require":
            packages.append(_go_require(line, comment))
        return block
    directive, _, rest = line.partition(" ")
    directive, rest = directive.strip(), rest.strip()
    if directive.endswith("("):  # "require(" written without a space
        directive, rest = directive[:-1], "(" + rest
    if directive not in _GO_DIRECTIVES:
        raise DependencyAnalysisError(f"unknown directive {clip(directive)!r}")
    if rest == "(":
        return directive
    if directive == "require":
        packages.append(_go_require(rest, comment))
    return None


def _go_require(spec: str, comment: str) -> Package:
    found = _GO_REQUIRE_RE.match(spec.strip())
    if found is None:
        raise DependencyAnalysisError(f"expected 'module/path version', got {clip(spec)!r}")
    module, version = found.group(1), found.group(2)
    indirect = comment.split(";")[0].strip() == "indirect"  # "indirect" or "indirect; ..."
    return Package(name=module.strip('"`'), spec=version, group="indirect" if indirect else "")
