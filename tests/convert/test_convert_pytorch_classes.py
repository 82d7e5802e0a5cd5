"""torch.nn.Module subclasses become Rust structs with ``new`` / ``forward`` (issue 12).

Each snippet is converted and its text checked; all of them are type-checked together in ONE
``cargo check --offline`` against the stub crates made from the tables (``rust_checker``).
"""

from __future__ import annotations

from typing import Any

import pytest

import batuta.convert.module as module
from batuta.convert import convert_file
from batuta.convert.audit import misses
from batuta.convert.translate import PASSES, Translator
from rust_check import RustChecker

MLP = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    """A small MLP."""

    def __init__(self, n_in: int, hidden: int, n_out: int):
        super().__init__()
        self.fc1 = nn.Linear(n_in, hidden)
        self.fc2 = nn.Linear(hidden, n_out)
        self.dropout = nn.Dropout(0.5)
        self.act = nn.GELU()
        self.n_out = n_out

    def forward(self, x):
        x = self.fc1(x)
        x = F.relu(x)
        x = self.act(x)
        x = self.dropout(x)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)

    def width(self):
        return self.n_out


model = Net(4, 8, 3)
out = model(torch.randn(2, 4))
print(model.width())
'''

UNTYPED = '''
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.embed = nn.Embedding(n, 16)
        self.norm = nn.LayerNorm(16)
        self.rnn = nn.LSTM(16, 16)

    def forward(self, tokens, hidden):
        emb = self.norm(self.embed(tokens))
        output, hidden = self.rnn(emb, hidden)
        return output
'''

CONV = '''
import torch.nn as nn
import torch.nn.functional as F


class Conv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        x = self.conv(x)
        x = F.relu(x)
        return self.fc(x)
'''

ODD = '''
import torch.nn as nn


class Result(nn.Module):
    def __init__(self):
        super().__init__()
        self.name = "r"

    def forward(self, x):
        return x


class Twice(nn.Module):
    pass


class Twice(nn.Module):
    def forward(self, x):
        return x


class Plain:
    def __init__(self):
        self.x = 1
'''


def test_a_module_subclass_becomes_a_struct_with_new_and_forward() -> None:
    result = convert_file(MLP, "mlp.py")
    rust = result.rust_code
    assert "pub struct Net {" in rust
    assert ("pub struct Net {\n    pub fc1: Linear,\n    pub fc2: Linear,\n    pub dropout: f32,\n"
            "    pub act: (),\n    pub n_out: i64,\n}") in rust  # stateless GELU: a () field
    assert "let act: () = ();" in rust and "x = layers::gelu(&x)?;" in rust
    assert "pub fn new(n_in: i64, hidden: i64, n_out: i64) -> Result<Self> {" in rust
    assert "let fc1: Linear = Linear::new(n_in as usize, hidden as usize)?;" in rust
    assert "Ok(Self { fc1, fc2, dropout, act, n_out })" in rust
    # Linear::forward takes &self in the tables: forward borrows the struct, and x is read,
    # not mutated (the rebinding shadows the parameter).
    assert "pub fn forward(&self, x: &Tensor<f32>) -> Result<Tensor<f32>> {" in rust
    assert "let mut x: Tensor<f32> = self.fc1.forward(x)?;" in rust
    assert "x = self.fc2.forward(&x)?;" in rust
    assert "pub fn width(&self) -> Result<i64> {" in rust
    assert "let model: Net = Net::new(4, 8, 3)?;" in rust
    assert "let out: Tensor<f32> = model.forward(&Tensor::from_vec(" in rust
    assert "model.width()?" in rust
    assert result.unsupported == ()
    assert {"Net::new", "Net::forward", "Net::width"} <= set(result.functions)
    symbols = {m.python: m for m in result.mappings}
    assert symbols["torch.nn.Module"].span.line == 7
    assert "identity" in symbols["torch.nn.Dropout"].note
    assert "identity" in symbols["torch.nn.Dropout.__call__"].note
    assert "torch.nn.Linear.__call__" in symbols
    # x = self.dropout(x) passes x through: no `x = x;` statement, a comment says so.
    assert "x = x;" not in rust and "// x is unchanged here" in rust


def test_a_field_without_a_type_is_left_out_and_its_use_reported() -> None:
    result = convert_file(UNTYPED, "enc.py")
    rust = result.rust_code
    assert "pub embed: Embedding," in rust and "pub norm: LayerNorm," in rust
    assert "rnn:" not in rust.split("impl Encoder")[0]
    assert "// field self.rnn: its type is not known; left out of the struct" in rust
    assert "let emb: Tensor<f32> = self.norm.forward(&self.embed.forward(tokens)?)?;" in rust
    reasons = {u.python: u.reason for u in result.unsupported}
    assert "torch.nn.LSTM" in reasons
    assert "self.rnn has no Rust type" in reasons["torch.nn.LSTM.__call__"]


def test_a_parameter_rebound_by_an_unconverted_statement_is_shadowed() -> None:
    rust = convert_file(CONV, "conv.py").rust_code
    # Not `x = todo!()` on the borrowed parameter: a new binding, typed as the later
    # assignments type it, so the rest of forward reads a Tensor.
    assert "let mut x: Tensor<f32> = todo!(\"self.conv has no Rust type" in rust
    assert "pub fn forward(&self, x: &Tensor<f32>) -> Result<Tensor<f32>> {" in rust


LIGHTNING = '''
import torch
from pytorch_lightning import LightningModule


