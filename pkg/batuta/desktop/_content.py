"""What a desktop window shows, as scenes at any size: an analysis, an app, or an error.

No GUI imports: the window (``window.py``) asks a content object for the scene at the window's
current size and hands it to the engine. Layout is recomputed for every size (the app's grid at
the new width, the analysis charts at the new width and height), never scaled. An app's widget
state lives here too: the keyboard moves the focus between its controls (selects, sliders) and
steps their values; every change rebuilds the view model through ``build_view``, exactly as the
browser runner does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from batuta.errors import BatutaError
from batuta.render.chart import THEMES
from batuta.render.font import text_width
from batuta.render.scene import Group, Scene, Text, rgba

SCROLL_STEP = 120
"""Pixels one wheel notch scrolls a tall app (PageUp/PageDown scroll four)."""
TRACK_WIDTH = 420
"""Widest a select box or slider track is drawn (``batuta.app.native``)."""


class Content(Protocol):
    """Anything the window can draw."""

    name: str

    def scene(self, width: int, height: int) -> Scene:
        """The scene for a ``width`` x ``height`` pixel window."""

    def status(self) -> str:
        """One line for the window title (what has the keyboard focus)."""


class AnalysisContent:
    """The two analysis charts of ``batuta analyze --plot``, laid out for the window's size."""

    def __init__(self, analysis: Any, *, name: str = "analysis") -> None:
        self.analysis = analysis
        self.name = name

    def scene(self, width: int, height: int) -> Scene:
        from batuta.render import analysis_scene

        return analysis_scene(self.analysis, width=width, height=height)

    def status(self) -> str:
        return "s: save PNG, q: close"


