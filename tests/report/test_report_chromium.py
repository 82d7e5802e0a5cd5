"""The HTML migration report in headless Chromium: offline, self-contained, every chart drawn,
no console error, readable on a phone (no sideways scrolling of the page) and in print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from batuta.api import analyze_project, report


def _open(page: Any, path: Path) -> tuple[list[str], list[str]]:
    """Load a file:// page; return (requests other than the file itself, console errors)."""
    url = path.as_uri()
    foreign: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    return foreign, errors


def _check(page: Any, html: str, tmp_path: Path, charts: list[str]) -> None:
    out = tmp_path / "report.html"
    out.write_text(html)
    foreign, errors = _open(page, out)
    assert foreign == [] and errors == []
    drawn = page.eval_on_selector_all(
        "figure.chart", "fs => fs.map(f => [f.dataset.chart, "
        "f.querySelector('.light svg').getBoundingClientRect().height, "
        "f.querySelectorAll('.light svg rect').length])")
    assert [d[0] for d in drawn] == charts
    assert all(height > 100 and rects > 5 for _, height, rects in drawn), drawn
    for section in ("languages", "dependencies", "frameworks", "tdg", "complexity", "workflow",
                    "coverage", "oracle"):
        assert page.locator(f"section#{section} h2").count() == 1, section
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.emulate_media(media="print")
    assert page.eval_on_selector("figure.chart .light", "e => getComputedStyle(e).display") \
        == "block"
    page.emulate_media(media="screen", color_scheme="dark")
    assert page.eval_on_selector("figure.chart .dark", "e => getComputedStyle(e).display") \
        == "block"


def test_sample_project_report(page: Any, tmp_path: Path,
                               sample_analysis: dict[str, object]) -> None:
    html = report(sample_analysis, "html")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<script" not in html
    charts = json.loads(report(sample_analysis, "json"))["charts"]
    _check(page, html, tmp_path, charts)


@pytest.mark.slow
def test_sdist_report(page: Any, tmp_path: Path, sdist_dir: Path) -> None:
    analysis = analyze_project(sdist_dir)
    html = report(analysis, "html")
    _check(page, html, tmp_path, json.loads(report(analysis, "json"))["charts"])
