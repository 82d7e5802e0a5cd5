"""presentar-style YAML apps: safe loading, schema, expressions, data, layout, widgets, score.

``open_app(dir)`` or ``app_from_text(yaml, files)`` gives a validated :class:`App`;
``build_view`` turns it into the JSON view model every runner draws; ``score`` grades it.
"""

from batuta.app.expressions import parse, parse_template, unparse
from batuta.app.schema import App, validate
from batuta.app.score import AppScore, score_app
from batuta.app.view import app_from_text, build_view, load_data, open_app, score

__all__ = [
    "App", "AppScore", "app_from_text", "build_view", "load_data", "open_app", "parse",
    "parse_template", "score", "score_app", "unparse", "validate",
]
