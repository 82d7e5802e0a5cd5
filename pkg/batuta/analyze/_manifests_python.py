"""Private: the Python ecosystem's structured manifests.

``pyproject.toml`` (PEP 621, PEP 735 dependency groups, Poetry, PDM/uv dev lists, build-system),
``setup.cfg`` (setuptools) and ``Pipfile`` (pipenv); conda's ``environment.yml`` is in
``_manifests_conda``. Each parser
takes (path, text) and returns a ``DependencyFile``; fatal problems raise
``DependencyAnalysisError``, per-entry problems land in ``error`` with the rest kept.
"""

from __future__ import annotations

import configparser
import posixpath
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from batuta.analyze._manifests_requirements import (
    clip,
    normalize_marker,
    pep508_package,
    python_name,
    relative_to,
    summarize_errors,
)
from batuta.analyze.results import DependencyFile, Package
from batuta.errors import DependencyAnalysisError

# PEP 508 environment markers pipenv accepts as keys of a package table.
_PIPFILE_MARKER_KEYS = ("os_name", "sys_platform", "platform_machine", "platform_system",
                        "platform_release", "platform_version", "python_version",
                        "python_full_version", "implementation_name",
                        "platform_python_implementation")
_INNER_BLANKS_RE = re.compile(r"(?<=\S)[ \t]{2,}")
_PIPFILE_NON_PACKAGE_TABLES = frozenset({"source", "requires", "pipenv", "scripts"})


def load_toml(path: str, text: str) -> dict[str, Any]:
    """Parse TOML with ``tomllib``.

    Raises:
        DependencyAnalysisError: the text is not TOML (the message names file and line).
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DependencyAnalysisError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise DependencyAnalysisError(f"{path}: TOML nests too deeply") from None


def table(data: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    """``data[k1][k2]...`` when every step is a table, else an empty mapping."""
    node: Any = data
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


class Sink:
    """Collects packages and per-entry problems for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.packages: list[Package] = []
        self.errors: list[str] = []

    def pep508_list(self, where: str, items: Any, group: str) -> None:
        if not isinstance(items, list):
            self.errors.append(f"{self.path}: {where}: expected a list of requirements")
            return
        for item in items:
            if not isinstance(item, str):
                self.errors.append(f"{self.path}: {where}: not a string: {type(item).__name__}")
                continue
            self.pep508(where, item, group)

    def pep508(self, where: str, item: str, group: str) -> None:
        try:
            self.packages.append(pep508_package(item, group=group))
        except DependencyAnalysisError as exc:
            self.errors.append(f"{self.path}: {where}: {exc.message}")

    def result(self, manager: str, **extra: tuple[str, ...]) -> DependencyFile:
        return DependencyFile(manager=manager, file=self.path, packages=tuple(self.packages),
                              error=summarize_errors(self.errors), **extra)


# --- pyproject.toml --------------------------------------------------------------------------
def parse_pyproject(path: str, text: str) -> DependencyFile:
    """PEP 621 ``[project]``, PEP 735 ``[dependency-groups]``, Poetry, PDM/uv and build deps."""
    data = load_toml(path, text)
    sink = Sink(path)
    project = table(data, "project")
    if "dependencies" in project:
        sink.pep508_list("project.dependencies", project["dependencies"], "")
    for extra, items in table(project, "optional-dependencies").items():
        sink.pep508_list(f"project.optional-dependencies.{extra}", items,
                         f"optional:{python_name(extra)}")
    _dependency_groups(sink, table(data, "dependency-groups"))
    _poetry(sink, table(data, "tool", "poetry"))
    for name, reqs in table(data, "tool", "pdm", "dev-dependencies").items():
        sink.pep508_list(f"tool.pdm.dev-dependencies.{name}", reqs, f"group:{python_name(name)}")
    uv_dev = table(data, "tool", "uv").get("dev-dependencies")
    if uv_dev is not None:
        sink.pep508_list("tool.uv.dev-dependencies", uv_dev, "dev")
    build = table(data, "build-system")
    if "requires" in build:
        sink.pep508_list("build-system.requires", build["requires"], "build")
    return sink.result("poetry" if "poetry" in table(data, "tool") else "pep621")


