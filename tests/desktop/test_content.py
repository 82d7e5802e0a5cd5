"""The window's content model without a window: controls found in view models, stepping and
clicking within bounds, scenes sized to the window with the layout recomputed."""

from __future__ import annotations

from pathlib import Path

from desktop_support import APPS
from hypothesis import given
from hypothesis import strategies as st

from batuta.app import build_view, open_app
from batuta.desktop import AppContent, Control, controls
from batuta.desktop._content import at_fraction, default_save_name, stepped, widget_boxes

ranges = st.tuples(st.integers(-1000, 1000), st.integers(1, 500), st.integers(1, 50))


@given(ranges, st.integers(-60, 60), st.integers(-60, 60), st.sampled_from([0, 1]))
def test_range_slider_steps_stay_ordered_and_in_bounds(r: tuple[int, int, int], a: int, b: int,
                                                       end: int) -> None:
    low, span, step = r
    ctl = Control("s", "S", low=low, high=low + span, step=step, is_range=True)
    value = stepped(ctl, [low, low + span], a, end=end)
    value = stepped(ctl, value, b, end=1 - end)
    assert low <= value[0] <= value[1] <= low + span
    assert all(isinstance(v, int) for v in value)


@given(ranges, st.floats(-0.5, 1.5), st.booleans())
def test_a_click_on_a_slider_track_lands_in_bounds(r: tuple[int, int, int], frac: float,
                                                   is_range: bool) -> None:
    low, span, step = r
    ctl = Control("s", "S", low=low, high=low + span, step=step, is_range=is_range)
    value = at_fraction(ctl, [low, low + span] if is_range else low, frac)
    values = value if is_range else [value]
    assert all(low <= v <= low + span for v in values)
    assert values == sorted(values)


@given(st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=8, unique=True),
       st.integers(-20, 20))
def test_select_steps_stop_at_the_ends(options: list[str], delta: int) -> None:
    ctl = Control("s", "S", tuple(options))
    assert stepped(ctl, options[0], delta) == options[max(0, min(len(options) - 1, delta))]


def test_example_apps_keyboard_changes_rebuild_the_view() -> None:
    for app_dir in APPS:
        app, files = open_app(app_dir)
        content = AppContent(app, files)
        view = content.view(1280)
        found = controls(view)
        assert [c.id for c in found] == [w["id"] for s in view["sections"]
                                         for w in s["widgets"]
                                         if w["type"] in ("select", "slider")]
        if found:  # a select's next option; a slider's high end one step down
            assert content.change(1 if found[0].options else -1)
            assert content.view(1280) == build_view(app, files, state=content.state, width=1280)
            assert content.view(1280) != build_view(app, files, width=1280)


def test_click_on_a_select_shows_its_next_option() -> None:
    app_dir = next(a for a in APPS if a.name == "dataset-explorer")
    app, files = open_app(app_dir)
    content = AppContent(app, files)
    view = content.view(1280)
    x, y, _, _ = widget_boxes(view)["region"]
    options = controls(view)[0].options
    assert content.click(x + 5, y + 30, 1280)
    assert content.state == {"region": options[1]}
    assert not content.click(1, 1, 1280) or content.state == {"region": options[1]}


def test_scene_follows_the_window_size(tmp_path: Path) -> None:
    app, files = open_app(APPS[0])
    content = AppContent(app, files)
    wide, narrow = content.scene(1280, 600), content.scene(600, 400)
    assert (wide.width, wide.height, narrow.width, narrow.height) == (1280, 600, 600, 400)
    assert content.view(600)["layout"]["stacked"] and not content.view(1280)["layout"]["stacked"]
    first = default_save_name(content, 600, 400, tmp_path)
    first.write_bytes(b"x")
    assert default_save_name(content, 600, 400, tmp_path).name.endswith("-600x400-2.png")
