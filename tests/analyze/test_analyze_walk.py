"""The project walk: .gitignore, pruned folders, links, special and unreadable files, uploads."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from batuta.analyze._tree import normalize_upload_path
from batuta.analyze.walk import content_reason, walk
from batuta.errors import InvalidArgumentError, SourceNotFoundError, UnsafeArchiveError


def _write(root: Path, files: dict[str, bytes | str]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        path.write_bytes(content)


def _reasons(result: object) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}  # type: ignore[attr-defined]


GITIGNORE_TREE: dict[str, bytes | str] = {
    ".gitignore": "*.log\nbuild/\n!keep.log\n/top_only.py\n",
    "app.py": "x = 1\n",
    "debug.log": "log\n",
    "keep.log": "kept\n",
    "top_only.py": "x\n",
    "build/gen.py": "x\n",
    "sub/top_only.py": "x = 2\n",
    "sub/.gitignore": "local.py\n!debug2.log\n",
    "sub/local.py": "x\n",
    "sub/debug2.log": "x\n",
    "sub/mod.py": "x\n",
}


@pytest.mark.parametrize("as_mapping", [False, True])
def test_gitignore_at_any_depth(tmp_path: Path, as_mapping: bool) -> None:
    _write(tmp_path, GITIGNORE_TREE)
    source = ({k: v.encode() if isinstance(v, str) else v for k, v in GITIGNORE_TREE.items()}
              if as_mapping else tmp_path)
    result = walk(source)
    assert result.files == [".gitignore", "app.py", "keep.log", "sub/.gitignore",
                            "sub/debug2.log", "sub/mod.py", "sub/top_only.py"]
    reasons = _reasons(result)
    assert reasons == {"debug.log": "gitignored", "top_only.py": "gitignored",
                       "build/": "gitignored", "sub/local.py": "gitignored"}


def test_gitignore_can_be_turned_off(tmp_path: Path) -> None:
    _write(tmp_path, GITIGNORE_TREE)
    result = walk(tmp_path, respect_gitignore=False)
    assert "debug.log" in result.files and "build/gen.py" in result.files


def test_pruned_folders_are_listed_once(tmp_path: Path) -> None:
    _write(tmp_path, {
        "main.py": "x\n",
        ".git/config": "[core]\n",
        "node_modules/left-pad/index.js": "module.exports = 1;\n",
        "vendor/lib.c": "int x;\n",
        "pkg/_vendor/six.py": "x\n",
        "pkg/__pycache__/main.cpython-311.pyc": b"\x00\x01",
        "myenv/pyvenv.cfg": "home = /usr\n",
        "myenv/lib/site.py": "x\n",
        "demo.egg-info/PKG-INFO": "Name: demo\n",
        "static/app.min.js": "var a=1;\n",
        "package-lock.json": "{}\n",
        "proto/msg_pb2.py": "x\n",
        "img/logo.png": b"\x89PNG\r\n",
        ".batuta-state.json": "{}\n",
    })
    result = walk(tmp_path)
    assert result.files == ["main.py"]
    assert _reasons(result) == {
        ".git/": "version control", "node_modules/": "vendored", "vendor/": "vendored",
        "pkg/_vendor/": "vendored", "pkg/__pycache__/": "generated", "myenv/": "vendored",
        "demo.egg-info/": "generated", "static/app.min.js": "minified",
        "package-lock.json": "generated (lock file)", "proto/msg_pb2.py": "generated",
        "img/logo.png": "binary",
    }  # Batuta's own .batuta-state.json is neither analyzed nor listed


def test_symlinks_are_listed_not_followed(tmp_path: Path) -> None:
    _write(tmp_path, {"ok.py": "x = 1\n", "sub/a.py": "y\n"})
    os.symlink("loop_b", tmp_path / "loop_a")
    os.symlink("loop_a", tmp_path / "loop_b")
    os.symlink(".", tmp_path / "sub" / "self")  # a directory loop
    os.symlink("ok.py", tmp_path / "alias.py")
    os.symlink("/etc", tmp_path / "outside")
    os.symlink("missing", tmp_path / "dangling")
    started = time.monotonic()
    result = walk(tmp_path)
    assert time.monotonic() - started < 5
    assert result.files == ["ok.py", "sub/a.py"]
    assert _reasons(result) == {
        "loop_a": "symbolic link loop", "loop_b": "symbolic link loop",
        "sub/self": "symbolic link (not followed)", "alias.py": "symbolic link (not followed)",
        "outside": "symbolic link (not followed)", "dangling": "broken symbolic link",
    }


def test_fifo_is_listed_and_never_opened(tmp_path: Path) -> None:
    _write(tmp_path, {"a.py": "x\n"})
    os.mkfifo(tmp_path / "pipe.py")
    result = walk(tmp_path)
    assert result.files == ["a.py"]
    assert _reasons(result) == {"pipe.py": "not a regular file (device, FIFO or socket)"}


def test_binary_and_invalid_utf8_found_on_read(tmp_path: Path) -> None:
    _write(tmp_path, {"bin.py": b"x = 1\x00\x00\x01", "latin.py": b"s = '\xe9t\xe9'\n",
                      "bom.py": b"\xef\xbb\xbfx = 1\n"})
    result = walk(tmp_path)
    texts = {p: result.read_text(p, 1 << 20) for p in result.files}
    assert texts == {"bin.py": None, "bom.py": "x = 1\n", "latin.py": None}
    assert _reasons(result) == {"bin.py": "binary", "latin.py": "invalid utf-8 at byte 5"}


def test_fifty_megabyte_file_is_skipped_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.py"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a real 50 MB file (sparse on disk)
    result = walk(tmp_path)
    started = time.process_time()
    assert result.read_text("huge.py", 8 * 1024 * 1024) is None
    assert time.process_time() - started < 0.5
    assert _reasons(result) == {"huge.py": f"too large ({50 * 1024 * 1024} bytes > 8388608)"}


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder other users can enter (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="batuta-walk-"))
    path.chmod(0o755)
    yield path
    for p in path.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(path)


def _walk_as_nobody(root: Path) -> dict[str, object]:
    """Walk ``root`` in a forked child that dropped root privileges (when there were any)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        status = 1
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            w = walk(root)
            out = {"files": w.files, "texts": {p: w.read_text(p, 1 << 20) for p in w.files},
                   "skipped": {s.path: s.reason for s in w.skipped}}
            os.write(write_end, json.dumps(out).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    result: dict[str, object] = json.loads(data)
    return result


def test_unreadable_file_and_folder_are_listed(shared_tmp: Path) -> None:
    """chmod 000 means nothing to root, so as root the walk runs in a child as user ``nobody``."""
    _write(shared_tmp, {"ok.py": "x = 1\n", "secret.py": "token = 1\n", "locked/inner.py": "y\n"})
    (shared_tmp / "secret.py").chmod(0o000)
    (shared_tmp / "locked").chmod(0o000)
    out = _walk_as_nobody(shared_tmp)
    assert out["files"] == ["ok.py", "secret.py"]
    assert out["texts"] == {"ok.py": "x = 1\n", "secret.py": None}
    assert out["skipped"] == {"secret.py": "unreadable: Permission denied",
                              "locked": "unreadable directory: Permission denied"}


def test_missing_source() -> None:
    with pytest.raises(SourceNotFoundError):
        walk("/no/such/folder/anywhere")
    with pytest.raises(SourceNotFoundError):
        walk(__file__)  # a file, not a folder
    with pytest.raises(InvalidArgumentError):
        walk(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["../etc/passwd", "a/../../b", "/etc/passwd", "C:\\x.py",
                                 "a\\..\\..\\b", "a\x00b"])
def test_unsafe_upload_paths(key: str) -> None:
    with pytest.raises(UnsafeArchiveError):
        walk({key: b"x"})


@pytest.mark.parametrize("files", [
    {"a.py": "text, not bytes"},
    {"": b"x"},
    {"./": b"x"},
    {"a": b"x", "a/b.py": b"y"},
    {"a/b.py": b"y", "a": b"x"},
    {"a/b.py": b"x", "./a//b.py": b"y"},
    {1: b"x"},
])
def test_malformed_uploads(files: dict[object, object]) -> None:
    with pytest.raises(InvalidArgumentError):
        walk(files)  # type: ignore[arg-type]


def test_upload_paths_are_normalized() -> None:
    assert normalize_upload_path("./src//pkg\\mod.py") == "src/pkg/mod.py"
    upload: dict[str, Any] = {"src\\a.py": b"x\n", "./b.py": bytearray(b"y\n"),
                              "c.py": memoryview(b"z")}
    result = walk(upload)
    assert result.files == ["b.py", "c.py", "src/a.py"]
    assert result.read_text("c.py", 10) == "z"


def test_deep_upload_is_walked_without_recursion() -> None:
    deep = "/".join(["d"] * 3000) + "/x.py"
    assert walk({deep: b"x\n"}).files == [deep]


@pytest.mark.parametrize(("text", "expected"), [
    ("# Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n", "generated"),
    ("// @generated by build.rs\nfn f() {}\n", "generated"),
    ("/*\n * This file is automatically generated; do not edit.\n */\n", "generated"),
    ("#!/usr/bin/env python\n# Autogenerated by Sphinx\n", "generated"),
    ('"""Helpers for auto-generated API docs."""\nx = 1\n', None),
    ("x = 1\n\n\n\n\n# generated by hand long ago\n", None),  # below the first five lines
])
def test_generated_marker_must_be_a_top_comment(text: str, expected: str | None) -> None:
    assert content_reason("mod.py", text) == expected
