"""The app quality score (SPEC.md §9): six categories weighted 25/20/20/15/10/10, graded.

Every check is static (the app file and its loaded data), so the native CLI and the browser
compute the same number from the same folder. Each category is a ratio in [0, 1] built from
named checks, reported beside the points so a user can see what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from batuta.app.schema import App
from batuta.grades import grade_for

WEIGHTS: tuple[tuple[str, float], ...] = (
    ("structural", 25.0), ("performance", 20.0), ("accessibility", 20.0),
    ("data", 15.0), ("documentation", 10.0), ("consistency", 10.0),
)
MAX_WIDGETS_PER_SECTION = 6
MAX_PIPELINE_STEPS = 5
MAX_CHART_ROWS = 100_000
MAX_SOURCE_ROWS = 50_000
MAX_CHARTS = 8
_SEMVER = re.compile(r"\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?")
_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_KEBAB = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class ScoreComponent:
    """One category: ``points = weight * ratio``; ``failed`` names the checks that missed."""

    name: str
    weight: float
    ratio: float
    points: float
    failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppScore:
    """The app's quality score (0-100, rounded to 0.1) and grade."""

    score: float
    grade: str
    components: tuple[ScoreComponent, ...]


Checks = list[tuple[str, bool]]


def _ratio(checks: Checks) -> tuple[float, tuple[str, ...]]:
    if not checks:
        return 1.0, ()
    return sum(ok for _, ok in checks) / len(checks), tuple(n for n, ok in checks if not ok)


def _structural(app: App) -> Checks:
    checks: Checks = []
    rows: dict[int, list[tuple[int, int]]] = {}
    for i, s in enumerate(app.layout.sections):
        checks.append((f"section {s.id} has at most {MAX_WIDGETS_PER_SECTION} widgets",
                       0 < len(s.widgets) <= MAX_WIDGETS_PER_SECTION))
        row = s.row if s.row is not None else -(i + 1)  # unplaced sections flow on their own
        overlap = any(a <= s.span[1] and s.span[0] <= b for a, b in rows.get(row, []))
        checks.append((f"section {s.id} does not overlap another on its row", not overlap))
        rows.setdefault(row, []).append(s.span)
    for w in app.widgets():
        for key, tpl in w.templates.items():
            steps = max((len(p.steps) for p in tpl.pipelines), default=0)
            checks.append((f"{w.id}.{key} chains at most {MAX_PIPELINE_STEPS} transforms",
                           steps <= MAX_PIPELINE_STEPS))
    return checks


def _rows_of(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _performance(app: App, data: Mapping[str, Any]) -> Checks:
    charts = [w for w in app.widgets() if w.type == "chart"]
    checks: Checks = [(f"at most {MAX_CHARTS} charts", len(charts) <= MAX_CHARTS)]
    for name in app.data:
        checks.append((f"source {name} has at most {MAX_SOURCE_ROWS} rows",
                       _rows_of(data.get(name)) <= MAX_SOURCE_ROWS))
    for w in charts:
        tpl = w.templates.get("data")
        src = tpl.pipelines[0].source.path if tpl and tpl.pipelines else ()
        name = src[1] if src and src[0] == "data" and len(src) > 1 else (src[0] if src else "")
        checks.append((f"chart {w.id} draws at most {MAX_CHART_ROWS} points",
                       _rows_of(data.get(name)) <= MAX_CHART_ROWS))
    for w in app.widgets():
        if w.type == "data_table":
            checks.append((f"table {w.id} is paged (page_size <= 100)",
                           int(w.props.get("page_size", 25)) <= 100))
    return checks


def _luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else float(((s + 0.055) / 1.055) ** 2.4)
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _accessibility(app: App) -> Checks:
    fg = str(app.theme.get("foreground", "#1f2328"))
    bg = str(app.theme.get("background", "#ffffff"))
    checks: Checks = [("text contrast meets WCAG AA (4.5:1)", contrast_ratio(fg, bg) >= 4.5)]
    for w in app.widgets():
        if w.type == "chart":
            checks.append((f"chart {w.id} has a title or aria_label",
                           bool(w.props.get("title") or w.props.get("aria_label"))))
        if w.type in ("button", "text_input", "select", "slider"):
            checks.append((f"{w.type} {w.id} has a visible label",
                           bool(str(w.props.get("label", "")).strip())))
        if w.type == "data_table":
            checks.append((f"table {w.id} has a title", bool(w.props.get("title"))))
    return checks


def _data(app: App, data: Mapping[str, Any], errors: Mapping[str, str]) -> Checks:
    checks: Checks = []
    for name in app.data:
        checks.append((f"source {name} loads offline", name not in errors))
        rows = data.get(name)
        if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
            cells = [v for r in rows for v in r.values()]
            complete = sum(v is not None for v in cells) >= 0.95 * len(cells)
            checks.append((f"source {name} is at least 95% complete", complete))
            checks.append((f"source {name} columns each hold one type", _one_type(rows)))
    return checks


def _one_type(rows: list[dict[str, Any]]) -> bool:
    kinds: dict[str, set[str]] = {}
    for r in rows:
        for k, v in r.items():
            if v is not None:
                kinds.setdefault(k, set()).add("num" if isinstance(v, (int, float))
                                               and not isinstance(v, bool) else type(v).__name__)
    return all(len(s) == 1 for s in kinds.values())


def _documentation(app: App) -> Checks:
    checks: Checks = [("app has a description", bool(app.description.strip())),
                      ("version is semantic (1.2.3)", bool(_SEMVER.fullmatch(app.version)))]
    for name in app.data:
        raw = app.raw.get("data", {}).get(name, {})
        checks.append((f"source {name} has a description", bool(raw.get("description"))))
    return checks


def _consistency(app: App) -> Checks:
    ids = [w.id for w in app.widgets()] + [s.id for s in app.layout.sections]
    one_style = all(_SNAKE.fullmatch(i) for i in ids) or all(_KEBAB.fullmatch(i) for i in ids)
    explicit = all("id" in w.props for w in app.widgets() if w.type != "text")
    return [("ids follow one naming style (snake_case or kebab-case)", one_style),
            ("interactive and data widgets have explicit ids", explicit),
            ("a theme is declared", bool(app.theme))]


def score_app(app: App, data: Mapping[str, Any], errors: Mapping[str, str] | None = None
              ) -> AppScore:
    """Score an app given its loaded sources (``errors``: sources that failed to load).

    Example:
        >>> from batuta.grades import grade_for
        >>> grade_for(87.5)
        'A-'
    """
    errors = errors or {}
    parts = {
        "structural": _structural(app), "performance": _performance(app, data),
        "accessibility": _accessibility(app), "data": _data(app, data, errors),
        "documentation": _documentation(app), "consistency": _consistency(app),
    }
    components = []
    for name, weight in WEIGHTS:
        ratio, failed = _ratio(parts[name])
        components.append(ScoreComponent(name, weight, round(ratio, 4),
                                         round(weight * ratio, 2), failed))
    total = round(sum(weight * _ratio(parts[name])[0] for name, weight in WEIGHTS), 1)
    return AppScore(total, grade_for(total), tuple(components))
