"""Safe reading of dropped archives (zip, tar, tar.gz/bz2/xz) from bytes, for ``analyze_project``.

An archive is untrusted input (SPEC.md §10). Entries with absolute paths or ``..`` components,
symbolic and hard links, device files, duplicate names, too many entries, more than
``max_total_bytes`` of content, or an expansion ratio that looks like a bomb are rejected with
``UnsafeArchiveError``; corrupt or unknown formats raise ``InvalidArchiveError``. Sizes are
checked against the declared sizes before anything is decompressed, and every read is bounded
again, so a lying header cannot make the reader allocate more than the limits allow. A
compressed tar is decompressed in bounded pieces with the size and ratio checked as it goes,
and its headers are walked before ``tarfile`` sees them: GNU long-name and pax payloads
(which ``tarfile`` reads whole) are bounded too.
"""

from __future__ import annotations

import bz2
import io
import lzma
import posixpath
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from batuta import limits
from batuta.errors import InvalidArchiveError, UnsafeArchiveError

_JUNK_PREFIXES = ("__MACOSX/",)


@dataclass(frozen=True)
class ArchiveLimits:
    """Safety bounds for one archive."""

    max_entries: int = limits.MAX_ARCHIVE_ENTRIES
    max_total_bytes: int = limits.MAX_ARCHIVE_BYTES
    max_ratio: float = limits.MAX_ARCHIVE_RATIO
    # Below this many expanded bytes a ratio says nothing (headers dominate tiny archives).
    ratio_floor_bytes: int = limits.ARCHIVE_RATIO_FLOOR
    max_tar_header_bytes: int = limits.MAX_TAR_HEADER_BYTES


def safe_member_path(name: str) -> str:
    """Normalize an archive entry name, rejecting anything that could escape the archive root.

    Args:
        name: the entry name as stored in the archive.

    Returns:
        A relative POSIX path without ``.`` components.

    Raises:
        UnsafeArchiveError: absolute paths, drive letters, ``..`` components, NUL bytes.
    """
    cleaned = name.replace("\\", "/")
    if "\x00" in cleaned:
        raise UnsafeArchiveError("archive entry name contains a NUL byte", entry=name)
    drive = len(cleaned) > 1 and cleaned[1] == ":" and cleaned[0].isascii() and cleaned[0].isalpha()
    if cleaned.startswith("/") or drive:
        raise UnsafeArchiveError(f"archive entry has an absolute path: {name!r}", entry=name)
    parts = [p for p in cleaned.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UnsafeArchiveError(f"archive entry escapes the archive root: {name!r}", entry=name)
    if not parts:
        raise UnsafeArchiveError(f"archive entry has an empty path: {name!r}", entry=name)
    return posixpath.join(*parts)


def read_archive(
    data: bytes, name: str = "", *, limits: ArchiveLimits | None = None, strip_root: bool = True
) -> dict[str, bytes]:
    """Read a zip or tar archive held in memory into ``{relative path: bytes}``.

    Args:
        data: the archive's bytes.
        name: the file name it came with (used only in messages).
        limits: safety bounds; defaults to ``ArchiveLimits()``.
        strip_root: drop one leading folder shared by every entry (``project/…`` zips).

    Returns:
        Regular files only, keyed by normalized relative path, sorted by path.

    Raises:
        UnsafeArchiveError: path traversal, links, bombs, too many or too large entries.
        InvalidArchiveError: not a zip/tar archive, or corrupt.

    Example:
        >>> files = read_archive(open("project.zip", "rb").read(), "project.zip")
    """
    lim = limits or ArchiveLimits()
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        files = _read_zip(data, lim)
    else:
        files = _read_tar(data, name, lim)
    return _strip_common_root(files) if strip_root else files


def _check_totals(total: int, count: int, data_len: int, lim: ArchiveLimits) -> None:
    if count > lim.max_entries:
        raise UnsafeArchiveError(f"archive has more than {lim.max_entries} entries", entries=count)
    if total > lim.max_total_bytes:
        raise UnsafeArchiveError(
            f"archive expands to {total} bytes, more than the {lim.max_total_bytes} allowed",
            total=total)
    if total > lim.ratio_floor_bytes and total > lim.max_ratio * max(data_len, 1):
        raise UnsafeArchiveError(
            f"archive expansion ratio {total / max(data_len, 1):.0f}:1 exceeds "
            f"{lim.max_ratio:.0f}:1 (zip bomb?)", total=total, compressed=data_len)


def _read_zip(data: bytes, lim: ArchiveLimits) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError,
            OSError) as exc:
        raise InvalidArchiveError(f"not a readable zip archive: {exc}") from exc
    # `endswith`, not ZipInfo.is_dir(): a corrupt entry may have an empty name (IndexError).
    members = [i for i in infos
               if not i.filename.endswith("/") and not i.filename.startswith(_JUNK_PREFIXES)]
    _check_totals(sum(i.file_size for i in members), len(infos), len(data), lim)
    out: dict[str, bytes] = {}
    for info in members:
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UnsafeArchiveError(f"archive entry is a symbolic link: {info.filename!r}",
                                     entry=info.filename)
        path = safe_member_path(info.filename)
        if _is_junk(path):
            continue
        _check_entry_ratio(info.filename, info.file_size, info.compress_size, lim)
        out[_unique(out, path)] = _read_zip_member(zf, info)
    return dict(sorted(out.items()))


