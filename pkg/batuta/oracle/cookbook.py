"""The cookbook: recipes in registration order and their lookups (README quirk 18 decided).

Ids match exactly (case-sensitive, as upstream); tags and components case-insensitively;
search is a case-insensitive substring of the title, the problem text or a tag. Related ids that
name no recipe (six upstream) are dropped from ``related`` so every link resolves; components not
in the knowledge graph (``web-sys``, ``wasm-bindgen``, ``hf-hub``) are kept, since they are real
crates a recipe uses.
"""

from __future__ import annotations

import functools

from batuta.errors import InvalidArgumentError
from batuta.oracle import facts
from batuta.oracle.examples import EXAMPLES
from batuta.oracle.recipes import RECIPE_CODE, RECIPES
from batuta.oracle.results import Recipe

MAX_TEXT = 1000


@functools.cache
def recipes() -> tuple[Recipe, ...]:
    """Every recipe, registration order."""
    rows = facts.load("cookbook")["recipes"]
    ids = {r["id"] for r in rows}
    out = []
    for row in rows:
        problem, code_id = RECIPES.get(row["id"], ("", None))
        code = None if code_id is None else RECIPE_CODE.get(code_id, EXAMPLES.get(code_id))
        note = _note(row["components"], code)
        test_code = code[code.index("#[cfg(test)]"):] if code and "#[cfg(test)]" in code \
            else None
        out.append(Recipe(row["id"], row["title"], problem, tuple(row["components"]),
                          tuple(row["tags"]), tuple(r for r in row["related"] if r in ids),
                          code, test_code, note))
    return tuple(out)


TABLE_CRATES = ("trueno", "aprender", "realizar")
"""The crates with a crate-API table (``../shared/crate-api``): only their code is printed."""


def _note(components: list[str], code: str | None) -> str:
    others = [c for c in components if c not in TABLE_CRATES]
    if code is None:
        return "no code: its crates have no API table to check an example against"
    checked = [c for c in TABLE_CRATES if f"{c}::" in code]
    note = f"the {' and '.join(checked)} part, type-checked against the crate-API tables"
    return note + (f" ({', '.join(others)}: no API table, so no code)" if others else "")


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{what} must be a string", got=repr(value)[:80])
    if len(value) > MAX_TEXT:
        raise InvalidArgumentError(f"{what} is longer than {MAX_TEXT} characters")
    return value


def get(recipe_id: str) -> Recipe | None:
    """The recipe with exactly this id, or None."""
    wanted = _text(recipe_id, "recipe id")
    return next((r for r in recipes() if r.id == wanted), None)


def find_by_tag(tag: str) -> list[Recipe]:
    """Recipes carrying a tag (case-insensitive)."""
    wanted = _text(tag, "tag").strip().lower()
    return [r for r in recipes() if wanted in (t.lower() for t in r.tags)]


def find_by_component(component: str) -> list[Recipe]:
    """Recipes using a component (case-insensitive)."""
    wanted = _text(component, "component").strip().lower()
    return [r for r in recipes() if wanted in (c.lower() for c in r.components)]


def search(text: str) -> list[Recipe]:
    """Recipes whose title, problem or a tag contains the text (case-insensitive)."""
    wanted = _text(text, "search text").strip().lower()
    return [r for r in recipes()
            if wanted in r.title.lower() or wanted in r.problem.lower()
            or any(wanted in t.lower() for t in r.tags)]


def all_tags() -> list[str]:
    """Every tag, first-use order."""
    seen: dict[str, None] = {}
    for recipe in recipes():
        for tag in recipe.tags:
            seen.setdefault(tag, None)
    return list(seen)
