"""PyTorch optimizers and losses -> aprender's, and nll_loss as std code (issue 12).

The snippets are type-checked in ONE ``cargo check --offline`` against the stubs from the
tables; ``nll_loss`` (std code, no table item computes it) is compiled with real rustc against
a minimal in-memory ``Tensor`` with the table's signatures and run, and its value compared with
the formula computed here.
"""

from __future__ import annotations

import math
from pathlib import Path

from convert_support import TENSOR_SHIM, run_rust, without_uses

from batuta.convert import convert_file
from batuta.convert.audit import mapped_by_symbol, misses
from rust_check import RustChecker

OPTIM = """
import torch
import torch.nn.functional as F

sgd = torch.optim.SGD([], lr=0.1, momentum=0.9)
plain = torch.optim.SGD([], 0.05)
adam = torch.optim.Adam([], lr=1e-3, betas=(0.8, 0.99), eps=1e-6)
default = torch.optim.Adam([])
nesterov = torch.optim.SGD([], lr=0.1, momentum=0.9, nesterov=True)
decay = torch.optim.Adam([], weight_decay=0.01)
a = torch.randn(4, 3)
b = torch.randn(4, 3)
mse = F.mse_loss(a, b)
mae = F.l1_loss(a, b)
huber = F.huber_loss(a, b, delta=0.5)
summed = F.mse_loss(a, b, reduction="sum")
print(mse, mae, huber)
"""

MODULES = """
import torch
import torch.nn as nn
import torch.nn.functional as F

a = torch.randn(4, 3)
b = torch.randn(4, 3)
crit = nn.MSELoss()
l1 = crit(a, b)
h = nn.HuberLoss(delta=0.5)
l2 = h(a, b)
l3 = F.smooth_l1_loss(a, b)
l4 = F.smooth_l1_loss(a, b, beta=0.5)


class Reg(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)
        self.crit = nn.L1Loss()

    def forward(self, x, y):
        return self.crit(self.fc(x), y)
"""

NLL = """
import torch
import torch.nn.functional as F


def losses():
    x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [0.5, 0.0, -1.0]])
    logp = F.log_softmax(x, dim=1)
    t = torch.tensor([2.0, 0.0, 1.0])
    return F.nll_loss(logp, t), F.nll_loss(logp, t, reduction="sum", ignore_index=0)
"""

SHIM = TENSOR_SHIM + """
fn main() { let (m, s) = losses().unwrap(); println!("{} {}", m, s); }
"""


def test_optimizers_map_to_aprenders_and_refuse_what_changes_the_update() -> None:
    result = convert_file(OPTIM, "optim.py")
    rust = result.rust_code
    assert "let sgd: SGD = SGD::new(0.1).with_momentum(0.9);" in rust
    assert "let plain: SGD = SGD::new(0.05);" in rust
    assert "Adam::new(0.001).with_beta1(0.8).with_beta2(0.99).with_epsilon(1e-06);" in rust
    assert "let default: Adam = Adam::new(0.001);" in rust
    reasons = {u.span.line: u.reason for u in result.unsupported}
    assert "nesterov=True: aprender's optimizer has no nesterov" in reasons[9]
    assert "weight_decay=0.01" in reasons[10]
    notes = {m.python: m.note for m in result.mappings}
    assert "no autograd" in notes["torch.optim.SGD"]
    assert all(mapped_by_symbol(s) for s in ("torch.optim.SGD", "torch.optim.Adam",
                                             "torch.nn.functional.mse_loss",
                                             "torch.nn.functional.nll_loss"))


def test_losses_convert_the_tensor_data_to_aprender_vectors() -> None:
    rust = convert_file(OPTIM, "optim.py").rust_code
    assert ("let mse: f32 = aprender::loss::mse_loss(&Vector::from_slice(a.data()), "
            "&Vector::from_slice(b.data()));") in rust
    assert "let mae: f32 = aprender::loss::mae_loss(" in rust
    assert "&Vector::from_slice(b.data()), 0.5);" in rust
    assert "reduction='sum': aprender's loss is the mean" in convert_file(
        OPTIM, "optim.py").unsupported[-1].reason


def test_loss_modules_are_aprenders_loss_structs() -> None:
    result = convert_file(MODULES, "modules.py")
    rust = result.rust_code
    assert "let crit: MSELoss = MSELoss;" in rust  # a unit struct in the table
    assert ("let l1: f32 = crit.compute(&Vector::from_slice(a.data()), "
            "&Vector::from_slice(b.data()));") in rust
    assert "use aprender::loss::Loss;" in rust  # compute is the Loss trait's
    assert "let h: HuberLoss = HuberLoss::new(0.5);" in rust
    # smooth L1 with beta is Huber with delta = beta, divided by beta; the user's `b` stays
    # visible inside the block.
    assert ("{ let (loss, beta): (f32, f32) = (aprender::loss::huber_loss(&Vector::from_slice("
            "a.data()), &Vector::from_slice(b.data()), 0.5), 0.5); loss / beta }") in rust
    assert "pub crit: MAELoss," in rust
    # y is typed from its use as a loss target.
    assert "pub fn forward(&self, x: &Tensor<f32>, y: &Tensor<f32>) -> Result<f32> {" in rust
    assert result.unsupported == ()


def test_training_snippets_type_check(rust_checker: RustChecker) -> None:
    modules = {"optim": convert_file(OPTIM, "optim.py").rust_code,
               "nll": convert_file(NLL, "nll.py").rust_code,
               "modules": convert_file(MODULES, "modules.py").rust_code}
    assert {n: misses(t) for n, t in modules.items()} == {n: [] for n in modules}
    assert rust_checker.check(modules) == []


def _log_softmax(row: list[float]) -> list[float]:
    z = math.log(sum(math.exp(v) for v in row))
    return [v - z for v in row]


def test_nll_loss_computes_pytorchs_value(tmp_path: Path) -> None:
    result = convert_file(NLL, "nll.py")
    assert not result.unsupported, result.unsupported
    module = without_uses(result.rust_code, "realizar")
    out = run_rust(module + SHIM, tmp_path).stdout.split()
    rows = [_log_softmax(r) for r in ([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [0.5, 0.0, -1.0])]
    picked = [-rows[0][2], -rows[1][0], -rows[2][1]]
    assert abs(float(out[0]) - sum(picked) / 3) < 1e-5  # mean over the rows
    assert abs(float(out[1]) - (picked[0] + picked[2])) < 1e-5  # class 0 ignored, summed
