"""The source list of a survey: folders, archives and text files that list them, one per line.

Each source gets a stable identity, ``location`` (its resolved absolute path), and a
``fingerprint`` that changes when the source does (an archive's size and modification time, a
folder's modification time). The store keys results by location and re-runs a source only when
its fingerprint differs from the recorded one, which is how an interrupted survey resumes.

Nothing here reads a source's contents: a missing or unreadable path is still a source, and the
worker that analyzes it records why it failed, so one bad entry never stops a survey.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from batuta.errors import InputTooLargeError, InvalidArgumentError, SourceNotFoundError

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
MAX_LIST_BYTES = 64 * 1024 * 1024  # a list of a million long paths still fits
KINDS = ("folder", "archive", "other")


@dataclass(frozen=True)
class Source:
    """One thing to analyze.

    ``kind`` is ``folder``, ``archive`` (a regular file, read by the archive reader) or
    ``other`` (missing, a FIFO, a device: the worker records the error).
    """

    location: str
    kind: str
    fingerprint: str


def is_archive_name(name: str) -> bool:
    """Whether a file name ends like an archive the reader understands."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def describe(path: str | os.PathLike[str]) -> Source:
    """The ``Source`` for one path as it is now (never raises for a bad path).

    Example:
        >>> describe("/no/such/folder").kind
        'other'
    """
    resolved = Path(path).expanduser().resolve(strict=False)
    try:
        st = resolved.stat()
    except OSError as exc:
        return Source(str(resolved), "other", f"missing:{exc.errno}")
    if stat.S_ISDIR(st.st_mode):
        return Source(str(resolved), "folder", f"folder:{st.st_mtime_ns}")
    if stat.S_ISREG(st.st_mode):
        return Source(str(resolved), "archive", f"file:{st.st_size}:{st.st_mtime_ns}")
    return Source(str(resolved), "other", f"special:{stat.S_IFMT(st.st_mode)}")


def expand(arguments: Iterable[str]) -> list[Source]:
    """The sources named on a command line, lists expanded, each location once, in order.

    A folder or a file with an archive suffix is a source; any other regular file is a list of
    sources (one path a line; blank lines and ``#`` comments ignored; relative paths are relative
    to the list's folder). A path that does not exist is kept as a source that will fail.

    Raises:
        InvalidArgumentError: No sources, or a list that is not UTF-8 text.
        InputTooLargeError: A list file larger than ``MAX_LIST_BYTES``.
    """
    seen: set[str] = set()
    out: list[Source] = []
    for source in _expand_all(arguments):
        if source.location not in seen:
            seen.add(source.location)
            out.append(source)
    if not out:
        raise InvalidArgumentError("no sources to survey: name folders, archives or list files")
    return out


def _expand_all(arguments: Iterable[str]) -> Iterator[Source]:
    for argument in arguments:
        source = describe(argument)
        if source.kind == "archive" and not is_archive_name(source.location):
            yield from (describe(p) for p in read_list(Path(source.location)))
        else:
            yield source


def read_list(path: Path) -> list[Path]:
    """The paths a list file names, relative ones resolved against the list's folder.

    Raises:
        InvalidArgumentError: The file is not UTF-8 text or holds a NUL byte.
        InputTooLargeError: The file is larger than ``MAX_LIST_BYTES``.
        SourceNotFoundError: The file cannot be read.
    """
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise SourceNotFoundError(f"cannot read the source list {path}: {exc.strerror or exc}",
                                  path=str(path)) from exc
    if len(data) > MAX_LIST_BYTES:
        raise InputTooLargeError(f"source list {path} is larger than {MAX_LIST_BYTES} bytes",
                                 path=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidArgumentError(f"{path} is neither a folder, an archive (by its suffix: "
                                   f"{', '.join(ARCHIVE_SUFFIXES)}) nor a UTF-8 list of "
                                   "sources", path=str(path)) from exc
    if "\x00" in text:
        raise InvalidArgumentError(f"source list {path} contains a NUL byte", path=str(path))
    lines = (line.strip() for line in text.splitlines())
    return [path.parent / line for line in lines if line and not line.startswith("#")]


__all__ = ["ARCHIVE_SUFFIXES", "Source", "describe", "expand", "is_archive_name", "read_list"]
