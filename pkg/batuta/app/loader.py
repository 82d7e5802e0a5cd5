"""Safe YAML loading for app files: plain data plus the line and column of every value.

ruamel.yaml (pure mode) only *composes* the document into nodes here; the nodes are turned into
plain Python values by our own walker, which accepts only the YAML core-schema tags (so unknown
tags such as ``!!python/object`` are rejected, never constructed), spends a node budget (so
anchor/alias bombs stop early instead of expanding exponentially) and bounds nesting depth (so a
recursive alias cannot loop). Every value's position is kept in :class:`Located` for the schema's
error messages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from batuta.errors import AppValidationError, UnsafeYamlError

MAX_YAML_BYTES = 10 * 1024 * 1024
"""Largest app file accepted (10 MB)."""
MAX_NODES = 100_000
"""Node budget: each value visited counts once per path it is reached by (aliases included)."""
MAX_ALIASES = 1_000
"""Most alias references one document may hold; real app files use a handful."""
MAX_DEPTH = 64
"""Deepest nesting accepted; also what stops recursive aliases."""

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


def load_yaml_file(path: str | Path) -> Located:
    """Read and safely load a YAML file (bounded to :data:`MAX_YAML_BYTES`)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_YAML_BYTES:
            raise _too_large(str(p), size)
        raw = p.read_bytes()
    except OSError as exc:
        raise AppValidationError(f"{p}: cannot read app file: {exc.strerror}", file=str(p)) from exc
    return load_yaml_bytes(raw, str(p))


def load_yaml_bytes(raw: bytes | str, file: str = "app.yaml") -> Located:
    """Safely load YAML text; see the module docstring for what is rejected.

    Raises:
        UnsafeYamlError: too large, unknown tag, alias bomb, too deep.
        AppValidationError: not UTF-8 or not well-formed YAML (with line and column).
    """
    if len(raw) > MAX_YAML_BYTES:
        raise _too_large(file, len(raw))
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AppValidationError(
                f"{file}: not UTF-8 text (byte {exc.start})", file=file) from exc
    else:
        text = raw
    try:
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
    walker = _Walker(file, located.marks)
    return Located(walker.value(node, (), 0), file, located.marks)


def _too_large(file: str, size: int) -> UnsafeYamlError:
    return UnsafeYamlError(
        f"{file}: {size} bytes is over the {MAX_YAML_BYTES} byte bound for app files",
        file=file, size=size, limit=MAX_YAML_BYTES)


class _Walker:
    """Turns composed nodes into plain values under the node, alias and depth budgets."""

    def __init__(self, file: str, marks: dict[Path_, tuple[int, int]]) -> None:
        self.file = file
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
        if self.nodes > MAX_NODES or self.aliases > MAX_ALIASES:
            raise self._unsafe(node, "too many nodes or alias expansions (anchor/alias bomb?)")
        if depth > MAX_DEPTH:
            raise self._unsafe(node, f"nested deeper than {MAX_DEPTH} levels (recursive alias?)")
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
                raise self._unsafe(key_node, "merge keys (<<) are not supported in app files")
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
        if tag == _TAG + "int":
            return _to_int(text)
        if tag == _TAG + "float":
            return _to_float(text)
        raise self._unsafe(node, f"unknown tag {tag!r} (only core YAML types allowed)")


def _to_int(text: str) -> int:
    clean = text.replace("_", "")
    low = clean.lower().lstrip("+-")
    if low.startswith(("0x", "0o", "0b")):
        sign = -1 if clean.startswith("-") else 1
        return sign * int(low, 0)
    return int(clean, 10)


def _to_float(text: str) -> float:
    low = text.replace("_", "").lower()
    if low in (".nan", "+.nan", "-.nan"):
        return math.nan
    if low.lstrip("+-") == ".inf":
        return -math.inf if low.startswith("-") else math.inf
    return float(low)
