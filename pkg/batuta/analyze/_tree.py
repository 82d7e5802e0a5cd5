"""Two views of a source tree behind one interface: a real directory and an uploaded mapping.

The walk (``analyze.walk``) sees only ``scandir`` / ``read`` / ``is_virtualenv``, so a folder on
disk and the same folder dropped in the browser give identical results.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Mapping
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

    def plan(self, paths: list[str], limit: int) -> None:
        """Hint: ``paths`` will be read next, in this order, each up to ``limit`` bytes."""


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

    def plan(self, paths: list[str], limit: int) -> None:
        """Nothing to prepare: the disk reads files as fast one by one."""


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


class UploadedFiles(Mapping[str, bytes]):
    """An upload whose bytes are read only when the walk asks for them.

    The browser hands over a dropped folder as File handles: ``sizes`` lists each path with its
    size; ``read_one(index, limit)`` returns the first ``limit`` bytes of the file at that
    position, ``read_many(indices, limit)`` those of several files end to end (either gives
    None when a file can no longer be read). What the walk prunes (``.git``, ``node_modules``,
    ``.gitignore``d paths) and files over the size bound are never read, so a real repository
    folder costs what its source costs, not what its history weighs.
    """

    BATCH_BYTES = 16 * 2**20
    BATCH_FILES = 1024

    def __init__(self, sizes: list[tuple[str, int]],
                 read_one: Callable[[int, int], bytes | None],
                 read_many: Callable[[list[int], int], bytes | None] | None = None) -> None:
        self._index = {path: n for n, (path, _) in enumerate(sizes)}
        self._sizes = dict(sizes)
        self._read_one = read_one
        self._read_many = read_many
        self._plan: list[str] = []
        self._plan_at: dict[str, int] = {}
        self._plan_limit = 0
        self._batch: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> bytes:
        return self.read(path, self._sizes[path])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def size(self, path: str) -> int:
        return self._sizes[path]

    def plan(self, paths: list[str], limit: int) -> None:
        """The order in which ``paths`` will be read, each up to ``limit`` bytes: a read then
        fetches the next batch of them in one call (in the browser one call a file cost
        ~0.6 ms a file, one call a batch ~0.3 ms)."""
        self._plan = [p for p in paths if p in self._index]
        self._plan_at = {p: n for n, p in enumerate(self._plan)}
        self._plan_limit = limit
        self._batch = {}

    def read(self, path: str, limit: int) -> bytes:
        if path not in self._batch and path in self._plan_at and limit <= self._plan_limit:
            self._batch = self._fetch_batch(self._plan_at[path])
        if path in self._batch and limit <= self._plan_limit:
            return self._batch[path][:limit]
        data = self._read_one(self._index[path], limit)
        if data is None:
            raise OSError(errno.EIO, "the browser could not read the file (changed or removed?)")
        return bytes(data[:limit])

    def _fetch_batch(self, start: int) -> dict[str, bytes]:
        if self._read_many is None:
            return {}
        limit = self._plan_limit
        paths: list[str] = []
        total = 0
        for path in self._plan[start:start + self.BATCH_FILES]:
            total += min(self._sizes[path], limit)
            paths.append(path)
            if total >= self.BATCH_BYTES:
                break
        data = self._read_many([self._index[p] for p in paths], limit)
        if data is None or len(data) != total:
            # A file changed since it was listed: read one at a time from here on, so that
            # only that file is reported unreadable.
            self._read_many = None
            return {}
        batch: dict[str, bytes] = {}
        offset = 0
        for path in paths:
            length = min(self._sizes[path], limit)
            batch[path] = bytes(data[offset:offset + length])
            offset += length
        return batch


class MappingFs:
    """An upload: relative path -> bytes. Keys are checked and normalized once, up front; an
    ``UploadedFiles`` is listed up front and read on demand."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.dirs: dict[str, dict[str, Entry]] = {"": {}}
        self.files: dict[str, bytes] = {}
        self._lazy_keys: dict[str, str] = {}  # normalized path -> the upload's own key
        self._lazy = files if isinstance(files, UploadedFiles) else None
        for key in files:
            path = normalize_upload_path(key)
            if self._lazy is not None:
                self._add_entry(path, self._lazy.size(key))
                self._lazy_keys[path] = key
            else:
                self._add(path, files[key])

    def _add(self, path: str, value: object) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise InvalidArgumentError(
                f"content of {path!r} must be bytes, not {type(value).__name__}", path=path)
        data = bytes(value)
        self._add_entry(path, len(data))
        self.files[path] = data

    def _add_entry(self, path: str, size: int) -> None:
        parent, _, name = path.rpartition("/")
        if path in self.dirs or name in self.dirs.get(parent, {}):
            raise InvalidArgumentError(f"{path!r} is given twice or is also a folder", path=path)
        self._ensure_dir(parent, path)
        self.dirs[parent][name] = Entry(name, "file", size)

    def _is_file(self, path: str) -> bool:
        parent, _, name = path.rpartition("/")
        entry = self.dirs.get(parent, {}).get(name)
        return entry is not None and entry.kind == "file"

    def _ensure_dir(self, directory: str, for_path: str) -> None:
        missing: list[str] = []
        while directory not in self.dirs:  # a loop, not recursion: paths may be very deep
            if self._is_file(directory):
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
        if self._lazy is not None:
            return self._lazy.read(self._lazy_keys[path], limit)
        return self.files[path][:limit]

    def is_virtualenv(self, directory: str) -> bool:
        entry = self.dirs.get(directory, {}).get("pyvenv.cfg")
        return entry is not None and entry.kind == "file"

    def plan(self, paths: list[str], limit: int) -> None:
        if self._lazy is not None:
            self._lazy.plan([self._lazy_keys[p] for p in paths if p in self._lazy_keys], limit)


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