@dataclass(frozen=True)
class Control:
    """A widget the keyboard can change: a select's options or a slider's numeric range.

    A slider is either one number or, as ``batuta.app``'s ``slider`` view is, a ``[low, high]``
    range (``is_range``); the keys move one end of a range at a time.
    """

    id: str
    label: str
    options: tuple[str, ...] = ()
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0
    is_range: bool = False

    @property
    def is_slider(self) -> bool:
        return not self.options

    @property
    def whole(self) -> bool:
        """Whole-number bounds and step: values are ints (1990, not 1990.0)."""
        return all(float(v).is_integer() for v in (self.low, self.high, self.step))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pair(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(map(_number, value))


def controls(view: Mapping[str, Any]) -> list[Control]:
    """The view model's adjustable widgets, in page order.

    A select carries ``options``; any widget whose view has numeric ``min`` and ``max`` and a
    ``value`` that is a number or a ``[low, high]`` pair is stepped like a slider (``step`` if
    it has one), so slider-like widget types are picked up from their view model alone.
    """
    out: list[Control] = []
    for section in view.get("sections", []):
        for w in section.get("widgets", []):
            if "error" in w:
                continue
            label = str(w.get("label") or w.get("title") or w["id"])
            if w.get("type") == "select" and w.get("options"):
                out.append(Control(w["id"], label, tuple(str(o) for o in w["options"])))
            elif _number(w.get("min")) and _number(w.get("max")) and (
                    _number(w.get("value")) or _pair(w.get("value"))):
                step = w.get("step") if _number(w.get("step")) and w["step"] > 0 else 1
                out.append(Control(w["id"], label, low=float(w["min"]), high=float(w["max"]),
                                   step=float(step), is_range=_pair(w["value"])))
    return out


def widget_boxes(view: Mapping[str, Any]) -> dict[str, tuple[float, float, float, float]]:
    """Each widget's (x, y, width, height) on the page, as ``app_scene`` places it."""
    from batuta.app.layout import PADDING, widget_height

    gap = int(view["layout"]["gap"])
    out: dict[str, tuple[float, float, float, float]] = {}
    for section in view.get("sections", []):
        x, y, w = float(section["x"]), float(section["y"]), float(section["width"])
        cy = y + PADDING
        for widget in section.get("widgets", []):
            h = widget_height(widget["type"], widget)
            out[str(widget["id"])] = (x + PADDING, cy, w - 2 * PADDING, float(h))
            cy += h + gap
    return out


def widget_value(view: Mapping[str, Any], wid: str) -> Any:
    """The current ``value`` of widget ``wid`` in a view model (None when absent)."""
    for section in view.get("sections", []):
        for w in section.get("widgets", []):
            if w.get("id") == wid:
                return w.get("value")
    return None


def _clamp(control: Control, value: float) -> int | float:
    value = max(control.low, min(control.high, value))
    return round(value) if control.whole else round(value, 10)


def stepped(control: Control, current: Any, delta: int, *, end: int = 1) -> Any:
    """The value ``delta`` steps away from ``current``, kept within the control's range.

    For a range slider ``end`` picks the end that moves (0 low, 1 high); the ends never cross.
    """
    if not control.is_slider:
        opts = control.options
        i = opts.index(str(current)) if str(current) in opts else 0
        return opts[max(0, min(len(opts) - 1, i + delta))]
    if control.is_range:
        lo, hi = (float(v) for v in current) if _pair(current) else (control.low, control.high)
        if end == 0:
            lo = min(hi, lo + delta * control.step)
        else:
            hi = max(lo, hi + delta * control.step)
        return [_clamp(control, lo), _clamp(control, hi)]
    value = float(current) if _number(current) else control.low
    return _clamp(control, value + delta * control.step)


def at_fraction(control: Control, current: Any, frac: float) -> Any:
    """A slider's value for a click at ``frac`` (0..1) of its track: the nearer end of a range
    moves there."""
    raw = control.low + max(0.0, min(1.0, frac)) * (control.high - control.low)
    target = control.low + round((raw - control.low) / control.step) * control.step
    if not control.is_range:
        return _clamp(control, target)
    lo, hi = (float(v) for v in current) if _pair(current) else (control.low, control.high)
    if abs(target - lo) <= abs(target - hi):
        lo = min(target, hi)
    else:
        hi = max(target, lo)
    return [_clamp(control, lo), _clamp(control, hi)]


class AppContent:
    """A YAML app: its validated model, data files and the widget state the user sets."""

    def __init__(self, app: Any, files: Any, *, analysis: Any = None) -> None:
        self.app = app
        self.files = files
        self.analysis = analysis
        self.name = str(app.name)
        self.state: dict[str, Any] = {}
        self.focus = -1
        self.scroll = 0
        self._views: dict[int, dict[str, Any]] = {}

    def view(self, width: int) -> dict[str, Any]:
        """The view model at ``width`` for the current state (cached until the state changes)."""
        if width not in self._views:
            from batuta.app import build_view

            self._views[width] = build_view(self.app, self.files, state=self.state,
                                            analysis=self.analysis, width=width)
        return self._views[width]

    def scene(self, width: int, height: int) -> Scene:
        from batuta.app.native import app_scene

        full = app_scene(self.view(width))
        self.scroll = max(0, min(self.scroll, full.height - height))
        return Scene(width, height, full.background,
                     (Group(full.commands, (0.0, float(-self.scroll))),))

    def controls(self, width: int = 1280) -> list[Control]:
        return controls(self.view(width))

    def focus_next(self, delta: int = 1, width: int = 1280) -> Control | None:
        """Move the keyboard focus to the next (or previous) control; None if there is none."""
        ctl = self.controls(width)
        if not ctl:
            return None
        self.focus = (self.focus + delta) % len(ctl) if self.focus >= 0 else \
            (0 if delta > 0 else len(ctl) - 1)
        return ctl[self.focus]

    def change(self, delta: int, width: int = 1280, *, end: int = 1) -> bool:
        """Step the focused control (focusing the first one if none is); True if it changed.

        ``end`` picks the end of a range slider that moves (0 low, 1 high).
        """
        ctl = self.controls(width)
        if not ctl:
            return False
        if self.focus < 0:
            self.focus = 0
        control = ctl[min(self.focus, len(ctl) - 1)]
        if not control.is_slider and end == 0:
            delta = -delta  # Down shows a select's next option, as in its list
        current = widget_value(self.view(width), control.id)
        new = stepped(control, current, delta, end=end)
        if new == current or (not control.is_slider and str(new) == str(current)):
            return False
        self.set_state(control.id, new)
        return True

    def click(self, x: float, y: float, width: int) -> bool:
        """A click at page coordinates: a select shows its next option (wrapping round), a
        slider's nearer end moves to the point of its track under the pointer (the track is
        ``min(width, TRACK_WIDTH)`` wide, as ``batuta.app.native`` draws it). True if the
        state changed."""
        view = self.view(width)
        by_id = {c.id: c for c in controls(view)}
        for wid, (bx, by, bw, bh) in widget_boxes(view).items():
            control = by_id.get(wid)
            if control is None or not (bx <= x <= bx + bw and by <= y <= by + bh):
                continue
            self.focus = list(by_id).index(wid)
            current = widget_value(view, wid)
            if control.is_slider:
                new = at_fraction(control, current, (x - bx) / min(bw, TRACK_WIDTH))
            else:
                opts = control.options
                new = opts[(opts.index(str(current)) + 1) % len(opts)
                           if str(current) in opts else 0]
            if new == current:
                return False
            self.set_state(wid, new)
            return True
        return False

    def set_state(self, wid: str, value: Any) -> None:
        self.state[wid] = value
        self._views.clear()

    def scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, self.scroll + pixels)

    def status(self) -> str:
        ctl = self.controls()
        if not ctl:
            return "PageUp/PageDown: scroll, s: save PNG, q: close"
        if self.focus < 0:
            return "Tab: focus a control, Left/Right: change it, s: save PNG, q: close"
        control = ctl[min(self.focus, len(ctl) - 1)]
        value = widget_value(self.view(1280), control.id)
        if control.is_range:
            return (f"{control.label} = {value[0]} – {value[1]} (Tab: next control, "
                    "Left/Right: high end, Down/Up: low end)")
        return f"{control.label} = {value} (Tab: next control, Left/Right: change)"


