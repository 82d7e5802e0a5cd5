"""``torch.nn.init.*`` on a layer's weight or bias -> a fill of realizar's weight slice (issue 12).

realizar exposes a layer's parameters only through ``&mut self`` accessors (the tables:
``Linear::weight_mut`` / ``bias_mut``, ``Embedding::weights_mut``, each ``&mut [f32]``), and a
converted struct's methods take ``&self``. So ``nn.init.uniform_(self.fc.weight, -a, a)`` is
translated where the layer is still an owned local: in ``__init__`` (``new``), before
``Ok(Self { .. })`` (``classes`` inlines a method that ``__init__`` calls for this, like
``self.init_weights()``). Elsewhere it is refused with that reason.

What carries over: ``zeros_`` / ``ones_`` / ``constant_`` are exact (every element set);
``uniform_(a, b)`` and ``normal_(mean, std)`` draw from the same distributions with the
converter's std-only SplitMix64 stream (``numpy_random``; a fresh per-run state, like an
unseeded ``torch``), not PyTorch's numbers. The element order of realizar's weight slice does
not matter to a fill or to independent draws.
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.core import Fail, Site, Val
from batuta.convert.numpy_random import uniform_vec
from batuta.convert.registry import REGISTRY
from batuta.convert.types import deref

R = REGISTRY.register
FW = "pytorch"

ACCESSORS = {("realizar::layers::Linear", "weight"): "weight_mut",
             ("realizar::layers::Linear", "bias"): "bias_mut",
             ("realizar::layers::Embedding", "weight"): "weights_mut"}
"""(layer type, PyTorch parameter) -> realizar's ``&mut [f32]`` accessor for it."""

_NORMAL = ("{{ let v = {uniform}; (0..v.len() / 2).map(|k| (-2.0 * (1.0 - v[2 * k]).ln())"
           ".sqrt() * (2.0 * std::f32::consts::PI * v[2 * k + 1]).cos())"
           ".collect::<Vec<f32>>() }}")
"""Box-Muller: standard normal draws from pairs of uniform ones."""

_EMITS = tuple(f"{layer}::{accessor}" for (layer, _), accessor in ACCESSORS.items())
_OWNED_ONLY = ("realizar exposes weights only through &mut self (weight_mut / bias_mut), and the "
               "struct's methods take &self: nn.init is translated in __init__, on the layer "
               "before the struct is built")


def _slice(site: Site) -> str:
    """``layer.weight_mut()`` for the tensor argument ``layer.weight`` of a local layer."""
    node = site.need(0, "tensor")
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and isinstance(
            node.value.value, ast.Name) and node.value.value.id == "self":
        raise Fail(_OWNED_ONLY)  # a field of the struct, outside __init__
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
        raise Fail(f"{site.symbol} of something other than a layer's weight or bias: "
                   f"{_OWNED_ONLY}")
    name = node.value.id
    declared = getattr(site.tr, "declared", None)  # the translator's scopes (not a handler API)
    if name == "self":
        raise Fail(_OWNED_ONLY)
    if declared is None or not declared(name):
        raise Fail(f"the type of {name} is not known")
    layer = site.tr.typed(node.value)
    accessor = ACCESSORS.get((deref(layer.ty), node.attr))
    if accessor is None or layer.ty.startswith("&"):
        raise Fail(f"{site.symbol} of {node.attr} of a {layer.ty}: only the weight / bias of an "
                   "owned Linear and the weight of an owned Embedding are reachable")
    site.tr.fact.mutated.add(name)  # `let mut fc`: the accessor borrows it mutably
    value: Val = site.tr.call_item(mapping.item(f"{deref(layer.ty)}::{accessor}"), layer.code,
                                   [])
    return value.code


def _f32(site: Site, pos: int, name: str, default: str) -> str:
    node = site.arg(pos, name)
    return default if node is None else site.tr.value(node, "f32")


def _no_generator(site: Site) -> None:
    node = site.arg(None, "generator")
    if node is not None and not (isinstance(node, ast.Constant) and node.value is None):
        raise Fail(f"{site.symbol}(generator=...): the draws come from the converter's stream")


@R(FW, "torch.nn.init.zeros_", "torch.nn.init.ones_",
   explain="the layer's weight / bias slice filled with 0.0 / 1.0 (exact), in new() where the "
           "layer is an owned local (realizar's weight_mut / bias_mut take &mut self)",
   emits=_EMITS)
def _fill(site: Site) -> Val:
    value = "0.0" if site.symbol.endswith("zeros_") else "1.0"
    return Val(f"{_slice(site)}.fill({value})", "()")


@R(FW, "torch.nn.init.constant_",
   explain="the layer's weight / bias slice filled with val (exact), in new() where the layer "
           "is an owned local (realizar's weight_mut / bias_mut take &mut self)",
   emits=_EMITS)
def _constant(site: Site) -> Val:
    target = _slice(site)
    fill = site.tr.value(site.need(1, "val"), "f32")
    return Val(f"{{ let (v, w): (f32, &mut [f32]) = ({fill}, {target}); w.fill(v) }}", "()")


@R(FW, "torch.nn.init.uniform_",
   explain="the layer's weight / bias slice drawn uniform in [a, b) from the std-only "
           "SplitMix64 stream (a fresh state per run; not PyTorch's numbers), in new() where "
           "the layer is an owned local (realizar's weight_mut / bias_mut take &mut self)",
   emits=_EMITS)
def _uniform(site: Site) -> Val:
    target = _slice(site)
    low, high = _f32(site, 1, "a", "0.0"), _f32(site, 2, "b", "1.0")
    _no_generator(site)
    draws = uniform_vec("w.len()", None, "p.0", "p.1")
    return Val(f"{{ let (p, w): ((f32, f32), &mut [f32]) = (({low}, {high}), {target}); "
               f"let u: Vec<f32> = {draws}; w.copy_from_slice(&u) }}", "()")


@R(FW, "torch.nn.init.normal_",
   explain="the layer's weight / bias slice drawn from N(mean, std^2) (Box-Muller over the "
           "std-only SplitMix64 stream, a fresh state per run; not PyTorch's numbers), in new() "
           "where the layer is an owned local (realizar's weight_mut / bias_mut take &mut self)",
   emits=_EMITS)
def _normal(site: Site) -> Val:
    target = _slice(site)
    mean, std = _f32(site, 1, "mean", "0.0"), _f32(site, 2, "std", "1.0")
    _no_generator(site)
    draws = _NORMAL.format(uniform=uniform_vec("2 * w.len()", None, "0.0", "1.0"))
    return Val(f"{{ let (p, w): ((f32, f32), &mut [f32]) = (({mean}, {std}), {target}); "
               f"let z: Vec<f32> = {draws}; "
               "for (x, v) in w.iter_mut().zip(z) { *x = p.0 + p.1 * v; } }", "()")
