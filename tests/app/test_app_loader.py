"""Safe YAML loading: core types with positions; bombs, unknown tags and huge files rejected."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.app.loader import MAX_YAML_BYTES, load_yaml_bytes, load_yaml_file
from batuta.errors import AppValidationError, BatutaError, UnsafeYamlError


def test_core_types_and_positions() -> None:
    doc = load_yaml_bytes("a: [1, 2.5, yes, null, true, 0x1f]\nb:\n  c: 'x'\n", "f.yaml")
    assert doc.data == {"a": [1, 2.5, "yes", None, True, 31], "b": {"c": "x"}}
    assert doc.where(("b", "c")) == (3, 6)
    assert doc.where(("a", 1)) == (1, 8)


def test_folded_scalar_has_no_fold_markers() -> None:
    doc = load_yaml_bytes("d: >\n  one\n  two\n")
    assert doc.data == {"d": "one two\n"}


def _bomb(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghijk"[:levels - 1]:
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text


def test_billion_laughs_is_rejected_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafeYamlError) as info:
        load_yaml_bytes(_bomb())
    assert info.value.code == "BATUTA-X-012"
    assert time.perf_counter() - start < 2.0


def test_recursive_alias_is_rejected() -> None:
    with pytest.raises(UnsafeYamlError):
        load_yaml_bytes("a: &a [*a]\n")


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: !custom 3\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x}\n",
    "!!omap [a: 1]\n",
])
def test_unknown_tags_are_rejected(text: str) -> None:
    with pytest.raises(UnsafeYamlError) as info:
        load_yaml_bytes(text)
    assert "tag" in info.value.message


def test_ten_megabyte_file_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "app.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_YAML_BYTES + b"\n")
    with pytest.raises(UnsafeYamlError) as info:
        load_yaml_file(big)
    assert info.value.code == "BATUTA-X-012"
    assert info.value.details["limit"] == MAX_YAML_BYTES


def test_malformed_yaml_names_line_and_column() -> None:
    with pytest.raises(AppValidationError) as info:
        load_yaml_bytes("a: 1\nb: [1, 2\n", "bad.yaml")
    assert info.value.message.startswith("bad.yaml:")
    assert info.value.details["line"] >= 2


def test_duplicate_keys_and_merge_keys_are_rejected() -> None:
    with pytest.raises(AppValidationError, match="duplicate key"):
        load_yaml_bytes("a: 1\na: 2\n")
    with pytest.raises(UnsafeYamlError, match="merge"):
        load_yaml_bytes("base: &b {x: 1}\nc:\n  <<: *b\n")


def test_invalid_utf8_is_a_typed_error() -> None:
    with pytest.raises(AppValidationError, match="UTF-8"):
        load_yaml_bytes(b"a: \xff\xfe\n")


@given(st.binary(max_size=300))
def test_any_bytes_give_data_or_a_typed_error(raw: bytes) -> None:
    with contextlib.suppress(BatutaError):
        load_yaml_bytes(raw)


@given(st.text(alphabet="ab:-[]{}&*!,'\" \n?|>#%@`", max_size=120))
def test_yaml_punctuation_soup_gives_data_or_a_typed_error(text: str) -> None:
    with contextlib.suppress(BatutaError):
        load_yaml_bytes(text)
