"""Python's ``math`` module translated to std f32 methods and consts (issue 12).

Plain Python using ``math`` is converted, compiled with real ``rustc`` and run; its output is
Python's. Where Python raises (``math.log`` / ``math.sqrt`` outside their domain,
``math.floor`` of NaN or infinity, ``math.exp`` past the float range) the Rust program stops with
an ``Err``, never printing a NaN or a saturated integer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from convert_support import python_output, run_rust

from batuta.convert import convert_file

VALUES = """
import math
from math import sqrt, pi


def f(x: float, n: int):
    print("%.4f %.4f %.4f %.4f" % (math.sqrt(x), math.log(x), math.exp(x), math.fabs(-x)))
    print(math.floor(x), math.ceil(x), math.floor(n), math.ceil(-x), math.floor(-x))
    print("%.4f %.4f %.4f %.4f %.4f" % (math.pi, math.e, sqrt(n), pi * 2, math.tau))
    print("%.4f %.4f" % (math.log2(x), math.log10(x)))
    print(math.isclose(x, x + 1e-12), math.isclose(x, 2.0), math.isclose(x, 2.1, abs_tol=0.2))
    print(math.isclose(math.inf, 1.0), math.isclose(math.inf, math.inf), math.inf > 1e30)
    print(math.nan == math.nan, math.isclose(math.nan, math.nan))
    print("%.4f" % (-math.log(10000.0) / n))
    print("%.4f %.4f" % (math.sqrt(0.0), math.log(1)))


f(2.5, 4)
f(0.5, 9)
f(3.75, 1)
"""


def test_math_runs_the_same_in_rust(tmp_path: Path) -> None:
    result = convert_file(VALUES, "m.py")
    assert not result.unsupported, result.unsupported
    assert "// py:" not in result.rust_code, result.rust_code
    assert run_rust(result.rust_code, tmp_path).stdout == python_output(VALUES)


@pytest.mark.parametrize("call, arg", [
    ('"%.3f" % math.log(x)', "0.0"), ('"%.3f" % math.log(x)', "-1.5"),
    ('"%.3f" % math.sqrt(x)', "-0.25"), ('"%.3f" % math.log10(x)', "0.0"),
    ("math.floor(x)", "math.inf"), ("math.ceil(x)", "math.nan"),
    ("math.floor(x)", "-math.inf"), ('"%.3f" % math.exp(x)', "1000.0"),
    ("math.isclose(x, 1.0, rel_tol=-1.0)", "1.0"),
])
def test_where_python_raises_rust_returns_err(tmp_path: Path, call: str, arg: str) -> None:
    source = (f"import math\n\n\ndef g(x: float):\n    print(\"before\")\n"
              f"    print({call})\n    print(\"after\")\n\n\ng({arg})\n")
    python = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                            timeout=60)
    assert python.returncode != 0 and python.stdout == "before\n", python
    result = convert_file(source, "m.py")
    assert not result.unsupported and "// py:" not in result.rust_code, result.rust_code
    rust = run_rust(result.rust_code, tmp_path, check=False)
    assert rust.returncode != 0 and rust.stdout == "before\n", rust
    assert "Error" in rust.stderr


def test_math_without_a_translation_stays_python_with_its_reason() -> None:
    source = "import math\nimport numpy as np\n\nx = np.sum(np.ones(3)) + math.gamma(2.5)\n"
    result = convert_file(source, "m.py")
    reasons = [u.reason for u in result.unsupported if u.python == "numpy.sum"]
    assert len(reasons) == 1 and "math.gamma has no translation" in reasons[0], reasons


CHAINED = """
import math


def within(x: float, n: int, lo: int):
    print(0 < n < 10, lo <= n < 5, 0.0 <= x <= 1.0, lo < n > 2)
    print(-math.inf < x < math.inf, x == x == 0.5, lo != n != 3)


within(0.5, 3, 1)
within(1.5, 12, 3)
within(-0.5, 0, 0)
within(0.5, 3, 3)
"""


def test_chained_comparisons_run_the_same_in_rust(tmp_path: Path) -> None:
    result = convert_file(CHAINED, "m.py")
    assert not result.unsupported and "// py:" not in result.rust_code, result.rust_code
    assert run_rust(result.rust_code, tmp_path).stdout == python_output(CHAINED)


def test_a_chain_through_a_computed_value_stays_python() -> None:
    """``a < f(b) < c`` evaluates ``f(b)`` once in Python; two comparisons would run it twice."""
    source = "import numpy as np\n\na = np.ones(3)\nprint(0 < np.sum(a) < 5)\n"
    result = convert_file(source, "m.py")
    reasons = [u.reason for u in result.unsupported if u.python == "numpy.sum"]
    assert len(reasons) == 1, reasons
    assert "chained comparisons through computed values" in reasons[0], reasons


def test_an_is_test_says_so() -> None:
    source = "import numpy as np\n\na = np.ones(3)\nprint(np.sum(a) is None)\n"
    result = convert_file(source, "m.py")
    reasons = [u.reason for u in result.unsupported if u.python == "numpy.sum"]
    assert len(reasons) == 1 and "`is` / `is not` tests" in reasons[0], reasons
