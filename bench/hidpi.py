"""What drawing at a device pixel ratio of 2 costs natively: the desktop window's frame and the
survey HTML report's charts.

Run: ``.venv/bin/python bench/hidpi.py`` (``--repeats N``, default 5; the median is printed).

* window frame: ``batuta.desktop.window.frame_scene`` for the sample project's analysis
  (1280 x 720 logical) and the dataset-explorer app (1280 x its page height, at most 960),
  encoded and replayed by ``GpuEngine`` (wgpu-py; lavapipe where no GPU is lent), at pixel
  ratio 1 and 2: what one redraw of the window costs on a 1x and on a 2x screen.
* survey HTML: ``survey_report(db, "html")`` of a survey of the sample project (its three charts
  drawn at 1x and 2x), its time and size, beside the same charts drawn at 1x only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pkg"))


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm: pipelines compiled, caches filled
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_window(repeats: int) -> None:
    from batuta.api import analyze_project
    from batuta.app import open_app
    from batuta.desktop import AnalysisContent, AppContent
    from batuta.desktop._content import Content
    from batuta.desktop.window import frame_scene
    from batuta.render.encoding import encode
    from batuta.render.gpu import GpuEngine

    engine = GpuEngine()
    app, files = open_app(ROOT / "static" / "apps" / "dataset-explorer")
    app_content = AppContent(app, files)
    app_h = min(960, int(app_content.view(1280)["layout"]["height"]))
    contents: list[tuple[str, Content, int]] = [
        ("analysis", AnalysisContent(analyze_project(ROOT / "static" / "sample-project")), 720),
        ("dataset-explorer", app_content, app_h)]

    def frame(content: Content, w: int, h: int, ratio: int) -> Callable[[], object]:
        return lambda: engine.render(encode(frame_scene(content, w, h, ratio)))

    try:
        for name, content, height in contents:
            for ratio in (1, 2):
                w, h = 1280 * ratio, height * ratio
                ms = median_ms(frame(content, w, h, ratio), repeats)
                print(f"window {name:17s} ratio {ratio}: {w}x{h} frame {ms:7.1f} ms")
    finally:
        engine.close()


def bench_survey_html(repeats: int) -> None:
    from batuta import api
    from batuta.render import default_engine
    from batuta.survey.presentation import report_charts
    from batuta.survey.report import load_report
    from batuta.survey.runner import run_survey
    from batuta.survey.sources import expand
    from batuta.survey.store import SurveyStore, open_readonly

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "survey.db"
        store = SurveyStore(db)
        try:
            run_survey(expand([str(ROOT / "static" / "sample-project")]), store, workers=1)
        finally:
            store.close()
        html = api.survey_report(db, "html")
        ms = median_ms(lambda: api.survey_report(db, "html"), repeats)
        print(f"survey html (1x + 2x charts): {ms:7.1f} ms, {len(html):,} bytes")
        conn = open_readonly(db)
        charts = report_charts(load_report(conn))
        conn.close()
        engine = default_engine()
        one = sum(len(c.to_png(engine=engine)) for c in charts)
        ms1 = median_ms(lambda: [c.to_png(engine=engine) for c in charts], repeats)
        print(f"survey charts at 1x only: {ms1:7.1f} ms, {one:,} PNG bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bench_window(args.repeats)
    bench_survey_html(args.repeats)


if __name__ == "__main__":
    main()
