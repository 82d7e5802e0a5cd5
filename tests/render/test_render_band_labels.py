"""Category labels: every one is drawn (flat, wrapped on two lines, or rotated), inside the
chart box, and none overlaps its neighbour; the analysis charts label every language and band."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.render import _analysis
from batuta.render.chart import Chart
from batuta.render.font import text_width
from batuta.render.scene import Group, Text

TICK = 11


def texts(commands: Any) -> list[Text]:
    out: list[Text] = []
    for cmd in commands:
        if isinstance(cmd, Text):
            out.append(cmd)
        elif isinstance(cmd, Group):
            out += texts(cmd.children)
    return out


def band_texts(chart: Chart, width: float, height: float) -> list[Text]:
    """The tick-sized texts under the plot: the category labels."""
    cmds = chart.to_commands(0, 0, width, height)
    return [t for t in texts(cmds) if t.size == TICK and t.baseline in ("top", "middle")
            and (t.rotated or t.anchor == "middle") and t.y > height / 3]


@pytest.mark.parametrize(("names", "style"), [
    (["Python", "C", "C++", "Shell"], "flat"),
    (["1–10 simple", "11–20 moderate", "21–50 complex", ">50 very complex"], "wrap"),
    ([f"language number {i}" for i in range(14)], "rotated"),
])
def test_every_category_label_is_drawn(names: list[str], style: str) -> None:
    chart = Chart(width=480, height=300).bar(names, [float(i + 1) for i in range(len(names))])
    drawn = band_texts(chart, 480, 300)
    if style == "wrap":
        assert [" ".join(t.text for t in drawn[2 * i:2 * i + 2]) for i in range(len(names))] \
            == names
    else:
        assert [t.text for t in drawn] == names
    assert all(t.rotated for t in drawn) == (style == "rotated")
    for t in drawn:  # inside the box
        depth = text_width(t.text, TICK) if t.rotated else TICK
        assert 0 <= t.x <= 480 and t.y + depth <= 300


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh XYZ+#-", min_size=1, max_size=30), min_size=1,
                max_size=30))
def test_labels_never_overlap(names: list[str]) -> None:
    chart = Chart(width=640, height=360).bar(names, [1.0] * len(names))
    drawn = band_texts(chart, 640, 360)
    assert len({t.x for t in drawn}) == len({t.x for t in drawn if t.text})  # one per band
    xs = sorted({t.x for t in drawn})
    for t in drawn:  # neighbours are at least a label apart along the axis
        room = min((abs(t.x - x) for x in xs if x != t.x), default=1e9)
        need = TICK if t.rotated else text_width(t.text, TICK)
        assert need <= room + 0.5, (t.text, need, room)


def test_analysis_charts_label_every_language_and_band() -> None:
    analysis = {"languages": [{"language": name, "code": 100 - i, "percentage": 10.0}
                              for i, name in enumerate(["Python", "C", "Markdown", "Shell",
                                                        "TOML", "Rust", "YAML", "C++"])],
                "functions": [{"cyclomatic": c} for c in (1, 12, 30, 60)]}
    for width in (360, 960):
        scene = _analysis.analysis_scene(analysis, width=width, height=640)
        drawn = " ".join(t.text for t in texts(scene.commands))
        for name in ("Python", "C", "Markdown", "Shell", "TOML", "Rust", "YAML", "C++"):
            assert name in drawn.split(), (width, name)
        for word in ("simple", "moderate", "complex"):
            assert word in drawn


def test_a_narrow_canvas_stacks_the_two_charts() -> None:
    analysis = {"languages": [{"language": "Python", "code": 1, "percentage": 100.0}],
                "functions": []}
    narrow = _analysis.analysis_scene(analysis, width=360, height=640)
    wide = _analysis.analysis_scene(analysis, width=1280, height=720)
    def offsets(scene: Any) -> list[tuple[float, float]]:
        return [g.translate for g in scene.commands if isinstance(g, Group)]

    assert offsets(narrow) == [(0.0, 0.0), (0.0, 320.0)]
    assert offsets(wide) == [(0.0, 0.0), (640.0, 0.0)]
