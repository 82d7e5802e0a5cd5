"""torch.utils.data DataLoader / TensorDataset -> batches of row indices (issue 12).

The conversions are type-checked in one ``cargo check --offline`` against the table stubs, and
compiled with real rustc against a minimal ``Tensor`` (the table's ``from_vec`` / ``shape``
signatures) and run: every row appears exactly once, in batches of ``batch_size``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from convert_support import run_rust, without_uses

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
    code = LOADERS.split("class Mine")[0]
    module = without_uses(convert_file(code, "l.py").rust_code, "realizar")
    out = run_rust(module + SHIM, tmp_path).stdout.strip().split("|")
    assert out[0] == "[4, 4, 2]"
    assert out[1] == str(list(range(10)))
    assert out[2] == "[[0, 1, 2], [3, 4, 5], [6, 7, 8]]"  # the partial last batch dropped
    assert out[3] == "10"  # batch_size defaults to 1


MODULE = '''
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, Subset, random_split
from pytorch_lightning import LightningDataModule


class Rows(Dataset):
    def __init__(self, length: int):
        self.length = length

    def __len__(self) -> int:
        return self.length


class Stream(IterableDataset):
    def __init__(self, count: int):
        self.count = count

    def __iter__(self):
        for i in range(self.count):
            yield torch.randn(3)

    def __len__(self) -> int:
        return self.count


class Data(LightningDataModule):
    def __init__(self, batch_size: int = 4) -> None:
        super().__init__()
        self.full = Rows(8 * 2)
        self.batch_size = batch_size

    def setup(self, stage: str) -> None:
        if stage == "fit":
            self.train = Subset(self.full, indices=range(2, 12, 2))
        if stage in ("fit", "test"):
            self.test = Subset(Subset(self.full, [15, 3, 9]), [2, 0])
        self.a, self.b = random_split(self.full, [10, 6],
                                      generator=torch.Generator().manual_seed(42))

    def train_dataloader(self) -> DataLoader:
        return DataLoader(self.train, batch_size=self.batch_size, shuffle=True)

    def test_dataloader(self) -> DataLoader:
        return DataLoader(self.test, batch_size=self.batch_size)

    def stream_dataloader(self) -> DataLoader:
        return DataLoader(Stream(5))


def run():
    dm = Data(2)
    dm.setup("fit")
    parts = random_split(Rows(5), [2, 3], generator=torch.Generator().manual_seed(7))
    return dm.train_dataloader(), dm.test_dataloader(), parts


def bad():
    return Subset(Rows(3), [0, 3])


def unset():
    dm = Data(2)
    dm.setup("test")
    return dm.train_dataloader()


def too_long():
    return random_split(Rows(5), [2, 4])
'''

MODULE_MAIN = """
fn main() {
    let (train, test, parts) = match run() { Ok(v) => v, Err(e) => panic!("{}", e) };
    let mut rows: Vec<usize> = train.concat();
    rows.sort();
    let mut all: Vec<usize> = [parts.0.clone(), parts.1.clone()].concat();
    all.sort();
    println!("{:?}|{:?}|{:?}|{:?}|{:?}", train.iter().map(|b| b.len()).collect::<Vec<_>>(),
             rows, test, (parts.0.len(), parts.1.len()), all);
}
"""


def test_a_data_module_becomes_a_struct_with_setup_fields() -> None:
    result = convert_file(MODULE, "dm.py")
    rust = result.rust_code
    assert "pub struct Data {\n    pub full: Rows,\n    pub batch_size: i64,\n" in rust
    assert "    pub train: Option<Vec<usize>>,  // set by setup()\n" in rust
    assert "let full: Rows = Rows::new(8 * 2)?;" in rust  # literal arithmetic is i64
    assert "Ok(Self { full, batch_size, train: None, test: None })" in rust
    assert "pub fn setup(&mut self, stage: &str) -> Result<()> {" in rust
    assert 'if { let v: &str = stage; v == "fit" || v == "test" } {' in rust
    assert "self.train = Some({ let (base, idx): (Vec<usize>, Vec<usize>) =" in rust
    assert "(2..12).step_by(2).collect::<Vec<usize>>()" in rust
    assert ('self.train.as_ref().ok_or("self.train is set by setup(), which has not run")?'
            ".to_vec()") in rust
    assert "let mut dm: Data = Data::new(2)?;" in rust and 'dm.setup("fit")?;' in rust
    # random_split parts: a tuple of index vectors, seeded from the generator's seed.
    assert "let parts: (Vec<usize>, Vec<usize>) = {" in rust
    assert "u64::wrapping_mul(7u64, " in rust
    reasons = {(u.python, u.span.line): u.reason for u in result.unsupported}
    # A tuple target in setup (self.a, self.b = ...) stays Python, with its reason.
    assert "assignment to an attribute" in reasons[("torch.utils.data.random_split", 38)]
    assert "IterableDataset (Stream) yields what its __iter__ yields" in reasons[
        ("torch.utils.data.DataLoader", 48)]
    symbols = {m.python for m in result.mappings}
    assert {"pytorch_lightning.LightningDataModule", "torch.utils.data.IterableDataset",
            "torch.utils.data.Subset", "torch.utils.data.random_split"} <= symbols


def test_data_module_type_checks(rust_checker: RustChecker) -> None:
    rust = convert_file(MODULE, "dm.py").rust_code
    assert misses(rust) == []
    assert rust_checker.check({"dm": rust}) == []


def _run(tmp_path: Path, code: str, main: str) -> subprocess.CompletedProcess[str]:
    module = without_uses(convert_file(code, "dm.py").rust_code, "realizar")
    return run_rust(module + SHIM.split("fn main()")[0] + main, tmp_path, check=False)


def test_subsets_and_splits_select_the_rows_pytorch_selects(tmp_path: Path) -> None:
    failing = ("fn main() { println!(\"{:?}|{:?}|{:?}\", unset().err().map(|e| e.to_string()), "
               "too_long().err().map(|e| e.to_string()), bad().err().map(|e| e.to_string())); }"
               "\n")
    out = _run(tmp_path, MODULE, MODULE_MAIN).stdout.strip().split("|")
    assert out[0] == "[2, 2, 1]"  # 5 rows, batches of 2, shuffled
    assert out[1] == "[2, 4, 6, 8, 10]"  # Subset(range(2, 12, 2)): those rows of the dataset
    assert out[2] == "[[9, 15]]"  # Subset(Subset(ds, [15, 3, 9]), [2, 0]): rows 9 then 15
    assert out[3] == "(2, 3)" and out[4] == "[0, 1, 2, 3, 4]"  # every row once
    errors = _run(tmp_path, MODULE, failing).stdout.strip().split("|")
    assert "self.train is set by setup(), which has not run" in errors[0]
    assert "the lengths do not sum to the length of the dataset" in errors[1]
    assert "Subset: index 3 is out of range for 3 rows" in errors[2]


SETUP_KINDS = '''
import torch
from torch.utils.data import Dataset
from pytorch_lightning import LightningDataModule


class Rows(Dataset):
    def __init__(self, length: int):
        self.length = length

    def __len__(self) -> int:
        return self.length


class Data(LightningDataModule):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.full = Rows(4)
        self.name = name
        self.x = torch.zeros(3)

    def setup(self, stage: str) -> None:
        self.alias = self.full
        self.label = self.name
        self.t = self.x
        self.n = len(self.full)
        if stage == "a":
            self.mixed = 1
        else:
            self.mixed = "b"

    def get(self):
        return self.label, self.t, self.n


def run():
    d = Data("q")
    d.setup("a")
    return d.get()
'''


def test_setup_fields_own_their_values(rust_checker: RustChecker) -> None:
    result = convert_file(SETUP_KINDS, "kinds.py")
    rust = result.rust_code
    assert "self.label = Some((&self.name).clone());" in rust
    assert "self.n = Some(((&self.full).len()? as usize));" in rust
    assert "    pub mixed: Option<i64>,  // set by setup()\n" in rust
    assert "alias" not in rust.split("impl Data")[0]  # a struct is not Clone: not a field
    assert "// py: self.alias = self.full" in rust and '// py: self.mixed = "b"' in rust
    # A tuple of borrowed fields is not returned as borrows (no lifetime): kept as Python.
    assert "// py: def get(self):" in rust and "-> Result<(&" not in rust
    assert misses(rust) == []
    assert rust_checker.check({"kinds": rust}) == []
