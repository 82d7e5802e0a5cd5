"""analyze_code: the book's fields, ML detection, complexity, TDG, and bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta._serialize import to_json
from batuta.analyze.code import MAX_CODE_CHARS, analyze_code
from batuta.errors import BatutaError, InputTooLargeError, InvalidArgumentError

ML_SNIPPET = '''"""Train a model."""
import numpy as np
from sklearn.linear_model import LogisticRegression as LR
import torch.nn as nn


def fit(x, y):
    # scale first
    x = np.asarray(x) / np.max(x)
    if x.ndim != 2:
        raise ValueError("2-D input please")
    return LR().fit(x, y)


layer = nn.Linear(4, 2)
'''


def test_book_fields_and_counts() -> None:
    result = analyze_code(ML_SNIPPET, "train.py")
    assert result.language == "Python"
    assert (result.has_numpy, result.has_sklearn, result.has_pytorch) == (True, True, True)
    assert (result.code, result.comment, result.blank) == (9, 2, 4)
    assert result.lines_of_code == result.code
    assert result.parse_error is None
    symbols = {(s.framework, s.symbol, s.line) for s in result.frameworks}
    assert ("numpy", "numpy.asarray", 9) in symbols
    assert ("sklearn", "sklearn.linear_model.LogisticRegression", 12) in symbols
    assert ("pytorch", "torch.nn.Linear", 15) in symbols
    [fit] = result.functions
    assert (fit.name, fit.line, fit.cyclomatic) == ("fit", 7, 2)
    assert result.tdg is not None and result.tdg.score is not None


def test_import_alone_sets_the_flag() -> None:
    result = analyze_code("import torch\n")
    assert result.has_pytorch and not result.has_numpy and not result.has_sklearn


def test_json_round_trip() -> None:
    data = json.loads(to_json(analyze_code(ML_SNIPPET)))
    assert {"language", "has_numpy", "has_sklearn", "has_pytorch", "lines_of_code", "code",
            "comment", "blank", "frameworks", "functions", "tdg"} <= set(data)


def test_no_flags_without_frameworks() -> None:
    result = analyze_code("def f(x):\n    return x + 1\n")
    assert not (result.has_numpy or result.has_sklearn or result.has_pytorch)
    assert result.frameworks == ()


def test_syntax_error_is_reported_and_lines_still_counted() -> None:
    result = analyze_code("def broken(:\n    pass\n# note\n")
    assert result.parse_error is not None and "syntax error" in result.parse_error
    assert (result.code, result.comment) == (2, 1)
    assert result.tdg is not None and result.tdg.score is None
    assert [n.reason for n in result.tdg.not_measured] == [result.parse_error]


@pytest.mark.parametrize("source", [
    "x = " + "not " * 5000 + "y\n",                # 5000-deep unary chain: too deep to walk
    "x = " + "-" * 100_000 + "1\n",
    "y = " + "+".join(["1"] * 100_000) + "\n",      # 100,000-deep left-nested BinOp
    "".join(" " * i + "if x:\n" for i in range(500)) + " " * 500 + "pass\n",  # 500 blocks
    "x = " + "(" * 500 + "1" + ")" * 500 + "\n",    # 500 nested parentheses
])
def test_deep_nesting_is_counted_not_crashed(source: str) -> None:
    result = analyze_code(source)
    assert result.code == source.count("\n")
    assert result.parse_error is not None
    assert result.functions == () and result.frameworks == ()
    assert result.tdg is not None and result.tdg.score is None and result.tdg.not_measured


def test_500_deep_expression_is_fully_measured() -> None:
    result = analyze_code("x = " + "not " * 500 + "y\n")
    assert result.parse_error is None and result.code == 1
    assert result.tdg is not None and result.tdg.score is not None


def test_other_languages() -> None:
    c = analyze_code("/* add */\nint add(int a, int b) {\n    return a + b; // sum\n}\n", "m.c")
    assert (c.language, c.code, c.comment) == ("C", 3, 1)
    assert [f.name for f in c.functions] == ["add"]
    rust = analyze_code("fn main() {\n    let mut x = 1; /* a /* b */ c */\n}\n")
    assert rust.language == "Rust" and rust.code == 3
    assert analyze_code("hello\n", "notes.txt").language == "Unknown"
    # A name that places nothing is unknown, not guessed (issue 16 item 4).
    assert analyze_code("echo hi\n", "tool").language == "Unknown"


def test_size_bounds() -> None:
    with pytest.raises(InputTooLargeError):
        analyze_code("x" * (MAX_CODE_CHARS + 1))
    with pytest.raises(InputTooLargeError):  # a 10 MB line: over both bounds
        analyze_code("x = '" + "a" * 10_000_000 + "'\n")
    with pytest.raises(InputTooLargeError):  # a 2 MB line in a small-enough file
        analyze_code("x = 1\ns = '" + "a" * 2_000_000 + "'\n")


def test_bad_arguments() -> None:
    with pytest.raises(InvalidArgumentError):
        analyze_code(b"x = 1")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        analyze_code("x = 1", filename=3)  # type: ignore[arg-type]


def test_nul_bytes_and_surrogates_do_not_crash() -> None:
    assert analyze_code("x = 1\x00\n").parse_error is not None
    assert analyze_code("s = '\ud800'\n").code == 1


@given(st.text(max_size=500), st.one_of(st.none(), st.sampled_from(
    ["a.py", "a.c", "a.h", "a.rs", "a.sh", "a.js", "a.ts", "a.go", "A.java", "a.toml",
     "a.md", "x"])))
def test_arbitrary_text_raises_only_batuta_errors(code: str, filename: str | None) -> None:
    try:
        result = analyze_code(code, filename)
    except BatutaError:
        return
    assert result.code + result.comment + result.blank == len(code.split("\n")) - (
        1 if code.endswith("\n") else 0) if code else result.code == 0
    json.loads(to_json(result))


_PY_LINES = st.sampled_from([
    "import numpy as np", "from sklearn.cluster import KMeans", "import torch",
    "def f(x):", "    if x:", "        return np.zeros(x)", "    return KMeans(3)",
    "class C:", "    def m(self):", "        return torch.tensor([1])", "# c", "", "x = (",
    '"""doc"""', "for i in range(3):", "    pass", "while True: break",
])


@given(st.lists(_PY_LINES, max_size=30))
def test_arbitrary_python_like_code(lines: list[str]) -> None:
    code = "\n".join(lines) + "\n"
    result = analyze_code(code)
    assert result.language == "Python"
    assert result.lines_of_code == result.code


def test_warnings_of_the_analyzed_code_stay_quiet() -> None:
    """Invalid escapes in the analyzed code warn when parsed; that must neither print nor,
    with warnings as errors, turn into a parse failure."""
    import warnings

    source = 'import re\npattern = re.compile("\\d+")\n'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = analyze_code(source)
    assert result.parse_error is None and result.code == 2
