"""Helpers the framework mappings share: pick a table item, call it with typed arguments.

A mapping never writes a signature by hand: it names the item by path, and ``call`` spells
each Python argument as the parameter type the table gives (borrowing, slicing, converting),
adds ``?`` only when the item returns ``Result``, and brings the item's trait into scope.
"""

from __future__ import annotations

import ast

from batuta.convert.core import Fail, Site, Val
from batuta.convert.targets import Item, emittable_paths, load
from batuta.convert.types import deref, from_table


def item(path: str, *, want_trait: bool | None = None, self_type: str = "") -> Item:
    """The table record for ``path`` (an inherent method before a trait's, unless asked)."""
    if path not in load():
        owner, _, name = path.rpartition("::")
        raise Fail(f"{owner} has no {name} in the tables")
    if path not in emittable_paths():
        raise AssertionError(f"{path} is not in targets.emittable_paths()")
    records = [i for i in load().get(path) if i.kind in ("fn", "method")]
    if self_type:
        records = [i for i in records if i.self_type == self_type] or records
    if want_trait is not None:
        records = [i for i in records if bool(i.trait) == want_trait] or records
    records.sort(key=lambda i: (bool(i.trait), i.shadowed, i.uncertain))
    if not records:
        raise Fail(f"the tables have no callable {path}")
    return records[0]


def receiver(site: Site, rust_type: str, what: str) -> str:
    """The code of the instance a method is called on, when it is a ``rust_type`` (``what``
    names it for the reason: "an SGDClassifier"); a method called on the class or on a value of
    another type fails with the reason."""
    if site.recv is None:
        raise Fail(f"{site.symbol} called on the class, not on an instance")
    if deref(site.recv.ty) != rust_type:
        raise Fail(f"a {site.recv.ty} is not {what}")
    return site.recv.code


def has(path: str) -> bool:
    return path in emittable_paths() and bool(load().callable(path))


def param_types(record: Item, generic: str = "") -> list[str]:
    """The parameter types, with the type parameter ``T`` bound to ``generic`` when given."""
    return [from_table(p.rust_type, record, generic) for p in record.params]


def call(site: Site, record: Item, recv: str | None, args: list[ast.expr | str],
         generic: str = "") -> Val:
    """``record`` called with ``args`` (nodes are translated to the parameter types; strings
    are code already); ``generic`` binds the item's type parameter ``T``."""
    types = param_types(record, generic)
    if len(args) != len(types):
        raise Fail(f"{record.path} takes {len(types)} argument(s)")
    codes = []
    for arg, rust_type in zip(args, types, strict=True):
        if "impl " in rust_type or rust_type in ("T", "&T", "&[T]", "P", "E", "&E"):
            if isinstance(arg, str):
                codes.append(arg)
                continue
            if "Into<PathBuf>" in rust_type or "Into<String>" in rust_type or rust_type == "P":
                codes.append(site.tr.value(arg, "&str"))
                continue
            raise Fail(f"{record.path} takes a generic {rust_type}")
        codes.append(arg if isinstance(arg, str) else site.tr.value(arg, rust_type))
    return site.tr.call_item(record, recv, codes, generic)
