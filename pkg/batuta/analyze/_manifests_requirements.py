"""Private: pip requirement files and PEP 508 strings turned into ``Package`` records.

Owns the pieces every Python manifest shares: PEP 503 name normalization, one PEP 508 string to
one ``Package``, and the line format of ``requirements*.txt`` as pip reads it (continuations,
comments, ``-r``/``-c`` includes, ``-e``, per-line ``--hash`` options, bare URLs and paths).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from packaging.markers import InvalidMarker, Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from batuta.analyze.results import DependencyFile, Package
from batuta.errors import DependencyAnalysisError
from batuta.limits import MAX_REQUIREMENT_CHARS

MAX_ERRORS_SHOWN = 5
"""How many per-line problems an ``error`` message spells out before it summarizes the rest."""

# MAX_REQUIREMENT_CHARS (batuta.limits): the longest requirement handed to ``packaging`` (real
# ones are under 500 characters); longer ones are refused, so cost stays linear in the size.

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+")
_ARCHIVE_SUFFIXES = (".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar")
_EGG_RE = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._\-]*)(\[[^\]]*\])?")
_PROJECT_NAME_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._\-]*[A-Za-z0-9])?")
_NAME_AT_URL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*\s*(\[[^\]]*\])?\s*@")
_EXTRAS_SUFFIX_RE = re.compile(r"^(?P<base>.*?)\[(?P<extras>[^\[\]]*)\]$")

_INCLUDE_OPTIONS = {"-r": "include", "--requirement": "include",
                    "-c": "constraint", "--constraint": "constraint",
                    "-e": "editable", "--editable": "editable"}
# Options that change where pip looks or how it installs, not what: no package to record.
_IGNORED_OPTIONS = frozenset({
    "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--no-index",
    "--no-binary", "--only-binary", "--prefer-binary", "--require-hashes", "--pre",
    "--trusted-host", "--use-feature", "-Z", "--always-unzip", "--process-dependency-links",
})
_PER_REQUIREMENT_OPTIONS = frozenset({"--hash", "--config-settings", "--global-option",
                                      "--install-option"})


def clip(text: str, limit: int = 80) -> str:
    """A short, single-line rendering of untrusted text for error messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def python_name(name: str) -> str:
    """PEP 503 normalized project name (``Foo_Bar.baz`` -> ``foo-bar-baz``)."""
    return canonicalize_name(name)


def check_length(text: str, what: str = "requirement") -> None:
    """Refuse over-long single entries before any parser sees them.

    Raises:
        DependencyAnalysisError: ``text`` is longer than ``MAX_REQUIREMENT_CHARS``.
    """
    if len(text) > MAX_REQUIREMENT_CHARS:
        raise DependencyAnalysisError(f"{what} is {len(text)} characters long, over the "
                                      f"{MAX_REQUIREMENT_CHARS} bound: {clip(text, 40)!r}")


def strip_comment(line: str) -> str:
    """pip's comment rule: '#' at the start or after whitespace (a URL's '#egg=' survives).

    Written as a scan, not pip's regex ``(^|\\s+)#.*$``, which backtracks quadratically on
    long runs of whitespace.
    """
    index = line.find("#")
    while index != -1:
        if index == 0 or line[index - 1].isspace():
            return line[:index]
        index = line.find("#", index + 1)
    return line


def pep508_package(text: str, *, group: str = "") -> Package:
    """One PEP 508 requirement string as a ``Package``.

    Raises:
        DependencyAnalysisError: the string is not a valid PEP 508 requirement.
    """
    check_length(text)
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "invalid"
        raise DependencyAnalysisError(f"invalid requirement {clip(text)!r}: {reason}") from None
    except RecursionError:
        raise DependencyAnalysisError(f"requirement nests too deeply: {clip(text)!r}") from None
    return Package(
        name=python_name(req.name),
        spec=str(req.specifier),
        extras=tuple(sorted(python_name(e) for e in req.extras)),
        marker=str(req.marker) if req.marker is not None else "",
        group=group,
        source=req.url or "",
    )


def normalize_marker(text: str) -> str:
    """A PEP 508 marker in packaging's normal form.

    Raises:
        DependencyAnalysisError: the marker does not parse.
    """
    check_length(text, "marker")
    try:
        return str(Marker(text))
    except InvalidMarker as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "invalid"
        raise DependencyAnalysisError(f"invalid marker {clip(text)!r}: {reason}") from None
    except RecursionError:
        raise DependencyAnalysisError(f"marker nests too deeply: {clip(text)!r}") from None


def summarize_errors(errors: list[str]) -> str | None:
    """Join per-line problems into one ``DependencyFile.error`` string (None when none)."""
    if not errors:
        return None
    shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
    more = len(errors) - MAX_ERRORS_SHOWN
    return shown + (f" (and {more} more)" if more > 0 else "")


def logical_lines(text: str) -> list[tuple[int, str]]:
    """pip's preprocessing: join ``\\`` continuations, drop comments and blank lines.

    Returns (first physical line number, logical line) pairs.
    """
    joined: list[tuple[int, str]] = []
    pending: list[str] = []
    first = 0
    for number, line in enumerate(text.splitlines(), start=1):
        # As in pip, a comment line ends a continuation even when it ends in a backslash.
        is_comment = line.lstrip().startswith("#")
        if line.endswith("\\") and not is_comment:
            if not pending:
                first = number
            pending.append(line[:-1])
            continue
        if pending:
            pending.append(" " + line if is_comment else line)
            joined.append((first, "".join(pending)))
            pending = []
        else:
            joined.append((number, line))
    if pending:
        joined.append((first, "".join(pending)))
    out = []
    for number, line in joined:
        stripped = strip_comment(line).strip()
        if stripped:
            out.append((number, stripped))
    return out


