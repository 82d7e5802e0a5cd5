"""Private: conda's ``environment.yml``: match specs under ``dependencies`` and the ``pip:`` list.

YAML is read by the same safe, budgeted loader as the apps (``batuta._safe_yaml``: core tags only,
a node budget that aliases spend per use, no merge keys), so an alias bomb or a merge-key fan-out
stops at once with an error instead of running for minutes inside a YAML constructor. Channels
and variables are ignored.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import Any

from batuta._safe_yaml import safe_load
from batuta.analyze._manifests_python import Sink
from batuta.analyze._manifests_requirements import Collected, check_length, clip, collect_line
from batuta.analyze.results import DependencyFile, Package
from batuta.errors import BatutaError, DependencyAnalysisError
from batuta.limits import MAX_MANIFEST_YAML_NODES

_CONDA_BRACKET_VERSION_RE = re.compile(r"""\bversion\s*=\s*(['"])(.*?)\1""")


def parse_environment(path: str, text: str) -> DependencyFile:
    """Conda ``dependencies`` (match specs) and the ``pip:`` sub-list; channels ignored."""
    data = _load_yaml(path, text)
    if data is None:
        return DependencyFile(manager="conda", file=path, packages=())
    if not isinstance(data, Mapping):
        raise DependencyAnalysisError(f"{path}: top level is not a mapping")
    deps = data.get("dependencies") or []  # "dependencies:" with nothing under it is None
    if not isinstance(deps, list):
        raise DependencyAnalysisError(f"{path}: 'dependencies' is not a list")
    sink = Sink(path)
    pip = Collected()
    base_dir = posixpath.dirname(path.replace("\\", "/"))
    for index, entry in enumerate(deps):
        where = f"{path}: dependencies[{index}]"
        if isinstance(entry, Mapping) and list(entry) == ["pip"] and isinstance(entry["pip"],
                                                                                list):
            _pip_sublist(where, entry["pip"], base_dir, pip)
        elif isinstance(entry, str):
            try:
                sink.packages.append(conda_package(str(entry)))
            except DependencyAnalysisError as exc:
                sink.errors.append(f"{where}: {exc.message}")
        else:  # never str() an unknown node: aliases could make it enormous
            sink.errors.append(f"{where}: unexpected {type(entry).__name__} entry")
    sink.packages += pip.packages
    sink.errors += pip.errors
    return sink.result("conda", includes=tuple(pip.includes),
                       constraints=tuple(pip.constraints))


def _pip_sublist(where: str, items: list[Any], base_dir: str, out: Collected) -> None:
    for sub, item in enumerate(items):
        if not isinstance(item, str):
            out.errors.append(f"{where}.pip[{sub}]: not a string: {type(item).__name__}")
            continue
        try:
            collect_line(item.strip(), base_dir, out, group="pip")
        except DependencyAnalysisError as exc:
            out.errors.append(f"{where}.pip[{sub}]: {exc.message}")


def _load_yaml(path: str, text: str) -> Any:
    """YAML manifest through the shared safe loader; every refusal becomes a manifest error."""
    try:
        return safe_load(text, path, max_nodes=MAX_MANIFEST_YAML_NODES).data
    except BatutaError as exc:
        raise DependencyAnalysisError(f"{path}: not valid YAML: "
                                      f"{clip(exc.message, 200)}") from None


def conda_package(spec: str) -> Package:
    """A conda match spec: ``numpy``, ``numpy=1.26``, ``numpy>=1.2,<2``, ``numpy 1.26 py311_0``,
    ``conda-forge::numpy=1.26=build``, ``numpy[version='>=1.2']``.

    Conda names are kept (lower-cased, not PEP 503: ``_`` is meaningful there); the build string
    is dropped, the version part kept as written.
    """
    text = spec.strip()
    check_length(text, "conda spec")
    _, sep, rest = text.rpartition("::")  # the channel prefix does not name the package
    text = rest.strip() if sep else text
    bracket = ""
    if "[" in text and text.endswith("]"):
        text, _, bracket = text.partition("[")
        bracket = bracket[:-1]
    name, version = _conda_split(text)
    if not name:
        raise DependencyAnalysisError(f"not a conda package spec: {clip(spec)!r}")
    if bracket and not version:
        version = _conda_bracket_version(bracket)
    return Package(name=name.lower(), spec=version)


def _conda_split(text: str) -> tuple[str, str]:
    """Split ``name`` from the version part, dropping a build string."""
    index = 0
    while index < len(text) and (text[index].isalnum() or text[index] in "._-"):
        index += 1
    name, rest = text[:index], text[index:].strip()
    if rest and rest[0] not in "=<>!~" and not rest[0].isdigit() and rest[0] != "*":
        return "", ""
    if " " in rest:  # "1.26 py311_0": version then build
        rest = rest.split()[0]
    if rest.startswith("=") and not rest.startswith("==") and rest.count("=") >= 2:
        rest = "=" + rest[1:].split("=", 1)[0]  # "=1.26=py311_0" -> "=1.26"
    elif rest.startswith("==") and "=" in rest[2:]:
        rest = "==" + rest[2:].split("=", 1)[0]
    return name, rest


def _conda_bracket_version(bracket: str) -> str:
    found = _CONDA_BRACKET_VERSION_RE.search(bracket)
    return found.group(2) if found else ""
