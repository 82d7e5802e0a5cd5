"""The std-Rust parts of the mappings compute what NumPy / PyTorch compute (issue 12).

NumPy sampling, sorting and the torch element-wise functions are std code around table
constructors. The type check proves they compile; these tests compile the converted module with
real rustc against a tiny in-memory ``Vector`` / ``Tensor`` (only ``from_vec`` / ``as_slice`` /
``data`` / ``shape`` — the same signatures as the tables) and run it, checking the values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from convert_support import TENSOR_SHIM, run_rust, without_uses

from batuta.convert import convert_file

SHIM = """
pub struct Vector<T>(Vec<T>);
impl<T> Vector<T> {
    pub fn from_vec(v: Vec<T>) -> Self { Vector(v) }
    pub fn from_slice(v: &[T]) -> Self where T: Clone { Vector(v.to_vec()) }
    pub fn as_slice(&self) -> &[T] { &self.0 }
}
""" + TENSOR_SHIM


def _run(python: str, main: str, tmp_path: Path) -> str:
    """Convert ``python``, drop its crate imports for the shim, add ``main`` and run it."""
    result = convert_file(python, "m.py")
    assert not result.unsupported, result.unsupported
    module = without_uses(result.rust_code, "trueno", "realizar")
    return run_rust(module + SHIM + main, tmp_path, optimize=True).stdout


NUMPY = """
import numpy as np


def draws(n: int, s: float):
    rng = np.random.RandomState(3)
    a = rng.rand(n)
    b = rng.normal(2.0, s, n)
    again = np.random.RandomState(3)
    c = again.rand(n)
    d = np.sort(b)
    e = np.unique(np.array([3.0, 1.0, 3.0, 2.0]))
    f = 1.0 - a
    return a, b, c, d, e, f
"""

NUMPY_MAIN = """
fn stats(v: &[f32]) -> (f32, f32) {
    let m = v.iter().sum::<f32>() / v.len() as f32;
    (m, (v.iter().map(|x| (x - m) * (x - m)).sum::<f32>() / v.len() as f32).sqrt())
}
fn main() {
    // n and s are also the generator's own names inside the block: they must not leak.
    let (a, b, c, d, e, f) = draws(20000, 3.0).unwrap();
    let complement = f.as_slice().iter().zip(a.as_slice()).all(|(x, y)| (x + y - 1.0).abs() < 1e-6);
    let (ma, _) = stats(a.as_slice());
    let (mb, sb) = stats(b.as_slice());
    let lo = a.as_slice().iter().cloned().fold(1.0, f32::min);
    let hi = a.as_slice().iter().cloned().fold(0.0, f32::max);
    let same = a.as_slice() == c.as_slice();
    let sorted = d.as_slice().windows(2).all(|w| w[0] <= w[1]);
    println!("{} {} {} {} {} {} {} {} {} {:?}", a.as_slice().len(), ma, mb, sb, lo, hi, same,
             sorted, complement, e.as_slice());
}
"""


def test_numpy_sampling_and_sorting_compute_numpys_values(tmp_path: Path) -> None:
    out = _run(NUMPY, NUMPY_MAIN, tmp_path).split(" ", 9)
    n, mean_uniform, mean_normal, std_normal, lo, hi = (float(x) for x in out[:6])
    assert n == 20000
    assert abs(mean_uniform - 0.5) < 0.01 and lo >= 0.0 and hi < 1.0
    assert abs(mean_normal - 2.0) < 0.08 and abs(std_normal - 3.0) < 0.08  # scale = s = 3
    assert out[6] == "true"  # the same seed gives the same numbers
    assert out[7] == "true"  # np.sort ascends
    assert out[8] == "true"  # 1.0 - a, element by element
    assert out[9].strip() == "[1.0, 2.0, 3.0]"  # np.unique: sorted, distinct


TORCH = """
import torch
import torch.nn.functional as F


def ops():
    x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 0.5, -1.0]])
    r = F.relu(x)
    p = F.softmax(x, dim=-1)
    lp = F.log_softmax(x, dim=1)
    f = torch.flatten(torch.zeros(2, 3, 4), 1)
    return r, p, lp, f
"""

TORCH_MAIN = """
fn main() {
    let (r, p, lp, f) = ops().unwrap();
    let row: f32 = p.data()[..3].iter().sum();
    let back: Vec<f32> = lp.data().iter().map(|v| v.exp()).collect();
    let diff = back.iter().zip(p.data()).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    println!("{:?}|{}|{}|{:?}", r.data(), row, diff, f.shape());
}
"""


def test_torch_elementwise_softmax_flatten(tmp_path: Path) -> None:
    relu, row, diff, shape = _run(TORCH, TORCH_MAIN, tmp_path).strip().split("|")
    assert relu == "[1.0, 0.0, 3.0, 0.5, 0.5, 0.0]"
    assert abs(float(row) - 1.0) < 1e-5  # a softmax row sums to 1
    assert float(diff) < 1e-5  # exp(log_softmax) == softmax
    assert shape == "[2, 12]"


@pytest.mark.parametrize("python, reason", [
    ("import numpy as np\nnp.random.seed(0)\n", "numpy.random.seed"),
    ("import numpy as np\nx = np.array([1.0, 2.0])\nu = np.unique(x, return_inverse=True)\n",
     "return_inverse"),
    ("import torch\nimport torch.nn.functional as F\nx = torch.tensor([1.0])\n"
     "y = F.softmax(x, dim=-2)\n", "only the last axis"),
])
def test_what_the_std_mappings_refuse(python: str, reason: str) -> None:
    result = convert_file(python, "m.py")
    assert any(reason in u.reason or reason in u.python for u in result.unsupported), (
        result.unsupported)
