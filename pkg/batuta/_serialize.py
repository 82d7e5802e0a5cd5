"""Turning result dataclasses into the JSON the CLI prints and the JS API returns."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from collections.abc import Mapping
from typing import Any


def to_jsonable(value: Any) -> Any:
    """Convert dataclasses, enums, tuples and mappings to plain JSON types, recursively.

    Non-finite floats become ``None`` so the output is strict JSON (JS ``JSON.parse`` rejects NaN).
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    raise TypeError(f"cannot serialize {type(value).__name__}")


def to_json(value: Any, *, indent: int | None = None) -> str:
    """Serialize a result to a JSON string with stable key order."""
    return json.dumps(to_jsonable(value), indent=indent, ensure_ascii=False, allow_nan=False)
