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