class ErrorContent:
    """A failed load: the error's code and message (file:line:column first), wrapped to fit."""

    def __init__(self, error: BatutaError, *, name: str = "error") -> None:
        self.error = error
        self.name = name

    def lines(self, width: int) -> list[str]:
        """The message wrapped to ``width`` pixels at 14 px."""
        words = f"{self.error.code}: {self.error.message}".split(" ")
        lines: list[str] = []
        current = ""
        for word in words:
            trial = f"{current} {word}".strip()
            if current and text_width(trial, 14) > width - 48:
                lines.append(current)
                current = word
            else:
                current = trial
        return [*lines, current]

    def scene(self, width: int, height: int) -> Scene:
        red, fg = rgba("#cf222e"), rgba(THEMES["light"].text)
        cmds = [Text(24, 24, "This could not be shown:", 16, fg, baseline="top")]
        cmds += [Text(24, 56 + 22 * i, line, 14, red, baseline="top")
                 for i, line in enumerate(self.lines(width))]
        return Scene(width, height, rgba(THEMES["light"].background), tuple(cmds))

    def status(self) -> str:
        return "error: s: save PNG, q: close"


def default_save_name(content: Content, width: int, height: int, directory: Path,
                      ) -> Path:
    """``DIR/<name>-<W>x<H>.png``, numbered ``-2``, ``-3``… rather than overwriting."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in content.name) or "batuta"
    path = directory / f"{stem}-{width}x{height}.png"
    n = 2
    while path.exists():
        path = directory / f"{stem}-{width}x{height}-{n}.png"
        n += 1
    return path
