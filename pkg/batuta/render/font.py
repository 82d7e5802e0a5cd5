"""The bundled glyph atlas (DejaVu Sans, rasterized once at build time) and text layout.

Every backend samples the same ``data/atlas.bin`` coverage bytes at integer pixel positions, so
text is bit-identical across wgpu-py, the CPU reference and the browser. No system font is read
at run time; ``_build_data.py`` regenerates the files. The atlas holds the chart text sizes (11,
13, 18 px) times each device pixel ratio of ``_build_data.SCALES`` (22, 26, 36 px at DPR 2), so a
chart drawn for a dense screen uses glyphs rasterized at that size, never scaled bitmaps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

BASE_SIZES = (11, 13, 18)  # the chart's text sizes at one device pixel per CSS pixel
FALLBACK_CHAR = "?"


@dataclass(frozen=True)
class Glyph:
    """One glyph's place in the atlas and its metrics (pixels)."""

    atlas_x: int
    atlas_y: int
    width: int
    height: int
    left: int  # x offset of the bitmap from the pen position
    top: int  # y offset of the bitmap from the baseline (negative = above)
    advance: float


@dataclass(frozen=True)
class PlacedGlyph:
    """A glyph at an integer destination; ``rotated`` turns it 90° counter-clockwise."""

    x: int
    y: int
    glyph: Glyph
    rotated: bool = False


@dataclass(frozen=True)
class Atlas:
    """The coverage bitmap (one byte per texel) and the metrics of every size."""

    width: int
    height: int
    data: bytes
    sizes: dict[int, dict[str, Any]]

    def glyph(self, size: int, ch: str) -> Glyph:
        """The glyph for ``ch`` at ``size`` (nearest bundled size); unknown characters -> ``?``."""
        table: dict[str, Glyph] = self.sizes[nearest_size(size)]["glyphs"]
        return table.get(ch) or table[FALLBACK_CHAR]

    def ascent(self, size: int) -> int:
        return int(self.sizes[nearest_size(size)]["ascent"])

    def descent(self, size: int) -> int:
        return int(self.sizes[nearest_size(size)]["descent"])


@lru_cache(maxsize=512)
def nearest_size(size: float) -> int:
    """The bundled pixel size closest to ``size`` (the smaller one on a tie)."""
    return min(atlas().sizes, key=lambda s: (abs(s - size), s))


def sizes() -> tuple[int, ...]:
    """Every bundled pixel size, ascending."""
    return tuple(sorted(atlas().sizes))


@lru_cache(maxsize=1)
def atlas() -> Atlas:
    """Load the bundled atlas once (package data, works from a checkout and a wheel)."""
    root = resources.files("batuta.render") / "data"
    meta = json.loads((root / "atlas.json").read_text(encoding="utf-8"))
    data = (root / "atlas.bin").read_bytes()
    sizes = {int(k): {"ascent": v["ascent"], "descent": v["descent"],
                      "glyphs": {ch: Glyph(*g) for ch, g in v["glyphs"].items()}}
             for k, v in meta["sizes"].items()}
    return Atlas(meta["width"], meta["height"], data, sizes)


def text_width(text: str, size: int) -> float:
    """Advance width of ``text`` in pixels (no kerning)."""
    at = atlas()
    return sum(at.glyph(size, ch).advance for ch in text)


def layout(text: str, x: float, y: float, size: int, *, anchor: str = "start",
           baseline: str = "alphabetic", rotated: bool = False) -> list[PlacedGlyph]:
    """Place ``text`` with its anchor at (x, y); glyphs snap to whole pixels.

    Args:
        text: The string; characters outside the atlas draw as ``?``.
        x: Anchor x in pixels.
        y: Anchor y in pixels.
        size: Pixel size, snapped to the nearest bundled size.
        anchor: ``start``, ``middle`` or ``end`` along the reading direction.
        baseline: ``alphabetic``, ``middle`` or ``top``.
        rotated: Read bottom-to-top (y-axis labels).

    Returns:
        The placed glyphs, in order.
    """
    at = atlas()
    width = text_width(text, size)
    shift = {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    asc, desc = at.ascent(size), at.descent(size)
    drop = {"alphabetic": 0.0, "top": asc * 0.8, "middle": (asc * 0.8 - desc * 0.2) / 2}[baseline]
    out: list[PlacedGlyph] = []
    pen = -shift
    for ch in text:
        g = at.glyph(size, ch)
        if g.width and g.height:
            along, across = round(pen + g.left), round(drop + g.top)
            if rotated:  # reading upwards: "along" goes to -y, "across" (downwards) goes to +x
                out.append(PlacedGlyph(round(x) + across, round(y) - along - g.width, g, True))
            else:
                out.append(PlacedGlyph(round(x) + along, round(y) + across, g))
        pen += g.advance
    return out