def _dependency_groups(sink: Sink, groups: Mapping[str, Any]) -> None:
    """PEP 735: each group lists its full set, ``{include-group = ...}`` expanded.

    Each group is expanded once and remembered, and its list keeps each requirement once, so a
    chain of groups that each include the next twice costs linear, not exponential, work.
    """
    by_name = {python_name(name): items for name, items in groups.items()}
    done: dict[str, list[str]] = {}
    for name in by_name:
        for item in _expand_group(sink, by_name, name, (), done):
            sink.pep508(f"dependency-groups.{name}", item, f"group:{name}")


def _expand_group(sink: Sink, groups: Mapping[str, Any], name: str,
                  seen: tuple[str, ...], done: dict[str, list[str]]) -> list[str]:
    if name in done:
        return done[name]
    if name in seen:
        sink.errors.append(f"{sink.path}: dependency-groups: include cycle "
                           f"{' -> '.join((*seen, name))}")
        return []
    items = groups[name]
    if not isinstance(items, list):
        sink.errors.append(f"{sink.path}: dependency-groups.{name}: expected a list")
        done[name] = []
        return []
    out: dict[str, None] = {}  # ordered set: a requirement reached twice is listed once
    for item in items:
        if isinstance(item, str):
            out[item] = None
        elif isinstance(item, Mapping) and isinstance(item.get("include-group"), str):
            target = python_name(item["include-group"])
            if target not in groups:
                sink.errors.append(f"{sink.path}: dependency-groups.{name}: includes unknown "
                                   f"group {clip(target)!r}")
                continue
            out.update(dict.fromkeys(_expand_group(sink, groups, target, (*seen, name), done)))
        else:
            sink.errors.append(f"{sink.path}: dependency-groups.{name}: entry is neither a "
                               "requirement nor {include-group = ...}")
    done[name] = list(out)
    return done[name]


def _poetry(sink: Sink, poetry: Mapping[str, Any]) -> None:
    """``[tool.poetry.dependencies]``, legacy dev-dependencies and ``group.<name>`` tables."""
    optional_in: dict[str, str] = {}
    for extra, names in table(poetry, "extras").items():
        for name in names if isinstance(names, list) else ():
            if isinstance(name, str):
                optional_in.setdefault(python_name(name), f"optional:{python_name(extra)}")
    _poetry_table(sink, "tool.poetry.dependencies", table(poetry, "dependencies"), "",
                  optional_in)
    _poetry_table(sink, "tool.poetry.dev-dependencies", table(poetry, "dev-dependencies"),
                  "dev", optional_in)
    for group, body in table(poetry, "group").items():
        _poetry_table(sink, f"tool.poetry.group.{group}.dependencies",
                      table(body, "dependencies") if isinstance(body, Mapping) else {},
                      f"group:{python_name(group)}", optional_in)


def _poetry_table(sink: Sink, where: str, deps: Mapping[str, Any], group: str,
                  optional_in: Mapping[str, str]) -> None:
    for raw_name, value in deps.items():
        if raw_name.lower() == "python":  # the interpreter constraint, not a package
            continue
        name = python_name(raw_name)
        for entry in value if isinstance(value, list) else [value]:
            try:
                sink.packages.append(_poetry_package(name, entry, group, optional_in))
            except DependencyAnalysisError as exc:
                sink.errors.append(f"{sink.path}: {where}.{clip(raw_name)}: {exc.message}")


def _poetry_package(name: str, entry: Any, group: str,
                    optional_in: Mapping[str, str]) -> Package:
    """One Poetry constraint: a version string or a table (version/git/path/url/extras/...)."""
    if isinstance(entry, str):
        return Package(name=name, spec=_any_to_empty(entry), group=group)
    if not isinstance(entry, Mapping):
        raise DependencyAnalysisError(f"expected a version string or a table, got "
                                      f"{type(entry).__name__}")
    markers = [entry["markers"]] if isinstance(entry.get("markers"), str) else []
    if isinstance(entry.get("python"), str):
        markers.append(f"python {entry['python']}")  # Poetry syntax, kept as written
    if entry.get("optional") is True and not group:
        group = optional_in.get(name, "optional")
    extras = entry.get("extras", [])
    return Package(name=name, spec=_any_to_empty(_str(entry.get("version", ""))),
                   extras=tuple(sorted(python_name(e) for e in extras if isinstance(e, str)))
                   if isinstance(extras, list) else (),
                   marker=" and ".join(markers), group=group, source=_vcs_source(entry))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise DependencyAnalysisError(f"expected a string, got {type(value).__name__}")
    return value


