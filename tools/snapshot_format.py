"""The memory snapshot's file format: the wasm memory image without its all-zero pages.

A Pyodide memory snapshot is the whole wasm memory (31.5 MB here), and 14 MB of it are pages
of zeros (free heap, unused stack). Every warm boot reads the file from Cache Storage before it
can start Python, so build.py drops those pages and the worker (``expandSnapshot`` in
``web/worker.js``) puts them back; fresh memory is zero already.

Layout, little-endian: ``b"BSNP"``, version (u32, 1), image size, page size, page count
(u32 each), the page indices (u32 each, ascending), then the pages' bytes in that order.
"""

from __future__ import annotations

import struct

MAGIC = b"BSNP"
VERSION = 1
PAGE = 4096
_HEADER = struct.Struct("<4sIIII")


class SnapshotFormatError(ValueError):
    """The bytes are not a snapshot in this format (truncated, another version, bad indices)."""


def pack(image: bytes, page: int = PAGE) -> bytes:
    """The snapshot file for the memory ``image``: its non-zero pages and where they go."""
    zero = bytes(page)
    kept = [i for i in range(-(-len(image) // page)) if image[i * page:(i + 1) * page] != zero]
    body = b"".join(image[i * page:(i + 1) * page].ljust(page, b"\0") for i in kept)
    return (_HEADER.pack(MAGIC, VERSION, len(image), page, len(kept))
            + struct.pack(f"<{len(kept)}I", *kept) + body)


def unpack(data: bytes) -> bytes:
    """The memory image back from a snapshot file (the worker does the same in JavaScript).

    Raises:
        SnapshotFormatError: the file is not a valid snapshot of this format.
    """
    if len(data) < _HEADER.size:
        raise SnapshotFormatError("shorter than the header")
    magic, version, size, page, count = _HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION or page == 0:
        raise SnapshotFormatError(f"not a version-{VERSION} snapshot")
    start = _HEADER.size + 4 * count
    if len(data) != start + count * page:
        raise SnapshotFormatError("length does not match the page count")
    image = bytearray(size + page)  # room for a last partial page; trimmed below
    previous = -1
    for n, index in enumerate(struct.unpack_from(f"<{count}I", data, _HEADER.size)):
        if index <= previous or index * page >= size:
            raise SnapshotFormatError(f"page index {index} out of order or out of range")
        previous = index
        image[index * page:(index + 1) * page] = data[start + n * page:start + (n + 1) * page]
    return bytes(image[:size])
