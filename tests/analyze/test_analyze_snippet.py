"""classify_snippet: code (with its language), English prose, or blank, from real examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta import api
from batuta.analyze.code import analyze_code
from batuta.analyze.snippet import classify_snippet
from batuta.errors import BatutaError, InputTooLargeError, InvalidArgumentError
from batuta.limits import MAX_CODE_CHARS

# Each text is as it is selected on real pages: documentation prose, install instructions,
# README snippets, C from a tutorial.
EXAMPLES: list[tuple[str, str, str | None]] = [
    ("NumPy is the fundamental package for scientific computing in Python. It is a Python "
     "library that provides a multidimensional array object.", "prose", None),
    ("To install it, run the following command:", "prose", None),
    ("Note: the default value changed in version 2.0, see the release notes.", "prose", None),
    ("for each item in the list: add it to the total.\nThen divide by the count,\nand round "
     "the result.", "prose", None),
    ("Use `np.zeros(3)` to create an array of zeros.", "prose", None),
    ("See the docs (https://numpy.org) for details.", "prose", None),
    ("The function returns x if x > 0 else 0.", "prose", None),
    ("Returns:\n    The result of the computation.\n", "prose", None),
    ("- item one\n- item two", "prose", None),
    ("Hello world", "prose", None),
    ("Hello", "prose", None),
    ("import numpy as np", "code", "Python"),
    ("x = np.zeros((3, 4))\ny = x.sum(axis=0)\n", "code", "Python"),
    ("def f(x):\n    return x + 1\n", "code", "Python"),
    ("print('hi')", "code", "Python"),
    ("def broken(:\n    pass\n", "code", "Python"),  # broken Python is still Python
    ("Here is how:\nimport numpy as np\nx = np.zeros(3)\n", "code", "Python"),
    ("else:\n    y = 2\n", "code", "Python"),
    # Names that start like C types or commands are still Python.
    ("int_value(x)\nchar_count = len(s)\nfree(buf)\nlong_name = 1\n", "code", "Python"),
    ("ls = [1]\ncd = ls\npython = 3\nmake(x)\n", "code", "Python"),
    # Lines that look like another language's, in a snippet that parses as Python.
    ("def f(self, node: ast.expr | None) -> int:\n    number = g(node)\n    return number\n",
     "code", "Python"),
    ("#[1] the first item\nitems = [1]\n", "code", "Python"),  # Rust's #[attr] hint
    (">>> import numpy as np\n>>> np.zeros(3)\narray([0., 0., 0.])", "code", "Python"),
    ("model.fit(X, y)", "code", "Python"),
    ("pip install numpy", "code", "Shell"),
    ("cd build\ncmake ..\nmake -j4", "code", "Shell"),
    ("pip install -r requirements.txt && python train.py --epochs 10", "code", "Shell"),
    ("$ pip install -U batuta\n$ batuta analyze .", "code", "Shell"),
    ("ls -la", "code", "Shell"),
    ("git clone https://github.com/x/y && cd y", "code", "Shell"),
    ("!pip install torch", "code", "Shell"),
    ("for (int i = 0; i < n; i++) {\n    sum += a[i];\n}", "code", "C"),
    ("int add(int a, int b) {\n    return a + b;\n}", "code", "C"),
    ("double x = 3.0;", "code", "C"),
    ("#include <stdio.h>\nint main(void) { return 0; }", "code", "C"),
    ("fn main() {\n    let mut x = 1;\n}", "code", "Rust"),
    ("const x = 1;\nconsole.log(x);", "code", "JavaScript"),
    ("", "blank", None),
    ("   \n\t \n", "blank", None),
]


@pytest.mark.parametrize(("text", "kind", "language"), EXAMPLES)
def test_real_examples(text: str, kind: str, language: str | None) -> None:
    found = classify_snippet(text)
    assert (found.kind, found.language) == (kind, language), found.reason
    assert found.reason
    assert bool(found.advice) == (kind != "code")


def test_prose_says_what_it_would_take() -> None:
    found = classify_snippet("This is a paragraph of English. It has a period.")
    assert found.reason.startswith("This looks like prose, not code")
    assert "Select only the code" in found.advice
    assert "only blank space (3 characters)" in classify_snippet(" \n ").reason


def test_the_api_and_analyze_code_agree_on_the_language() -> None:
    assert api.classify_snippet("pip install numpy").language == "Shell"
    assert analyze_code("pip install numpy").language == "Shell"
    assert analyze_code("for (int i = 0; i < n; i++) {\n    s += a[i];\n}").language == "C"
    # Python that merely mentions a command keeps being Python.
    assert analyze_code("ls = [1]\ncd = ls\npython = 3\nmake(x)\n").language == "Python"


def test_bad_arguments() -> None:
    with pytest.raises(InvalidArgumentError):
        classify_snippet(b"x")  # type: ignore[arg-type]
    with pytest.raises(InputTooLargeError):
        classify_snippet("x" * (MAX_CODE_CHARS + 1))


@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from([
    "import numpy as np", "This is a sentence.", "pip install x", "int x = 1;", "", "  ",
    "def f(:", "x = (", "else:", "Note: read this", "# c", "$ ls", "Hello", "y = f(x)",
]), max_size=20).map("\n".join)))
@settings(max_examples=150)
def test_arbitrary_text_is_classified_deterministically(text: str) -> None:
    try:
        found = classify_snippet(text)
    except BatutaError:
        return
    assert found.kind in ("code", "prose", "blank")
    assert (found.kind == "blank") == (not text.strip())
    assert found == classify_snippet(text)
