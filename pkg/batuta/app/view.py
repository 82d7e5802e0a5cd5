"""App -> JSON view model: the one structure the native renderer and the browser runner draw.

Also the entry points every runner uses: :func:`open_app` (a folder or file on disk),
:func:`app_from_text` (YAML text plus files, as the browser has them), :func:`load_data`,
:func:`build_view` and :func:`score`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from batuta.app.data import AppFiles, FolderFiles, MappingFiles, load_source
from batuta.app.layout import compute_layout
from batuta.app.loader import load_yaml_bytes, load_yaml_file
from batuta.app.schema import App, validate
from batuta.app.score import AppScore, score_app
from batuta.app.widgets import Context, widget_view
from batuta.errors import AppValidationError, BatutaError, InvalidArgumentError

APP_FILE_NAMES = ("app.yaml", "app.yml")


def find_app_file(path: str | Path) -> Path:
    """``APP_DIR`` -> its ``app.yaml``; a file path is returned as is."""
    p = Path(path)
    if p.is_dir():
        for name in APP_FILE_NAMES:
            if (p / name).is_file():
                return p / name
        raise AppValidationError(f"{p}: no app.yaml in this folder", file=str(p))
    if not p.is_file():
        raise AppValidationError(f"{p}: no such app folder or file", file=str(p))
    return p


def open_app(path: str | Path) -> tuple[App, AppFiles]:
    """Load and validate an app from disk; its data files are read from the same folder."""
    app_file = find_app_file(path)
    return validate(load_yaml_file(app_file)), FolderFiles(app_file.parent)


def app_from_text(text: str, files: Mapping[str, bytes | str] | None = None,
                  *, file: str = "app.yaml") -> tuple[App, AppFiles]:
    """Load and validate app YAML text; ``files`` holds the app folder's other files."""
    if not isinstance(text, str):
        raise InvalidArgumentError("the app must be YAML text")
    data: dict[str, bytes] = {}
    for name, value in (files or {}).items():
        if not isinstance(name, str) or not isinstance(value, (str, bytes, bytearray)):
            raise InvalidArgumentError("app files must map a relative path to its text")
        data[name] = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return validate(load_yaml_bytes(text, file)), MappingFiles(data)


def files_needed(app: App) -> list[str]:
    """Relative paths of the app's data files (CSV, JSON, saved analyses), in declared order."""
    return [spec.path for spec in app.data.values()
            if spec.kind in ("csv", "json") or (spec.kind == "analysis" and spec.path)]


def load_data(app: App, files: AppFiles, *, analysis: Any = None
              ) -> tuple[dict[str, Any], dict[str, BatutaError]]:
    """Load every source; a failing source is recorded (its widgets show the error)."""
    sources: dict[str, Any] = {}
    errors: dict[str, BatutaError] = {}
    for name, spec in app.data.items():
        try:
            sources[name] = load_source(spec, files, analysis=analysis)
        except BatutaError as exc:
            errors[name] = exc
    return sources, errors


def build_view(app: App, files: AppFiles, *, state: Mapping[str, Any] | None = None,
               analysis: Any = None, width: int = 1280,
               chart_encodings: bool = False, scale: float = 1.0) -> dict[str, Any]:
    """The view model for one UI state at one viewport width.

    ``state`` maps widget id -> value: a select's chosen option, an input's text, a button's
    click count, a table's ``{"page": n, "sort": col, "desc": bool}``. With
    ``chart_encodings`` each chart also carries its ``batuta.render`` encoding, which the
    browser draws with ``web/render/webgpu.js`` (the same WGSL passes as natively), at
    ``scale`` device pixels per CSS pixel (the page's ``devicePixelRatio``, clamped to 1..3).
    """
    sources, errors = load_data(app, files, analysis=analysis)
    ctx = Context(app, sources, errors, dict(state or {}))
    model = compute_layout(app.layout, width)
    boxes = {b.id: b for b in model.boxes}
    sections = []
    for section in app.layout.sections:
        box = asdict(boxes[section.id])
        box["widgets"] = [widget_view(w, ctx) for w in section.widgets]
        if chart_encodings:
            _add_encodings(box, app.layout.gap, scale)
        sections.append(box)
    return {
        "name": app.name, "version": app.version, "description": app.description,
        "theme": dict(app.theme),
        "layout": {"type": app.layout.type, "width": model.width, "height": model.height,
                   "columns": model.columns, "gap": model.gap, "stacked": model.stacked,
                   "rows": model.rows},
        "sections": sections,
        "interactions": [asdict(i) for i in app.interactions],
        "source_errors": {k: v.to_dict() for k, v in errors.items()},
    }


def _add_encodings(box: dict[str, Any], gap: int, scale: float = 1.0) -> None:
    """Attach a chart encoding (sized to the widget's box, drawn at the pixel ratio ``scale``)
    to every chart that has data."""
    from batuta.app.layout import PADDING, widget_height
    from batuta.app.native import chart_for
    from batuta.render import chart_encoding

    width = max(64, int(box["width"]) - 2 * PADDING)
    for widget in box["widgets"]:
        if widget["type"] == "chart" and "error" not in widget:
            try:
                chart = chart_for(widget, width, widget_height("chart", widget))
                widget["encoding"] = chart_encoding(chart, scale=scale)
            except BatutaError as exc:
                widget["error"] = exc.to_dict()


def score(app: App, files: AppFiles, *, analysis: Any = None) -> AppScore:
    """The app's quality score with its data loaded from ``files``."""
    sources, errors = load_data(app, files, analysis=analysis)
    return score_app(app, sources, {k: v.message for k, v in errors.items()})
