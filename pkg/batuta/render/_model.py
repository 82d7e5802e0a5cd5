"""The chart model's plain data: ``Layer`` (one mark layer), ``Theme`` and ``THEMES``, ``Binner``.

A leaf of ``render``: ``chart`` (which builds ``Chart`` from layers) and ``_layout`` (which
lowers a ``Chart`` to draw commands) both read these, so ``chart`` -> ``_layout`` is the only
import between them. ``render.chart`` and ``render`` re-export these names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Binner = Callable[[Any, float, float, int], list[int]]


@dataclass(frozen=True)
class Theme:
    """Colours of one look; ``palette`` colours the series in order."""

    background: str
    plot: str
    grid: str
    axis: str
    text: str
    muted: str
    palette: tuple[str, ...]


_TABLEAU = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac")
THEMES: dict[str, Theme] = {
    "light": Theme("#ffffff", "#ffffff", "#e6e6e6", "#555555", "#222222", "#6b6b6b", _TABLEAU),
    "dark": Theme("#1b1d21", "#22252b", "#363a42", "#a8adb7", "#eceff4", "#9aa0aa", _TABLEAU),
}


@dataclass(frozen=True)
class Layer:
    """One mark layer. Which fields matter depends on ``kind``."""

    kind: str
    x: Any = None
    y: Any = None
    label: str = ""
    color: str | None = None
    size: float = 2.0
    alpha: float = 1.0
    marker: str = "circle"
    bins: str | int = "sturges"
    categories: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    colormap: str = "viridis"
    vmin: float | None = None
    vmax: float | None = None
    x_labels: tuple[str, ...] = ()
    y_labels: tuple[str, ...] = ()


__all__ = ["THEMES", "Binner", "Layer", "Theme"]
