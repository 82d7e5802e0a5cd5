"""Presentation of results: the terminal analysis report and status board (``report.text``,
built on rich) and the migration report (``report.migration``: HTML, Markdown, JSON, text).

Presentation only: nothing here computes a result; the core packages never import this one.
The names of ``report.text`` load on first use, so the migration report (pure Python) imports
in the browser worker, where rich is not installed.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "SECTIONS",
    "analysis_renderables",
    "analysis_report",
    "render_plain",
    "status_board",
    "summary_line",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from batuta.report import text

        return getattr(text, name)
    raise AttributeError(f"module 'batuta.report' has no attribute {name!r}")
