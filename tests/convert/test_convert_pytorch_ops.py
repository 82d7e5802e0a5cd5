"""torch.cat / tril / triu / sum / mean / randn_like -> std code around realizar::Tensor.

Type-checked with one ``cargo check --offline`` against the table stubs, and compiled with real
rustc against a minimal ``Tensor`` (the table's ``from_vec`` / ``data`` / ``shape`` / ``ndim`` /
``size`` signatures) and run: the values are PyTorch's for the same inputs.
"""

from __future__ import annotations

from pathlib import Path

from convert_support import TENSOR_SHIM, run_rust, without_uses

from batuta.convert import convert_file
from batuta.convert.audit import misses
from rust_check import RustChecker

OPS = """
import torch


def ops():
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    lo = torch.tril(x)
    up = torch.triu(x, diagonal=1)
    below = torch.tril(x, -1)
    both = torch.cat([x, lo], dim=1)
    rows = torch.cat([x, up])
    last = torch.cat((x, x), dim=-1)
    s = torch.sum(x)
    m = torch.mean(x)
    r = torch.randn_like(x)
    return lo, up, below, both, rows, last, s, m, r
"""

SHIM = TENSOR_SHIM + """
fn main() {
    let (lo, up, below, both, rows, last, s, m, r) = ops().unwrap();
    for t in [&lo, &up, &below, &both, &rows, &last, &r] {
        println!("{:?} {:?}", t.shape(), if t.shape() == r.shape() && std::ptr::eq(t, &r) {
            vec![] } else { t.data().to_vec() });
    }
    println!("{} {}", s, m);
}
"""


def test_tensor_ops_convert() -> None:
    result = convert_file(OPS, "ops.py")
    assert result.unsupported == ()
    rust = result.rust_code
    assert "let s: f32 = x.data().iter().sum::<f32>();" in rust
    assert 'assert_eq!(t.ndim(), 2, "torch.tril of a 2-D tensor")' in rust
    assert "let d: usize = ts[0].ndim() - 1;" in rust  # dim=-1 is the last axis


def test_tensor_ops_type_check(rust_checker: RustChecker) -> None:
    rust = convert_file(OPS, "ops.py").rust_code
    assert misses(rust) == []
    assert rust_checker.check({"ops": rust}) == []


def test_tensor_ops_compute_pytorchs_values(tmp_path: Path) -> None:
    module = without_uses(convert_file(OPS, "ops.py").rust_code, "realizar")
    lines = run_rust(module + SHIM, tmp_path).stdout.splitlines()
    # Values as torch computes them for x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]].
    assert lines[0] == "[3, 3] [1.0, 0.0, 0.0, 4.0, 5.0, 0.0, 7.0, 8.0, 9.0]"  # tril
    assert lines[1] == "[3, 3] [0.0, 2.0, 3.0, 0.0, 0.0, 6.0, 0.0, 0.0, 0.0]"  # triu(1)
    assert lines[2] == "[3, 3] [0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 7.0, 8.0, 0.0]"  # tril(-1)
    assert lines[3] == ("[3, 6] [1.0, 2.0, 3.0, 1.0, 0.0, 0.0, 4.0, 5.0, 6.0, 4.0, 5.0, 0.0, "
                        "7.0, 8.0, 9.0, 7.0, 8.0, 9.0]")  # cat(dim=1)
    assert lines[4] == ("[6, 3] [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 0.0, 2.0, 3.0, "
                        "0.0, 0.0, 6.0, 0.0, 0.0, 0.0]")  # cat(dim=0)
    assert lines[5].startswith("[3, 6] [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0")  # cat(dim=-1)
    assert lines[6] == "[3, 3] []"  # randn_like: the input's shape
    assert lines[7] == "45 5"


ARITH = """
import torch


def arith():
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    y = torch.tensor([[0.5, 0.5], [2.0, -1.0]])
    return x * 5, 2.0 - x, x + y, x / y, x - 1, 3 * x


def mismatch():
    return torch.tensor([1.0, 2.0]) + torch.tensor([[1.0, 2.0], [3.0, 4.0]])


def ranges(n: int):
    position = torch.arange(0, n, dtype=torch.float).unsqueeze(1)
    steps = torch.arange(1, 8, 3).float() * 2
    last = torch.unsqueeze(torch.arange(3), -1)
    empty = torch.arange(5, 2)
    return position, steps, last, empty
"""

ARITH_MAIN = """
impl<T: Clone> Clone for Tensor<T> {  // realizar's Tensor derives Clone (the tables)
    fn clone(&self) -> Self { Tensor { shape: self.shape.clone(), data: self.data.clone() } }
}
fn main() {
    let (a, b, c, d, e, f) = arith().unwrap();
    for t in [&a, &b, &c, &d, &e, &f] { println!("{:?} {:?}", t.shape(), t.data()); }
    println!("{}", mismatch().err().unwrap());
    let (p, s, l, e) = ranges(3).unwrap();
    for t in [&p, &s, &l, &e] { println!("{:?} {:?}", t.shape(), t.data()); }
}
"""


def test_tensor_arithmetic_computes_pytorchs_values(tmp_path: Path,
                                                    rust_checker: RustChecker) -> None:
    rust = convert_file(ARITH, "arith.py").rust_code
    assert misses(rust) == []
    assert rust_checker.check({"arith": rust}) == []
    module = without_uses(rust, "realizar")
    lines = run_rust(module + SHIM.split("fn main()")[0] + ARITH_MAIN, tmp_path).stdout.splitlines()
    # torch's values for the same expressions.
    assert lines[0] == "[2, 2] [5.0, 10.0, 15.0, 20.0]"  # x * 5
    assert lines[1] == "[2, 2] [1.0, 0.0, -1.0, -2.0]"  # 2.0 - x
    assert lines[2] == "[2, 2] [1.5, 2.5, 5.0, 3.0]"  # x + y
    assert lines[3] == "[2, 2] [2.0, 4.0, 1.5, -4.0]"  # x / y
    assert lines[4] == "[2, 2] [0.0, 1.0, 2.0, 3.0]"  # x - 1
    assert lines[5] == "[2, 2] [3.0, 6.0, 9.0, 12.0]"  # 3 * x
    # PyTorch would broadcast (2,) against (2, 2); the conversion says it does not.
    assert lines[6] == "tensor shapes [2] and [2, 2] differ (broadcasting is not converted)"
    # torch.arange(0, 3, dtype=torch.float).unsqueeze(1), arange(1, 8, 3).float() * 2,
    # torch.unsqueeze(arange(3), -1), arange(5, 2) (empty): torch's shapes and values.
    assert lines[7] == "[3, 1] [0.0, 1.0, 2.0]"
    assert lines[8] == "[3] [2.0, 8.0, 14.0]"
    assert lines[9] == "[3, 1] [0.0, 1.0, 2.0]"
    assert lines[10] == "[0] []"
    mapped = {m.python for m in convert_file(ARITH, "arith.py").mappings}
    assert {"torch.float", "torch.Tensor.unsqueeze", "torch.unsqueeze",
            "torch.Tensor.float"} <= mapped
