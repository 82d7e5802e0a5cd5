"""PyTorch training pieces -> aprender's optimizers and losses, where the tables have them.

``torch.optim.SGD`` / ``Adam`` -> ``aprender::optim::SGD::new(lr).with_momentum(m)`` /
``Adam::new(lr).with_beta1(b1).with_beta2(b2).with_epsilon(eps)``. The semantics differ in
one stated way: aprender has no autograd. Its optimizer is not bound to a model's parameters;
``step(&mut params, &gradients)`` updates a parameter ``Vector`` with gradients the caller
computed, so ``model.parameters()`` is not passed and ``loss.backward()`` /
``optimizer.step()`` stay unconverted. An option that changes the update (weight decay,
Nesterov, AMSGrad, ...) is refused with the reason rather than dropped.

``F.mse_loss`` / ``F.l1_loss`` / ``F.huber_loss`` -> ``aprender::loss::{mse,mae,huber}_loss``
over ``aprender::primitives::Vector<f32>`` copies of the tensors' data (the explicit
conversion); the result is an ``f32`` (PyTorch: a 0-dim tensor); the two tensors must have the
same number of elements (PyTorch would broadcast). ``F.nll_loss`` has no aprender counterpart:
it is std code over the (N, C) log-probabilities' rows, the targets being class indices held
as f32 (the converter's tensors are f32), with ``ignore_index`` and ``reduction`` honoured.
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.pytorch_tensor import tensor_arg
from batuta.convert.registry import REGISTRY
from batuta.convert.types import deref, mark

R = REGISTRY.register
FW = "pytorch"
_NO_AUTOGRAD = ("aprender has no autograd: its step(&mut params, &gradients) takes a parameter "
                "Vector and its gradients, so model.parameters() is not passed")


def _literal(node: ast.expr | None) -> object:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def _refuse_options(site: Site, neutral: dict[str, object]) -> None:
    """Options at their neutral value are accepted; any other value changes the update."""
    for name, default in neutral.items():
        node = site.arg(None, name)
        if node is not None and _literal(node) != default:
            raise Fail(f"{name}={ast.unparse(node)}: aprender's optimizer has no {name}")


@R(FW, "torch.optim.SGD", explain=f"aprender::optim::SGD::new(lr).with_momentum(m); "
   f"{_NO_AUTOGRAD}", emits=("aprender::optim::SGD::new", "aprender::optim::SGD::with_momentum"))
def _sgd(site: Site) -> Val:
    site.arg(0, "params")
    lr = site.arg(1, "lr")
    if lr is None:
        raise Fail("torch.optim.SGD without lr")
    momentum = site.arg(2, "momentum")
    if site.node.args[3:]:
        raise Fail("SGD's positional options after momentum")
    _refuse_options(site, {"dampening": 0, "weight_decay": 0, "nesterov": False,
                           "maximize": False, "foreach": None, "differentiable": False})
    value = mapping.call(site, mapping.item("aprender::optim::SGD::new"), None, [lr])
    if momentum is not None and _literal(momentum) != 0:
        value = mapping.call(site, mapping.item("aprender::optim::SGD::with_momentum"),
                             value.code, [momentum])
    return value


@R(FW, "torch.optim.Adam", explain=f"aprender::optim::Adam::new(lr) with betas / eps; "
   f"{_NO_AUTOGRAD}", emits=("aprender::optim::Adam::new", "aprender::optim::Adam::with_beta1",
                             "aprender::optim::Adam::with_beta2",
                             "aprender::optim::Adam::with_epsilon"))
def _adam(site: Site) -> Val:
    site.arg(0, "params")
    lr = site.arg(1, "lr")
    if site.node.args[2:]:
        raise Fail("Adam's positional options after lr")
    _refuse_options(site, {"weight_decay": 0, "amsgrad": False, "maximize": False,
                           "foreach": None, "capturable": False, "differentiable": False,
                           "fused": None})
    value = mapping.call(site, mapping.item("aprender::optim::Adam::new"), None,
                         [lr if lr is not None else "0.001"])
    betas = site.arg(None, "betas")
    if betas is not None:
        if not (isinstance(betas, ast.Tuple) and len(betas.elts) == 2):
            raise Fail("betas that are not a literal pair")
        for name, node in zip(("with_beta1", "with_beta2"), betas.elts, strict=True):
            value = mapping.call(site, mapping.item(f"aprender::optim::Adam::{name}"),
                                 value.code, [node])
    eps = site.arg(None, "eps")
    if eps is not None:
        value = mapping.call(site, mapping.item("aprender::optim::Adam::with_epsilon"),
                             value.code, [eps])
    return value


def _as_vector(site: Site, value: Val) -> str:
    """The tensor's row-major data as an aprender Vector<f32> (a copy), borrowed."""
    record = mapping.item("aprender::primitives::Vector::from_slice")
    return "&" + site.tr.call_item(record, None, [f"{paren(value.code)}.data()"]).code


def _mean_only(site: Site) -> None:
    node = site.arg(None, "reduction")
    if node is not None and _literal(node) != "mean":
        raise Fail(f"reduction={ast.unparse(node)}: aprender's loss is the mean")
    for legacy in ("size_average", "reduce"):
        if site.arg(None, legacy) is not None:
            raise Fail(f"the deprecated {legacy} argument")


_LOSSES = {"torch.nn.functional.mse_loss": "mse_loss", "torch.nn.functional.l1_loss": "mae_loss",
           "torch.nn.functional.huber_loss": "huber_loss"}


