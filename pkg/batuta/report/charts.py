"""The report's charts, built with ``batuta.render.chart`` and written as inline SVG.

Four charts: languages (share of code lines), functions per complexity band, the TDG
breakdown (points per component against its weight) and ML call sites per framework
(convertible vs. not). Each is drawn in the light and the dark theme; the page shows the one
matching ``prefers-color-scheme``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from batuta.render import analysis_charts
from batuta.render.chart import Chart
from batuta.report.svg import scene_svg

WIDTH, HEIGHT = 640, 400


def _tdg_chart(data: Mapping[str, Any], theme: str) -> Chart | None:
    tdg = data.get("tdg")
    if not isinstance(tdg, Mapping) or not tdg.get("components"):
        return None
    comps = tdg["components"]
    names = [str(c.get("name", "")).replace("_", " ") for c in comps]
    chart = Chart(title=f"TDG breakdown (score {tdg.get('score')})", y_label="points",
                  width=WIDTH, height=HEIGHT, theme=theme)
    chart = chart.bar(names, [float(c.get("weight", 0)) for c in comps], label="weight")
    return chart.bar(names, [float(c.get("points", 0)) for c in comps], label="points")


def _framework_chart(data: Mapping[str, Any], theme: str) -> Chart | None:
    sites = [s for s in data.get("call_sites") or () if isinstance(s, Mapping)]
    if not sites:
        return None
    frameworks = sorted({str(s.get("framework")) for s in sites})
    ok = [sum(1 for s in sites if s.get("framework") == f and s.get("convertible"))
          for f in frameworks]
    other = [sum(1 for s in sites if s.get("framework") == f and not s.get("convertible"))
             for f in frameworks]
    chart = Chart(title="ML call sites per framework", y_label="call sites", width=WIDTH,
                  height=HEIGHT, theme=theme)
    return chart.bar(frameworks, ok, label="convertible").bar(frameworks, other,
                                                             label="not yet")


def _charts(data: Mapping[str, Any], theme: str) -> list[tuple[str, Chart]]:
    languages, complexity = analysis_charts(data, width=WIDTH, height=HEIGHT, theme=theme)
    out = [("languages", languages), ("complexity", complexity)]
    for key, build in (("tdg", _tdg_chart), ("frameworks", _framework_chart)):
        chart = build(data, theme)
        if chart is not None:
            out.append((key, chart))
    return out


def chart_titles(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The ids of the charts the report draws for this analysis."""
    return tuple(key for key, _ in _charts(data, "light"))


def chart_svgs(data: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    """(id, title, light SVG, dark SVG) for every chart."""
    light = _charts(data, "light")
    dark = dict(_charts(data, "dark"))
    return [(key, chart.title, scene_svg(chart.to_scene(), title=chart.title, prefix=f"{key}-l"),
             scene_svg(dark[key].to_scene(), title=chart.title, prefix=f"{key}-d"))
            for key, chart in light]
