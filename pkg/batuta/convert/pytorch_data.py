"""``torch.utils.data`` -> std Rust where the meaning carries over (issue 12).

A ``DataLoader`` over tensors (a tensor, or a ``TensorDataset`` of tensors sharing their first
axis) is a sequence of batches of rows. It becomes those batches as row indices into the
dataset's tensors, ``Vec<Vec<usize>>``: ``0..n`` in chunks of ``batch_size`` (``drop_last``
honoured), shuffled first when ``shuffle=True`` by a Fisher-Yates pass over the converter's
std-only SplitMix64 stream (the generator the NumPy random mappings use; not PyTorch's order).
A ``TensorDataset`` is the tuple of its tensors. Over a ``Dataset`` subclass that was
converted to a struct (``classes``) with its ``__len__``, the batches are the indices its
``get`` (``__getitem__``) takes; over any other dataset the DataLoader is refused. Samplers,
``collate_fn`` and workers have no std counterpart here and are refused; ``pin_memory`` /
``num_workers`` only place or parallelize loading and are accepted.

``Subset(dataset, indices)`` and each part of ``random_split(dataset, lengths)`` are the indices
into the dataset they select, ``Vec<usize>`` (a DataLoader over one batches those indices, so its
batches index the underlying dataset as the subset's items do). An index out of range is an
``Err`` when the subset is made (PyTorch raises only when the item is fetched).
``random_split`` takes whole lengths that sum to the dataset's length (fractions are refused)
and permutes the rows with the SplitMix64 stream: seeded from
``generator=torch.Generator().manual_seed(n)`` (the same split on every run, but not the split
PyTorch's ``randperm`` gives for that seed), or a fresh per-run state without a generator.

``torch.no_grad()`` / ``torch.inference_mode()`` as a ``with`` block translate to their body
(realizar records no gradients); the translator records them, this module only registers the
explanation.
"""

from __future__ import annotations

import ast
from typing import Any

from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.numpy_random import uniform_vec
from batuta.convert.registry import REGISTRY
from batuta.convert.types import TENSOR, deref

R = REGISTRY.register
FW = "pytorch"
BATCHES = "Vec<Vec<usize>>"
SUBSET = "Vec<usize>"
"""A ``Subset`` / ``random_split`` part: the indices into its dataset."""


def _rows(site: Site, dataset: Val) -> str:
    """The dataset's row count (its first axis), or a refusal saying why."""
    ty = deref(dataset.ty)
    if ty == SUBSET:
        return f"{paren(dataset.code)}.len()"
    if ty == TENSOR:
        return f"{paren(dataset.code)}.shape()[0]"
    if ty.startswith(f"({TENSOR}"):
        return f"{paren(dataset.code)}.0.shape()[0]"
    if ty in getattr(site.tr, "structs", {}):  # a Dataset class: len(dataset) rows
        from batuta.convert.classes import length

        translator: Any = site.tr  # the module translator (its structs)
        if translator.structs[ty].iterable:
            raise Fail(f"a DataLoader over an IterableDataset ({ty}) yields what its __iter__ "
                       "yields, not rows by index")

        counted = length(site.tr, dataset)
        if counted is not None:
            return counted.code
        raise Fail(f"a DataLoader over a {ty} without a converted __len__")
    raise Fail(f"a DataLoader over a {dataset.ty}: only tensors, TensorDataset and "
               "a converted Dataset class with __len__ give its rows")


def _flag(site: Site, pos: int | None, name: str) -> bool:
    node = site.arg(pos, name)
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    raise Fail(f"{name}= that is not a literal True / False")


@R(FW, "torch.utils.data.DataLoader",
   explain="the batches as row indices (Vec<Vec<usize>>) into the dataset's tensors, or the "
           "indices a converted Dataset class's get (__getitem__) takes (over a Subset / "
           "random_split part: its indices into the dataset): 0..len in chunks of "
           "batch_size, shuffled by the std-only SplitMix64 stream (not PyTorch's order) when "
           "shuffle=True; the items themselves are not fetched",
   emits=("realizar::Tensor::shape",))
