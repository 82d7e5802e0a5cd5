"""``np.empty(X1.shape)`` / ``np.zeros(s)`` of a shape held in a value (issue 12).

The real example ``plot_sgd_separating_hyperplane.py`` passes another array's ``shape``; the
(rows, cols) pair becomes a Matrix of that shape (``np.empty``'s contents are unspecified in
NumPy; zeros are one valid choice). The output type-checks with real cargo against the stubs.
"""

from __future__ import annotations

from batuta.convert import convert_file
from rust_check import RustChecker

SOURCE = """
import numpy as np

xx = np.linspace(-1, 5, 10)
yy = np.linspace(-1, 4, 3)
X1, X2 = np.meshgrid(xx, yy)
Z = np.empty(X1.shape)
s = X2.shape
W = np.zeros(s)
print(np.sum(Z), np.sum(W))
"""


def test_a_shape_value_sizes_the_matrix(rust_checker: RustChecker) -> None:
    result = convert_file(SOURCE, "m.py")
    assert not result.unsupported, result.unsupported
    assert "Matrix::zeros(x1.shape().0, x1.shape().1)" in result.rust_code
    assert "Matrix::zeros(s.0, s.1)" in result.rust_code
    translated = [m.python for m in result.mappings]
    assert translated.count("numpy.empty") == 1 and translated.count("numpy.zeros") == 1
    assert rust_checker.check({"m": result.rust_code}) == []


def test_a_length_still_sizes_a_vector() -> None:
    source = "import numpy as np\n\nn = 4\nv = np.zeros(n)\nprint(np.sum(v))\n"
    result = convert_file(source, "m.py")
    assert not result.unsupported and "vec![0.0; n" in result.rust_code, result.rust_code


LIST_OPERAND = """
import numpy as np

A = np.ones((2, 2))
B = A + [1, 2]
D = A * [3, 4, 5]
E = np.linspace(0.0, 1.0, 2) - [0.5, 1.5]
print(np.sum(B), np.sum(E))
"""


def test_a_list_beside_an_array_is_an_array(rust_checker: RustChecker) -> None:
    """``X + [1, 1]`` (plot_sgd_weighted_samples.py): NumPy turns the list into an array and
    broadcasts it as a row; shapes that do not broadcast stay the run-time error they are."""
    result = convert_file(LIST_OPERAND, "m.py")
    assert not result.unsupported, result.unsupported
    assert result.rust_code.count("\"operands could not be broadcast together\"") == 2
    assert "vec![0.5, 1.5].iter().map(|&v| v as f32)" in result.rust_code
    assert rust_checker.check({"m": result.rust_code}) == []
