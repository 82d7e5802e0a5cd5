"""The app schema: validates a loaded ``app.yaml`` into a typed :class:`App` (SPEC.md §9).

Every error is an :class:`AppValidationError` naming file, line, column, the key path and what
was expected. Expressions are parsed here too, so a bad ``{{ }}`` fails at load time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from batuta.app.data import DataSpec
from batuta.app.expressions import Template, is_template, parse_template
from batuta.app.loader import Located, Path_
from batuta.errors import AppValidationError, ExpressionError

CHART_TYPES = ("line", "bar", "scatter", "histogram", "heatmap")
FRAMEWORKS = ("numpy", "sklearn", "pytorch")
_COMMON = {"type", "id", "title", "description", "aria_label"}
WIDGET_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required keys, optional keys)
    "text": ({"content"}, set()),
    "metric": ({"label", "value"}, {"unit", "format"}),
    "chart": ({"chart_type", "data"}, {"x", "y", "color", "value", "bins", "width", "height"}),
    "data_table": ({"data"}, {"columns", "page_size", "sortable"}),
    "button": ({"label"}, set()),
    "text_input": ({"label"}, {"placeholder", "value", "multiline"}),
    "select": ({"label", "options"}, {"value"}),
    "slider": ({"label", "min", "max"}, {"step", "value", "unit"}),  # a numeric range filter
    "analysis": ({"source"}, set()),
    "converter": (set(), {"framework", "code", "data_size"}),
}
"""Each widget type's required and optional keys, beside the common ones."""
ACTIONS = {"filter": {"field"}, "convert": {"input"}}
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_FIELD = re.compile(r"[^\s].{0,127}", re.DOTALL)


@dataclass(frozen=True)
class Widget:
    """One widget: its type, id, plain properties and parsed ``{{ }}`` templates."""

    type: str
    id: str
    props: dict[str, Any]
    templates: dict[str, Template] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Section:
    id: str
    span: tuple[int, int]
    row: int | None
    widgets: tuple[Widget, ...]


@dataclass(frozen=True)
class Layout:
    type: str
    columns: int
    gap: int
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Interaction:
    """``on`` widget event does ``action`` to ``target`` (filter rows, or run a conversion)."""

    on: str
    action: str
    target: str
    field: str = ""
    input: str = ""
    framework: str = "numpy"


@dataclass(frozen=True)
class App:
    """A validated app: what every runner (native, browser) consumes."""

    presentar: str
    name: str
    version: str
    layout: Layout
    description: str = ""
    data: dict[str, DataSpec] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    interactions: tuple[Interaction, ...] = ()
    theme: dict[str, Any] = field(default_factory=dict)
    file: str = "app.yaml"
    raw: dict[str, Any] = field(default_factory=dict)

    def widgets(self) -> list[Widget]:
        """Every widget, section by section."""
        return [w for s in self.layout.sections for w in s.widgets]


