"""Auditing converted Rust against the targets: which items it names, and whether a detected
Python call site has a mapping for that very symbol.

``named_items(rust)`` finds every crate item a converted module names (``use`` paths and
``Type::function(...)`` calls, with their argument count) and says whether the tables have it
with that arity and no receiver. ``mapped_by_symbol(symbol)`` says whether the registry maps a
detected call site's symbol (a refusal with a reason does not count). The tests and
``bench/convert.py`` both use these, so they measure the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from batuta.convert.registry import REGISTRY
from batuta.convert.targets import load
from batuta.convert.targets.emitted import APRENDER_BUILT, APRENDER_ESTIMATORS

_USE = re.compile(r"^use ([A-Za-z0-9_:]+);$", re.M)
_ASSOC_CALL = re.compile(r"(?<![A-Za-z0-9_:])((?:[A-Za-z_][A-Za-z0-9_]*::)+)"
                         r"([A-Za-z_][A-Za-z0-9_]*)\(")
_CRATES = ("aprender", "trueno", "realizar")


@dataclass(frozen=True)
class NamedItem:
    """One crate item a module names, and whether the tables have it in that shape."""

    path: str
    how: str
    found: bool


def _args(text: str, open_paren: int) -> int:
    """How many arguments the call whose ``(`` is at ``open_paren`` passes."""
    depth, count, seen = 0, 0, False
    for ch in text[open_paren:]:
        if ch in "([{":
            depth += 1
            if depth == 1:
                continue
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return count + (1 if seen else 0)
        elif ch == "," and depth == 1:
            count, seen = count + 1, False
            continue
        if depth >= 1 and not ch.isspace():
            seen = True
    return count


def code_only(rust: str) -> str:
    """The Rust without comments and string literals (``// py:`` lines hold Python)."""
    rust = re.sub(r'"(?:\\.|[^"\\])*"', '""', rust)
    return "\n".join(line.split("//", 1)[0] for line in rust.splitlines())


def named_items(rust: str) -> list[NamedItem]:
    """Every crate item ``rust`` names: ``use`` paths, then associated / free function calls."""
    targets = load()
    code = code_only(rust)
    out: list[NamedItem] = []
    aliases: dict[str, str] = {}
    for path in _USE.findall(code):
        if path.startswith(tuple(f"{c}::" for c in _CRATES)):
            out.append(NamedItem(path, "use", path in targets))
            aliases[path.rpartition("::")[2]] = path
    for match in _ASSOC_CALL.finditer(code):
        head = match.group(1)[:-2]
        first = head.split("::")[0]
        if first not in aliases and first not in _CRATES:
            continue
        full = aliases.get(first, first) + head[len(first):] + "::" + match.group(2)
        arity = _args(code, match.end() - 1)
        records = [i for i in targets.get(full) if i.kind in ("fn", "method")]
        found = any(r.receiver is None and r.arity == arity for r in records)
        out.append(NamedItem(full, f"call with {arity} argument(s), no receiver", found))
    return out


def misses(rust: str) -> list[str]:
    """The named items the tables do not have in that shape."""
    return [f"{i.path} ({i.how})" for i in named_items(rust) if not i.found]


_LAYER_PATHS = {"torch.nn.Linear": "realizar::layers::Linear",
                "torch.nn.Embedding": "realizar::layers::Embedding",
                "torch.nn.LayerNorm": "realizar::layers::LayerNorm"}


def mapped_by_symbol(symbol: str) -> bool:
    """Whether a mapping exists for this very symbol (a function, a class, or a method of a
    mapped class that the target type has)."""
    rule = REGISTRY.find(symbol)
    if rule is not None:
        return not rule.refused
    owner, _, method = symbol.rpartition(".")
    built = {**APRENDER_ESTIMATORS, **APRENDER_BUILT}
    if owner in built:
        rust = f"aprender::{built[owner]}"
        from batuta.convert.sklearn import ATTRIBUTES

        needs = ["fit", "predict"] if method == "fit_predict" else [ATTRIBUTES.get(method, method)]
        return REGISTRY.find(f"aprender::*.{method}") is not None and all(
            load().callable(f"{rust}::{name}") for name in needs)
    if owner in _LAYER_PATHS:
        return REGISTRY.find(f"{_LAYER_PATHS[owner]}.{method}") is not None
    return False