def _data_loader(site: Site) -> Val:
    if site.node.args[3:]:
        raise Fail("DataLoader's positional arguments after shuffle")
    dataset = site.tr.typed(site.need(0, "dataset"))
    rows = _rows(site, dataset)
    subset = deref(dataset.ty) == SUBSET  # positions 0..len, read through the subset's indices
    size = site.arg(1, "batch_size")
    batch = "1" if size is None else site.tr.value(size, "usize")
    shuffle = _flag(site, 2, "shuffle")
    for refused in ("sampler", "batch_sampler", "collate_fn", "worker_init_fn", "generator"):
        if site.arg(None, refused) is not None:
            raise Fail(f"DataLoader({refused}=...) has no std counterpart here")
    for harmless in ("num_workers", "pin_memory", "persistent_workers", "timeout"):
        site.arg(None, harmless)  # how batches are loaded, not which rows they hold
    drop_last = _flag(site, None, "drop_last")
    # Both user expressions are evaluated (in Python's order) before any name is bound.
    mut = "mut " if shuffle else ""
    if subset:
        code = (f"{{ let (sub, b): ({SUBSET}, usize) = ({paren(dataset.code)}.to_vec(), "
                f"{batch}); let n: usize = sub.len(); ")
    else:
        code = f"{{ let (n, b): (usize, usize) = ({rows}, {batch}); "
    code += f"let {mut}idx: Vec<usize> = (0..n).collect(); "
    if shuffle:
        draws = uniform_vec("idx.len()", None, "0.0", "1.0")
        code += (f"let u: Vec<f32> = {draws}; for i in (1..idx.len()).rev() {{ "
                 "let j = ((u[i] * (i + 1) as f32) as usize).min(i); idx.swap(i, j); } ")
    keep = ".filter(|c| c.len() == b)" if drop_last else ""
    rows_of = "c.iter().map(|&i| sub[i]).collect::<Vec<usize>>()" if subset else "c.to_vec()"
    code += f"idx.chunks(b){keep}.map(|c| {rows_of}).collect::<{BATCHES}>() }}"
    return Val(code, BATCHES)


@R(FW, "torch.utils.data.IterableDataset", "pytorch_lightning.LightningDataModule",
   explain="a subclass becomes a Rust struct (fields from __init__; a LightningDataModule's "
           "setup() sets Option fields, which its *_dataloader() methods read, an Err when "
           "setup() has not set them); an IterableDataset's __iter__ is not converted, so no "
           "DataLoader runs over it")
def _data_bases(site: Site) -> Val:
    raise Fail(f"{site.symbol} is translated as the base class of a class only")


@R(FW, "torch.utils.data.TensorDataset",
   explain="the tuple of its tensors (copies), rows along their first axis",
   emits=("realizar::Tensor",))
def _tensor_dataset(site: Site) -> Val:
    if site.node.keywords or not site.node.args:
        raise Fail("TensorDataset takes its tensors positionally")
    parts = []
    for i in range(len(site.node.args)):
        value = site.tr.typed(site.need(i, "tensor"))
        if deref(value.ty) != TENSOR:
            raise Fail(f"TensorDataset of a {value.ty}")
        parts.append(f"{paren(value.code)}.clone()")
    trailing = "," if len(parts) == 1 else ""
    return Val(f"({', '.join(parts)}{trailing})",
               f"({', '.join([TENSOR] * len(parts))}{trailing})")


_NO_GRAD = ("realizar runs inference only: no gradients are recorded, so the with block is "
            "its body")


@R(FW, "torch.no_grad", "torch.inference_mode", explain=_NO_GRAD)
def _no_grad(site: Site) -> Val:
    raise Fail(f"{site.symbol} is translated as a with block only")


def _base(site: Site, dataset: Val) -> str:
    """The dataset's rows as indices: ``0..len``, or a subset's own indices."""
    if deref(dataset.ty) == SUBSET:
        return f"{paren(dataset.code)}.to_vec()"
    return f"(0..{_rows(site, dataset)}).collect::<Vec<usize>>()"


