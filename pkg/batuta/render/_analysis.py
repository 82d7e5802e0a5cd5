"""The analysis report charts: language shares and the complexity distribution.

``batuta analyze --plot`` and the playground draw these. Input is a ``ProjectAnalysis`` (or its
JSON dict, as the browser worker holds it); nothing here imports the analyzer.
"""

from __future__ import annotations

from typing import Any

from batuta.render._scale import scale_scene
from batuta.render.chart import Chart
from batuta.render.scene import Group, Scene, rgba

BANDS = (("1–10 simple", 1, 10, "#59a14f"), ("11–20 moderate", 11, 20, "#edc948"),
         ("21–50 complex", 21, 50, "#f28e2b"), (">50 very complex", 51, None, "#e15759"))
MAX_LANGUAGES = 10


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name)


def analysis_charts(analysis: Any, *, width: int = 640, height: int = 720,
                    theme: str = "light") -> list[Chart]:
    """Two charts: share of code lines per language, and functions per complexity band."""
    langs = sorted(_get(analysis, "languages") or (), key=lambda s: -float(_get(s, "code")))
    top = langs[:MAX_LANGUAGES]
    rest = sum(float(_get(s, "percentage")) for s in langs[MAX_LANGUAGES:])
    names = [str(_get(s, "language")) for s in top] + (["other"] if rest > 0 else [])
    shares = [float(_get(s, "percentage")) for s in top] + ([rest] if rest > 0 else [])
    languages = Chart(title="Languages (% of code lines)", y_label="% of code lines",
                      width=width, height=height, theme=theme, legend=False).bar(names, shares)
    cyclo = [int(_get(f, "cyclomatic")) for f in _get(analysis, "functions") or ()]
    counts = [sum(1 for c in cyclo if lo <= c and (hi is None or c <= hi))
              for _, lo, hi, _ in BANDS]
    name = "Cyclomatic complexity" if width >= 400 else "Complexity"  # a phone's chart: shorter
    complexity = Chart(title=f"{name} ({len(cyclo):,} functions)",
                       y_label="functions", width=width, height=height, theme=theme,
                       legend=False).bar([b[0] for b in BANDS], counts,
                                         colors=[b[3] for b in BANDS])
    return [languages, complexity]


SIDE_BY_SIDE_MIN = 720  # narrower canvases (a phone) stack the two charts


def analysis_scene(analysis: Any, *, width: int = 1280, height: int = 720,
                   theme: str = "light", scale: float = 1.0) -> Scene:
    """Both analysis charts on one canvas: side by side, or one above the other when the
    canvas is narrower than ``SIDE_BY_SIDE_MIN`` (each chart keeps room for its labels).
    ``width`` and ``height`` are CSS pixels; ``scale`` is the device pixel ratio (the scene has
    ``scale`` times as many pixels each way, the same layout; see ``_scale``)."""
    stacked = width < SIDE_BY_SIDE_MIN
    w, h = (width, height // 2) if stacked else (width // 2, height)
    charts = analysis_charts(analysis, width=w, height=h, theme=theme)
    groups = tuple(Group(c.to_commands(0, 0, w, h), (0.0, i * h) if stacked else (i * w, 0.0))
                   for i, c in enumerate(charts))
    from batuta.render.chart import THEMES

    return scale_scene(Scene(width, height, rgba(THEMES[theme].background), groups), scale)
