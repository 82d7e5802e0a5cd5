"""Private: the JVM build files and the lock files users have (issue 16, item 7).

- ``pom.xml``: the standard library's XML parser, after refusing any ``<!DOCTYPE``/``<!ENTITY``
  (what ``defusedxml`` forbids: no external entities, no entity expansion bombs) and anything
  over ``MAX_XML_BYTES``. Dependencies, managed dependencies and build plugins.
- ``build.gradle`` / ``build.gradle.kts``: a scanner, not a Groovy/Kotlin interpreter. Comments
  are removed with the Java rules, each ``dependencies { ... }`` block is found by brace
  matching, and inside it the string notation (``implementation "g:a:1.0"``), the map notation
  (``group: 'g', name: 'a', version: '1'``) and ``project(":x")`` are read. Anything computed
  (a variable, a function call) is not guessed: only literal coordinates are reported.
- ``yarn.lock`` (v1 text, or v2+ YAML), ``pnpm-lock.yaml`` (the apps' safe YAML loader),
  ``uv.lock`` and ``poetry.lock`` (``tomllib``): the resolved versions, group ``lock``.
- ``Makefile``: its presence is reported (a build system in use), it has no packages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from batuta._safe_yaml import safe_load
from batuta.analyze._manifests_python import load_toml
from batuta.analyze._manifests_requirements import clip, summarize_errors
from batuta.analyze.lines import strip_comments
from batuta.analyze.results import DependencyFile, Package
from batuta.errors import BatutaError, DependencyAnalysisError
from batuta.limits import MAX_MANIFEST_YAML_NODES, MAX_XML_BYTES

_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


# --- Maven -------------------------------------------------------------------------------------
def parse_pom(path: str, text: str) -> DependencyFile:
    """``<dependencies>``, ``<dependencyManagement>`` and build ``<plugins>`` of a POM."""
    if len(text) > MAX_XML_BYTES:
        raise DependencyAnalysisError(f"{path}: over the {MAX_XML_BYTES:,}-byte bound for XML")
    if _DTD.search(text):
        raise DependencyAnalysisError(f"{path}: a DOCTYPE or ENTITY declaration is not read "
                                      "(external entities and entity expansion are refused)")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise DependencyAnalysisError(f"{path}:{line}: not well-formed XML: {exc}") from None
    packages: list[Package] = []
    managed = {id(e) for m in root.iter() if _local(m.tag) == "dependencyManagement"
               for e in m.iter()}
    for element in root.iter():
        tag = _local(element.tag)
        if tag not in ("dependency", "plugin"):
            continue
        fields = {_local(child.tag): (child.text or "").strip() for child in element}
        artifact = fields.get("artifactId", "")
        if not artifact:
            continue
        group_id = fields.get("groupId", "org.apache.maven.plugins" if tag == "plugin" else "")
        packages.append(Package(name=f"{group_id}:{artifact}" if group_id else artifact,
                                spec=fields.get("version", ""),
                                group=_pom_group(tag, fields.get("scope", ""),
                                                 id(element) in managed)))
    return DependencyFile(manager="maven", file=path, packages=tuple(packages))


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _pom_group(tag: str, scope: str, managed: bool) -> str:
    if tag == "plugin":
        return "build"
    if scope == "test":
        return "dev"
    if managed:
        return "managed"
    return "" if scope in ("", "compile", "runtime") else scope


# --- Gradle ------------------------------------------------------------------------------------
_BLOCK = re.compile(r"\bdependencies\s*\{")
_BRACES = re.compile(r"[{}]")
_STRING_DEP = re.compile(
    r"\b([A-Za-z]\w*)\s*\(?\s*(?:platform\s*\(\s*)?[\"']([^\"'\s:]+):([^\"'\s:]+)"
    r"(?::([^\"'\s]+))?[\"']")
_MAP_DEP = re.compile(
    r"\b([A-Za-z]\w*)\s*\(?\s*group\s*[:=]\s*[\"']([^\"']+)[\"']\s*,\s*name\s*[:=]\s*"
    r"[\"']([^\"']+)[\"'](?:\s*,\s*version\s*[:=]\s*[\"']([^\"']+)[\"'])?")
_PROJECT_DEP = re.compile(
    r"\b([A-Za-z]\w*)\s*\(?\s*project\s*\(\s*(?:path\s*[:=]\s*)?[\"']([^\"']+)[\"']")


def parse_gradle(path: str, text: str) -> DependencyFile:
    """Literal coordinates in the ``dependencies`` blocks of ``build.gradle(.kts)``."""
    code = strip_comments(text, "Java")
    packages: list[Package] = []
    for body in _blocks(code):
        for m in _STRING_DEP.finditer(body):
            packages.append(Package(name=f"{m.group(2)}:{m.group(3)}", spec=m.group(4) or "",
                                    group=_gradle_group(m.group(1))))
        for m in _MAP_DEP.finditer(body):
            packages.append(Package(name=f"{m.group(2)}:{m.group(3)}", spec=m.group(4) or "",
                                    group=_gradle_group(m.group(1))))
        for m in _PROJECT_DEP.finditer(body):
            packages.append(Package(name=m.group(2), group=_gradle_group(m.group(1)),
                                    source=f"project({m.group(2)})"))
    return DependencyFile(manager="gradle", file=path, packages=tuple(packages))


def _blocks(code: str) -> list[str]:
    """The text inside each top-most ``dependencies { ... }`` (braces matched; an unclosed
    one runs to the end). One pass over the braces: linear in the file."""
    out: list[str] = []
    pos = 0
    while (m := _BLOCK.search(code, pos)) is not None:
        depth, end = 1, len(code)
        for brace in _BRACES.finditer(code, m.end()):
            depth += 1 if brace.group() == "{" else -1
            if not depth:
                end = brace.start()
                break
        out.append(code[m.end():end])
        pos = end + 1
    return out


def _gradle_group(configuration: str) -> str:
    low = configuration.lower()
    if low.startswith("test") or low.startswith("androidtest"):
        return "dev"
    if low in ("classpath", "annotationprocessor", "kapt", "ksp"):
        return "build"
    return ""


# --- lock files ----------------------------------------------------------------------------------
_YARN_ENTRY = re.compile(r"^(\S.*):\s*$")
_YARN_VERSION = re.compile(r"^\s+version:?\s+\"?([^\"\s]+)\"?\s*$")


def parse_yarn_lock(path: str, text: str) -> DependencyFile:
    """Yarn v1 (its own text format) or v2+ (YAML with ``__metadata``): resolved versions."""
    found: set[tuple[str, str]] = set()
    if "__metadata:" in text:
        data = _yaml(path, text)
        for key, value in (data if isinstance(data, dict) else {}).items():
            if key != "__metadata" and isinstance(value, dict):
                found.add((_npm_name(str(key).split(",")[0].strip()),
                           str(value.get("version", ""))))
        return _lock(path, "yarn", found)
    name: str | None = None
    for line in text.splitlines():
        entry = _YARN_ENTRY.match(line)
        if entry is not None and not line.startswith("#"):
            name = _npm_name(entry.group(1).split(",")[0].strip().strip('"'))
            continue
        version = _YARN_VERSION.match(line)
        if version is not None and name is not None:
            found.add((name, version.group(1)))
            name = None
    return _lock(path, "yarn", found)


def _npm_name(spec: str) -> str:
    """``@scope/name@^1.0`` -> ``@scope/name``; ``name@npm:1.2`` -> ``name``."""
    spec = spec.strip('"')
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


def parse_pnpm_lock(path: str, text: str) -> DependencyFile:
    """``packages:`` keys of ``pnpm-lock.yaml``: ``/name@1.2.3`` (v6+), ``/name/1.2.3`` (v5)."""
    data = _yaml(path, text)
    packages = data.get("packages") if isinstance(data, dict) else None
    found: set[tuple[str, str]] = set()
    for key in packages if isinstance(packages, dict) else ():
        spec = str(key).lstrip("/").split("(", 1)[0]
        at = spec.find("@", 1)
        if at > 0:
            found.add((spec[:at], spec[at + 1:]))
        elif "/" in spec.lstrip("@"):
            name, _, version = spec.rpartition("/")
            found.add((name, version))
    return _lock(path, "pnpm", found)


def parse_toml_lock(path: str, text: str) -> DependencyFile:
    """``[[package]]`` tables of ``uv.lock`` and ``poetry.lock``: name and resolved version."""
    data = load_toml(path, text)
    manager = "poetry" if path.rsplit("/", 1)[-1] == "poetry.lock" else "uv"
    found: set[tuple[str, str]] = set()
    errors: list[str] = []
    entries = data.get("package", [])
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            errors.append(f"{path}: package[{i}]: no name")
            continue
        version = entry.get("version", "")
        found.add((entry["name"], version if isinstance(version, str) else ""))
    out = _lock(path, manager, found)
    return DependencyFile(manager=out.manager, file=path, packages=out.packages,
                          error=summarize_errors(errors))


def parse_makefile(path: str, text: str) -> DependencyFile:
    """A Makefile declares no packages; its presence says the project builds with make."""
    return DependencyFile(manager="make", file=path, packages=())


def _lock(path: str, manager: str, found: set[tuple[str, str]]) -> DependencyFile:
    packages = tuple(Package(name=name, spec=version, group="lock")
                     for name, version in sorted(found) if name)
    return DependencyFile(manager=manager, file=path, packages=packages)


def _yaml(path: str, text: str) -> Any:
    try:
        return safe_load(text, path, max_nodes=MAX_MANIFEST_YAML_NODES).data
    except BatutaError as exc:
        raise DependencyAnalysisError(f"{path}: not valid YAML: {clip(exc.message, 200)}"
                                      ) from None