def _indices(site: Site, node: ast.expr) -> str:
    """``range(..)`` (positive literal step), a list of int literals >= 0, or a subset."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == (
            "range") and not node.keywords and 1 <= len(node.args) <= 3:
        ends = [site.tr.value(a, "usize") for a in node.args[:2]]
        lo, hi = ("0", ends[0]) if len(ends) == 1 else (ends[0], ends[1])
        step = site.tr.literal_int(node.args[2]) if len(node.args) == 3 else 1
        if step is None or step <= 0:
            raise Fail("Subset(indices=range(..)) with a step that is not a positive literal")
        by = f".step_by({step})" if step != 1 else ""
        return f"({lo}..{hi}){by}.collect::<Vec<usize>>()"
    if isinstance(node, (ast.List, ast.Tuple)):
        values = [site.tr.literal_int(e) for e in node.elts]
        if any(v is None or v < 0 for v in values):
            raise Fail("Subset indices other than int literals >= 0 (negative ones count from "
                       "the end in PyTorch)")
        return f"vec![{', '.join(str(v) for v in values)}]" if values else "Vec::new()"
    value = site.tr.typed(node)
    if deref(value.ty) != SUBSET:
        raise Fail(f"Subset indices of a {value.ty}")
    return f"{paren(value.code)}.to_vec()"


@R(FW, "torch.utils.data.Subset",
   explain="the indices into the dataset it selects (Vec<usize>); an index out of range is an "
           "Err when the subset is made (PyTorch raises when the item is fetched)",
   emits=("realizar::Tensor::shape",))
def _subset(site: Site) -> Val:
    dataset = site.tr.typed(site.need(0, "dataset"))
    base = _base(site, dataset)
    indices = _indices(site, site.need(1, "indices"))
    return Val(f"{{ let (base, idx): ({SUBSET}, {SUBSET}) = ({base}, {indices}); "
               "if let Some(&i) = idx.iter().find(|&&i| i >= base.len()) { return Err(format!("
               '"Subset: index {} is out of range for {} rows", i, base.len()).into()); } '
               f"idx.iter().map(|&i| base[i]).collect::<{SUBSET}>() }}", SUBSET)


def _seed(site: Site, node: ast.expr | None) -> str | None:
    """``torch.Generator().manual_seed(n)`` -> ``n`` as a u64 (None without a generator)."""
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return None
    translator: Any = site.tr  # the module translator (its import table, its records)
    call = node if isinstance(node, ast.Call) else None
    inner = call.func.value if call is not None and isinstance(call.func, ast.Attribute) and (
        call.func.attr == "manual_seed") else None
    if not (call is not None and isinstance(inner, ast.Call) and isinstance(
            inner.func, (ast.Name, ast.Attribute)) and translator.table.qualify(
            inner.func) == "torch.Generator" and not inner.args and not inner.keywords
            and len(call.args) == 1 and not call.keywords):
        raise Fail("random_split(generator=...) other than torch.Generator().manual_seed(n)")
    seed = site.tr.literal_int(call.args[0])
    if seed is None or seed < 0:
        raise Fail("random_split(generator=torch.Generator().manual_seed(n)) with n not a "
                   "literal int >= 0")
    record = translator.record
    note = "only as random_split's generator: its seed seeds the SplitMix64 permutation"
    record(inner, FW, "torch.Generator", "(seed)", note=note)
    record(call, FW, "torch.Generator.manual_seed", f"{seed}u64", note=note)
    return f"{seed}u64"


@R(FW, "torch.utils.data.random_split",
   explain="the dataset's row indices permuted (Fisher-Yates over the std-only SplitMix64 "
           "stream, seeded from generator=torch.Generator().manual_seed(n); not the order "
           "PyTorch's randperm gives) and cut into parts of the given whole lengths, each a "
           "Vec<usize> of indices; lengths must sum to the dataset's length (else Err)",
   emits=("realizar::Tensor::shape",))
def _random_split(site: Site) -> Val:
    dataset = site.tr.typed(site.need(0, "dataset"))
    base = _base(site, dataset)
    node = site.need(1, "lengths")
    if not isinstance(node, (ast.List, ast.Tuple)) or not node.elts or any(
            isinstance(e, ast.Starred) for e in node.elts):
        raise Fail("random_split lengths other than a list written out")
    lengths = [site.tr.value(e, "usize") for e in node.elts]
    seed = _seed(site, site.arg(2, "generator"))
    draws = uniform_vec("idx.len()", seed, "0.0", "1.0")
    parts = ", ".join(f"parts[{i}].clone()" for i in range(len(lengths)))
    trailing = "," if len(lengths) == 1 else ""
    ty = f"({', '.join([SUBSET] * len(lengths))}{trailing})"
    return Val(f"{{ let (mut idx, lens): ({SUBSET}, Vec<usize>) = ({base}, "
               f"vec![{', '.join(lengths)}]); if lens.iter().sum::<usize>() != idx.len() {{ "
               'return Err("random_split: the lengths do not sum to the length of the '
               'dataset".into()); } '
               f"let u: Vec<f32> = {draws}; for i in (1..idx.len()).rev() {{ "
               "let j = ((u[i] * (i + 1) as f32) as usize).min(i); idx.swap(i, j); } "
               "let mut at = 0usize; let parts: Vec<Vec<usize>> = lens.iter().map(|&l| { "
               "let p = idx[at..at + l].to_vec(); at += l; p }).collect(); "
               f"({parts}{trailing}) }}", ty)
