"""The untrusted entry points under fuzzing, each with the inputs it is fed (SPEC.md §10).

A target is a name, a Hypothesis strategy and a function of one drawn value. The function may
return anything or raise :class:`batuta.BatutaError`; any other exception is a finding. Inputs
mix raw random text and bytes with fragments of the languages, formats and grammars each entry
point parses (quotes, comment markers, brackets, YAML tags, archive headers), because purely
random text rarely gets past the first character of a parser.
"""

from __future__ import annotations

import contextlib
import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from batuta import api, bridge
from batuta._compat import select_host
from batuta.analyze.archive import read_archive
from batuta.analyze.results import AnalyzeOptions
from batuta.app.expressions import parse, parse_template
from batuta.errors import BatutaError


@dataclass(frozen=True)
class Target:
    """One entry point: what to draw and how to call it."""

    name: str
    strategy: st.SearchStrategy[Any]
    call: Callable[[Any], object]


# --- shared pieces -------------------------------------------------------------------------------
_CODE_PIECES = [
    "import numpy as np\n", "from sklearn.cluster import KMeans\n", "import torch\n",
    "np.zeros(3)", "np.dot(a, b)", "KMeans(n_clusters=3).fit(X)", "torch.nn.Linear(4, 2)",
    "def f(x):\n", "    return x\n", "class A:\n", "    pass\n", "if x:\n", "for i in y:\n",
    "lambda: 0", "x = [", "]", "(", ")", "{", "}", "'", '"', '"""', "'''", "#", "# c\n",
    "//", "/*", "*/", "`", "${", "\\", "\\\r\n", "\r\n", "\n", "\t", " ", "#!/usr/bin/env python\n",
    "#!/bin/sh\n", "#include <vector>\n", "fn main() {}", "use std::io;", "let r = /[`]/g;",
    "a / b", "datasets = []\n", "x: np.ndarray = y\n", "@decorator\n", "async def g():\n",
    "match x:\n", "    case 1:\n", "global z\n", "nonlocal z\n", "del x\n", "0x1F", "1e308",
    "é", "\x00", "\ufeff", "\U0001f600",
]
_TEXT = st.text(max_size=200)
_CODE = st.one_of(
    _TEXT,
    st.lists(st.sampled_from(_CODE_PIECES), max_size=40).map("".join),
    st.tuples(st.lists(st.sampled_from(_CODE_PIECES), max_size=20), _TEXT).map(
        lambda t: "".join(t[0]) + t[1]),
)
_NAMES = st.one_of(
    st.sampled_from(["a.py", "x.h", "b.js", "c.ts", "d.sh", "e.rs", "Makefile", "tool",
                     "requirements.txt", "pyproject.toml", "environment.yml", "package.json",
                     "Cargo.toml", "go.mod", "setup.cfg", "Pipfile", "pom.xml", "build.gradle",
                     "yarn.lock", "uv.lock", ".gitignore", "x.spec", "y.inc", "lcov.info",
                     "coverage.xml", "a.min.js", "CMakeLists.txt", "bashrc"]),
    st.text(min_size=1, max_size=30),
)
_MANIFEST_TEXT = st.one_of(
    _CODE,
    st.lists(st.sampled_from([
        "numpy==1.26\n", "-r other.txt\n", "-c c.txt\n", "pkg[extra]>=1; python_version<'3'\n",
        "[project]\n", "dependencies = [\"numpy\"]\n", "[dependency-groups]\n",
        "a = [{include-group = \"a\"}]\n", "dependencies:\n", "  - numpy=1.2\n", "  - pip:\n",
        "    - x\n", "m: &m {a: 1}\n", "n: {<<: *m}\n", "*a0", "!!python/object:x {}\n",
        "<project><dependencies><dependency><groupId>g</groupId></dependency></dependencies>",
        "<!DOCTYPE x [<!ENTITY e \"x\">]>", "implementation 'a:b:1.0'\n",
        "\"a@^1\":\n  version \"1.2.3\"\n", "[[package]]\nname = \"x\"\nversion = \"1\"\n",
        "*a*a*a*a*a*a*b\n", "[z-a]\n", "!keep\n", "{", "}", "\"", "'", "\n",
    ]), max_size=20).map("".join),
)
_FILES = st.dictionaries(_NAMES, _MANIFEST_TEXT.map(lambda t: t.encode("utf-8", "replace")),
                         max_size=6)
_EVERYTHING = AnalyzeOptions(tdg=True, complexity=True, frameworks=True, dependencies=True)


def _analyze_code(value: tuple[str, str | None]) -> object:
    return api.analyze_code(*value)


def _analyze_project(files: dict[str, bytes]) -> object:
    return api.analyze_project(files, _EVERYTHING)


