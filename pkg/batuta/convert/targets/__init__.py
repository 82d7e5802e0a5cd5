"""Facts about the converter's targets: the public APIs of trueno, aprender and realizar.

The converter's first layer. It knows nothing about Python: it loads
``data/targets.json`` (a subset of ``shared/crate-api``, written by
``tools/extract_targets.py``) into typed records, and says which Rust items the converter may
emit (``emittable_paths``). The type pass and the emitter read these facts; nothing here
imports them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from batuta.convert.targets.emitted import EXPANDED_TYPES, ROOTS

__all__ = ["Item", "Param", "Targets", "emittable_paths", "load", "param_kind"]


def param_kind(rust_type: str) -> str:
    """How an argument is passed: ``slice`` (``&[T]``), ``str`` (``&str``), ``mut`` (``&mut
    T``), ``borrowed`` (``&T``), ``generic`` (``impl Trait`` / a type parameter) or ``owned``."""
    t = rust_type.strip()
    if t.startswith("&") and t.lstrip("&").lstrip().startswith("["):
        return "slice"
    if t in ("&str", "&'static str"):
        return "str"
    if t.startswith("&mut "):
        return "mut"
    if t.startswith("&"):
        return "borrowed"
    if t.startswith("impl ") or (len(t) == 1 and t.isupper()):
        return "generic"
    return "owned"


@dataclass(frozen=True)
class Param:
    """One parameter: its name, its Rust type as written, and how it is passed."""

    name: str
    rust_type: str
    kind: str


@dataclass(frozen=True)
class Item:
    """One public item of a target crate (one record per signature: a method defined for
    several ``self_type`` s has several)."""

    crate: str
    path: str
    kind: str
    version: str
    receiver: str | None = None
    params: tuple[Param, ...] = ()
    returns: str = "()"
    self_type: str = ""
    trait: str = ""
    generics: str = ""
    feature: str = ""
    uncertain: bool = False
    shadowed: bool = False
    target: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def is_result(self) -> bool:
        """Whether the item returns a ``Result`` (the caller needs ``?``), not a plain value."""
        r = self.returns.replace("std::result::", "")
        return r.startswith("Result<") or r == "Result" or r.startswith("PreflightResult<")

    @property
    def arity(self) -> int:
        return len(self.params)


def _item(crate: str, raw: dict[str, Any]) -> Item:
    feature = raw.get("feature", "")
    return Item(
        crate=crate, path=raw["path"], kind=raw["kind"], version=raw.get("version", ""),
        receiver=raw.get("receiver"),
        params=tuple(Param(n, t, param_kind(t)) for n, t in raw.get("params", [])),
        returns=raw.get("returns", "()"), self_type=raw.get("self_type", ""),
        trait=raw.get("trait") or "", generics=raw.get("generics", ""),
        feature=feature if isinstance(feature, str) else ",".join(feature),
        uncertain=bool(raw.get("uncertain")), shadowed=bool(raw.get("shadowed")),
        target=raw.get("target", ""),
        fields=tuple((str(n), str(t)) for n, t in raw.get("fields", [])))


class Targets:
    """All items of the three crates, by path."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.versions: dict[str, str] = {}
        self.prelude: dict[str, str] = {}
        self._by_path: dict[str, list[Item]] = {}
        for crate, body in data["crates"].items():
            self.versions[crate] = body["version"]
            if crate == "aprender":
                self.prelude = dict(body["prelude"])
            for raw in body["items"]:
                item = _item(crate, raw)
                self._by_path.setdefault(item.path, []).append(item)

    def get(self, path: str) -> tuple[Item, ...]:
        """Every record with this path (empty when the tables do not have it)."""
        return tuple(self._by_path.get(path, ()))

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and path in self._by_path

    def paths(self) -> frozenset[str]:
        return frozenset(self._by_path)

    def callable(self, path: str) -> tuple[Item, ...]:
        """The fn / method records of a path."""
        return tuple(i for i in self.get(path) if i.kind in ("fn", "method"))

    def impls(self, type_path: str) -> tuple[Item, ...]:
        """Trait impl records for a type path."""
        return tuple(i for i in self.get(type_path) if i.kind == "impl")


@cache
def load() -> Targets:
    """The packaged tables (loaded once)."""
    text = resources.files("batuta.convert.targets").joinpath("data/targets.json").read_text(
        encoding="utf-8")
    return Targets(json.loads(text))


@cache
def emittable_paths() -> frozenset[str]:
    """Every Rust item path the converter can emit: each one is in the tables (a test checks)."""
    targets = load()
    paths = set(ROOTS)
    for path in targets.paths():
        owner = path.rpartition("::")[0]
        if owner in EXPANDED_TYPES and targets.callable(path):
            paths.add(path)
    return frozenset(paths)