def _any_to_empty(spec: str) -> str:
    """``"*"`` means any version: the empty spec."""
    return "" if spec.strip() in ("*", "") else spec.strip()


def _vcs_source(entry: Mapping[str, Any]) -> str:
    """``git``/``path``/``file``/``url`` keys as one source string (``git+URL@rev``)."""
    for key in ("git", "hg", "svn", "bzr"):
        if isinstance(entry.get(key), str):
            ref = next((entry[k] for k in ("rev", "tag", "branch", "ref")
                        if isinstance(entry.get(k), str)), "")
            return f"{key}+{entry[key]}" + (f"@{ref}" if ref else "")
    for key in ("path", "file", "url"):
        if isinstance(entry.get(key), str):
            return str(entry[key])
    return ""


# --- setup.cfg -------------------------------------------------------------------------------
def parse_setup_cfg(path: str, text: str) -> DependencyFile:
    """``[options] install_requires`` / ``setup_requires`` / ``tests_require`` and extras."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    # configparser's option regex backtracks quadratically on long inner whitespace runs;
    # collapsing them (indentation kept: it marks continuation lines) changes no requirement.
    text = _INNER_BLANKS_RE.sub(" ", text)
    try:
        parser.read_string(text, source=path)
    except configparser.Error as exc:
        raise DependencyAnalysisError(f"{path}: not a valid setup.cfg: "
                                      f"{clip(str(exc), 200)}") from None
    sink = Sink(path)
    includes: list[str] = []
    base_dir = posixpath.dirname(path.replace("\\", "/"))
    sections = [("options", key, group) for key, group in
                (("install_requires", ""), ("setup_requires", "build"), ("tests_require", "test"))]
    if parser.has_section("options.extras_require"):
        sections += [("options.extras_require", key, f"optional:{python_name(key)}")
                     for key in parser.options("options.extras_require")]
    for section, key, group in sections:
        if not parser.has_option(section, key):
            continue
        value = parser.get(section, key)
        if value.strip().startswith("file:"):  # setuptools reads these files itself
            includes += [relative_to(base_dir, f.strip())
                         for f in value.strip()[5:].split(",") if f.strip()]
            continue
        for item in _setuptools_list(value):
            sink.pep508(f"[{section}] {key}", item, group)
    return sink.result("setuptools", includes=tuple(includes))


def _setuptools_list(value: str) -> list[str]:
    """setuptools' rule: one requirement a line, or ';'-separated on a single line."""
    chunks = value.splitlines() if "\n" in value else value.split(";")
    return [c.strip() for c in chunks if c.strip() and not c.strip().startswith("#")]


# --- Pipfile ---------------------------------------------------------------------------------
def parse_pipfile(path: str, text: str) -> DependencyFile:
    """``[packages]``, ``[dev-packages]`` and pipenv's custom package categories."""
    data = load_toml(path, text)
    sink = Sink(path)
    for category, deps in data.items():
        if category in _PIPFILE_NON_PACKAGE_TABLES or not isinstance(deps, Mapping):
            continue
        group = {"packages": "", "dev-packages": "dev"}.get(category, f"group:{category}")
        for raw_name, value in deps.items():
            try:
                sink.packages.append(_pipfile_package(python_name(raw_name), value, group))
            except DependencyAnalysisError as exc:
                sink.errors.append(f"{path}: [{category}] {clip(raw_name)}: {exc.message}")
    return sink.result("pipenv")


def _pipfile_package(name: str, value: Any, group: str) -> Package:
    if isinstance(value, str):
        return Package(name=name, spec=_any_to_empty(value), group=group)
    if not isinstance(value, Mapping):
        raise DependencyAnalysisError(f"expected a version string or a table, got "
                                      f"{type(value).__name__}")
    parts = [value["markers"]] if isinstance(value.get("markers"), str) else []
    parts += [f"{key} {value[key]}" for key in _PIPFILE_MARKER_KEYS
              if isinstance(value.get(key), str)]
    marker = normalize_marker(" and ".join(f"({p})" for p in parts)) if parts else ""
    extras = value.get("extras", [])
    return Package(name=name, spec=_any_to_empty(_str(value.get("version", ""))),
                   extras=tuple(sorted(python_name(e) for e in extras if isinstance(e, str)))
                   if isinstance(extras, list) else (),
                   marker=marker, group=group, source=_vcs_source(value))
