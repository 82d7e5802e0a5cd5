"""Safe, budgeted YAML for every YAML Batuta reads: app files and YAML manifests alike.

ruamel.yaml (pure mode) only *composes* the document into nodes here; the nodes are turned into
plain Python values by our own walker, which accepts only the YAML core-schema tags (so unknown
tags such as ``!!python/object`` are rejected, never constructed), spends a node budget (so
anchor/alias bombs and merge-key fan-out stop early instead of expanding exponentially), bounds
nesting depth (so a recursive alias cannot loop) and bounds numeric scalars (a malformed or
5,000-digit number is a typed error with its line and column, never a ``ValueError``). Every
value's position is kept in :class:`Located` for error messages. Merge keys (``<<``) are refused.

This module sits outside ``app/`` so the analysis core (``environment.yml``, ``pnpm-lock.yaml``)
uses the same loader as the apps without importing presentation code.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from batuta.errors import AppValidationError, UnsafeYamlError
from batuta.limits import (
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    MAX_YAML_NUMBER_CHARS,
)

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Located:
    """A loaded document: plain data, the file name, and ``path -> (line, column)`` (1-based)."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest located ancestor."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def error(self, path: Path_, message: str) -> AppValidationError:
        """An :class:`AppValidationError` naming file, line, column and the key path."""
        line, col = self.where(path)
        dotted = format_path(path) or "<document>"
        return AppValidationError(
            f"{self.file}:{line}:{col}: {dotted}: {message}",
            file=self.file, line=line, column=col, path=dotted,
        )


def format_path(path: Path_) -> str:
    """``("layout", "sections", 0, "id")`` -> ``layout.sections[0].id``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def safe_load(text: str, file: str, *, max_nodes: int = MAX_YAML_NODES) -> Located:
    """Compose ``text`` and walk it into plain values under the budgets.

    Raises:
        UnsafeYamlError: unknown tag, merge key, alias bomb, too deep, bad number.
        AppValidationError: not well-formed YAML, or a duplicate key (with line and column).
    """
    try:
        with warnings.catch_warnings():  # e.g. a reused anchor: legal YAML, noise on stderr
            warnings.simplefilter("ignore")
            node = YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "malformed YAML"
        raise AppValidationError(f"{file}:{line}:{col}: {what}", file=file, line=line,
                                 column=col) from exc
    except (YAMLError, RecursionError, ValueError) as exc:
        raise AppValidationError(f"{file}: malformed YAML: {exc}", file=file) from exc
    located = Located(None, file, {})
    if node is None:
        return located
    walker = _Walker(file, located.marks, max_nodes)
    return Located(walker.value(node, (), 0), file, located.marks)


class _Walker:
    """Turns composed nodes into plain values under the node, alias and depth budgets."""

    def __init__(self, file: str, marks: dict[Path_, tuple[int, int]],
                 max_nodes: int = MAX_YAML_NODES) -> None:
        self.file = file
        self.max_nodes = max_nodes
        self.marks = marks
        self.nodes = 0
        self.seen: set[int] = set()
        self.aliases = 0

    def _unsafe(self, node: Node, message: str) -> UnsafeYamlError:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return UnsafeYamlError(f"{self.file}:{line}:{col}: {message}", file=self.file,
                               line=line, column=col)

    def value(self, node: Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if id(node) in self.seen:  # the same node reached again: an alias
            self.aliases += 1
        self.seen.add(id(node))
        if self.nodes > self.max_nodes or self.aliases > MAX_YAML_ALIASES:
            raise self._unsafe(node, "too many nodes or alias expansions (anchor/alias bomb?)")
        if depth > MAX_YAML_DEPTH:
            raise self._unsafe(node, f"nested deeper than {MAX_YAML_DEPTH} levels "
                                     "(recursive alias?)")
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        tag = str(node.tag)
        if isinstance(node, MappingNode):
            return self._mapping(node, tag, path, depth)
        if isinstance(node, SequenceNode):
            if tag not in (_TAG + "seq", "!", "?"):
                raise self._unsafe(node, f"unknown tag {tag!r} (only core YAML types allowed)")
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return self._scalar(node, tag)
        raise self._unsafe(node, "unsupported YAML node")

    def _mapping(self, node: MappingNode, tag: str, path: Path_, depth: int) -> dict[str, Any]:
        if tag not in (_TAG + "map", "!", "?"):
            raise self._unsafe(node, f"unknown tag {tag!r} (only core YAML types allowed)")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if str(key_node.tag) == _TAG + "merge":
                raise self._unsafe(key_node, "merge keys (<<) are not supported")
            if not isinstance(key_node, ScalarNode):
                raise self._unsafe(key_node, "mapping keys must be plain scalars")
            key = self._scalar(key_node, str(key_node.tag))
            key = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            if key in out:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise AppValidationError(
                    f"{self.file}:{line}:{col}: duplicate key {key!r}", file=self.file,
                    line=line, column=col)
            self.marks[(*path, key)] = (value_node.start_mark.line + 1,
                                        value_node.start_mark.column + 1)
            out[key] = self.value(value_node, (*path, key), depth + 1)
        return out

    def _scalar(self, node: ScalarNode, tag: str) -> Any:
        text: str = node.value
        if node.style == ">":  # the round-trip scanner marks fold points with BEL; drop them
            text = text.replace("\a", "")
        if tag in (_TAG + "str", "!"):
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return text.lower() in ("true", "yes", "on")
        if tag in (_TAG + "int", _TAG + "float"):
            return self._number(node, tag, text)
        raise self._unsafe(node, f"unknown tag {tag!r} (only core YAML types allowed)")

    def _number(self, node: ScalarNode, tag: str, text: str) -> int | float:
        kind = "integer" if tag == _TAG + "int" else "float"
        if len(text) > MAX_YAML_NUMBER_CHARS:
            raise self._unsafe(node, f"a {len(text):,}-character {kind} is over the "
                                     f"{MAX_YAML_NUMBER_CHARS} bound")
        try:
            return _to_int(text) if kind == "integer" else _to_float(text)
        except ValueError:
            raise self._unsafe(node, f"{text[:40]!r} is not a valid {kind}") from None


_INT_FORMS = (
    (re.compile(r"[-+]?0x[0-9a-f]+"), 16), (re.compile(r"[-+]?0o[0-7]+"), 8),
    (re.compile(r"[-+]?0b[01]+"), 2), (re.compile(r"[-+]?[0-9]+"), 10),
)
_FLOAT_FORM = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?")


def _to_int(text: str) -> int:
    """A YAML integer (``_`` separators allowed); ValueError for anything else."""
    clean = text.replace("_", "").lower()
    for form, base in _INT_FORMS:
        if form.fullmatch(clean):
            sign = -1 if clean.startswith("-") else 1
            digits = clean.lstrip("+-")
            return sign * int(digits[2:] if base != 10 else digits, base)
    raise ValueError(text)


def _to_float(text: str) -> float:
    low = text.replace("_", "").lower()
    if low in (".nan", "+.nan", "-.nan"):
        return math.nan
    if low.lstrip("+-") == ".inf":
        return -math.inf if low.startswith("-") else math.inf
    if not _FLOAT_FORM.fullmatch(low):
        raise ValueError(text)
    return float(low)
