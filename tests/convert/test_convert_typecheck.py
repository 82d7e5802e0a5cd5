"""Converted Rust against the real crate APIs (issue 12): the whole corpus type-checks with
``cargo check --offline`` against stub crates generated from the tables, and every item the
output names is in the tables with the arity and receiver it is called with (0 misses)."""

from __future__ import annotations

import re
from pathlib import Path

from convert_support import CORPUS

from batuta.convert import convert_file, convert_numpy, convert_pytorch, convert_sklearn
from batuta.convert.audit import misses, named_items
from rust_check import RustChecker

FILES = sorted((CORPUS / "files").glob("*.py"))
REAL = sorted((CORPUS / "real").rglob("*.py"))
SNIPPETS = sorted((CORPUS / "snippets").glob("*.py"))
SNIPPET_CONVERTERS = {"numpy": convert_numpy, "sklearn": convert_sklearn,
                      "pytorch": convert_pytorch}


def _module_name(path: Path) -> str:
    rel = path.relative_to(CORPUS).with_suffix("")
    return "m_" + re.sub(r"[^a-z0-9]+", "_", str(rel).lower())


def _modules() -> dict[str, str]:
    return {_module_name(p): convert_file(p.read_text(encoding="utf-8"), p.name).rust_code
            for p in [*FILES, *REAL]}


def test_the_real_corpus_is_large_enough() -> None:
    assert len(REAL) >= 40
    assert (CORPUS / "real" / "SOURCES.md").exists()


def test_every_corpus_file_type_checks(rust_checker: RustChecker) -> None:
    """One cargo invocation over every converted corpus file (hand-written and real)."""
    modules = _modules()
    assert len(modules) == len(FILES) + len(REAL)
    assert rust_checker.check(modules) == []


# --- 0 misses: every item the output names is a table item --------------------------------


def _all_outputs() -> list[tuple[str, str]]:
    outputs = [(p.name, text) for p, text in zip([*FILES, *REAL], _modules().values(),
                                                 strict=True)]
    for path in SNIPPETS:
        result = SNIPPET_CONVERTERS[path.name.split("_")[0]](path.read_text(encoding="utf-8"))
        outputs.append((path.name, "\n".join(result.imports) + "\n" + result.rust_code))
    return outputs


def test_no_emitted_item_is_missing_from_the_tables() -> None:
    found = {name: misses(text) for name, text in _all_outputs()}
    assert {name: m for name, m in found.items() if m} == {}
    assert sum(len(named_items(text)) for _, text in _all_outputs()) > 200


def test_the_miss_finder_finds_misses() -> None:
    assert misses("use aprender::LinearRegression;\n") == ["aprender::LinearRegression (use)"]
    assert misses("use trueno::Vector;\nlet v = Vector::zeros(3);\n") == [
        "trueno::Vector::zeros (call with 1 argument(s), no receiver)"]
    assert misses("use aprender::cluster::KMeans;\nlet k = KMeans::new();\n") == [
        "aprender::cluster::KMeans::new (call with 0 argument(s), no receiver)"]
    assert misses("use aprender::cluster::KMeans;\nlet k = KMeans::new(3);\n"
                  "// py: KMeans::nothing()\n") == []