@dataclass
class Collected:
    """What the lines of one requirements text add up to."""

    packages: list[Package] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def looks_like_location(text: str) -> bool:
    """True for a URL, VCS URL, local path or archive file rather than a project name."""
    return (_URL_RE.match(text) is not None or text.startswith(_VCS_PREFIXES)
            or text.startswith((".", "/", "~", "file:")) or re.match(r"^[A-Za-z]:[\\/]", text)
            is not None or text.lower().endswith(_ARCHIVE_SUFFIXES))


def relative_to(base_dir: str, target: str) -> str:
    """Resolve an included file name against the including file's folder (URLs kept as is)."""
    if _URL_RE.match(target):
        return target
    return posixpath.normpath(posixpath.join(base_dir, target.replace("\\", "/")))


def _split_option(line: str) -> tuple[str, str]:
    """``-rfile``, ``-r file``, ``--requirement=file`` -> (option, value)."""
    if line.startswith("--"):
        head, _, rest = line.partition(" ")
        if "=" in head:
            name, _, value = head.partition("=")
            return name, (value + " " + rest).strip()
        return head, rest.strip()
    if len(line) > 2 and line[2] not in " \t=":
        return line[:2], line[2:].strip()
    return line[:2], line[2:].lstrip(" \t=").strip()


def location_package(text: str, *, group: str = "") -> Package:
    """A requirement given as a URL or path: name from ``#egg=``, the file name, or the path."""
    check_length(text)
    marker = ""
    if " ;" in text or "\t;" in text:  # pip needs whitespace before ';' after a URL
        text, _, marker_text = re.split(r"(\s;)", text, maxsplit=1)
        marker = normalize_marker(marker_text.strip())
        text = text.strip()
    extras: tuple[str, ...] = ()
    egg = _EGG_RE.search(text)
    m = _EXTRAS_SUFFIX_RE.match(text)
    if m and not _URL_RE.match(text):
        text = m.group("base")
        extras = tuple(sorted(python_name(e) for e in m.group("extras").split(",") if e.strip()))
    if egg:
        name = egg.group(1)
        if egg.group(2):
            extras = tuple(sorted(python_name(e) for e in egg.group(2)[1:-1].split(",")
                                  if e.strip()))
    else:
        name = _name_from_location(text)
    normalized = python_name(name) if _PROJECT_NAME_RE.fullmatch(name) else name
    return Package(name=normalized or text, extras=extras, marker=marker, group=group,
                   source=text)


def _name_from_location(text: str) -> str:
    """Best guess at a project name from the last path segment of a URL or path."""
    path = text.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    segment = path.rsplit("/", 1)[-1].split("@", 1)[0]
    if segment.endswith(".whl"):
        return segment.split("-", 1)[0]
    for suffix in _ARCHIVE_SUFFIXES:
        if segment.lower().endswith(suffix):
            stem = segment[: -len(suffix)]
            parts = re.split(r"-(?=\d)", stem, maxsplit=1)
            return parts[0]
    segment = segment.removesuffix(".git")
    return segment if segment not in ("", ".", "..", "~") else text


def collect_line(line: str, base_dir: str, out: Collected, *, group: str = "") -> None:
    """Add one logical requirements line to ``out``.

    Raises:
        DependencyAnalysisError: the line is not valid in a requirements file.
    """
    if line.startswith("-"):
        option, value = _split_option(line)
        kind = _INCLUDE_OPTIONS.get(option)
        if kind is None:
            if option in _IGNORED_OPTIONS:
                return
            raise DependencyAnalysisError(f"unknown option {clip(option)!r}")
        if not value:
            raise DependencyAnalysisError(f"option {option} needs a value")
        if kind == "include":
            out.includes.append(relative_to(base_dir, value))
        elif kind == "constraint":
            out.constraints.append(relative_to(base_dir, value))
        else:
            out.packages.append(_requirement(value.split()[0] if " ;" not in value else value,
                                             group=group))
        return
    args: list[str] = []
    tokens = line.split()
    for index, token in enumerate(tokens):
        if token.startswith("-"):
            _check_per_requirement_options(tokens[index:])
            break
        args.append(token)
    out.packages.append(_requirement(" ".join(args), group=group))


def _check_per_requirement_options(tokens: list[str]) -> None:
    for token in tokens:
        if token.startswith("-") and token.split("=", 1)[0] not in _PER_REQUIREMENT_OPTIONS:
            raise DependencyAnalysisError(f"option {clip(token)!r} is not allowed after a "
                                          "requirement")


def _requirement(text: str, *, group: str) -> Package:
    """A requirement as pip accepts it: PEP 508 first, then URL / path forms."""
    check_length(text)
    if _NAME_AT_URL_RE.match(text):
        return pep508_package(text, group=group)
    if looks_like_location(text):
        return location_package(text, group=group)
    try:
        return pep508_package(text, group=group)
    except DependencyAnalysisError:
        if "/" in text.split(";", 1)[0]:
            return location_package(text, group=group)
        raise


def parse_requirements(path: str, text: str) -> DependencyFile:
    """Parse a ``requirements*.txt`` file; bad lines are reported in ``error``, the rest kept."""
    out = Collected()
    base_dir = posixpath.dirname(path.replace("\\", "/"))
    for number, line in logical_lines(text):
        try:
            collect_line(line, base_dir, out)
        except DependencyAnalysisError as exc:
            out.errors.append(f"{path}: line {number}: {exc.message}")
    return DependencyFile(manager="pip", file=path, packages=tuple(out.packages),
                          error=summarize_errors(out.errors), includes=tuple(out.includes),
                          constraints=tuple(out.constraints))