class Small(LightningModule):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(32, 2)

    def forward(self, x):
        return self.layer(x)

    def training_step(self, batch, batch_idx):
        self.log("loss", 1.0)
'''


def test_a_lightning_module_is_an_nn_module_struct() -> None:
    result = convert_file(LIGHTNING, "small.py")
    rust = result.rust_code
    assert "/// `Small` (a pytorch_lightning.LightningModule)." in rust
    assert "pub struct Small {\n    pub layer: Linear,\n}" in rust
    assert "Ok(self.layer.forward(x)?)" in rust
    assert "// py: def training_step(self, batch, batch_idx):" in rust  # self.log: not converted
    assert "pytorch_lightning.LightningModule" in {m.python for m in result.mappings}
    # The same class imported from its home module (pytorch_lightning/demos/lstm.py does).
    core = LIGHTNING.replace("from pytorch_lightning import", "from pytorch_lightning.core import")
    rust = convert_file(core, "core.py").rust_code
    assert "/// `Small` (a pytorch_lightning.core.LightningModule)." in rust
    assert "pub struct Small {\n    pub layer: Linear,\n}" in rust


NESTED = '''
import torch.nn as nn


class Inner(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.fc = nn.Linear(d, d)

    def forward(self, x):
        return self.fc(x)


class Outer(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.inner = Inner(d)

    def forward(self, x):
        return self.inner(x)

    def len(self):
        return 1

    def __len__(self):
        return 2
'''


def test_a_struct_field_that_is_a_struct() -> None:
    rust = convert_file(NESTED, "nested.py").rust_code
    assert "pub inner: Inner," in rust and "let inner: Inner = Inner::new(d)?;" in rust
    # x's type reaches Outer.forward only from its use in Inner.forward (a pass later than
    # Inner's own signature): the passes run until nothing new is learned.
    assert ("pub fn forward(&self, x: &Tensor<f32>) -> Result<Tensor<f32>> {\n"
            "        Ok(self.inner.forward(x)?)") in rust
    # The class's own `len` keeps the name: its __len__ stays Python rather than clash.
    assert "pub fn len(&self) -> Result<i64> {" in rust and "// py: def __len__(self):" in rust


def _chain(depth: int) -> str:
    """``depth`` modules, each forward calling the next one's; only the innermost layer types
    x, so each level learns its parameter type one pass after the level below."""
    parts = ["import torch\nimport torch.nn as nn\n",
             "class M0(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
             "        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n"
             "        return self.fc(x)\n"]
    for i in range(1, depth):
        parts.append(f"class M{i}(nn.Module):\n    def __init__(self):\n"
                     f"        super().__init__()\n        self.inner = M{i - 1}()\n\n"
                     "    def forward(self, x):\n        return self.inner(x)\n")
    parts.append(f"top = M{depth - 1}()\nout = top(torch.randn(2, 4))\n")
    return "\n\n".join(parts)


def test_a_deep_chain_of_modules_is_typed_to_the_top(monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[int] = []

    class Counting(Translator):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            passes.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(module, "Translator", Counting)
    result = convert_file(_chain(5), "chain.py")
    # Five levels: more passes than the old fixed four, every forward converted.
    assert result.rust_code.count("pub fn forward(&self, x: &Tensor<f32>)") == 5
    assert "let out: Tensor<f32> = top.forward(&Tensor::from_vec(" in result.rust_code
    assert result.unsupported == ()
    assert 5 < len(passes) < PASSES
    passes.clear()
    convert_file("import torch\nx = torch.zeros(3)\n", "flat.py")
    assert len(passes) == 2  # the second pass learns nothing new: it is the output


def test_names_a_struct_cannot_take_and_redefinitions() -> None:
    result = convert_file(ODD, "odd.py")
    rust = result.rust_code
    assert "pub struct ResultModule {" in rust and "pub name: String," in rust
    assert 'let name: &str = "r";' in rust and "name: name.to_string()" in rust
    assert rust.count("pub struct Twice {") == 1
    assert "// py: class Twice(nn.Module):\n// py:     pass" in rust
    assert "// py: class Plain:" in rust


def test_the_class_translations_type_check(rust_checker: RustChecker) -> None:
    modules = {name: convert_file(code, f"{name}.py").rust_code
               for name, code in (("mlp", MLP), ("enc", UNTYPED), ("odd", ODD),
                                  ("conv", CONV), ("small", LIGHTNING),
                                  ("nested", NESTED), ("chain", _chain(5)))}
    assert {n: misses(text) for n, text in modules.items()} == {n: [] for n in modules}
    assert rust_checker.check(modules) == []


FIELDS_BACK = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.x = torch.zeros(3)

    def get(self):
        return self.name, self.x


def run():
    d = Net("q")
    return d.get()
'''


def test_a_tuple_of_fields_is_not_returned_as_borrows(rust_checker: RustChecker) -> None:
    # (&String, &Tensor) as a return type needs a lifetime: the signature asks for owned parts,
    # which the borrowed fields are not, so the method stays Python (as `return self.x` does).
    rust = convert_file(FIELDS_BACK, "back.py").rust_code
    assert "-> Result<(&" not in rust and "// py: def get(self):" in rust
    assert rust_checker.check({"back": rust}) == []
