"""torch.utils.data DataLoader / TensorDataset -> batches of row indices (issue 12).

The conversions are type-checked in one ``cargo check --offline`` against the table stubs, and
compiled with real rustc against a minimal ``Tensor`` (the table's ``from_vec`` / ``shape``
signatures) and run: every row appears exactly once, in batches of ``batch_size``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from batuta.convert import convert_file
from batuta.convert.audit import misses
from rust_check import RustChecker

LOADERS = """
import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset


def batches():
    x = torch.zeros(10, 3)
    y = torch.zeros(10)
    ds = TensorDataset(x, y)
    shuffled = DataLoader(ds, batch_size=4, shuffle=True)
    fixed = DataLoader(x, batch_size=3, drop_last=True)
    single = DataLoader(TensorDataset(x))
    return shuffled, fixed, single


class Mine(Dataset):
    def __len__(self):
        return 3


class NoLen(Dataset):
    def __getitem__(self, i):
        return i


def over_a_class():
    return DataLoader(Mine(), batch_size=2)


def count():
    return len(Mine())


def refused(x):
    with torch.no_grad():
        a = DataLoader(NoLen(), batch_size=2)
        b = DataLoader(torch.zeros(4, 2), batch_size=2, sampler=None)
"""

SHIM = """
pub struct Tensor<T> { shape: Vec<usize>, data: Vec<T> }
impl<T: Clone> Tensor<T> {
    pub fn from_vec(shape: Vec<usize>, data: Vec<T>) -> Result<Self> {
        if shape.iter().product::<usize>() != data.len() { return Err("shape".into()); }
        Ok(Tensor { shape, data })
    }
    pub fn shape(&self) -> &[usize] { &self.shape }
}
impl<T: Clone> Clone for Tensor<T> {
    fn clone(&self) -> Self { Tensor { shape: self.shape.clone(), data: self.data.clone() } }
}
fn main() {
    let (s, f, o) = batches().unwrap();
    let mut seen: Vec<usize> = s.concat();
    seen.sort();
    println!("{:?}|{:?}|{:?}|{:?}", s.iter().map(|b| b.len()).collect::<Vec<_>>(), seen, f,
             o.len());
}
"""


def test_data_loaders_become_batches_of_row_indices() -> None:
    result = convert_file(LOADERS, "loaders.py")
    rust = result.rust_code
    assert "let ds: (Tensor<f32>, Tensor<f32>) = (x.clone(), y.clone());" in rust
    assert "let shuffled: Vec<Vec<usize>> = { let (n, b): (usize, usize) = (ds.0.shape()[0], 4);" \
        in rust
    assert "idx.swap(i, j);" in rust
    assert "idx.chunks(b).filter(|c| c.len() == b)" in rust
    lines = LOADERS.splitlines()
    reasons = {lines[u.span.line - 1].strip()[:5]: u.reason for u in result.unsupported
               if u.python == "torch.utils.data.DataLoader"}
    assert "a DataLoader over a NoLen without a converted __len__" in reasons["a = D"]
    # A Dataset class is a struct; its __len__ is len(&self), which gives the rows.
    assert "pub struct Mine {" in rust and "pub fn len(&self) -> Result<i64> {" in rust
    assert "(Mine::new()?.len()? as usize), 2);" in rust
    assert "pub fn count() -> Result<usize> {" in rust
    assert "DataLoader(sampler=...) has no std counterpart here" in reasons["b = D"]
    notes = {m.python: m.note for m in result.mappings}
    assert "no gradients" in notes["torch.no_grad"]
    assert "the items themselves are not fetched" in notes["torch.utils.data.DataLoader"]


def test_data_loaders_type_check(rust_checker: RustChecker) -> None:
    rust = convert_file(LOADERS, "loaders.py").rust_code
    assert misses(rust) == []
    assert rust_checker.check({"loaders": rust}) == []


def test_the_batches_hold_every_row_once(tmp_path: Path) -> None:
    rustc = shutil.which("rustc") or shutil.which("rustc", path=str(Path.home() / ".cargo/bin"))
    assert rustc, "rustc is installed by ./dev (Debian's rustc package)"
    code = LOADERS.split("class Mine")[0]
    module = re.sub(r"^use realizar::.*;$", "", convert_file(code, "l.py").rust_code, flags=re.M)
    (tmp_path / "m.rs").write_text(module + SHIM, encoding="utf-8")
    built = subprocess.run([rustc, "--edition", "2021", "-A", "warnings", "-o",
                            str(tmp_path / "m"), str(tmp_path / "m.rs")],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    out = subprocess.run([str(tmp_path / "m")], check=True, capture_output=True, text=True,
                         timeout=60).stdout.strip().split("|")
    assert out[0] == "[4, 4, 2]"
    assert out[1] == str(list(range(10)))
    assert out[2] == "[[0, 1, 2], [3, 4, 5], [6, 7, 8]]"  # the partial last batch dropped
    assert out[3] == "10"  # batch_size defaults to 1
