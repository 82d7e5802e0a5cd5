"""The 12-column grid: sections placed by ``span`` and ``row`` into pixel boxes.

Placement follows CSS grid auto-flow: a section with a ``row`` goes on that row; one without
goes on the current row when its columns are free there, else on a new row. Below
:data:`NARROW_WIDTH` pixels every section takes the full width, one under another, in file
order (the "stacking on narrow screens" of the spec). Row heights come from the widgets' heights,
so the native renderer and the browser draw the same boxes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from batuta.app.schema import Layout, Section

NARROW_WIDTH = 640
"""Viewports narrower than this stack sections vertically."""
PADDING = 16
"""Inner padding of each section box, in pixels."""
WIDGET_HEIGHTS = {"text": 96, "metric": 96, "chart": 320, "data_table": 360, "button": 48,
                  "text_input": 72, "select": 72, "slider": 72, "analysis": 280,
                  "converter": 420}
"""Nominal height of each widget type (chart height can be overridden with ``height``)."""


@dataclass(frozen=True)
class Box:
    """A section's place: grid cell (1-based columns, row) and its pixel rectangle."""

    id: str
    column_start: int
    column_end: int  # inclusive, as in the YAML ``span``
    row: int
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class LayoutModel:
    """Computed layout for one viewport width."""

    width: int
    height: int
    columns: int
    gap: int
    stacked: bool
    rows: int
    boxes: tuple[Box, ...]


def widget_height(wtype: str, props: Mapping[str, Any]) -> int:
    """Nominal pixel height of one widget (from its type, or a chart's ``height``)."""
    height = props.get("height")
    if wtype == "chart" and isinstance(height, int) and not isinstance(height, bool):
        return max(120, min(2000, height))
    return WIDGET_HEIGHTS.get(wtype, 96)


def section_height(section: Section, gap: int) -> int:
    """Widgets stacked inside a section, with padding."""
    inner = sum(widget_height(w.type, w.props) for w in section.widgets)
    inner += gap * max(0, len(section.widgets) - 1)
    return inner + 2 * PADDING


def place(layout: Layout, *, stacked: bool) -> list[tuple[Section, int, int, int]]:
    """Grid placement: (section, row, first column, last column) for every section."""
    if stacked:
        return [(s, i + 1, 1, layout.columns) for i, s in enumerate(layout.sections)]
    used: dict[int, list[tuple[int, int]]] = {}
    out = []
    current = 1
    for s in layout.sections:
        start, end = s.span
        if s.row is not None:
            row = s.row
        else:
            row = current
            while any(a <= end and start <= b for a, b in used.get(row, [])):
                row += 1
            current = row
        used.setdefault(row, []).append((start, end))
        out.append((s, row, start, end))
    return out


def compute_layout(layout: Layout, width: int = 1280) -> LayoutModel:
    """Pixel boxes for every section at a viewport width (clamped to 240..8192)."""
    width = max(240, min(8192, int(width)))
    stacked = width < NARROW_WIDTH
    placed = place(layout, stacked=stacked)
    cols, gap = layout.columns, layout.gap
    col_w = (width - gap * (cols + 1)) / cols
    rows = max(r for _, r, _, _ in placed)
    row_h = {r: 0 for r in range(1, rows + 1)}
    for s, r, _, _ in placed:
        row_h[r] = max(row_h[r], section_height(s, gap))
    row_y = {}
    y = gap
    for r in range(1, rows + 1):
        row_y[r] = y
        y += row_h[r] + (gap if row_h[r] else 0)
    boxes = []
    for s, r, start, end in placed:
        x = gap + (start - 1) * (col_w + gap)
        w = (end - start + 1) * col_w + (end - start) * gap
        boxes.append(Box(s.id, start, end, r, round(x), row_y[r], round(w), row_h[r]))
    return LayoutModel(width, y, cols, gap, stacked, rows, tuple(boxes))
