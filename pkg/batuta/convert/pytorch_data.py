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

``torch.no_grad()`` / ``torch.inference_mode()`` as a ``with`` block translate to their body
(realizar records no gradients); the translator records them, this module only registers the
explanation.
"""

from __future__ import annotations

import ast

from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.numpy_random import uniform_vec
from batuta.convert.registry import REGISTRY
from batuta.convert.types import TENSOR, deref

R = REGISTRY.register
FW = "pytorch"
BATCHES = "Vec<Vec<usize>>"


def _rows(site: Site, dataset: Val) -> str:
    """The dataset's row count (its first axis), or a refusal saying why."""
    ty = deref(dataset.ty)
    if ty == TENSOR:
        return f"{paren(dataset.code)}.shape()[0]"
    if ty.startswith(f"({TENSOR}"):
        return f"{paren(dataset.code)}.0.shape()[0]"
    if ty in getattr(site.tr, "structs", {}):  # a Dataset class: len(dataset) rows
        from batuta.convert.classes import length

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
           "indices a converted Dataset class's get (__getitem__) takes: 0..len in chunks of "
           "batch_size, shuffled by the std-only SplitMix64 stream (not PyTorch's order) when "
           "shuffle=True; the items themselves are not fetched",
   emits=("realizar::Tensor::shape",))
def _data_loader(site: Site) -> Val:
    if site.node.args[3:]:
        raise Fail("DataLoader's positional arguments after shuffle")
    dataset = site.tr.typed(site.need(0, "dataset"))
    rows = _rows(site, dataset)
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
    code = (f"{{ let (n, b): (usize, usize) = ({rows}, {batch}); "
            f"let {mut}idx: Vec<usize> = (0..n).collect(); ")
    if shuffle:
        draws = uniform_vec("idx.len()", None, "0.0", "1.0")
        code += (f"let u: Vec<f32> = {draws}; for i in (1..idx.len()).rev() {{ "
                 "let j = ((u[i] * (i + 1) as f32) as usize).min(i); idx.swap(i, j); } ")
    keep = ".filter(|c| c.len() == b)" if drop_last else ""
    code += f"idx.chunks(b){keep}.map(|c| c.to_vec()).collect::<{BATCHES}>() }}"
    return Val(code, BATCHES)


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
