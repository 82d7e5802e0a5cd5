"""Converted Rust against the real crate APIs (issue 12): the whole corpus type-checks with
``cargo check --offline`` against stub crates generated from the tables, and every item the
output names is in the tables with the arity and receiver it is called with (0 misses)."""

from __future__ import annotations

import re
from pathlib import Path

from convert_support import CORPUS

from batuta.convert import convert_file, convert_numpy, convert_pytorch, convert_sklearn
from batuta.convert.targets import Item, load
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

_USE = re.compile(r"^use ([A-Za-z0-9_:]+);$", re.M)
_ASSOC_CALL = re.compile(r"(?<![A-Za-z0-9_:])((?:[A-Za-z_][A-Za-z0-9_]*::)+)"
                         r"([A-Za-z_][A-Za-z0-9_]*)\(")
_STD_ROOTS = ("std", "Vec", "String", "Box", "Some", "Ok", "Err", "f32", "f64", "usize", "i64")


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
            count += 1
            seen = False
            continue
        elif ch == "|" and depth == 1:
            pass
        if depth >= 1 and not ch.isspace():
            seen = True
    return count


def _code_only(rust: str) -> str:
    """The Rust without comments and string literals (``// py:`` lines hold Python)."""
    rust = re.sub(r'"(?:\\.|[^"\\])*"', '""', rust)
    return "\n".join(line.split("//", 1)[0] for line in rust.splitlines())


def misses(rust: str) -> list[str]:
    """Items named in ``rust`` that the tables do not have with that shape."""
    targets = load()
    code = _code_only(rust)
    out: list[str] = []
    aliases: dict[str, str] = {}
    for path in _USE.findall(code):
        if not path.startswith(("aprender::", "trueno::", "realizar::")):
            continue
        if path not in targets:
            out.append(f"use {path}")
        aliases[path.rpartition("::")[2]] = path
    for match in _ASSOC_CALL.finditer(code):
        head = match.group(1)[:-2]
        first = head.split("::")[0]
        if first in _STD_ROOTS or (first not in aliases and first not in (
                "aprender", "trueno", "realizar")):
            continue
        full = aliases.get(first, first) + head[len(first):] + "::" + match.group(2)
        records: list[Item] = [i for i in targets.get(full) if i.kind in ("fn", "method")]
        arity = _args(code, match.end() - 1)
        if not records:
            out.append(f"{full} (not in the tables)")
        elif not any(r.receiver is None and r.arity == arity for r in records):
            out.append(f"{full} with {arity} argument(s) and no receiver")
    return out


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
    assert sum(len(_USE.findall(text)) for _, text in _all_outputs()) > 100


def test_the_miss_finder_finds_misses() -> None:
    assert misses("use aprender::LinearRegression;\n") == ["use aprender::LinearRegression"]
    assert misses("use trueno::Vector;\nlet v = Vector::zeros(3);\n") == [
        "trueno::Vector::zeros (not in the tables)"]
    assert misses("use aprender::cluster::KMeans;\nlet k = KMeans::new();\n") == [
        "aprender::cluster::KMeans::new with 0 argument(s) and no receiver"]
    assert misses("use aprender::cluster::KMeans;\nlet k = KMeans::new(3);\n"
                  "// py: KMeans::nothing()\n") == []
