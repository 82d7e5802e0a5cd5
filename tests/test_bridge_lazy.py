"""A dropped folder crosses the bridge as names and sizes (``$lazy``) plus a reader of its File
handles: the walk reads only what it keeps, and the result equals the buffered upload's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta import bridge
from batuta._compat._native import NativeHost
from batuta.analyze.results import AnalyzeOptions

HOST = NativeHost()
MAX_FILE_BYTES = AnalyzeOptions().max_file_bytes


def call(args: list[Any], reader: Any = None, blob: Any = None) -> dict[str, Any]:
    out = json.loads(bridge.run("analyze_project", json.dumps(args), blob, None, host=HOST,
                                reader=reader))
    if "ok" in out:
        out["ok"].pop("duration_s", None)
    return out  # type: ignore[no-any-return]


def lazy(files: dict[str, bytes], sizes: dict[str, int] | None = None,
         calls: list[int | str] | None = None) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """analyze_project over a $lazy upload; also returns every (path, limit) read, and
    appends each call's ``which`` to ``calls``."""
    paths = list(files)
    reads: list[tuple[str, int]] = []

    def reader(which: int | str, limit: int) -> bytes | None:
        if calls is not None:
            calls.append(which)
        out = b""
        for index in json.loads(which) if isinstance(which, str) else [which]:
            reads.append((paths[index], limit))
            data = files[paths[index]]
            if data is None:
                return None
            out += data[:limit]
        return out

    listed = [[p, (sizes or {}).get(p, len(files[p] or b""))] for p in paths]
    return call([{"$lazy": listed}], reader=reader), reads


def buffered(files: dict[str, bytes]) -> dict[str, Any]:
    index, offset = [], 0
    for path, data in files.items():
        index.append([path, offset, len(data)])
        offset += len(data)
    return call([{"$files": index}], blob=b"".join(files.values()))


CONTENTS = st.sampled_from([
    b"import numpy as np\nx = np.zeros(3)\n",
    b"from sklearn.linear_model import LinearRegression\nm = LinearRegression()\n",
    b"#!/bin/sh\necho hi\n",
    b"int main(void) { return 0; }\n",
    b"\x00\x01binary",
    b"\xff\xfe not utf-8",
    b"[project]\nname = 'x'\ndependencies = ['numpy>=1.26']\n",
    b"*.log\nbuild/\n",
    b"",
])
NAMES = st.sampled_from(["a.py", "b.sh", "c.c", "pyproject.toml", ".gitignore", "x.log",
                         "requirements.txt", "pyvenv.cfg"])
DIRS = st.lists(st.sampled_from(["src", ".git", "node_modules", "build", "pkg", "venv"]),
                max_size=3)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.builds(lambda d, n: "/".join([*d, n]), DIRS, NAMES), CONTENTS,
                       max_size=12))
def test_lazy_upload_matches_the_buffered_one(files: dict[str, bytes]) -> None:
    got, reads = lazy(files)
    assert got == buffered(files)
    assert all(limit <= MAX_FILE_BYTES + 1 for _, limit in reads)


def test_pruned_ignored_and_oversized_files_are_never_read() -> None:
    files = {
        "src/model.py": b"import numpy as np\nnp.zeros(2)\n",
        ".gitignore": b"logs/\n",
        ".git/objects/pack/pack-1.pack": b"",
        "node_modules/left-pad/index.js": b"module.exports = 1;\n",
        "logs/run.py": b"print(1)\n",
        "data/huge.csv": b"",
    }
    sizes = {".git/objects/pack/pack-1.pack": 3 * 2**30, "data/huge.csv": 2 * 2**30}
    got, reads = lazy(files, sizes)
    assert {path for path, _ in reads} == {"src/model.py", ".gitignore"}
    result = got["ok"]
    assert [f["path"] for f in result["files"]] == ["src/model.py"]
    skipped = {s["path"]: s["reason"] for s in result["skipped"]}
    assert skipped["data/huge.csv"].startswith("too large")
    assert skipped[".git/"] == "version control" and skipped["node_modules/"] == "vendored"


def test_a_file_that_can_no_longer_be_read_is_skipped_with_a_reason() -> None:
    got, _ = lazy({"a.py": b"x = 1\n", "gone.py": None})  # type: ignore[dict-item]
    skipped = {s["path"]: s["reason"] for s in got["ok"]["skipped"]}
    assert skipped["gone.py"].startswith("unreadable")
    assert [f["path"] for f in got["ok"]["files"]] == ["a.py"]


@pytest.mark.parametrize("index", [[["a.py"]], [["a.py", -1]], [["a.py", "3"]], [[1, 2]],
                                   "nope", [["a.py", True]], [["a.py", 10**16]]])
def test_bad_lazy_index_is_rejected(index: Any) -> None:
    out = call([{"$lazy": index}], reader=lambda i, n: b"")
    assert out["error"]["code"] == "BATUTA-X-001"


def test_lazy_upload_without_a_reader_is_rejected() -> None:
    out = call([{"$lazy": [["a.py", 1]]}])
    assert out["error"]["code"] == "BATUTA-X-001"
    assert "reader" in out["error"]["message"]


def test_unsafe_lazy_paths_are_rejected_before_any_read() -> None:
    out, reads = lazy({"ok.py": b"1\n", "../evil.py": b"2\n"})
    assert out["error"]["code"].startswith("BATUTA-") and reads == []


def test_files_are_read_in_batches_not_one_call_each() -> None:
    files = {f"pkg/m{n:03}.py": f"x{n} = {n}\n".encode() for n in range(300)}
    calls: list[int | str] = []
    got, reads = lazy(files, calls=calls)
    assert got == buffered(files)
    assert len(reads) == 300 and len(calls) == 1 and isinstance(calls[0], str)
