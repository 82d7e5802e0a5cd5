"""Every Oracle example and recipe names only items of ``../shared/crate-api`` (a static check
beside the real ``cargo check`` of ``test_examples_check.py``), and carries its own tests."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from batuta.oracle.cookbook import recipes
from batuta.oracle.examples import ALGORITHM_PATHS, EXAMPLES

CRATE_API = Path(__file__).resolve().parents[2].parent / "shared" / "crate-api"
STD_METHODS = {"expect", "unwrap_or", "copied", "len", "is_ok", "into", "iter", "chunks",
               "exists", "join", "to_str"}


def all_modules() -> dict[str, str]:
    """Every example and every recipe's code, by a module name."""
    mods = {f"example_{k.replace('-', '_')}": v for k, v in EXAMPLES.items()}
    mods.update({f"recipe_{r.id.replace('-', '_')}": r.code for r in recipes() if r.code})
    return mods


@cache
def table_paths() -> frozenset[str]:
    paths: set[str] = set()
    for crate in ("trueno", "aprender", "realizar"):
        for item in json.loads((CRATE_API / f"{crate}.json").read_text())["items"]:
            paths.add(item["path"])
            paths.update(item.get("also_at", []))
    return frozenset(paths)


def _uses(code: str) -> list[str]:
    out = []
    for module, names in re.findall(r"^use ([\w:]+)::\{([^}]*)\};", code, re.M):
        out += [f"{module}::{n.strip()}" for n in names.split(",") if n.strip()]
    out += re.findall(r"^use ([\w:]+);", code, re.M)
    return out


@pytest.mark.parametrize(("name", "code"), sorted(all_modules().items()))
def test_only_table_items(name: str, code: str) -> None:
    paths = table_paths()
    imported = {p.rsplit("::", 1)[-1]: p for p in _uses(code)}
    for path in imported.values():
        assert path in paths, f"{name}: `use {path}` is not in the crate-API tables"
    for type_name, func in re.findall(r"\b([A-Z]\w*)::(\w+)\(", code):
        full = imported.get(type_name)
        assert full, f"{name}: {type_name} is used without a `use`"
        assert f"{full}::{func}" in paths, f"{name}: {full}::{func} is not in the tables"
    crate_methods = {p.rsplit("::", 1)[-1] for p in paths}
    for method in re.findall(r"\.(\w+)\(", code):
        assert method in crate_methods or method in STD_METHODS, f"{name}: .{method}() unknown"


@pytest.mark.parametrize(("name", "code"), sorted(all_modules().items()))
def test_examples_carry_tests(name: str, code: str) -> None:
    assert "#[cfg(test)]" in code and "#[test]" in code, name


def test_algorithm_paths_exist() -> None:
    for algorithm, path in ALGORITHM_PATHS.items():
        if path.startswith("aprender::"):
            assert path in table_paths(), algorithm


def test_recipes_with_code() -> None:
    with_code = {r.id for r in recipes() if r.code}
    assert {"ml-random-forest", "ml-serving", "transpile-numpy", "data-preprocessing"} <= with_code
    for recipe in recipes():
        if recipe.code is None:
            assert "no API table" in recipe.code_note
