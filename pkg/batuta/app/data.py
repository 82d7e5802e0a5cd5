"""App data sources: inline rows, CSV/JSON files inside the app folder, and a project analysis.

Files are read through an :class:`AppFiles` (a folder natively, a path -> bytes mapping in the
browser); both refuse absolute paths and anything that resolves outside the app folder.
``pacha://`` sources are reported as unavailable offline rather than fetched.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from batuta._serialize import to_jsonable
from batuta.analyze._json_shape import check_analysis_json
from batuta.errors import DataSourceError, InvalidArgumentError
from batuta.limits import MAX_DATA_BYTES as MAX_DATA_BYTES
from batuta.limits import MAX_DATA_ROWS

MAX_ROWS = MAX_DATA_ROWS
"""Most rows one source may hold (``batuta.limits.MAX_DATA_ROWS``)."""

_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


class AppFiles(Protocol):
    """Read-only access to the files of one app folder by relative POSIX path."""

    def read(self, rel: str) -> bytes:
        """Bytes of a file inside the app folder (raises :class:`DataSourceError`)."""
        ...


def check_relative(rel: str) -> PurePosixPath:
    """Reject absolute paths, drive letters, URLs and ``..`` that climbs out of the folder."""
    if not rel or "\\" in rel or "\x00" in rel or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", rel):
        raise DataSourceError(f"data path {rel!r} must be a relative path inside the app folder",
                              path=rel)
    path = PurePosixPath(rel)
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if path.is_absolute() or depth < 0:
            raise DataSourceError(f"data path {rel!r} points outside the app folder", path=rel)
    return path


@dataclass(frozen=True)
class FolderFiles:
    """An app folder on disk; symlinks that lead outside it are refused too."""

    root: Path

    def read(self, rel: str) -> bytes:
        check_relative(rel)
        try:
            base = self.root.resolve()
            target = (base / rel).resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before 3.13
            raise DataSourceError(f"{rel}: cannot read ({_why(exc)})", path=rel) from exc
        if not target.is_relative_to(base):
            raise DataSourceError(f"data path {rel!r} resolves outside the app folder", path=rel)
        try:
            # Open without blocking, then insist on a regular file: a FIFO or a device would
            # block (or never end) in read().
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise DataSourceError(f"{rel}: not a regular file", path=rel)
                if info.st_size > MAX_DATA_BYTES:
                    raise DataSourceError(f"{rel}: larger than {MAX_DATA_BYTES} bytes", path=rel)
                data = fh.read(MAX_DATA_BYTES + 1)
        except OSError as exc:
            raise DataSourceError(f"{rel}: cannot read ({_why(exc)})", path=rel) from exc
        if len(data) > MAX_DATA_BYTES:  # it grew since the check
            raise DataSourceError(f"{rel}: larger than {MAX_DATA_BYTES} bytes", path=rel)
        return data


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror
            else "symbolic link loop" if isinstance(exc, RuntimeError) else str(exc))


@dataclass(frozen=True)
class MappingFiles:
    """App files given as ``relative path -> bytes`` (a folder the browser user opened)."""

    files: Mapping[str, bytes]

    def read(self, rel: str) -> bytes:
        clean = str(check_relative(rel))
        for name, data in self.files.items():
            if str(PurePosixPath(name)) == clean:
                if len(data) > MAX_DATA_BYTES:
                    raise DataSourceError(f"{rel}: larger than {MAX_DATA_BYTES} bytes", path=rel)
                return bytes(data)
        raise DataSourceError(f"{rel}: no such file in the app folder", path=rel)


@dataclass(frozen=True)
class DataSpec:
    """One named source as declared under ``data:`` (validated by the schema)."""

    name: str
    kind: str  # "inline" | "csv" | "json" | "analysis" | "pacha"
    rows: tuple[Any, ...] = ()
    path: str = ""


def _cell(text: str) -> Any:
    """CSV cells: empty -> None, numbers -> int/float, everything else stays text."""
    if text == "":
        return None
    if _NUMBER.fullmatch(text):
        try:
            value = int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        except ValueError:
            return text
        return value if not isinstance(value, float) or math.isfinite(value) else text
    return text


def parse_csv(raw: bytes, name: str) -> list[dict[str, Any]]:
    """Rows of a CSV file with a header line; ragged rows are errors, not guesses."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataSourceError(f"{name}: not UTF-8 text (byte {exc.start})", path=name) from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise DataSourceError(f"{name}: empty CSV (a header line is required)", path=name)
        rows: list[dict[str, Any]] = []
        for line_no, record in enumerate(reader, start=2):
            if not record:
                continue
            if len(record) != len(header):
                raise DataSourceError(f"{name}:{line_no}: {len(record)} cells, header has "
                                      f"{len(header)}", path=name, line=line_no)
            rows.append({h: _cell(c) for h, c in zip(header, record, strict=True)})
            if len(rows) > MAX_ROWS:
                raise DataSourceError(f"{name}: more than {MAX_ROWS} rows", path=name)
    except csv.Error as exc:
        raise DataSourceError(f"{name}: malformed CSV: {exc}", path=name) from exc
    return rows