def _read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with zf.open(info) as fh:
            # Read one byte past the declared size: more means the header lied.
            content = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError,
            OSError, zlib.error, lzma.LZMAError) as exc:  # a corrupt member's own codec error
        raise InvalidArchiveError(f"cannot read {info.filename!r} from the zip: {exc}") from exc
    if len(content) != info.file_size:
        raise InvalidArchiveError(f"zip entry {info.filename!r} is not the size its header says")
    return content


def _check_entry_ratio(name: str, size: int, packed: int, lim: ArchiveLimits) -> None:
    if size > lim.ratio_floor_bytes and size > lim.max_ratio * max(packed, 1):
        raise UnsafeArchiveError(
            f"archive entry {name!r} expands {size / max(packed, 1):.0f}:1, more than "
            f"{lim.max_ratio:.0f}:1 (zip bomb?)", entry=name)


def _is_junk(path: str) -> bool:
    # macOS archive litter: resource forks ("._name") and the "__MACOSX/" folder.
    return path.startswith(_JUNK_PREFIXES) or posixpath.basename(path).startswith("._")


def _unique(out: dict[str, bytes], path: str) -> str:
    if path in out:
        raise UnsafeArchiveError(f"archive holds {path!r} more than once", entry=path)
    return path


def _read_tar(data: bytes, name: str, lim: ArchiveLimits) -> dict[str, bytes]:
    raw = _decompress(data, lim)
    _check_tar_headers(raw, lim)
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as tf:
            return _read_tar_members(tf, len(data), lim)
    except tarfile.TarError as exc:
        label = f" {name!r}" if name else ""
        raise InvalidArchiveError(f"archive{label} is neither a zip nor a readable tar: {exc}"
                                  ) from exc
    except (EOFError, OSError, ValueError) as exc:
        raise InvalidArchiveError(f"corrupt tar archive: {exc}") from exc


_CHUNK = 1024 * 1024


def _decompressor(data: bytes) -> Any:
    # zlib's decompress object, bz2's or lzma's: the same decompress/eof/unused_data protocol.
    """A decompressor for gzip, bzip2 or xz data; None for a plain tar."""
    if data[:2] == b"\x1f\x8b":
        return zlib.decompressobj(wbits=31)
    if data[:3] == b"BZh":
        return bz2.BZ2Decompressor()
    if data[:6] == b"\xfd7zXZ\x00":
        return lzma.LZMADecompressor()
    return None


def _decompress(data: bytes, lim: ArchiveLimits) -> bytes:
    """The tar stream, decompressed at most ``_CHUNK`` at a time with its size and the ratio
    checked after each piece, so a bomb stops while it is being read, not after."""
    engine = _decompressor(data)
    if engine is None:
        return data
    # The stream holds headers and padding besides the files: allow a block per entry more.
    cap = lim.max_total_bytes + 1024 * (lim.max_entries + 20)
    out = bytearray()
    pending = data
    try:
        while True:
            piece = engine.decompress(pending, _CHUNK)
            pending = getattr(engine, "unconsumed_tail", b"")  # zlib keeps the rest out here
            out += piece
            _check_stream(len(out), cap, len(data), lim)
            if engine.eof:
                rest = engine.unused_data.lstrip(b"\0")
                if not rest:  # one gzip member after another is one stream; zeros pad it
                    break
                engine, pending = _decompressor(rest), rest
                if engine is None:
                    break
            elif not piece and not pending and getattr(engine, "needs_input", True):
                break  # truncated: tarfile reports what is missing
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as exc:
        raise InvalidArchiveError(f"corrupt compressed tar: {exc}") from exc
    return bytes(out)


