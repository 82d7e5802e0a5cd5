"""Data sources: inline, CSV/JSON inside the app folder only, analysis, pacha:// offline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.app.data import (
    DataSpec,
    FolderFiles,
    MappingFiles,
    check_relative,
    load_source,
    parse_csv,
    parse_json,
)
from batuta.errors import DataSourceError


def test_inline_rows() -> None:
    spec = DataSpec("s", "inline", ({"a": 1}, {"a": 2}))
    assert load_source(spec, MappingFiles({})) == [{"a": 1}, {"a": 2}]


def test_csv_cells_are_typed(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("name,n,x,empty\nab,3,2.5,\ncd,-4,1e3,\n")
    rows = load_source(DataSpec("d", "csv", path="d.csv"), FolderFiles(tmp_path))
    assert rows == [{"name": "ab", "n": 3, "x": 2.5, "empty": None},
                    {"name": "cd", "n": -4, "x": 1000.0, "empty": None}]


def test_json_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.json").write_text('[{"a": 1}]')
    assert load_source(DataSpec("d", "json", path="sub/d.json"), FolderFiles(tmp_path)) == [
        {"a": 1}]


@pytest.mark.parametrize("rel", ["../secret.csv", "a/../../secret.csv", "/etc/passwd",
                                 "C:/x.csv", "file:///etc/passwd", "a\\..\\..\\x", "",
                                 "http://example.com/x.csv"])
def test_paths_escaping_the_folder_are_rejected(tmp_path: Path, rel: str) -> None:
    with pytest.raises(DataSourceError) as info:
        FolderFiles(tmp_path / "app").read(rel)
    assert info.value.code == "BATUTA-X-013"
    with pytest.raises(DataSourceError):
        MappingFiles({"x.csv": b"a\n1\n"}).read(rel)


def test_symlink_out_of_the_folder_is_rejected(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (tmp_path / "secret.csv").write_text("a\n1\n")
    os.symlink(tmp_path / "secret.csv", app / "link.csv")
    with pytest.raises(DataSourceError, match="outside"):
        FolderFiles(app).read("link.csv")


def test_inner_dotdot_that_stays_inside_is_fine(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "d.csv").write_text("x\n1\n")
    assert FolderFiles(tmp_path).read("a/../d.csv") == b"x\n1\n"
    assert str(check_relative("./a/../d.csv")) == "a/../d.csv"


def test_pacha_is_unavailable_offline() -> None:
    spec = DataSpec("t", "pacha", path="pacha://datasets/transactions:latest")
    with pytest.raises(DataSourceError, match="cannot be fetched offline"):
        load_source(spec, MappingFiles({}))


def test_analysis_source() -> None:
    spec = DataSpec("p", "analysis")
    with pytest.raises(DataSourceError, match="--project"):
        load_source(spec, MappingFiles({}))
    assert load_source(spec, MappingFiles({}), analysis={"root": "x"}) == {"root": "x"}
    saved = DataSpec("p", "analysis", path="a.json")
    assert load_source(saved, MappingFiles({"a.json": b'{"root": "y"}'})) == {"root": "y"}


@pytest.mark.parametrize("raw", [b"a,b\n1\n", b"", b"\xff\xfe,x\n", b'a\n"unterminated\n'])
def test_bad_csv_is_a_typed_error(raw: bytes) -> None:
    try:
        parse_csv(raw, "x.csv")
    except DataSourceError:
        return
    pytest.fail("no error")


@pytest.mark.parametrize("raw", [b"[1,", b"NaN", b"3", b'{"a": Infinity}', b"[" * 100_000])
def test_bad_json_is_a_typed_error(raw: bytes) -> None:
    with pytest.raises(DataSourceError):
        parse_json(raw, "x.json")


@given(st.binary(max_size=200))
def test_csv_bytes_give_rows_or_a_typed_error(raw: bytes) -> None:
    try:
        rows = parse_csv(raw, "x.csv")
    except DataSourceError:
        return
    assert all(isinstance(r, dict) for r in rows)


@given(st.text(alphabet="./\\a:~", max_size=12))
def test_relative_paths_never_climb_out(rel: str) -> None:
    try:
        path = check_relative(rel)
    except DataSourceError:
        return
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else 1
        assert depth >= 0
