"""The desktop (native only): a live wgpu-py window, YAML apps on Panel, Bokeh HTML exports.

- ``window``: ``batuta analyze PATH --show`` and ``batuta app show APP_DIR`` (rendercanvas + glfw,
  drawn by the same WGSL passes as every other engine).
- ``panel_app``: ``batuta app serve APP_DIR --engine panel``, the app on Panel's own server.
- ``bokeh_export``: Bokeh figures for chart views and analyses, and standalone HTML with BokehJS
  inlined (``analyze --html``, ``app export``, :func:`analysis_figures_html` for reports).

Nothing here is imported by the core or by the browser bundle; the heavy libraries (rendercanvas,
glfw, Panel, Bokeh) are the ``desktop`` extra and load only when one of these runs.
"""

from __future__ import annotations

from batuta.desktop._content import AnalysisContent, AppContent, Control, ErrorContent, controls

__all__ = ["AnalysisContent", "AppContent", "Control", "ErrorContent", "controls"]