def parse_json(raw: bytes, name: str) -> Any:
    """A JSON data file: a list of row objects, or an object (e.g. a saved analysis)."""
    try:
        value = json.loads(raw.decode("utf-8-sig"),
                           parse_constant=lambda c: _reject_constant(c, name))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DataSourceError(f"{name}: not valid JSON: {exc}", path=name) from exc
    if not isinstance(value, (list, dict)):
        raise DataSourceError(f"{name}: expected a list of rows or an object", path=name)
    if isinstance(value, list) and len(value) > MAX_ROWS:
        raise DataSourceError(f"{name}: more than {MAX_ROWS} rows", path=name)
    return value


def _reject_constant(constant: str, name: str) -> Any:
    raise DataSourceError(f"{name}: {constant} is not valid JSON", path=name)


def _checked_analysis(value: Any, spec: DataSpec) -> dict[str, Any]:
    """An analysis from JSON is untrusted: its shape is checked before any widget reads it."""
    try:
        return check_analysis_json(value)
    except InvalidArgumentError as exc:
        raise DataSourceError(f"data source {spec.name!r}: {exc.message}",
                              source=spec.name) from exc


def load_source(spec: DataSpec, files: AppFiles, *, analysis: Any = None) -> Any:
    """The value of one source: rows (list of dicts) or, for ``analysis``, the analysis object.

    Args:
        spec: the declared source.
        files: the app folder.
        analysis: the current project analysis (a ``ProjectAnalysis`` or its JSON), if any.
    """
    if spec.kind == "inline":
        return [dict(r) if isinstance(r, Mapping) else r for r in spec.rows]
    if spec.kind == "pacha":
        raise DataSourceError(
            f"data source {spec.name!r}: {spec.path} is a Pacha registry URI, which cannot be "
            "fetched offline; copy the dataset into the app folder as CSV or JSON instead",
            source=spec.name, uri=spec.path)
    if spec.kind == "analysis":
        if analysis is not None:
            return _checked_analysis(to_jsonable(analysis), spec)
        if spec.path:
            return _checked_analysis(parse_json(files.read(spec.path), spec.path), spec)
        raise DataSourceError(
            f"data source {spec.name!r} needs the current project analysis: pass --project DIR "
            "(or --analysis FILE), or give the source a 'file:' with a saved analysis",
            source=spec.name)
    raw = files.read(spec.path)
    return parse_csv(raw, spec.path) if spec.kind == "csv" else parse_json(raw, spec.path)


def load_sources(specs: Mapping[str, DataSpec], files: AppFiles, *,
                 analysis: Any = None) -> dict[str, Any]:
    """Load every declared source, by name."""
    return {name: load_source(spec, files, analysis=analysis) for name, spec in specs.items()}
