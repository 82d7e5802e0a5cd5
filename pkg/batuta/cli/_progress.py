"""A progress bar for long work, shown only where a person is watching.

The bar appears when stdout is a terminal, the output is text (never with ``--format json``),
and the work is large enough to be worth it; it is transient, so the report that follows is
not interleaved with it. Updates are throttled because the analyzer reports every file.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

PROGRESS_MIN_FILES = 200  # below this an analysis takes well under a second: no bar
REFRESH_S = 0.05


class ProgressBar:
    """A ``(done, total)`` callback that drives a rich progress bar, started on first need.

    Use as a context manager so the bar is always removed, also when the work fails.

    Example:
        >>> with ProgressBar("Analyzing", enabled=False) as bar:
        ...     bar(1, 10)
    """

    def __init__(self, label: str, *, enabled: bool, min_total: int = PROGRESS_MIN_FILES,
                 stream: IO[str] | None = None) -> None:
        self.label = label
        self.enabled = enabled
        self.min_total = min_total
        self.stream = stream
        self._progress: Progress | None = None
        self._task = TaskID(0)
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.min_total:
            return
        now = time.monotonic()
        if self._progress is None:
            self._start(total)
        elif done < total and now - self._last < REFRESH_S:
            return
        self._last = now
        assert self._progress is not None
        self._progress.update(self._task, completed=done, total=total)

    @property
    def shown(self) -> bool:
        """Whether the bar was ever displayed."""
        return self._progress is not None

    def _start(self, total: int) -> None:
        console = Console(file=self.stream or sys.stdout, highlight=False)
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("files"), TimeElapsedColumn(), console=console, transient=True)
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=total)

    def close(self) -> None:
        """Stop and erase the bar (idempotent)."""
        if self._progress is not None:
            self._progress.stop()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def progress_wanted(output_format: str, stream: IO[str] | None = None) -> bool:
    """True when a bar makes sense: text output going to a terminal."""
    out = stream or sys.stdout
    isatty = getattr(out, "isatty", None)
    return output_format == "text" and bool(isatty and isatty())
