"""tools/snapshot_format.py: the memory image without its zero pages, and back, exactly."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tools import snapshot_format as fmt


@st.composite
def images(draw: st.DrawFn) -> bytes:
    """Memory-like images: runs of zero pages and data, any length (a partial last page)."""
    page = 64
    chunks = draw(st.lists(st.one_of(st.just(bytes(page)), st.binary(min_size=1, max_size=page)),
                           max_size=40))
    return b"".join(chunks) + draw(st.binary(max_size=page - 1))


@given(images())
def test_round_trip_is_exact(image: bytes) -> None:
    assert fmt.unpack(fmt.pack(image, page=64)) == image


def test_zero_pages_are_left_out() -> None:
    image = bytes(4096) * 3 + b"\1" * 4096 + bytes(4096) + b"\2" * 100
    packed = fmt.pack(image)
    assert struct.unpack_from("<4sIIII", packed) == (b"BSNP", 1, len(image), 4096, 2)
    assert len(packed) == 20 + 2 * 4 + 2 * 4096  # two kept pages, the last one padded


@pytest.mark.parametrize("damage", [
    lambda b: b[:10],                                   # shorter than the header
    lambda b: b"XXXX" + b[4:],                          # another format
    lambda b: b[:4] + struct.pack("<I", 2) + b[8:],     # another version
    lambda b: b[:-1],                                   # truncated page data
    lambda b: b[:20] + struct.pack("<I", 9999) + b[24:],  # a page beyond the image
])
def test_damaged_files_are_refused(damage: object) -> None:
    packed = fmt.pack(b"\1" * 4096 + bytes(4096) + b"\2" * 4096)
    with pytest.raises(fmt.SnapshotFormatError):
        fmt.unpack(damage(packed))  # type: ignore[operator]


def test_built_snapshot_unpacks_to_a_wasm_memory_image(dist_dir: Path) -> None:
    dist = dist_dir
    manifest = json.loads((dist / "manifest.json").read_text())
    assert manifest["snapshot"], "the build made no memory snapshot"
    packed = (dist / manifest["snapshot"]).read_bytes()
    image = fmt.unpack(packed)
    assert len(image) > 16 * 2**20  # Pyodide's initial memory and more
    assert len(packed) < 0.7 * len(image)