# --- archives ------------------------------------------------------------------------------------
def _tar(files: dict[str, bytes], mode: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:  # type: ignore[call-overload]
        for name, data in files.items():
            info = tarfile.TarInfo(name or "x")
            info.size = len(data)
            with contextlib.suppress(ValueError, UnicodeError):  # a name tar cannot store
                tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            # A name zipfile cannot store (it cuts at NUL and fails on what is left): skipped.
            with contextlib.suppress(ValueError, IndexError, UnicodeError):
                zf.writestr(name or "x", data)
    return buf.getvalue()


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, byte in edits:
        if out:
            out[at % len(out)] = byte
    return bytes(out)


_ARCHIVE = st.one_of(
    st.binary(max_size=600),
    st.builds(_zip, _FILES),
    st.builds(_tar, _FILES, st.sampled_from(["w", "w:gz", "w:bz2", "w:xz"])),
    st.builds(_mutate, st.builds(_zip, _FILES),
              st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8)),
    st.builds(_mutate, st.builds(_tar, _FILES, st.just("w:gz")),
              st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8)),
    st.builds(_mutate, st.builds(_tar, _FILES, st.just("w")),
              st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8)),
)


def _archive(data: bytes) -> object:
    return api.analyze_project(read_archive(data, "upload"), _EVERYTHING)


# --- converters, backend -------------------------------------------------------------------------
_GOOD_SIZE = st.integers(0, 10**9)
_SIZES = st.one_of(_GOOD_SIZE, _GOOD_SIZE, _GOOD_SIZE, _GOOD_SIZE, st.integers(-10, 10**7),
                   st.sampled_from([0, 1, 10**18, 10**19, -(10**30)]),
                   st.floats(allow_nan=True), st.none(), st.text(max_size=5), st.booleans())


def _converter(fn: Callable[..., object]) -> Callable[[Any], object]:
    def call(value: tuple[str, Any]) -> object:
        return fn(value[0], value[1])

    return call


def _convert_file(value: tuple[str, str]) -> object:
    return api.convert_file(*value)


_OPERATIONS = st.one_of(
    st.sampled_from(["element_wise", "reduction", "dot_product", "matrix_multiply",
                     "convolution", "linear_regression", "kmeans", "text_generation", "matmul",
                     "", "MATRIX_MULTIPLY"]),
    st.text(max_size=20), st.integers(), st.none())
_HARDWARE = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(["gpu", "has_gpu", "pcie_gbps", "gpu_tflops", "cpu_gflops",
                                     "simd_width", "x"]),
                    st.one_of(st.booleans(), st.floats(allow_nan=True), st.integers(),
                              st.text(max_size=4), st.none()), max_size=5),
    st.text(max_size=5))


def _backend(value: tuple[Any, Any, Any]) -> object:
    return api.backend_recommend(*value)


# --- apps and expressions ------------------------------------------------------------------------
_YAML_PIECES = [
    'presentar: "0.1"\n', "name: t\n", 'version: "1"\n', "data:\n", "  s:\n",
    "    rows: [{a: 1, b: x}, {a: 2.5, b: y}]\n", "    source: a.csv\n", "layout:\n",
    "  sections:\n", "    - id: main\n", "      span: [1, 12]\n", "      widgets:\n",
    "        - {type: metric, label: L, value: '{{ s | sum(a) }}'}\n",
    "        - {type: chart, chart_type: bar, data: '{{ s }}', x: b, y: a}\n",
    "        - {type: data_table, data: '{{ s | sort(a, desc=true) }}'}\n",
    "        - {type: text, content: '**a** [b](c) *d*'}\n",
    "        - {type: select, id: sel, label: L, options: [x, y]}\n",
    "interactions:\n", "  - {on: sel, action: filter, target: t, field: b}\n",
    "!!int abc", "!!float", "&a ", "*a", "<<: ", "!!python/object:os.system", "{{", "}}",
    "| filter(", "0x", "1" * 40, ".inf", "~", "- ", ": ", "\n", "  ", "'", '"', "[", "]",
]
_VALID_HEAD = ('presentar: "0.1"\nname: t\nversion: "1"\ndata:\n  s:\n'
               "    rows: [{a: 1, b: x, c: 2.5}, {a: 2, b: y, c: null}]\n"
               "  f:\n    source: a.csv\nlayout:\n  sections:\n    - id: main\n"
               "      widgets:\n")
_WIDGET_KEYS = ["type", "id", "label", "value", "data", "x", "y", "color", "bins", "chart_type",
                "content", "options", "columns", "page_size", "sortable", "source", "code",
                "framework", "data_size", "min", "max", "step", "title"]
_WIDGET_VALUES = ["metric", "chart", "data_table", "text", "select", "button", "analysis",
                  "converter", "text_input", "slider", "bar", "line", "scatter", "histogram",
                  "heatmap", "a", "b", "c", "'{{ s }}'", "'{{ s | sum(a) }}'", "'{{ f }}'",
                  "'{{ s | filter(a > 1) | sort(c, desc=true) }}'",
                  "'{{ s | group_by(b, sum=a) }}'",
                  "'{{ s | percentage(a) }}'", "'{{ s | mean(c) }}'", "[x, y]", "[a, b]", "1",
                  "0", "-1", "'**b** [l](u) *e*'", "''", "[1]", "{k: 1}", "true", "null", ".inf",
                  "abc", "10"]
