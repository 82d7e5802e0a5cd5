"""``Tensor.view`` / ``reshape`` / ``torch.reshape`` -> the data under a new shape; ``size(d)``.

The converted code type-checks against the stub crates (real cargo) and, run with rustc over a
shim of realizar's ``Tensor``, gives PyTorch's shapes; a shape that does not hold the data (two
-1s, a size that does not divide) is an ``Err`` where PyTorch raises ``RuntimeError``.
"""

from __future__ import annotations

from pathlib import Path

from convert_support import TENSOR_SHIM, run_rust, without_uses

from batuta.convert import convert_file
from batuta.convert.audit import misses
from rust_check import RustChecker

SOURCE = """
import torch


def shapes(n: int):
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return x.view(-1), x.view(3, 2), x.reshape(n, -1), torch.reshape(x, (1, -1, 2)), x.view((6, 1))


def sizes(d: int):
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return x.size(0), x.size(-1), x.size(d), x.view(x.size(0), -1).size(1)


def bad(n: int, m: int):
    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    return x.view(n, m)
"""

MAIN = """
fn main() {
    let (a, b, c, d, e) = shapes(3).unwrap();
    for t in [&a, &b, &c, &d, &e] { println!("{:?} {:?}", t.shape(), t.data()); }
    for (n, m) in [(4, -1), (-1, -1), (0, -1), (5, 2), (2, 3), (-2, -3)] {
        match bad(n, m) { Ok(t) => println!("{:?}", t.shape()), Err(e) => println!("{}", e) }
    }
    for d in [1, -2, 2, -3] {
        match sizes(d) { Ok(v) => println!("{:?}", v), Err(e) => println!("{}", e) }
    }
}
"""


def test_view_and_reshape_give_pytorchs_shapes(tmp_path: Path, rust_checker: RustChecker) -> None:
    result = convert_file(SOURCE, "view.py")
    assert not result.unsupported, result.unsupported
    assert {"torch.Tensor.view", "torch.Tensor.reshape", "torch.reshape"} <= {
        m.python for m in result.mappings}
    assert misses(result.rust_code) == []
    assert rust_checker.check({"view": result.rust_code}) == []
    module = without_uses(result.rust_code, "realizar")
    lines = run_rust(module + TENSOR_SHIM + MAIN, tmp_path).stdout.splitlines()
    # torch's shapes: x.view(-1), view(3, 2), reshape(3, -1), reshape(x, (1, -1, 2)), view((6, 1))
    data = "[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]"
    assert lines[:5] == [f"[6] {data}", f"[3, 2] {data}", f"[3, 2] {data}",
                         f"[1, 3, 2] {data}", f"[6, 1] {data}"]
    # x.view(4, -1), (-1, -1), (0, -1), (5, 2): RuntimeError in torch; (2, 3) holds the data
    assert lines[5] == "shape [4, -1] is invalid for input of size 6"
    assert lines[6] == "shape [-1, -1] is invalid for input of size 6"
    assert lines[7] == "shape [0, -1] is invalid for input of size 6"
    assert lines[8] == "shape [5, 2] is invalid for input of size 6"
    assert lines[9] == "[2, 3]"
    assert lines[10] == "shape [-2, -3] is invalid for input of size 6"
    # x.size(0), size(-1), size(d), view(x.size(0), -1).size(1); size(2) / size(-3): IndexError
    assert lines[11:] == ["(2, 3, 3, 3)", "(2, 3, 2, 3)", "dimension 2 out of range for 2 axes",
                          "dimension -3 out of range for 2 axes"]
