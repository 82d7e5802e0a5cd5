"""Two views of a source tree behind one interface: a real directory and an uploaded mapping.

The walk (``analyze.walk``) sees only ``scandir`` / ``read`` / ``is_virtualenv``, so a folder on
disk and the same folder dropped in the browser give identical results.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from batuta.errors import InvalidArgumentError, UnsafeArchiveError


@dataclass(frozen=True)
class Entry:
    """One directory entry. ``kind`` is "file", "dir", or the reason a link/special is skipped."""

    name: str
    kind: str
    size: int = 0


class SourceFs(Protocol):
    """What the walk needs from a tree; paths are relative POSIX paths, "" is the root."""

    def scandir(self, directory: str) -> list[Entry]: ...

    def read(self, path: str, limit: int) -> bytes: ...

    def is_virtualenv(self, directory: str) -> bool: ...


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class DirFs:
    """A directory on disk. Symbolic links are reported, never followed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _full(self, path: str) -> str:
        return os.path.join(self.root, path) if path else str(self.root)

    def scandir(self, directory: str) -> list[Entry]:
        with os.scandir(self._full(directory)) as it:
            return sorted((_dir_entry(e) for e in it), key=lambda e: e.name)

    def read(self, path: str, limit: int) -> bytes:
        # O_NONBLOCK: a file swapped for a FIFO after listing must not block the open;
        # O_NOFOLLOW: nor may one swapped for a link lead outside the tree.
        fd = os.open(self._full(path), os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _CLOEXEC)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            chunks: list[bytes] = []
            left = limit
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def is_virtualenv(self, directory: str) -> bool:
        return os.path.isfile(os.path.join(self._full(directory), "pyvenv.cfg"))


def _dir_entry(entry: os.DirEntry[str]) -> Entry:
    name = entry.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        safe = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return Entry(safe, "file name is not valid UTF-8")
    try:
        if entry.is_symlink():
            return Entry(name, _link_kind(entry.path))
        if entry.is_dir(follow_symlinks=False):
            return Entry(name, "dir")
        if entry.is_file(follow_symlinks=False):
            return Entry(name, "file", entry.stat(follow_symlinks=False).st_size)
    except OSError as exc:
        return Entry(name, f"unreadable: {exc.strerror or exc}")
    return Entry(name, "not a regular file (device, FIFO or socket)")


def _link_kind(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link"
    return "symbolic link (not followed)"


class MappingFs:
    """An upload: relative path -> bytes. Keys are checked and normalized once, up front."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files: dict[str, bytes] = {}
        self.dirs: dict[str, dict[str, Entry]] = {"": {}}
        for key, value in files.items():
            self._add(normalize_upload_path(key), value)

    def _add(self, path: str, value: object) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise InvalidArgumentError(
                f"content of {path!r} must be bytes, not {type(value).__name__}", path=path)
        if path in self.files or path in self.dirs:
            raise InvalidArgumentError(f"{path!r} is given twice or is also a folder", path=path)
        data = bytes(value)
        parent, _, name = path.rpartition("/")
        self._ensure_dir(parent, path)
        self.dirs[parent][name] = Entry(name, "file", len(data))
        self.files[path] = data

    def _ensure_dir(self, directory: str, for_path: str) -> None:
        missing: list[str] = []
        while directory not in self.dirs:  # a loop, not recursion: paths may be very deep
            if directory in self.files:
                raise InvalidArgumentError(
                    f"{directory!r} is a file but {for_path!r} puts files inside it",
                    path=directory)
            missing.append(directory)
            directory = directory.rpartition("/")[0]
        for new in reversed(missing):
            parent, _, name = new.rpartition("/")
            self.dirs[new] = {}
            self.dirs[parent][name] = Entry(name, "dir")

    def scandir(self, directory: str) -> list[Entry]:
        return sorted(self.dirs[directory].values(), key=lambda e: e.name)

    def read(self, path: str, limit: int) -> bytes:
        return self.files[path][:limit]

    def is_virtualenv(self, directory: str) -> bool:
        return f"{directory}/pyvenv.cfg" in self.files


def normalize_upload_path(key: object) -> str:
    """A mapping key as a clean relative POSIX path.

    Backslashes count as separators (zips made on Windows); ``.`` and empty components go.

    Raises:
        UnsafeArchiveError: Absolute paths, drive letters, ``..`` components, NUL bytes.
        InvalidArgumentError: A key that is not a string, is empty, or is not valid Unicode.
    """
    if not isinstance(key, str):
        raise InvalidArgumentError(f"file paths must be strings, not {type(key).__name__}")
    if "\x00" in key:
        raise UnsafeArchiveError(f"path {key!r} contains a NUL byte", path=key)
    try:
        key.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidArgumentError(f"path {key!r} is not valid Unicode", path=repr(key)) from exc
    unified = key.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        raise UnsafeArchiveError(f"path {key!r} is absolute", path=key)
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UnsafeArchiveError(f"path {key!r} climbs out of the project with '..'", path=key)
    if not parts:
        raise InvalidArgumentError(f"path {key!r} names no file", path=key)
    return "/".join(parts)
