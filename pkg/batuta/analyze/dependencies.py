"""Dependency manifests: which files are manifests, and what packages each one declares.

Owns the public entry points the project walk calls: ``is_manifest(path)``,
``parse_manifest(path, text)`` and ``resolve_requirements(path, read)``. The format-specific
parsers live in the private ``_manifests_*`` modules. A manifest that does not parse still gives
a ``DependencyFile``, with ``error`` naming the file (and line where known), so one bad file never
stops a project analysis; nothing but ``BatutaError`` is ever raised.

Example:
    >>> parse_manifest("requirements.txt", "Requests[socks]>=2.31\\n").packages[0].name
    'requests'
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from batuta.analyze import _manifests_build as build
from batuta.analyze import _manifests_conda as conda
from batuta.analyze import _manifests_other as other
from batuta.analyze import _manifests_python as python
from batuta.analyze._manifests_requirements import parse_requirements, summarize_errors
from batuta.analyze.results import DependencyFile, Package
from batuta.errors import DependencyAnalysisError, InvalidArgumentError
from batuta.limits import MAX_INCLUDE_DEPTH

Parser = Callable[[str, str], DependencyFile]

# File name -> (manager reported on failure, parser). Registry: one entry per format.
_BY_NAME: dict[str, tuple[str, Parser]] = {
    "pyproject.toml": ("pep621", python.parse_pyproject),
    "setup.cfg": ("setuptools", python.parse_setup_cfg),
    "Pipfile": ("pipenv", python.parse_pipfile),
    "environment.yml": ("conda", conda.parse_environment),
    "environment.yaml": ("conda", conda.parse_environment),
    "Cargo.toml": ("cargo", other.parse_cargo),
    "package.json": ("npm", other.parse_package_json),
    "go.mod": ("go", other.parse_go_mod),
    "pom.xml": ("maven", build.parse_pom),
    "build.gradle": ("gradle", build.parse_gradle),
    "build.gradle.kts": ("gradle", build.parse_gradle),
    "yarn.lock": ("yarn", build.parse_yarn_lock),
    "pnpm-lock.yaml": ("pnpm", build.parse_pnpm_lock),
    "uv.lock": ("uv", build.parse_toml_lock),
    "poetry.lock": ("poetry", build.parse_toml_lock),
    "Makefile": ("make", build.parse_makefile),
    "makefile": ("make", build.parse_makefile),
    "GNUmakefile": ("make", build.parse_makefile),
}
LOCK_FILES = frozenset({"yarn.lock", "pnpm-lock.yaml", "uv.lock", "poetry.lock"})
"""Lock files read for their resolved versions; their lines are generated, never counted."""
_REQUIREMENTS: tuple[str, Parser] = ("pip", parse_requirements)
# requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements_test.txt, ...
# ... and pip-tools' inputs: requirements.in, requirements-dev.in, ...
_REQUIREMENTS_RE = re.compile(r"^(?:.*[-_.])?requirements(?:[-_.].*)?\.(?:txt|in)$",
                              re.IGNORECASE)

# ``-r`` chains deeper than MAX_INCLUDE_DEPTH are reported instead of followed (batuta.limits).


def _parser_for(path: str) -> tuple[str, Parser] | None:
    parts = path.replace("\\", "/").rstrip("/").split("/")
    name = parts[-1]
    if name in _BY_NAME:
        return _BY_NAME[name]
    if _REQUIREMENTS_RE.match(name):
        return _REQUIREMENTS
    if len(parts) >= 2 and parts[-2].lower() == "requirements" and name.lower().endswith(
            (".txt", ".in")):
        return _REQUIREMENTS
    return None


def is_manifest(path: str) -> bool:
    """True when the file name (at any depth) is a dependency manifest Batuta reads.

    Args:
        path: relative or absolute path, ``/`` or ``\\`` separated.

    Returns:
        True for ``requirements*.txt``/``.in`` (and those inside a ``requirements/`` folder),
        ``pyproject.toml``, ``setup.cfg``, ``Pipfile``, ``environment.yml``/``.yaml``,
        ``Cargo.toml``, ``package.json``, ``go.mod``, ``pom.xml``, ``build.gradle(.kts)``,
        ``yarn.lock``, ``pnpm-lock.yaml``, ``uv.lock``, ``poetry.lock`` and ``Makefile``.
    """
    return _parser_for(path) is not None


def parse_manifest(path: str, text: str) -> DependencyFile:
    """Parse one manifest's text.

    Args:
        path: the manifest's path (its file name picks the format; it is also reported).
        text: the file's decoded text.

    Returns:
        The declared packages. When the file does not parse, ``packages`` holds what could be
        read (often nothing) and ``error`` says what is wrong, naming file and line.

    Raises:
        InvalidArgumentError: ``path`` is not a manifest name (check with ``is_manifest``).
    """
    found = _parser_for(path)
    if found is None:
        raise InvalidArgumentError(f"{path!r} is not a dependency manifest Batuta reads",
                                   path=path)
    manager, parser = found
    # Editors on Windows save a BOM; TOML and JSON parsers refuse it, pip strips it.
    text = text.removeprefix("\ufeff")
    try:
        return parser(path, text)
    except DependencyAnalysisError as exc:
        return DependencyFile(manager=manager, file=path, packages=(), error=exc.message)


def resolve_requirements(path: str, read: Callable[[str], str | None]) -> DependencyFile:
    """Parse a manifest and every requirements file it includes, recursively.

    Includes are ``-r`` lines of requirements files, ``-r`` lines in the ``pip:`` list of an
    ``environment.yml``, and ``file:`` values in ``setup.cfg``; each included file is read as a
    pip requirements file, whatever its name.

    Args:
        path: the top file: any manifest (parsed by its name), else read as requirements.
        read: returns a file's text for a path relative to the same root, or None when the file
            is missing or unreadable. URLs are never fetched (Batuta downloads nothing).

    Returns:
        One ``DependencyFile`` for ``path`` whose packages are its own followed by those of its
        includes (depth first, each file once: cycles are cut); ``includes`` lists every file
        followed; ``constraints`` every ``-c`` file named; problems are joined in ``error``.
    """
    errors: list[str] = []
    packages: list[Package] = []
    visited: list[str] = []
    constraints: list[str] = []
    manager = _follow(posixpath.normpath(path.replace("\\", "/")), read, visited, packages,
                      constraints, errors, depth=0, parent=None)
    return DependencyFile(manager=manager, file=path, packages=tuple(packages),
                          error=summarize_errors(errors), includes=tuple(visited[1:]),
                          constraints=tuple(dict.fromkeys(constraints)))


def _follow(path: str, read: Callable[[str], str | None], visited: list[str],
            packages: list[Package], constraints: list[str], errors: list[str], *, depth: int,
            parent: str | None) -> str:
    """Read ``path`` and its includes depth first; returns the manager of ``path``."""
    found = _parser_for(path) if parent is None else None  # includes are always pip format
    top = found is not None
    manager = found[0] if found is not None else "pip"
    if path in visited:
        return manager
    if depth > MAX_INCLUDE_DEPTH:
        errors.append(f"{parent}: includes nest deeper than {MAX_INCLUDE_DEPTH}; {path} not read")
        return manager
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", path):
        errors.append(f"{parent}: include {path} is a URL; Batuta does not download it")
        return manager
    text = read(path)
    if text is None:
        errors.append(f"{parent}: included file {path} not found or unreadable"
                      if parent else f"{path}: not found or unreadable")
        return manager
    visited.append(path)
    parsed = parse_manifest(path, text) if top else parse_manifest_as_requirements(path, text)
    packages.extend(parsed.packages)
    constraints.extend(parsed.constraints)
    if parsed.error:
        errors.append(parsed.error)
    for include in parsed.includes:
        _follow(include, read, visited, packages, constraints, errors, depth=depth + 1,
                parent=path)
    return parsed.manager


def parse_manifest_as_requirements(path: str, text: str) -> DependencyFile:
    """Parse ``text`` as a pip requirements file whatever the file is called (``-r`` targets
    such as ``base.in`` or ``constraints.txt`` need not match the requirements name pattern)."""
    return parse_requirements(path, text.removeprefix("\ufeff"))
