"""Golden corpus: realistic snippets and whole files, each with its exact expected Rust.

``corpus/snippets/<framework>_<name>.py`` -> ``.expected`` (the ``use`` lines, a blank line, then
``rust_code``); ``corpus/files/<name>.py`` -> ``.rs`` (the whole module from ``convert_file``).
Every expected output must also parse with ``rustfmt``. Regenerate after a reviewed change with
``BATUTA_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/convert/test_convert_corpus.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from convert_support import CORPUS, as_snippet_file

from batuta.convert import convert_file, convert_numpy, convert_pytorch, convert_sklearn
from batuta.convert.results import Conversion

REGEN = os.environ.get("BATUTA_REGEN_GOLDEN") == "1"
CONVERTERS: dict[str, Callable[[str], Conversion]] = {
    "numpy": convert_numpy, "sklearn": convert_sklearn, "pytorch": convert_pytorch}
SNIPPETS = sorted((CORPUS / "snippets").glob("*.py"))
FILES = sorted((CORPUS / "files").glob("*.py"))


def snippet_text(conversion: Conversion) -> str:
    head = "\n".join(conversion.imports)
    return (head + "\n\n" if head else "") + conversion.rust_code + "\n"


def _convert_snippet(path: Path) -> Conversion:
    return CONVERTERS[path.name.split("_")[0]](path.read_text(encoding="utf-8"))


def _compare(actual: str, expected_path: Path) -> None:
    if REGEN:
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"missing golden {expected_path.name} (regenerate and review)"
    assert actual == expected_path.read_text(encoding="utf-8")


def test_corpus_size() -> None:
    assert len(SNIPPETS) >= 40 and len(FILES) >= 10
    assert {p.name.split("_")[0] for p in SNIPPETS} == set(CONVERTERS)


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.stem)
def test_snippet_golden(path: Path) -> None:
    conversion = _convert_snippet(path)
    _compare(snippet_text(conversion), path.with_suffix(".expected"))
    # A recognized construct is never dropped: each snippet maps or reports something.
    assert conversion.mappings or conversion.unsupported


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_golden(path: Path) -> None:
    result = convert_file(path.read_text(encoding="utf-8"), path.name)
    _compare(result.rust_code, path.with_suffix(".rs"))
    assert result.mappings or result.unsupported


def test_every_corpus_output_parses(rust_parses: Callable[[Sequence[str]], list[str]]) -> None:
    files = [as_snippet_file(c.rust_code, c.imports, i)
             for i, c in enumerate(_convert_snippet(p) for p in SNIPPETS)]
    files += [convert_file(p.read_text(encoding="utf-8"), p.name).rust_code for p in FILES]
    assert rust_parses(files) == []
