"""PNG encoding in pure Python (``zlib`` + ``struct``), so it also runs in Pyodide."""

from __future__ import annotations

import struct
import zlib

from batuta.errors import RenderError

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(rgba: bytes, width: int, height: int, *, level: int = 6) -> bytes:
    """Encode 8-bit RGBA rows (no filter) as a PNG file.

    Args:
        rgba: ``width * height * 4`` bytes, row-major, top row first.
        width: Image width in pixels.
        height: Image height in pixels.
        level: zlib compression level 0..9.

    Returns:
        The PNG file's bytes.

    Raises:
        RenderError: the pixel buffer does not match the size.
    """
    if width < 1 or height < 1 or len(rgba) != width * height * 4:
        raise RenderError(f"{len(rgba)} bytes is not a {width}x{height} RGBA image")
    stride = width * 4
    raw = b"".join(b"\x00" + rgba[y * stride:(y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, level))
            + _chunk(b"IEND", b""))
