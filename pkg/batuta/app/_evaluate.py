"""Evaluating parsed pipelines over data sources (rows are dicts, results plain JSON values)."""

from __future__ import annotations

import operator
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


Getter = Callable[[Any], Any]


def _getter(arg: Field | Literal) -> Getter:
    """A compiled accessor: a constant, one dict key (the common case, fast), or a dotted path."""
    if isinstance(arg, Literal):
        value = arg.value
        return lambda row: value
    path = arg.path
    if len(path) == 1:
        key = path[0]
        return lambda row: row.get(key) if type(row) is dict else _get(row, path)
    return lambda row: _get(row, path)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _order_ok(a: Any, b: Any) -> bool:
    return (_is_num(a) and _is_num(b)) or (isinstance(a, str) and isinstance(b, str))


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
_NUMERIC = (int, float)


def _eq(a: Any, b: Any) -> bool:
    if type(a) is bool or type(b) is bool:
        return a is b  # true is not 1 here
    return bool(a == b)


def _predicate(cond: Compare) -> Callable[[Any], bool]:
    """Compile one comparison; ordering across text and numbers is an error, not False."""
    left, right, op = _getter(cond.left), _getter(cond.right), cond.op
    if op in ("==", "!="):
        want = op == "=="
        return lambda row: _eq(left(row), right(row)) is want
    order = _ORDER[op]

    def test(row: Any) -> bool:
        a, b = left(row), right(row)
        ta, tb = type(a), type(b)
        if (ta in _NUMERIC and tb in _NUMERIC) or (ta is str and tb is str):
            return bool(order(a, b))
        if a is None or b is None:
            return False  # a missing value matches no ordering
        if not _order_ok(a, b):
            raise ExpressionError(f"cannot order {ta.__name__} against {tb.__name__} "
                                  f"({a!r} {op} {b!r})")
        return bool(order(a, b))

    return test


def _filter(rows: list[Any], call: Call) -> list[Any]:
    preds: list[Callable[[Any], bool]] = []
    for arg in call.args:
        if isinstance(arg, Compare):
            preds.append(_predicate(arg))
        elif isinstance(arg, Field):
            get = _getter(arg)
            preds.append(lambda row, get=get: bool(get(row)))  # type: ignore[misc]
    for key, value in call.named:
        preds.append(_predicate(Compare(Field((key,)), "==", value)))
    if len(preds) == 1:
        return [r for r in rows if preds[0](r)]
    return [r for r in rows if all(p(r) for p in preds)]


def _rows(value: Any, step: str) -> list[Any]:
    if isinstance(value, list):
        return value
    raise ExpressionError(f"{step} needs rows, got {type(value).__name__}")


def _column(rows: list[Any], call: Call) -> list[float]:
    field = call.args[0] if call.args and isinstance(call.args[0], Field) else None
    values = list(rows) if field is None else list(map(_getter(field), rows))
    out: list[float] = []
    for v in values:
        if type(v) in _NUMERIC:
            out.append(v)
            continue
        if v is None:
            continue  # missing cells are skipped, as spreadsheets do
        if not _is_num(v):
            raise ExpressionError(f"{call.name}: {v!r} is not a number")
        out.append(v)
    return out


def _aggregate(name: str, values: list[float]) -> float | None:
    try:
        if name == "sum":
            return sum(values)
        if not values:
            return None
        if name == "mean":
            return sum(values) / len(values)
    except OverflowError:  # a huge int beside a float: float(int) overflows
        raise ExpressionError(f"{name}: a value is too large to add up (beyond the float "
                              "range)", transform=name) from None
    return min(values) if name == "min" else max(values)


def _kind(v: Any) -> str:
    if type(v) in _NUMERIC or _is_num(v):
        return "number"
    return "text" if isinstance(v, str) else "boolean" if isinstance(v, bool) else "other"


def _sort(rows: list[Any], call: Call) -> list[Any]:
    get = _getter(call.args[0])  # type: ignore[arg-type]
    desc = bool(dict(call.named).get("desc", Literal(False)).value)  # type: ignore[union-attr]
    keyed = [(get(r), r) for r in rows]
    present = [kr for kr in keyed if kr[0] is not None]
    kinds = {_kind(k) for k, _ in present}
    if len(kinds) > 1 or "other" in kinds:
        name = ".".join(call.args[0].path)  # type: ignore[union-attr]
        raise ExpressionError(f"sort: column {name} mixes {' and '.join(sorted(kinds))} values")
    present.sort(key=operator.itemgetter(0), reverse=desc)
    return [r for _, r in present] + [r for k, r in keyed if k is None]  # missing values last


def _hashable(key: Any) -> Any:
    """Lists and objects in a key column group by their text form (they are not hashable)."""
    return repr(key) if isinstance(key, (list, dict)) else key


def _group_by(rows: list[Any], call: Call) -> Rows:
    key = call.args[0].path  # type: ignore[union-attr]
    get = _getter(call.args[0])  # type: ignore[arg-type]
    groups: dict[Any, list[Any]] = {}
    for row in rows:
        k = get(row)
        groups.setdefault(_hashable(k), []).append(row)
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
        index.setdefault(_hashable(_get(r, on)), []).append(r)
    return [{**right, **left} for left in rows
            for right in index.get(_hashable(_get(left, on)), [])
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
        return _filter(rows, call)
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
    try:
        return None if not total else 100.0 * part / total
    except OverflowError:
        raise ExpressionError("percentage: a value is too large (beyond the float range)",
                              transform="percentage") from None


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