def _check_stream(size: int, cap: int, data_len: int, lim: ArchiveLimits) -> None:
    if size > cap:
        raise UnsafeArchiveError(
            f"archive expands to more than {cap:,} bytes, over the "
            f"{lim.max_total_bytes:,} allowed", total=size)
    if size > lim.ratio_floor_bytes and size > lim.max_ratio * max(data_len, 1):
        raise UnsafeArchiveError(
            f"archive expansion ratio {size / max(data_len, 1):.0f}:1 exceeds "
            f"{lim.max_ratio:.0f}:1 (bomb?)", total=size, compressed=data_len)


def _check_tar_headers(raw: bytes, lim: ArchiveLimits) -> None:
    """Walk the 512-byte headers before ``tarfile`` does: a GNU long-name (``L``/``K``) or pax
    (``x``/``g``) header's payload is read into memory whole by ``tarfile``, so its declared size
    is bounded here, and every payload counts toward the archive's total."""
    offset = total = 0
    while offset + 512 <= len(raw):
        header = raw[offset:offset + 512]
        if header.count(0) == 512:
            return
        size = _tar_size(header[124:136])
        kind = header[156:157]
        if kind in (b"L", b"K", b"x", b"g") and size > lim.max_tar_header_bytes:
            raise UnsafeArchiveError(
                f"tar header declares a {size:,}-byte {_HEADER_KINDS[kind]}, over the "
                f"{lim.max_tar_header_bytes:,} bound", size=size)
        total += size
        if total > lim.max_total_bytes:
            _check_totals(total, 0, 0, lim)
        offset += 512 + -(-size // 512) * 512


_HEADER_KINDS = {b"L": "GNU long name", b"K": "GNU long link name", b"x": "pax header",
                 b"g": "pax global header"}


def _tar_size(field: bytes) -> int:
    """A header's size field: octal text, or GNU base-256 when the top bit is set."""
    if field[:1] and field[0] & 0x80:
        return int.from_bytes(field[1:], "big")
    digits = field.split(b"\0", 1)[0].strip()
    try:
        return int(digits, 8) if digits else 0
    except ValueError:
        return 0  # tarfile reports the malformed header itself


def _read_tar_members(tf: tarfile.TarFile, data_len: int, lim: ArchiveLimits
                      ) -> dict[str, bytes]:
    members = list(_bounded_members(tf, lim))
    files = [m for m in members if not m.isdir()]
    _check_totals(sum(m.size for m in files), len(members), data_len, lim)
    out: dict[str, bytes] = {}
    for member in files:
        if member.issym() or member.islnk():
            raise UnsafeArchiveError(f"archive entry is a link: {member.name!r}",
                                     entry=member.name)
        if not member.isfile():
            raise UnsafeArchiveError(f"archive entry is not a regular file: {member.name!r}",
                                     entry=member.name)
        path = safe_member_path(member.name)
        if _is_junk(path):
            continue
        out[_unique(out, path)] = _read_tar_member(tf, member)
    return dict(sorted(out.items()))


def _bounded_members(tf: tarfile.TarFile, lim: ArchiveLimits) -> Iterator[tarfile.TarInfo]:
    # Iterate lazily so a tar with millions of headers is stopped at the entry limit.
    total = 0
    for count, member in enumerate(tf, start=1):
        total += member.size if member.isfile() else 0
        if count > lim.max_entries or total > lim.max_total_bytes:
            _check_totals(total, count, 0, lim)
        yield member


def _read_tar_member(tf: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    try:
        fh = tf.extractfile(member)
        content = fh.read(member.size + 1) if fh is not None else b""
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error,
            lzma.LZMAError) as exc:
        raise InvalidArchiveError(f"cannot read {member.name!r} from the tar: {exc}") from exc
    if len(content) != member.size:
        raise InvalidArchiveError(f"tar entry {member.name!r} is truncated")
    return content


def _strip_common_root(files: dict[str, bytes]) -> dict[str, bytes]:
    heads = {path.split("/", 1)[0] for path in files}
    if len(heads) != 1 or any("/" not in path for path in files):
        return files
    cut = len(next(iter(heads))) + 1
    return {path[cut:]: content for path, content in files.items()}
