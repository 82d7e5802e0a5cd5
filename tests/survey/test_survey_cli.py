"""The survey progress bar: sources done / failed / running and code lines per second."""

from __future__ import annotations

import io
import time

from batuta.cli.survey import SurveyBar
from batuta.survey.runner import SurveyProgress


class Terminal(io.StringIO):
    """What rich draws a live bar on: a stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_bar_shows_done_failed_running_and_rate() -> None:
    stream = Terminal()
    state = SurveyProgress(total=5)
    with SurveyBar(enabled=True, stream=stream) as bar:
        state.done, state.failed, state.running, state.lines = 3, 1, 1, 12_000
        state.started = time.perf_counter() - 2.0  # two seconds ago: ~6,000 lines/s
        bar(state)
    text = stream.getvalue()
    assert "4/5" in text and "1 failed" in text and "1 running" in text
    last = text.rsplit(" lines/s", 1)[0]  # the final frame
    rate = int(last.rsplit(" ", 1)[1].replace(",", ""))
    assert 4_000 <= rate <= 6_000


def test_bar_is_silent_when_not_wanted() -> None:
    stream = io.StringIO()
    with SurveyBar(enabled=False, stream=stream) as bar:
        bar(SurveyProgress(total=5, done=5))
    assert stream.getvalue() == ""
