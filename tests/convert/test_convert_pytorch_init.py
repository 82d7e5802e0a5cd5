"""``torch.nn.init.*`` on a layer's weight / bias, in ``__init__`` (issue 12).

realizar's weight accessors take ``&mut self``; the converted struct's methods take ``&self``.
So the fills run in ``new`` on the owned layer locals (a method ``__init__`` calls for them is
inlined there) and are refused elsewhere. Checked: the text, ``cargo check --offline`` against
the stubs from the tables, and the values with rustc over a minimal layer shim.
"""

from __future__ import annotations

from pathlib import Path

from convert_support import run_rust, without_uses

from batuta.convert import convert_file
from batuta.convert.audit import misses
from rust_check import RustChecker

INIT = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ntoken: int, nhid: int):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, nhid)
        self.decoder = nn.Linear(nhid, ntoken)
        self.init_weights()
        nn.init.ones_(self.decoder.bias)

    def init_weights(self):
        initrange = 0.1
        nn.init.uniform_(self.encoder.weight, -initrange, initrange)
        nn.init.zeros_(self.decoder.bias)
        nn.init.normal_(self.decoder.weight, mean=1.0, std=0.02)

    def forward(self, x):
        return self.decoder(x)

    def reset(self):
        nn.init.constant_(self.decoder.bias, 0.5)


def head(n: int):
    fc = nn.Linear(n, 2)
    nn.init.constant_(fc.bias, 0.5)
    nn.init.uniform_(fc.weight, a=-1.0, b=1.0, generator=None)
    return fc
'''

SHIM = """
pub struct Tensor<T>(Vec<T>);
pub struct Linear { pub w: Vec<f32>, pub b: Vec<f32> }
impl Linear {
    pub fn new(i: usize, o: usize) -> Result<Self> {
        Ok(Linear { w: vec![9.0; i * o], b: vec![9.0; o] })
    }
    pub fn weight_mut(&mut self) -> &mut [f32] { &mut self.w }
    pub fn bias_mut(&mut self) -> &mut [f32] { &mut self.b }
    pub fn forward(&self, x: &Tensor<f32>) -> Result<Tensor<f32>> { Ok(Tensor(x.0.clone())) }
}
pub struct Embedding { pub w: Vec<f32> }
impl Embedding {
    pub fn new(v: usize, d: usize) -> Result<Self> { Ok(Embedding { w: vec![9.0; v * d] }) }
    pub fn weights_mut(&mut self) -> &mut [f32] { &mut self.w }
}
fn stats(v: &[f32]) -> String {
    let n = v.len() as f32;
    let mean = v.iter().sum::<f32>() / n;
    let sd = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / n).sqrt();
    let lo = v.iter().cloned().fold(f32::INFINITY, f32::min);
    let hi = v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    format!("{} {} {} {} {}", v.len(), mean, sd, lo, hi)
}
fn main() {
    let net = Net::new(500, 40).unwrap();
    println!("{}", stats(&net.encoder.w));
    println!("{}", stats(&net.decoder.w));
    println!("{:?}", net.decoder.b.iter().all(|&b| b == 1.0));
    let fc = head(300).unwrap();
    println!("{}", stats(&fc.w));
    println!("{:?}", fc.b);
}
"""


def test_nn_init_runs_in_new_on_the_owned_layers() -> None:
    result = convert_file(INIT, "init.py")
    rust = result.rust_code
    assert "let mut encoder: Embedding = Embedding::new(ntoken as usize, nhid as usize)?;" in rust
    assert "let mut decoder: Linear = Linear::new(nhid as usize, ntoken as usize)?;" in rust
    assert "// self.init_weights(): its statements run here" in rust
    assert "encoder.weights_mut()); let u: Vec<f32> =" in rust
    assert "decoder.bias_mut().fill(0.0);" in rust and "decoder.bias_mut().fill(1.0);" in rust
    assert rust.index("fill(0.0)") < rust.index("fill(1.0)") < rust.index("Ok(Self {")
    assert "// init_weights(): inlined into new() (see there)" in rust
    assert "pub fn init_weights" not in rust
    # A local layer in a plain function is owned too.
    assert "let mut fc: Linear = Linear::new(n as usize, 2)?;" in rust
    assert "= (0.5, fc.bias_mut()); w.fill(v) };" in rust
    mapped = [m.python for m in result.mappings]
    assert mapped.count("torch.nn.init.uniform_") == 2
    assert {"torch.nn.init.zeros_", "torch.nn.init.ones_", "torch.nn.init.normal_",
            "torch.nn.init.constant_"} <= set(mapped)
    # In a &self method the field is borrowed: refused with the reason.
    reasons = {(u.python, u.span.line): u.reason for u in result.unsupported}
    assert list(reasons) == [("torch.nn.init.constant_", 23)]
    assert "only through &mut self" in reasons[("torch.nn.init.constant_", 23)]


def test_nn_init_refusals() -> None:
    code = ("import torch\nimport torch.nn as nn\n\n\ndef f(fc: nn.Linear):\n"
            "    nn.init.zeros_(fc.weight)\n\n\ndef g(n: int):\n    fc = nn.LayerNorm(n)\n"
            "    nn.init.ones_(fc.weight)\n    g = torch.Generator()\n"
            "    lin = nn.Linear(n, n)\n    nn.init.uniform_(lin.weight, generator=g)\n"
            "    return fc\n")
    result = convert_file(code, "refused.py")
    reasons = [u.reason for u in result.unsupported if u.python.startswith("torch.nn.init")]
    assert len(reasons) == 3
    assert reasons[0] == "the type of fc is not known"  # an untyped parameter
    assert "LayerNorm" in reasons[1]
    assert "generator" in reasons[2]


def test_nn_init_type_checks(rust_checker: RustChecker) -> None:
    rust = convert_file(INIT, "init.py").rust_code
    assert misses(rust) == []
    assert rust_checker.check({"init": rust}) == []


def test_nn_init_values(tmp_path: Path) -> None:
    module = without_uses(convert_file(INIT, "init.py").rust_code, "realizar")
    lines = run_rust(module + SHIM, tmp_path).stdout.splitlines()
    n, mean, sd, lo, hi = (float(v) for v in lines[0].split())
    # uniform_(-0.1, 0.1) over 20,000 weights: every one drawn, in range, mean ~0, sd ~0.0577
    assert n == 20000 and lo >= -0.1 and hi < 0.1 and abs(mean) < 0.003
    assert abs(sd - 0.2 / 12 ** 0.5) < 0.002
    n, mean, sd, lo, hi = (float(v) for v in lines[1].split())
    assert n == 20000 and abs(mean - 1.0) < 0.002 and abs(sd - 0.02) < 0.001  # normal_(1, .02)
    assert lines[2] == "true"  # zeros_ then ones_ after init_weights(): Python's order
    n, mean, sd, lo, hi = (float(v) for v in lines[3].split())
    assert n == 600 and lo >= -1.0 and hi < 1.0 and abs(sd - 2 / 12 ** 0.5) < 0.05
    assert lines[4] == "[0.5, 0.5]"
