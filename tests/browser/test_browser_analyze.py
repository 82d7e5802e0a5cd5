"""The browser answers exactly what native Python answers: analyze_code, converters, backends."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import native_call, run_js
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.browser

CORPUS: list[tuple[str, str | None]] = [
    ("", None),
    ("x = 1\n", None),
    ("import numpy as np\nx = np.zeros((3, 3))\ny = x @ x.T\nprint(np.sum(y))\n", "a.py"),
    ("from sklearn.linear_model import LinearRegression as LR\nm = LR().fit(X, y)\n", "m.py"),
    ("import torch\nimport torch.nn as nn\nlayer = nn.Linear(4, 2)\nwith torch.no_grad():\n"
     "    out = layer(torch.tensor([1.0]))\n", "t.py"),
    ('def f(a):\n    """Doc."""\n    if a:\n        for i in range(a):\n            if i % 2:\n'
     "                return i\n    return 0\n", "f.py"),
    ("class A:\n    def m(self, x):\n        return x and self or None\n", "c.py"),
    ("def broken(:\n    pass\n", "bad.py"),
    ("#include <stdio.h>\nint main(void) {\n  /* hi */\n  return 0;\n}\n", "main.c"),
    ("#!/bin/bash\n# comment\necho hello\nif [ -f x ]; then echo y; fi\n", "run.sh"),
    ("#include <vector>\nint sum(std::vector<int> v){int s=0;for(int x:v){s+=x;}return s;}\n",
     "v.cpp"),
    ("fn main() {\n    println!(\"hi\");\n}\n", "main.rs"),
    ("# only a comment\n\n\n", "c.py"),
    ("s = 'héllo wörld ✓'\n", "u.py"),
    ("x = [" * 60 + "]" * 60 + "\n", "deep.py"),
    ("\t\n  \n", None),
    ("import numpy\nimport numpy.linalg as la\nla.inv(numpy.eye(3))\n", "la.py"),
    ("from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained('x')\n",
     "hf.py"),
    ("async def g():\n    async with a as b:\n        await b\n", "g.py"),
    ("lambda: (yield)\n", "y.py"),
    ("x = 1\r\ny = 2\r\n", "crlf.py"),
    ('"""Module doc."""\nimport pandas as pd\ndf = pd.DataFrame()\n', "pd.py"),
    ("def a():\n    try:\n        pass\n    except (A, B):\n        pass\n    finally:\n"
     "        pass\n", "ex.py"),
    ("match x:\n    case 1:\n        pass\n    case _:\n        pass\n", "match.py"),
]


def browser_call(page: Any, name: str, *args: Any) -> Any:
    out = run_js(page, "return { ok: await window.batuta.call(arg.name, ...arg.args) };",
                 {"name": name, "args": list(args)})
    if "__error__" in out:
        return {"error": {"code": out["__error__"]["code"]}}
    return out


def native(name: str, *args: Any) -> Any:
    out = native_call(name, *args)
    if "error" in out:
        return {"error": {"code": out["error"]["code"]}}
    return out


def test_corpus_matches_native(bpage: Any) -> None:
    assert len(CORPUS) >= 20
    mismatches = []
    for code, filename in CORPUS:
        args = (code,) if filename is None else (code, filename)
        got, want = browser_call(bpage, "analyze_code", *args), native("analyze_code", *args)
        if got != want:
            mismatches.append((filename, code[:40], got, want))
    assert mismatches == []
    # At least the plain cases must be real analyses, not matching errors.
    assert "ok" in browser_call(bpage, "analyze_code", CORPUS[2][0], "a.py")


LINES = st.sampled_from([
    "import numpy as np", "from sklearn.cluster import KMeans", "import torch",
    "x = np.array([1, 2])",
    "km = KMeans(n_clusters=3).fit(x)", "def f(a, b):", "    return a if a > b else b",
    "    pass", "for i in range(3):", "    print(i)", "# comment", "", "while x:", "    x -= 1",
    'y = """doc"""', "z = torch.zeros(3)", "class K:", "    def m(self):", "        return 1",
])


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINES | st.text(max_size=12), min_size=0, max_size=10).map("\n".join),
       st.sampled_from([None, "x.py", "x.c", "x.sh", "noext"]))
def test_generated_code_matches_native(bpage: Any, code: str, filename: str | None) -> None:
    args = (code,) if filename is None else (code, filename)
    assert browser_call(bpage, "analyze_code", *args) == native("analyze_code", *args)


CONVERT = "import numpy as np\na = np.zeros((4, 4))\nb = a @ a\nc = np.sum(b)\n"


@pytest.mark.parametrize(("name", "args"), [
    ("convert_numpy", [CONVERT]),
    ("convert_numpy", [CONVERT, 10_000_000]),
    ("convert_sklearn", ["from sklearn.linear_model import LinearRegression\n"
                         "m = LinearRegression()\nm.fit(X, y)\n"]),
    ("convert_pytorch", ["import torch\nm = torch.load('m.pt')\nm.eval()\n"]),
    ("convert_file", [CONVERT, "mod.py"]),
    ("backend_recommend", ["matrix_multiply", 20_000]),
    ("backend_recommend", ["element_wise", 5_000_000, {"has_gpu": False}]),
    ("backend_recommend", ["nope", 3]),
])
def test_other_api_calls_match_native(bpage: Any, name: str, args: list[Any]) -> None:
    assert browser_call(bpage, name, *args) == native(name, *args)
