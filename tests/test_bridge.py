"""The JS boundary: dispatch only to EXPORTS, typed errors with codes, bounds, never a raise."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta import api, bridge
from batuta._compat._native import NativeHost
from batuta._serialize import to_jsonable
from batuta.errors import BatutaError

CODE_RE = re.compile(r"^BATUTA-[A-Z]-\d{3}$")
HOST = NativeHost()


def answer(name: Any, args: Any, blob: Any = None, progress: Any = None,
           reader: Any = None) -> dict[str, Any]:
    text = bridge.run(name, args if isinstance(args, str) else json.dumps(args), blob, progress,
                      host=HOST, reader=reader)
    out = json.loads(text)
    assert isinstance(out, dict) and len(out) == 1 and set(out) <= {"ok", "error"}
    if "error" in out:
        assert CODE_RE.match(out["error"]["code"]), out
        assert out["error"]["message"]
    return out


def error_code(name: Any, args: Any, **kw: Any) -> str:
    out = answer(name, args, **kw)
    assert "error" in out, out
    return str(out["error"]["code"])


def test_version() -> None:
    assert json.loads(bridge.call("version", "[]")) == {"ok": api.version()}


def test_backend_recommend_matches_native() -> None:
    out = answer("backend_recommend", ["matrix_multiply", 20_000])
    assert out == {"ok": to_jsonable(api.backend_recommend("matrix_multiply", 20_000))}
    kw = answer("backend_recommend", {"args": ["reduction"], "kwargs": {"data_size": 5}})
    assert kw["ok"]["backend"] == "Scalar"


def test_library_errors_keep_their_code() -> None:
    assert error_code("backend_recommend", ["no_such_op", 10]) == "BATUTA-O-003"


@pytest.mark.parametrize("name", ["eval", "__import__", "_prepare", "EXPORTS", "", 3, None])
def test_only_exports_are_callable(name: Any) -> None:
    assert error_code(name, []) == "BATUTA-X-001"


@pytest.mark.parametrize("args", ["", "{", "[1,", "null", "3", '{"x": 1}', '{"args": 3}',
                                  "[" * 5000 + "]" * 5000])
def test_malformed_argument_json(args: str) -> None:
    assert error_code("version", args) == "BATUTA-X-001"


@pytest.mark.parametrize(("name", "args"), [
    ("analyze_code", [42]),
    ("analyze_code", [None]),
    ("analyze_code", [["a"]]),
    ("analyze_code", ["x", 5]),
    ("convert_numpy", ["x", "big"]),
    ("convert_numpy", ["x", True]),
    ("convert_numpy", ["x", 1.5]),
    ("backend_recommend", ["reduction", 10**20]),
    ("backend_recommend", ["reduction", 10, "gpu"]),
    ("version", [1]),
    ("analyze_code", []),
    ("analyze_code", {"args": [], "kwargs": {"nope": 1}}),
])
def test_wrong_types_and_arity(name: str, args: Any) -> None:
    assert error_code(name, args) == "BATUTA-X-001"


def test_oversize_string_is_rejected_before_work() -> None:
    big = "x" * (20 * 1024 * 1024)
    out = answer("analyze_code", [big])
    assert out["error"]["code"] == "BATUTA-X-002"
    assert out["error"]["type"] == "InputTooLargeError"


def test_multibyte_string_bound_counts_bytes() -> None:
    # 5 M characters of 4-byte UTF-8 is 20 MB although len() is only 5 M.
    assert error_code("convert_numpy", ["\U0001f600" * (5 * 1024 * 1024)]) == "BATUTA-X-002"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_project_source_from_files_blob() -> None:
    blob = b"import numpy\nprint(1)\n"
    source = bridge._project_source({"$files": [["a.py", 0, 13], ["b/c.py", 13, 9]]},
                                    bridge._Payload(blob, None), HOST)
    assert source == {"a.py": b"import numpy\n", "b/c.py": b"print(1)\n"}
    text = bridge._project_source({"x.py": "é = 1\n"}, bridge._Payload(None, None), HOST)
    assert text == {"x.py": "é = 1\n".encode()}


@pytest.mark.parametrize("index", [[["a.py", 0, 99]], [["a.py", -1, 2]], [["a.py", "0", 2]],
                                   [["a.py", 0]], "nope", [[1, 0, 1]], [["a", True, 1]]])
def test_bad_files_index(index: Any) -> None:
    assert error_code("analyze_project", [{"$files": index}], blob=b"abc") == "BATUTA-X-001"


@pytest.mark.parametrize("source", ["/etc", 5, None, [1, 2], {"a.py": 3}])
def test_project_source_must_be_files_or_archive(source: Any) -> None:
    assert error_code("analyze_project", [source]) == "BATUTA-X-001"


def test_missing_blob_and_wrong_blob_type() -> None:
    assert error_code("analyze_project", [{"$archive": {}}]) == "BATUTA-X-001"
    assert error_code("analyze_project", [{"$archive": {}}], blob="text") == "BATUTA-X-001"


def test_unsafe_archives_are_rejected_across_the_boundary() -> None:
    traversal = _zip({"ok.py": b"1\n", "../evil.py": b"2\n"})
    assert error_code("analyze_project", [{"$archive": {"name": "t.zip"}}],
                      blob=traversal) == "BATUTA-X-003"
    bomb = _zip({"z.py": b"\0" * (16 * 1024 * 1024)})
    assert error_code("analyze_project", [{"$archive": {"name": "b.zip"}}],
                      blob=bomb) == "BATUTA-X-003"
    assert error_code("analyze_project", [{"$archive": {}}], blob=b"junk") == "BATUTA-X-004"


@pytest.mark.parametrize("options", [{"nope": True}, {"tdg": 1}, {"max_file_bytes": -1},
                                     {"max_file_bytes": True}, [], "fast"])
def test_bad_project_options(options: Any) -> None:
    assert error_code("analyze_project", [{"a.py": "x = 1\n"}, options]) == "BATUTA-X-001"


def _native_project(files: dict[str, bytes]) -> dict[str, Any]:
    try:
        result = to_jsonable(api.analyze_project(files))
    except ModuleNotFoundError:
        return {"error": "BATUTA-X-030"}
    except BatutaError as exc:
        return {"error": exc.code}
    result.pop("duration_s", None)
    return {"ok": result}


def test_analyze_project_matches_native_and_reports_progress() -> None:
    files = {"app.py": b"import numpy as np\n\ndef f(x):\n    return np.sum(x)\n",
             "requirements.txt": b"numpy==2.0\n", "run.sh": b"#!/bin/sh\necho hi\n"}
    seen: list[tuple[int, int]] = []
    out = answer("analyze_project", [{"$archive": {"name": "p.zip"}}],
                 blob=_zip({f"proj/{k}": v for k, v in files.items()}),
                 progress=lambda d, t: seen.append((d, t)))
    native = _native_project(files)
    if "error" in native:
        assert out["error"]["code"] == native["error"]
        return
    out["ok"].pop("duration_s")
    assert out == native
    assert seen and seen[-1][0] == seen[-1][1]


def test_internal_errors_become_codes() -> None:
    # A JSON object where the API expects a hardware profile reaches the library; whatever it
    # raises must come back as a coded error, not an exception.
    out = answer("backend_recommend", ["reduction", 10, {"pcie_gb_s": "fast"}])
    assert "ok" in out or CODE_RE.match(out["error"]["code"])


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=20),
                    lambda kids: st.lists(kids, max_size=3)
                    | st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=8)


@settings(max_examples=80)
@given(st.sampled_from(api.EXPORTS), st.lists(JSON, max_size=4))
def test_any_json_arguments_get_an_answer(name: str, args: list[Any]) -> None:
    answer(name, args)  # asserts the reply shape and the error code format
