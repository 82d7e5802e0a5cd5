"""Safe YAML loading for app files: plain data plus the line and column of every value.

The loading itself (compose with ruamel.yaml, then our own budgeted walker: core-schema tags only,
node/alias/depth budgets, bounded numbers, no merge keys) lives in :mod:`batuta._safe_yaml`, which
the analysis core shares for YAML manifests. This module adds the app file's size bound and
decoding, and keeps the names the schema and views import.
"""

from __future__ import annotations

import stat
from pathlib import Path

from batuta._safe_yaml import Located, Path_, format_path, safe_load
from batuta.errors import AppValidationError, UnsafeYamlError
from batuta.limits import MAX_YAML_ALIASES as MAX_ALIASES
from batuta.limits import MAX_YAML_BYTES
from batuta.limits import MAX_YAML_DEPTH as MAX_DEPTH
from batuta.limits import MAX_YAML_NODES as MAX_NODES

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_NODES", "MAX_YAML_BYTES", "Located", "Path_",
           "format_path", "load_yaml_bytes", "load_yaml_file"]


def load_yaml_file(path: str | Path) -> Located:
    """Read and safely load a YAML file (bounded to :data:`MAX_YAML_BYTES`)."""
    p = Path(path)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block the read forever
            raise AppValidationError(f"{p}: not a regular file", file=str(p))
        size = info.st_size
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
    return safe_load(text, file)


def _too_large(file: str, size: int) -> UnsafeYamlError:
    return UnsafeYamlError(
        f"{file}: {size} bytes is over the {MAX_YAML_BYTES} byte bound for app files",
        file=file, size=size, limit=MAX_YAML_BYTES)
