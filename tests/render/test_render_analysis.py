"""The analysis report charts: ``analysis_charts``, ``analysis_png``, ``chart_encoding``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from batuta._serialize import to_jsonable
from batuta.analyze.results import FunctionComplexity, LanguageStats, ProjectAnalysis
from batuta.render import Chart, analysis_charts, analysis_png, chart_encoding
from batuta.render.encoding import Encoding


def _analysis() -> ProjectAnalysis:
    langs = (LanguageStats("Python", 10, 800, 100, 50, 80.0),
             LanguageStats("C", 3, 150, 10, 5, 15.0),
             LanguageStats("Shell", 1, 50, 2, 1, 5.0))
    funcs = tuple(FunctionComplexity(f"f{i}", i, i + 3, c, None, "simple")
                  for i, c in enumerate([1, 2, 3, 12, 15, 30, 60]))
    return ProjectAnalysis(root="/p", languages=langs, primary_language="Python",
                           dependencies=(), ml_frameworks=(), tdg=None, transpilers=(),
                           skipped=(), duration_s=0.1, functions=funcs)


def test_analysis_charts_values() -> None:
    langs, cx = analysis_charts(_analysis())
    assert langs.layers[0].categories == ("Python", "C", "Shell")
    assert langs.layers[0].y == [80.0, 15.0, 5.0]
    assert cx.layers[0].y == [3, 2, 1, 1]
    assert "7 functions" in cx.title


def test_analysis_charts_accept_the_json_dict() -> None:
    as_dict = json.loads(json.dumps(to_jsonable(_analysis())))
    assert [c.layers for c in analysis_charts(as_dict)] == [
        c.layers for c in analysis_charts(_analysis())]


def test_empty_analysis_still_draws() -> None:
    empty = ProjectAnalysis(root="/", languages=(), primary_language=None, dependencies=(),
                            ml_frameworks=(), tdg=None, transpilers=(), skipped=(),
                            duration_s=0.0)
    enc = chart_encoding(empty, width=640, height=360)
    assert enc["width"] == 640


@pytest.mark.gpu
def test_analysis_png(decode_png: Callable[[bytes], tuple[bytes, int, int]],
                      gpu_engine: Any) -> None:
    png = analysis_png(_analysis(), engine=gpu_engine)
    rgba, w, h = decode_png(png)
    assert (w, h) == (1280, 720)
    assert len(set(rgba[i:i + 4] for i in range(0, len(rgba), 4 * 97))) > 10


def test_chart_encoding_is_json_and_replays(cpu_engine: Any) -> None:
    chart = Chart(width=200, height=150).bar(["a", "b"], [1, 2])
    enc = chart_encoding(chart)
    text = json.dumps(enc)
    again = Encoding.from_json(json.loads(text))
    assert cpu_engine.render(again) == cpu_engine.render(chart.encode())
