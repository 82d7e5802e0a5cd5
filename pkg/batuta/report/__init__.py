"""Presentation of results as readable text: the analysis report and the workflow status board.

Presentation only: nothing here computes a result; the core packages never import this one.
"""

from batuta.report.text import (
    SECTIONS,
    analysis_renderables,
    analysis_report,
    render_plain,
    status_board,
    summary_line,
)

__all__ = [
    "SECTIONS",
    "analysis_renderables",
    "analysis_report",
    "render_plain",
    "status_board",
    "summary_line",
]
