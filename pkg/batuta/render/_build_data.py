"""Build-time script: the committed render data (glyph atlas, colour maps).

Run ``python -m batuta.render._build_data`` (needs Pillow, matplotlib and the Debian
``fonts-dejavu-core`` package). The output, ``data/atlas.bin`` (one byte of coverage per texel) and
``data/atlas.json`` (metrics), is what every backend samples at run time, so the GPU, CPU and
browser renderers draw the very same glyph bitmaps and no system font is read at run time.
``data/colormaps.json`` holds 256-entry tables of matplotlib's perceptual maps (viridis, magma,
cividis) so no plotting library is needed at run time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BASE_SIZES = (11, 13, 18)  # tick, label, title text at one device pixel per CSS pixel
# Device pixel ratios drawn with glyphs rasterized at that size (a chart at DPR 2 uses 22, 26
# and 36 px glyphs, never upscaled ones); other ratios snap to the nearest size.
SCALES = (1.0, 1.5, 2.0, 2.5, 3.0)
CHARS = "".join(chr(c) for c in range(32, 127)) + "–—×…µ·°±≤≥−"
ATLAS_WIDTH = 512
DATA = Path(__file__).with_name("data")


def build() -> tuple[bytes, dict[str, Any]]:
    """Rasterize every size, shelf-pack the glyphs, return (coverage bytes, metrics)."""
    from PIL import Image, ImageDraw, ImageFont

    cells: list[tuple[int, str, Any, tuple[int, int, int, int], float]] = []
    for size in sizes():
        font = ImageFont.truetype(str(FONT), size)
        for ch in CHARS:
            left, top, right, bottom = (int(v) for v in font.getbbox(ch, anchor="ls"))
            cells.append((size, ch, font, (left, top, right, bottom), font.getlength(ch)))
    x = y = shelf = 0
    placed: list[tuple[int, int]] = []
    for _, _, _, (x0, y0, x1, y1), _ in cells:
        w, h = max(x1 - x0, 0), max(y1 - y0, 0)
        if x + w + 1 > ATLAS_WIDTH:
            x, y, shelf = 0, y + shelf + 1, 0
        placed.append((x, y))
        x += w + 1
        shelf = max(shelf, h)
    height = y + shelf + 1
    atlas = Image.new("L", (ATLAS_WIDTH, height), 0)
    metrics: dict[str, Any] = {"width": ATLAS_WIDTH, "height": height, "font": FONT.name,
                               "sizes": {}}
    for (size, ch, font, (left, top, right, bottom), adv), (px, py) in zip(cells, placed,
                                                                         strict=True):
        w, h = max(right - left, 0), max(bottom - top, 0)
        if w and h:
            glyph = Image.new("L", (w, h), 0)
            ImageDraw.Draw(glyph).text((-left, -top), ch, font=font, fill=255, anchor="ls")
            atlas.paste(glyph, (px, py))
        entry = metrics["sizes"].setdefault(str(size), _size_metrics(font))
        # [atlas x, atlas y, w, h, x offset from pen, y offset from baseline, advance]
        entry["glyphs"][ch] = [px, py, w, h, left, top, round(adv, 3)]
    return atlas.tobytes(), metrics


def sizes() -> list[int]:
    """Every rasterized pixel size, grouped by scale (one chart's glyphs sit in few rows, which
    is all an encoding uploads)."""
    out: list[int] = []
    for scale in SCALES:
        for base in BASE_SIZES:
            size = round(base * scale)  # as _scale rounds a Text's size (half to even)
            if size not in out:
                out.append(size)
    return out


def _size_metrics(font: Any) -> dict[str, Any]:
    ascent, descent = font.getmetrics()
    return {"ascent": ascent, "descent": descent, "glyphs": {}}


def main() -> None:
    """Write ``data/atlas.bin`` and ``data/atlas.json``."""
    data, metrics = build()
    DATA.mkdir(exist_ok=True)
    (DATA / "atlas.bin").write_bytes(data)
    (DATA / "atlas.json").write_text(json.dumps(metrics, ensure_ascii=False, sort_keys=True))
    print(f"atlas {metrics['width']}x{metrics['height']}, {len(data)} bytes")
    (DATA / "colormaps.json").write_text(json.dumps(colormaps(), sort_keys=True))


def colormaps() -> dict[str, list[str]]:
    """256 ``#rrggbb`` entries per perceptual colour map, sampled from matplotlib."""
    from matplotlib import colormaps as cmaps

    out: dict[str, list[str]] = {}
    for name in ("viridis", "magma", "cividis"):
        cmap = cmaps[name]
        out[name] = ["#{:02x}{:02x}{:02x}".format(*tuple(round(c * 255) for c in cmap(i / 255)[:3]))
                     for i in range(256)]
    return out


if __name__ == "__main__":
    main()