class _V:
    """Small typed getters over a :class:`Located` document."""

    def __init__(self, doc: Located) -> None:
        self.doc = doc

    def err(self, path: Path_, msg: str) -> AppValidationError:
        return self.doc.error(path, msg)

    def mapping(self, value: Any, path: Path_, keys: set[str],
                required: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.err(path, f"expected a mapping, got {_kind(value)}")
        for key in value:
            if key not in keys:
                raise self.err((*path, key), f"unknown key {key!r}; expected one of "
                               f"{', '.join(sorted(keys))}")
        for key in sorted(required):
            if key not in value:
                raise self.err(path, f"missing required key {key!r}")
        return value

    def string(self, value: Any, path: Path_, *, pattern: re.Pattern[str] | None = None,
               choices: tuple[str, ...] = ()) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not pattern \
                and not choices:
            return str(value)  # presentar: 0.1 is a version, read as text
        if not isinstance(value, str):
            raise self.err(path, f"expected a string, got {_kind(value)}")
        if choices and value not in choices:
            raise self.err(path, f"expected one of {', '.join(choices)}, got {value!r}")
        if pattern and not pattern.fullmatch(value):
            raise self.err(path, f"{value!r} does not match {pattern.pattern}")
        return value

    def integer(self, value: Any, path: Path_, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.err(path, f"expected a whole number from {lo} to {hi}, got {value!r}")
        return value

    def template(self, value: str, path: Path_) -> Template:
        try:
            return parse_template(value)
        except ExpressionError as exc:
            line, col = self.doc.where(path)
            raise ExpressionError(f"{self.doc.file}:{line}:{col}: {exc.message}",
                                  file=self.doc.file, line=line, column=col) from exc


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
            type(None): "nothing (null)"}.get(type(value), type(value).__name__)


_TOP = {"presentar", "name", "version", "description", "data", "models", "layout",
        "interactions", "theme"}


def validate(doc: Located) -> App:
    """Validate a loaded document into an :class:`App` (raises AppValidationError)."""
    v = _V(doc)
    top = v.mapping(doc.data, (), _TOP, {"presentar", "name", "version", "layout"})
    data = {name: _data_spec(v, name, spec) for name, spec in
            v.mapping(top.get("data", {}), ("data",), set(top.get("data") or {}), set()).items()}
    layout = _layout(v, top["layout"])
    app = App(
        presentar=v.string(top["presentar"], ("presentar",)),
        name=v.string(top["name"], ("name",)),
        version=v.string(top["version"], ("version",)),
        description=v.string(top.get("description", ""), ("description",)),
        layout=layout, data=data,
        models=v.mapping(top.get("models", {}), ("models",), set(top.get("models") or {}), set()),
        interactions=_interactions(v, top.get("interactions", [])),
        theme=_theme(v, top.get("theme", {})), file=doc.file, raw=top,
    )
    _cross_check(v, app)
    return app


def _data_spec(v: _V, name: str, spec: Any) -> DataSpec:
    path: Path_ = ("data", name)
    if not _NAME.fullmatch(name):
        raise v.err(path, "a data source name is a letter or _ then letters, digits or _")
    m = v.mapping(spec, path, {"rows", "source", "file", "format", "refresh", "description"},
                  set())
    if "rows" in m:
        if not isinstance(m["rows"], list):
            raise v.err((*path, "rows"), "expected a list of rows")
        return DataSpec(name, "inline", tuple(m["rows"]))
    if "source" not in m:
        raise v.err(path, "expected 'rows' (inline data) or 'source' (file, analysis, pacha://)")
    src = v.string(m["source"], (*path, "source"))
    if src.startswith("pacha://"):
        return DataSpec(name, "pacha", path=src)
    if src == "analysis":
        file = v.string(m["file"], (*path, "file")) if "file" in m else ""
        return DataSpec(name, "analysis", path=file)
    fmt = m.get("format") or src.rsplit(".", 1)[-1].lower()
    fmt = v.string(fmt, (*path, "format"), choices=("csv", "json"))
    return DataSpec(name, fmt, path=src)


def _layout(v: _V, value: Any) -> Layout:
    m = v.mapping(value, ("layout",), {"type", "columns", "gap", "sections"}, {"sections"})
    columns = v.integer(m.get("columns", 12), ("layout", "columns"), 1, 24)
    gap = v.integer(m.get("gap", 16), ("layout", "gap"), 0, 256)
    sections_raw = m["sections"]
    if not isinstance(sections_raw, list) or not sections_raw:
        raise v.err(("layout", "sections"), "expected a non-empty list of sections")
    sections = tuple(_section(v, s, i, columns) for i, s in enumerate(sections_raw))
    _check_rows(v, sections)
    return Layout(v.string(m.get("type", "dashboard"), ("layout", "type")), columns, gap, sections)


def _check_rows(v: _V, sections: tuple[Section, ...]) -> None:
    """Sections pinned to the same ``row`` must not share a column."""
    taken: dict[int, list[tuple[int, int, str]]] = {}
    for i, s in enumerate(sections):
        if s.row is None:
            continue
        for a, b, other in taken.get(s.row, []):
            if a <= s.span[1] and s.span[0] <= b:
                raise v.err(("layout", "sections", i, "span"),
                            f"columns {s.span[0]}-{s.span[1]} overlap section {other!r} "
                            f"on row {s.row}")
        taken.setdefault(s.row, []).append((*s.span, s.id))


def _section(v: _V, value: Any, i: int, columns: int) -> Section:
    path: Path_ = ("layout", "sections", i)
    m = v.mapping(value, path, {"id", "span", "row", "widgets", "title"}, {"id", "widgets"})
    span_raw = m.get("span", [1, columns])
    if not (isinstance(span_raw, list) and len(span_raw) == 2):
        raise v.err((*path, "span"), f"expected [start, end] columns within 1..{columns}")
    start = v.integer(span_raw[0], (*path, "span", 0), 1, columns)
    end = v.integer(span_raw[1], (*path, "span", 1), start, columns)
    row = v.integer(m["row"], (*path, "row"), 1, 1000) if "row" in m else None
    widgets_raw = m["widgets"]
    if not isinstance(widgets_raw, list):
        raise v.err((*path, "widgets"), "expected a list of widgets")
    widgets = tuple(_widget(v, w, (*path, "widgets", j), f"{m['id']}-{j}")
                    for j, w in enumerate(widgets_raw))
    return Section(v.string(m["id"], (*path, "id"), pattern=_ID), (start, end), row, widgets)


def _widget(v: _V, value: Any, path: Path_, default_id: str) -> Widget:
    if not isinstance(value, dict) or "type" not in value:
        raise v.err(path, "expected a widget mapping with a 'type'")
    wtype = v.string(value["type"], (*path, "type"), choices=tuple(WIDGET_KEYS))
    required, optional = WIDGET_KEYS[wtype]
    m = v.mapping(value, path, _COMMON | required | optional, required)
    wid = v.string(m.get("id", default_id), (*path, "id"), pattern=_ID)
    props: dict[str, Any] = {}
    templates: dict[str, Template] = {}
    for key, val in m.items():
        if is_template(val):
            templates[key] = v.template(val, (*path, key))
        props[key] = val
    _widget_values(v, wtype, m, path)
    return Widget(wtype, wid, props, templates, v.doc.where(path)[0])


_TEXT_PROPS = frozenset({"title", "description", "aria_label", "label", "unit", "format",
                         "placeholder", "code"})
_COLUMN_PROPS = frozenset({"x", "y", "color"})
_BOOL_PROPS = frozenset({"sortable", "multiline"})
_INT_PROPS = {"bins": (1, 1000), "width": (16, 8192), "height": (16, 8192),
              "data_size": (1, 10**15)}


def _property_types(v: _V, wtype: str, m: dict[str, Any], path: Path_) -> None:
    """Every plain property's type, at load time (an expression is checked when evaluated):
    a list where a column name belongs, or ``bins: abc``, must fail here with its position,
    not as a TypeError deep in the view."""
    for key, value in m.items():
        where = (*path, key)
        if key in _INT_PROPS:  # numbers the renderer uses as is: never an expression (fuzz)
            v.integer(value, where, *_INT_PROPS[key])
            continue
        if is_template(value):
            continue
        if key in _TEXT_PROPS:
            v.string(value, where)
        elif key in _COLUMN_PROPS or (key == "value" and wtype == "chart"):
            if not isinstance(value, str) or not value.strip():
                raise v.err(where, f"expected a column name, got {_kind(value)}")
        elif key in _BOOL_PROPS and not isinstance(value, bool):
            raise v.err(where, f"expected true or false, got {_kind(value)}")
        elif key == "data" and wtype == "data_table":  # fuzz: reached the view as a KeyError
            raise v.err(where, "expected an expression such as '{{ source }}'")
    if wtype == "analysis":
        v.string(m["source"], (*path, "source"), pattern=_NAME)


def _widget_values(v: _V, wtype: str, m: dict[str, Any], path: Path_) -> None:
    """Type checks for the keys whose values are not free text."""
    _property_types(v, wtype, m, path)
    if wtype == "chart":
        v.string(m["chart_type"], (*path, "chart_type"), choices=CHART_TYPES)
        if m["chart_type"] != "histogram" and ("x" not in m or "y" not in m):
            raise v.err(path, f"a {m['chart_type']} chart needs 'x' and 'y' columns")
        for key in ("data",):
            if not is_template(m[key]):
                raise v.err((*path, key), "expected an expression such as '{{ source }}'")
    if wtype == "data_table":
        if "page_size" in m:
            v.integer(m["page_size"], (*path, "page_size"), 1, 1000)
        if "columns" in m and not (isinstance(m["columns"], list)
                                   and all(isinstance(c, str) for c in m["columns"])):
            raise v.err((*path, "columns"), "expected a list of column names")
    if wtype == "select" and not (isinstance(m["options"], list) or is_template(m["options"])):
        raise v.err((*path, "options"), "expected a list of options or an expression")
    if wtype == "slider":
        _slider_values(v, m, path)
    if wtype == "converter" and "framework" in m:
        v.string(m["framework"], (*path, "framework"), choices=FRAMEWORKS)
    if wtype == "text" and not isinstance(m["content"], str):
        raise v.err((*path, "content"), "expected Markdown text")


def _slider_values(v: _V, m: dict[str, Any], path: Path_) -> None:
    """min < max, a positive step, and a value that is a number or [low, high] within them."""
    def number(value: Any, where: Path_) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or value != value or abs(value) == float("inf"):
            raise v.err(where, f"expected a number, got {_kind(value)}")
        return float(value)

    lo, hi = number(m["min"], (*path, "min")), number(m["max"], (*path, "max"))
    if lo >= hi:
        raise v.err((*path, "max"), f"expected max greater than min ({m['min']})")
    if "step" in m and number(m["step"], (*path, "step")) <= 0:
        raise v.err((*path, "step"), "expected a step greater than 0")
    if "value" in m:
        value = m["value"]
        pair = value if isinstance(value, list) else [value]
        if len(pair) not in (1, 2):
            raise v.err((*path, "value"), "expected a number or [low, high]")
        for i, x in enumerate(pair):
            where = (*path, "value", i) if isinstance(value, list) else (*path, "value")
            if not lo <= number(x, where) <= hi:
                raise v.err(where, f"expected a value from {m['min']} to {m['max']}, got {x!r}")


def _interactions(v: _V, value: Any) -> tuple[Interaction, ...]:
    if not isinstance(value, list):
        raise v.err(("interactions",), "expected a list of interactions")
    out = []
    for i, item in enumerate(value):
        path: Path_ = ("interactions", i)
        m = v.mapping(item, path, {"on", "action", "target", "field", "input", "framework"},
                      {"on", "action", "target"})
        action = v.string(m["action"], (*path, "action"), choices=tuple(ACTIONS))
        for key in sorted(ACTIONS[action]):
            if key not in m:
                raise v.err(path, f"a {action} interaction needs {key!r}")
        fw = v.string(m.get("framework", "numpy"), (*path, "framework"), choices=FRAMEWORKS)
        # Widget ids and the field are names: "" or a list must fail here, not as a KeyError
        # or StopIteration when the interaction runs.
        ends = {key: v.string(m[key], (*path, key), pattern=_ID)
                for key in ("on", "target", "input") if key in m}
        field_name = v.string(m["field"], (*path, "field"), pattern=_FIELD) if "field" in m else ""
        out.append(Interaction(ends["on"], action, ends["target"], field_name,
                               ends.get("input", ""), fw))
    return tuple(out)


def _theme(v: _V, value: Any) -> dict[str, Any]:
    m = v.mapping(value, ("theme",), {"primary", "background", "foreground", "font_size", "name"},
                  set())
    for key in ("primary", "background", "foreground"):
        if key in m:
            v.string(m[key], ("theme", key), pattern=_COLOR)
    if "font_size" in m:
        v.integer(m["font_size"], ("theme", "font_size"), 8, 48)
    return dict(m)


def _cross_check(v: _V, app: App) -> None:
    """Ids unique; sources and interaction ends exist; sections do not overlap on a row."""
    seen: dict[str, Widget] = {}
    section_ids: set[str] = set()
    for s_i, section in enumerate(app.layout.sections):
        if section.id in section_ids:
            raise v.err(("layout", "sections", s_i, "id"), f"duplicate section id {section.id!r}")
        section_ids.add(section.id)
        for w_i, w in enumerate(section.widgets):
            path: Path_ = ("layout", "sections", s_i, "widgets", w_i)
            if w.id in seen:
                raise v.err((*path, "id"), f"duplicate widget id {w.id!r}")
            seen[w.id] = w
            for key, tpl in w.templates.items():
                for p in tpl.pipelines:
                    _check_source(v, app, p.source.path, (*path, key))
            if w.type == "analysis" and w.props["source"] not in app.data:
                raise v.err((*path, "source"), f"unknown data source {w.props['source']!r}")
    _check_interactions(v, app, seen)


def _check_interactions(v: _V, app: App, seen: dict[str, Widget]) -> None:
    for i, inter in enumerate(app.interactions):
        path: Path_ = ("interactions", i)
        for key, wid in (("on", inter.on), ("target", inter.target), ("input", inter.input)):
            if wid and wid not in seen:
                raise v.err((*path, key), f"no widget with id {wid!r}")
        if inter.action == "filter" and seen[inter.on].type not in ("select", "slider"):
            raise v.err((*path, "on"), "a filter interaction starts from a select or a slider")
        if inter.action == "convert" and seen[inter.on].type != "button":
            raise v.err((*path, "on"), "a convert interaction starts from a button")


def _check_source(v: _V, app: App, path: tuple[str, ...], where: Path_) -> None:
    name = path[1] if path[0] == "data" and path[0] not in app.data and len(path) > 1 else path[0]
    if name not in app.data:
        known = ", ".join(sorted(app.data)) or "none declared"
        raise v.err(where, f"unknown data source {name!r} (data sources: {known})")
