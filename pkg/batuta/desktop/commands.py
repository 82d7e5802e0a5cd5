"""What the desktop CLI options do: ``analyze --show/--html``, ``app show|export``, Panel serve.

``batuta.cli`` keeps the argument parsing; these functions do the work so the CLI modules only
gain a line or two each. Every failure is a ``BatutaError`` (the CLI prints it, exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from batuta.desktop._content import AnalysisContent, AppContent, ErrorContent
from batuta.errors import BatutaError, OutputWriteError

ANALYSIS_SIZE = (1280, 720)
APP_WIDTH = 1280
MAX_APP_HEIGHT = 960
"""A taller app opens at this height and scrolls (PageUp/PageDown, wheel)."""


def show_analysis(analysis: Any, root: Path, *, save_dir: Path | None = None) -> int:
    """``batuta analyze PATH --show``: the analysis charts in a live window."""
    from batuta.desktop.window import show

    hint = f"batuta analyze {root} --plot analysis.png"
    show(AnalysisContent(analysis, name=f"{root.resolve().name or 'project'}-analysis"),
         size=ANALYSIS_SIZE, save_dir=save_dir, png_hint=hint)
    return 0


def show_app(app_dir: str, *, analysis: Any = None, save_dir: Path | None = None,
             width: int = APP_WIDTH) -> int:
    """``batuta app show APP_DIR``: the app in a live window; 1 when the app did not load.

    A broken app opens the window on its error (the same ``file:line:column`` message the CLI
    prints to stderr), so the user sees what to fix where they expected the app.
    """
    from batuta.app import open_app
    from batuta.desktop.window import check_display, show

    hint = f"batuta app render {app_dir} -o app.png"
    if save_dir is not None and not save_dir.is_dir():
        raise OutputWriteError(f"--save-dir {save_dir}: no such directory", path=str(save_dir))
    check_display(hint)
    content: AppContent | ErrorContent
    try:
        app, files = open_app(app_dir)
        content = AppContent(app, files, analysis=analysis)
        height = min(MAX_APP_HEIGHT, int(content.view(width)["layout"]["height"]))
    except BatutaError as exc:
        sys.stderr.write(f"error[{exc.code}]: {exc.message}\n")
        content, height = ErrorContent(exc, name=Path(app_dir).name or "app"), 240
    show(content, size=(width, max(240, height)), save_dir=save_dir, png_hint=hint)
    return 1 if isinstance(content, ErrorContent) else 0


def write_analysis_html(analysis: Any, out: Path, *, title: str = "Batuta analysis") -> None:
    """``batuta analyze PATH --html OUT.html``: the charts as standalone interactive HTML."""
    from batuta.desktop.bokeh_export import analysis_figures_html

    _write(out, analysis_figures_html(analysis, title=title))


def export_app(app_dir: str, out: Path, *, analysis: Any = None) -> Path:
    """``batuta app export APP_DIR -o OUT.html``: a static interactive snapshot of the app."""
    from batuta.app import open_app
    from batuta.desktop.bokeh_export import app_html

    app, files = open_app(app_dir)
    _write(out, app_html(app, files, analysis=analysis))
    return out


def _write(out: Path, text: str) -> None:
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {out}: {exc.strerror or exc}",
                               path=str(out)) from exc


__all__ = ["export_app", "show_analysis", "show_app", "write_analysis_html"]
