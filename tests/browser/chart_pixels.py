"""Measuring a chart from its pixels: where its text's ink is, whether a screenshot is the
renderer's own drawing, and whether text was rasterized at a size or upscaled.

Shared by the browser chart tests (the playground, app.html, the survey page) and the desktop
window tests, which all check the same thing: at a device pixel ratio of 2 a chart has twice the
pixels and its text is twice as tall and crisp, not a 1x bitmap stretched.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

INK = 110
"""A pixel darker than this in every channel is text (the light theme's ink on white)."""
AGREE_WITHIN = 8
"""Two renderings agree on a pixel when no channel differs by more than this (of 255)."""


def rgba(png: bytes) -> np.ndarray:
    """The pixels of PNG bytes (a Playwright screenshot) as an RGBA array."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def ink_rows(img: np.ndarray) -> tuple[int, int]:
    """First and last row holding dark (text) pixels."""
    rows = np.flatnonzero((img[:, :, :3].max(axis=2) < INK).any(axis=1))
    assert rows.size, "no text in the region"
    return int(rows[0]), int(rows[-1])


def ink_height(img: np.ndarray) -> int:
    """Rows from the first to the last dark pixel of ``img`` (a region holding one text line)."""
    top, bottom = ink_rows(img)
    return bottom - top + 1


def align(shot: np.ndarray, native: np.ndarray) -> tuple[np.ndarray, float]:
    """The canvas' content inside an element screenshot (which may hold its border; a fractional
    page position shifts the crop by a device pixel), and the fraction of its pixels within
    ``AGREE_WITHIN`` of the native render at the best offset."""
    h, w = native.shape[:2]
    best: tuple[float, np.ndarray] = (-1.0, shot)
    for dy in range(shot.shape[0] - h + 1):
        for dx in range(shot.shape[1] - w + 1):
            part = shot[dy:dy + h, dx:dx + w]
            agree = float((np.abs(part[:, :, :3].astype(int) - native[:, :, :3])
                           .max(axis=2) <= AGREE_WITHIN).mean())
            if agree > best[0]:
                best = (agree, part)
    return best[1], best[0]


def is_upscaled(region: np.ndarray, top: int) -> bool:
    """Whether ``region`` (rows from ``top`` of a 2x image) is made only of 2x2 blocks of equal
    pixels, as a 1x bitmap stretched to twice its size is; text rasterized at 2x is not."""
    start = top - top % 2
    part = region[start:]
    h, w = part.shape[0] // 2 * 2, part.shape[1] // 2 * 2
    blocks = part[:h, :w, :3].astype(int).reshape(h // 2, 2, w // 2, 2, 3)
    return bool((blocks == blocks[:, :1, :, :1]).all())


def title_ink(img: np.ndarray, rows: int, cols: int | None = None) -> tuple[int, int]:
    """Top row and height of the ink in a chart's first ``rows`` rows (its title line), over
    its first ``cols`` columns (all by default; the left half holds one title of two charts
    side by side)."""
    top, bottom = ink_rows(img[:rows, :cols])
    return top, bottom - top + 1
