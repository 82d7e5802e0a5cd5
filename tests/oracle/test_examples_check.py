"""``cargo check --offline`` of every Oracle example and recipe against the stub crates made
from ``../shared/crate-api`` (the ``rust_checker`` session fixture of ``tests/rust_check.py``).

One call checks all modules at once; a module written the book's way (``aprender::tree::
RandomForest``, which does not exist) rides along and must be the only one with errors, so the
check is shown to be able to fail.
"""

from __future__ import annotations

from typing import Any

from .test_examples import all_modules

BOOK_WAY = """use aprender::tree::RandomForest;

pub fn book() {
    let _model = RandomForest::new(100);
}
"""


def test_every_example_and_recipe_type_checks(rust_checker: Any) -> None:
    modules = all_modules()
    assert len(modules) >= 13
    errors = rust_checker.check({**modules, "book_way": BOOK_WAY})
    assert errors, "the book's RandomForest path must not type-check"
    assert all("book_way" in e for e in errors), errors
