"""Evaluating parsed pipelines over data sources (rows are dicts, results plain JSON values)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from batuta.app.expressions import Call, Compare, Field, Literal, Pipeline, Template
from batuta.errors import ExpressionError

Rows = list[dict[str, Any]]


def resolve_source(field: Field, sources: Mapping[str, Any]) -> Any:
    """The value a pipeline's source names; ``data.x`` and ``x`` both name source ``x``."""
    path = field.path
    if path[0] not in sources and path[0] == "data" and len(path) > 1:
        path = path[1:]
    if path[0] not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise ExpressionError(f"unknown data source {path[0]!r} (defined: {known})",
                              source=path[0])
    value = sources[path[0]]
    for i, part in enumerate(path[1:], start=1):
        if not isinstance(value, Mapping) or part not in value:
            raise ExpressionError(f"{'.'.join(path[:i + 1])}: no such field in the data")
        value = value[part]
    return value


def _get(row: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(row, Mapping):
            return None
        row = row.get(part)
    return row


def _operand(arg: Field | Literal, row: Any) -> Any:
    return arg.value if isinstance(arg, Literal) else _get(row, arg.path)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _order_ok(a: Any, b: Any) -> bool:
    return (_is_num(a) and _is_num(b)) or (isinstance(a, str) and isinstance(b, str))


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def _compare(cond: Compare, row: Any) -> bool:
    a, b = _operand(cond.left, row), _operand(cond.right, row)
    if cond.op == "==":
        return _eq(a, b)
    if cond.op == "!=":
        return not _compare(Compare(cond.left, "==", cond.right), row)
    if a is None or b is None:
        return False  # a missing value matches no ordering
    if not _order_ok(a, b):
        raise ExpressionError(f"cannot order {type(a).__name__} against {type(b).__name__} "
                              f"({a!r} {cond.op} {b!r})")
    return _ORDER[cond.op](a, b)


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b  # true is not 1 here
    return bool(a == b)


def _matches(call: Call, row: Any) -> bool:
    for arg in call.args:
        if isinstance(arg, Compare):
            if not _compare(arg, row):
                return False
        elif isinstance(arg, Field) and not _get(row, arg.path):
            return False
    return all(_eq(_get(row, (k,)), _operand(v, row)) for k, v in call.named)


def _rows(value: Any, step: str) -> list[Any]:
    if isinstance(value, list):
        return value
    raise ExpressionError(f"{step} needs rows, got {type(value).__name__}")


def _column(rows: list[Any], call: Call) -> list[float]:
    path = call.args[0].path if call.args and isinstance(call.args[0], Field) else ()
    values = [_get(r, path) if path else r for r in rows]
    out: list[float] = []
    for v in values:
        if v is None:
            continue  # missing cells are skipped, as spreadsheets do
        if not _is_num(v):
            raise ExpressionError(f"{call.name}: {v!r} is not a number")
        out.append(v)
    return out


def _aggregate(name: str, values: list[float]) -> float | None:
    if name == "sum":
        return sum(values)
    if not values:
        return None
    if name == "mean":
        return sum(values) / len(values)
    return min(values) if name == "min" else max(values)


def _sort(rows: list[Any], call: Call) -> list[Any]:
    path = call.args[0].path  # type: ignore[union-attr]
    desc = bool(dict(call.named).get("desc", Literal(False)).value)  # type: ignore[union-attr]
    present = [r for r in rows if _get(r, path) is not None]
    missing = [r for r in rows if _get(r, path) is None]
    keys = [_get(r, path) for r in present]
    if keys and not all(_order_ok(keys[0], k) for k in keys):
        raise ExpressionError(f"sort: column {'.'.join(path)} mixes text and numbers")
    present.sort(key=lambda r: _get(r, path), reverse=desc)
    return present + missing  # missing values always last


def _group_by(rows: list[Any], call: Call) -> Rows:
    key = call.args[0].path  # type: ignore[union-attr]
    groups: dict[Any, list[Any]] = {}
    for row in rows:
        k = _get(row, key)
        groups.setdefault(k if not isinstance(k, (list, dict)) else repr(k), []).append(row)
    out: Rows = []
    for k, members in groups.items():
        entry: dict[str, Any] = {key[-1]: k, "count": len(members)}
        for agg, field in call.named:
            col = Call(agg, (field,))
            entry[field.path[-1]] = _aggregate(agg, _column(members, col))  # type: ignore
        out.append(entry)
    return out


def _join(rows: list[Any], call: Call, sources: Mapping[str, Any]) -> Rows:
    other = _rows(resolve_source(call.args[0], sources), "join")  # type: ignore[arg-type]
    on = dict(call.named)["on"].path  # type: ignore[union-attr]
    index: dict[Any, list[Any]] = {}
    for r in other:
        index.setdefault(_get(r, on), []).append(r)
    return [{**right, **left} for left in rows for right in index.get(_get(left, on), [])
            if isinstance(left, dict) and isinstance(right, dict)]


def _step(value: Any, call: Call, original: list[Any], sources: Mapping[str, Any]) -> Any:
    name = call.name
    if name in ("count", "sum", "mean", "min", "max", "percentage"):
        rows = _rows(value, name)
        if name == "count":
            return len(rows)
        if name == "percentage":
            return _percentage(rows, original, call)
        return _aggregate(name, _column(rows, call))
    rows = _rows(value, name)
    if name == "filter":
        return [r for r in rows if _matches(call, r)]
    if name == "select":
        paths = [a.path for a in call.args]  # type: ignore[union-attr]
        return [{".".join(p): _get(r, p) for p in paths} for r in rows]
    if name == "sort":
        return _sort(rows, call)
    if name == "limit":
        return rows[: int(call.args[0].value)]  # type: ignore[union-attr, arg-type]
    if name == "group_by":
        return _group_by(rows, call)
    return _join(rows, call, sources)


def _percentage(rows: list[Any], original: list[Any], call: Call) -> float | None:
    if call.args:
        total = _aggregate("sum", _column(original, call)) or 0
        part = _aggregate("sum", _column(rows, call)) or 0
    else:
        total, part = len(original), len(rows)
    return None if not total else 100.0 * part / total


def evaluate(pipeline: Pipeline, sources: Mapping[str, Any]) -> Any:
    """Run a pipeline over named sources; returns rows, a number, or a plain value."""
    value = resolve_source(pipeline.source, sources)
    original = value if isinstance(value, list) else []
    for call in pipeline.steps:
        value = _step(value, call, original, sources)
    return value


def render_template(template: Template, sources: Mapping[str, Any]) -> Any:
    """A single ``{{ }}`` keeps its value's type; mixed text becomes a string."""
    single = template.single
    if single is not None:
        return evaluate(single, sources)
    return "".join(p if isinstance(p, str) else format_value(evaluate(p, sources))
                   for p in template.parts)


def format_value(value: Any) -> str:
    """How a value reads when put into text: numbers rounded sensibly, null as an em dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) < 1e15 else f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return f"{len(value)} rows"
    return str(value)
