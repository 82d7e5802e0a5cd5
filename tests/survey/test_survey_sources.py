"""The source list: folders, archives, list files (untrusted text), identities and fingerprints."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.errors import BatutaError, InputTooLargeError, InvalidArgumentError
from batuta.survey import sources
from batuta.survey.sources import describe, expand, read_list
from batuta.survey.task import analyze_source


def test_kinds_and_fingerprints(tmp_path: Path) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    archive = tmp_path / "proj.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert describe(folder).kind == "folder"
    assert describe(archive).kind == "archive"
    assert describe(archive).fingerprint == f"file:22:{archive.stat().st_mtime_ns}"
    assert describe(fifo).kind == "other"
    assert describe(tmp_path / "nope").kind == "other"
    assert describe(tmp_path / "proj" / ".." / "proj").location == str(folder)


def test_lists_expand_relative_to_their_folder_once_each(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "sub").mkdir()
    listed = tmp_path / "sub" / "repos.txt"
    listed.write_text("# comment\n\n ../a \n" + str(tmp_path / "b") + "\n../missing\n")
    got = expand([str(listed), str(tmp_path / "a")])
    assert [s.location for s in got] == [str(tmp_path / "a"), str(tmp_path / "b"),
                                         str(tmp_path / "missing")]
    assert [s.kind for s in got] == ["folder", "folder", "other"]


def test_bad_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InvalidArgumentError, match="neither a folder, an archive"):
        expand([str(binary)])
    nul = tmp_path / "nul.txt"
    nul.write_text("a\x00b\n")
    with pytest.raises(InvalidArgumentError, match="NUL"):
        expand([str(nul)])
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n")
    with pytest.raises(InvalidArgumentError, match="no sources"):
        expand([str(empty)])
    monkeypatch.setattr(sources, "MAX_LIST_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("x" * 11)
    with pytest.raises(InputTooLargeError):
        read_list(big)


@given(st.binary(max_size=2000))
def test_any_list_file_gives_sources_or_a_typed_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        listed = Path(tmp) / "list.txt"
        listed.write_bytes(data)
        try:
            got = expand([str(listed)])
        except BatutaError as exc:
            assert exc.code in ("BATUTA-X-001", "BATUTA-X-002")
            return
        assert got and all(s.kind in sources.KINDS for s in got)
        assert len({s.location for s in got}) == len(got)


def test_task_never_raises(tmp_path: Path) -> None:
    big = tmp_path / "big.tar.gz"
    with big.open("wb") as fh:  # sparse: larger than the reader's bound, nothing read
        fh.truncate(256 * 1024 * 1024 + 1)
    out = analyze_source(str(big), "archive")
    assert (out.ok, out.error_code) == (False, "BATUTA-X-002")
    out = analyze_source(str(tmp_path / "nothing"), "other")
    assert (out.ok, out.error_code, out.error_message) == (
        False, "BATUTA-X-005", "No such file or directory")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.py").write_text("x = 1\n")
    out = analyze_source(str(tmp_path / "p"), "folder")
    assert out.ok and out.worker_pid == os.getpid()