@R(FW, *_LOSSES, operation="reduction",
   explain="aprender::loss over Vector<f32> copies of the tensors' data: an f32 (PyTorch: a "
           "0-dim tensor); the element counts must match (PyTorch would broadcast)",
   emits=("aprender::loss::mse_loss", "aprender::loss::mae_loss", "aprender::loss::huber_loss",
          "aprender::primitives::Vector::from_slice"))
def _loss(site: Site) -> Val:
    prediction = tensor_arg(site, 0, "input")
    target = tensor_arg(site, 1, "target")
    name = _LOSSES[site.symbol]
    _mean_only(site)
    args: list[ast.expr | str] = [_as_vector(site, prediction), _as_vector(site, target)]
    if name == "huber_loss":
        delta = site.arg(3, "delta")
        args.append(delta if delta is not None else "1.0")
    path = f"aprender::loss::{name}"
    value = mapping.call(site, mapping.item(path), None, args)
    # Written by its full path: the tables list the functions but not the module itself, so a
    # `use aprender::loss;` line would name an item they do not have.
    return Val(value.code.replace(mark(path), path, 1), value.ty)


@R(FW, "torch.nn.functional.nll_loss", operation="reduction",
   explain="std code over the (N, C) log-probabilities: minus the entry of each row's target "
           "class (targets are class indices held as f32), mean or sum; an f32 (PyTorch: a "
           "0-dim tensor)", emits=("realizar::Tensor::data", "realizar::Tensor::shape",
                                   "realizar::Tensor::ndim"))
def _nll_loss(site: Site) -> Val:
    logp = tensor_arg(site, 0, "input")
    target = tensor_arg(site, 1, "target")
    if site.arg(2, "weight") is not None:
        raise Fail("nll_loss with class weights")
    ignore = site.tr.literal_int(site.arg(None, "ignore_index") or ast.Constant(-100))
    if ignore is None:
        raise Fail("an ignore_index that is not a literal")
    reduction = _literal(site.arg(None, "reduction")) or "mean"
    if reduction not in ("mean", "sum"):
        raise Fail(f"reduction={reduction!r}")
    total = "p.iter().sum::<f32>()" + (" / p.len() as f32" if reduction == "mean" else "")
    code = (f"{{ let (o, t) = (&{paren(logp.code)}, &{paren(target.code)}); "
            f'assert_eq!(o.ndim(), 2, "nll_loss: (N, C) log-probabilities"); '
            f"let p: Vec<f32> = o.data().chunks(o.shape()[1]).zip(t.data())"
            f".filter(|(_, k)| **k != {float(ignore)!r}f32).map(|(r, &k)| -r[k as usize])"
            f".collect(); {total} }}")
    return Val(code, "f32")


@R(FW, "torch.nn.functional.smooth_l1_loss", operation="reduction",
   explain="aprender::loss::huber_loss(.., beta) / beta (PyTorch's smooth L1 is Huber with "
           "delta = beta, divided by beta) over Vector<f32> copies of the data: an f32",
   emits=("aprender::loss::huber_loss", "aprender::primitives::Vector::from_slice"))
def _smooth_l1(site: Site) -> Val:
    prediction = tensor_arg(site, 0, "input")
    target = tensor_arg(site, 1, "target")
    _mean_only(site)
    beta = site.arg(3, "beta")
    beta_code = "1.0" if beta is None else site.tr.value(beta, "f32")
    if _literal(beta) == 0 or _literal(beta) == 0.0:
        raise Fail("beta=0 (smooth L1 is then L1: use l1_loss)")
    path = "aprender::loss::huber_loss"
    value = mapping.call(site, mapping.item(path), None, [
        _as_vector(site, prediction), _as_vector(site, target), beta_code])
    code = value.code.replace(mark(path), path, 1)
    if beta is None:
        return Val(code, "f32")
    # Both evaluated before a name is bound (the user's names stay visible inside).
    return Val(f"{{ let (loss, beta): (f32, f32) = ({code}, {beta_code}); loss / beta }}", "f32")


_LOSS_MODULES = {"torch.nn.MSELoss": "aprender::loss::MSELoss",
                 "torch.nn.L1Loss": "aprender::loss::MAELoss",
                 "torch.nn.HuberLoss": "aprender::loss::HuberLoss"}


@R(FW, *_LOSS_MODULES, explain="the aprender::loss struct (Loss::compute over Vector<f32> "
   "copies of the tensors' data when called: an f32, mean only)",
   emits=(*_LOSS_MODULES.values(), "aprender::loss::HuberLoss::new"))
def _loss_module(site: Site) -> Val:
    _mean_only(site)
    rust = _LOSS_MODULES[site.symbol]
    if rust.endswith("HuberLoss"):
        delta = site.arg(1, "delta")
        return mapping.call(site, mapping.item(f"{rust}::new"), None,
                            [delta if delta is not None else "1.0"])
    if site.node.args:
        raise Fail(f"{site.symbol} with positional (deprecated) arguments")
    return Val(mark(rust), rust)  # a unit struct (the table's struct_form)


@R(FW, *(f"{p}.__call__" for p in _LOSS_MODULES), *(f"{r}.__call__" for r in
                                                    _LOSS_MODULES.values()),
   operation="reduction", explain="Loss::compute(&Vector::from_slice(input.data()), "
   "&Vector::from_slice(target.data())): an f32 (PyTorch: a 0-dim tensor)",
   emits=(*(f"{r}::compute" for r in _LOSS_MODULES.values()), "aprender::loss::Loss"))
def _loss_call(site: Site) -> Val:
    assert site.recv is not None
    prediction = tensor_arg(site, 0, "input")
    target = tensor_arg(site, 1, "target")
    record = mapping.item(f"{deref(site.recv.ty)}::compute")
    return mapping.call(site, record, site.recv.code,
                        [_as_vector(site, prediction), _as_vector(site, target)])