_VALID_WIDGETS = [
    {"type": "metric", "label": "L", "value": "'{{ s | sum(a) }}'"},
    {"type": "chart", "chart_type": "bar", "data": "'{{ s }}'", "x": "b", "y": "a"},
    {"type": "chart", "chart_type": "histogram", "data": "'{{ f }}'", "x": "a"},
    {"type": "chart", "chart_type": "heatmap", "data": "'{{ s }}'", "x": "a", "y": "b",
     "value": "c"},
    {"type": "data_table", "data": "'{{ s | sort(c, desc=true) }}'"},
    {"type": "text", "content": "'**b** [l](u) *e*'"},
    {"type": "select", "label": "L", "options": "[x, y]"},
    {"type": "analysis", "source": "s"},
    {"type": "converter"},
    {"type": "text_input", "label": "L"},
]
_WIDGET = st.tuples(
    st.sampled_from(_VALID_WIDGETS),
    st.dictionaries(st.sampled_from(_WIDGET_KEYS), st.sampled_from(_WIDGET_VALUES), max_size=2),
).map(lambda t: "        - {" + ", ".join(f"{k}: {v}" for k, v in {**t[0], **t[1]}.items())
      + "}\n")
_YAML = st.one_of(
    _TEXT,
    st.lists(st.sampled_from(_YAML_PIECES), max_size=30).map("".join),
    st.lists(_WIDGET, min_size=1, max_size=5).map(lambda ws: _VALID_HEAD + "".join(ws)),
    st.lists(_WIDGET, min_size=1, max_size=5).map(lambda ws: _VALID_HEAD + "".join(ws)),
)


def _app(text: str) -> object:
    from batuta.app import app_from_text, build_view
    from batuta.app.native import app_scene

    app, files = app_from_text(text, {"a.csv": "a,b\n1,x\n" + "9" * 30 + ",y\n"})
    view = build_view(app, files, chart_encodings=True)
    app_scene(view)
    return view


_EXPR_PIECES = ["s", "data.files", "|", "filter(", "sort(", "limit(", "count", "sum(a)",
                "group_by(", "join(", "a", "=", "==", ">", "<=", ",", ")", "(", "'x'", '"y"',
                "1", "-2.5e3", "true", "null", "desc=true", "on=id", ".", " ", "{{", "}}",
                "\\", "\n"]
_EXPR = st.one_of(_TEXT, st.lists(st.sampled_from(_EXPR_PIECES), max_size=25).map("".join))


def _expression(text: str) -> object:
    out: list[object] = []
    for fn in (parse, parse_template):
        with contextlib.suppress(BatutaError):
            out.append(fn(text))
    return out


# --- the browser bridge --------------------------------------------------------------------------
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**60), 2**60),
              st.floats(allow_nan=False, allow_infinity=False), _TEXT),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["$files", "$archive", "$lazy", "$blob", "name", "a.py", "tdg",
                         "languages", "args", "kwargs", "x"]) | _TEXT, kids, max_size=4),
    max_leaves=20)
_BRIDGE = st.tuples(
    st.one_of(st.sampled_from(sorted(api.EXPORTS)), _TEXT),
    st.one_of(_JSON.map(json.dumps), _TEXT),
    st.one_of(st.none(), st.binary(max_size=300)),
)
_HOST = select_host()


class BridgeInternalError(AssertionError):
    """The bridge answered, but with BATUTA-X-031: a non-Batuta exception happened inside."""


def _bridge(value: tuple[str, str, bytes | None]) -> object:
    name, args_json, blob = value
    answer = json.loads(bridge.run(name, args_json, blob, None, host=_HOST))
    error = answer.get("error")
    if error is not None and error.get("code") == "BATUTA-X-031":
        raise BridgeInternalError(error.get("message"))
    return answer


TARGETS: tuple[Target, ...] = (
    Target("analyze_code", st.tuples(_CODE, st.one_of(st.none(), _NAMES)), _analyze_code),
    Target("analyze_project", _FILES, _analyze_project),
    Target("analyze_project_archive", _ARCHIVE, _archive),
    Target("convert_numpy", st.tuples(_CODE, _SIZES), _converter(api.convert_numpy)),
    Target("convert_sklearn", st.tuples(_CODE, _SIZES), _converter(api.convert_sklearn)),
    Target("convert_pytorch", st.tuples(_CODE, _SIZES), _converter(api.convert_pytorch)),
    Target("convert_file", st.tuples(_CODE, _NAMES), _convert_file),
    Target("backend_recommend", st.tuples(_OPERATIONS, _SIZES, _HARDWARE), _backend),
    Target("app_yaml", _YAML, _app),
    Target("expression", _EXPR, _expression),
    Target("bridge_call", _BRIDGE, _bridge),
)
"""Every untrusted entry point of issue 16, item 10."""
