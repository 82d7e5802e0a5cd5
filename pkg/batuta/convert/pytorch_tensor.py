"""PyTorch tensor constructors and element-wise functions -> realizar::Tensor<f32> (issue 12).

realizar's ``Tensor<T>`` has what these need at both ends, all in the table: ``from_vec(shape,
data)`` (returns ``Result``), ``shape()``, ``data()`` (row-major), ``size()``, ``ndim()``; and
``realizar::layers::gelu`` / ``softmax`` on a tensor. It has no ``zeros``, ``randn``, ``relu``,
``exp`` or ``flatten``, so those are std code over ``data()`` fed back into ``from_vec``: a new
tensor with the same shape (element-wise) or a new shape over the same data (``flatten``).
``softmax`` / ``log_softmax`` are computed over the last axis; a ``dim`` that is not the last
axis panics at run time (``assert_eq!``) instead of computing something else. ``device=`` and
``requires_grad=`` have no meaning for realizar (it places tensors itself; inference only).
"""

from __future__ import annotations

import ast
from typing import Any

from batuta.convert import mapping
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.numpy_random import uniform_vec
from batuta.convert.registry import REGISTRY
from batuta.convert.types import TENSOR, deref, marked_type

R = REGISTRY.register
FW = "pytorch"
T = "realizar::Tensor"
_NORMAL_FROM_UNIFORM = ("{{ let v = {uniform}; (0..v.len() / 2).map(|k| (-2.0 * (1.0 - v[2 * k])"
                        ".ln()).sqrt() * (2.0 * std::f32::consts::PI * v[2 * k + 1]).cos())"
                        ".collect::<Vec<f32>>() }}")


def _from_vec(site: Site, shape: str, data: str) -> Val:
    value = site.tr.call_item(mapping.item(f"{T}::from_vec"), None, [shape, data])
    return Val(value.code, TENSOR)


def _options(site: Site) -> None:
    """dtype must be a float; device / requires_grad / layout have no realizar meaning."""
    dtype = site.arg(None, "dtype")
    if dtype is not None and not ast.unparse(dtype).endswith(("float", "float32", "float64")):
        raise Fail(f"dtype={ast.unparse(dtype)}: realizar tensors here are f32")
    float_dtype(site, dtype)
    for name in ("device", "requires_grad", "layout", "pin_memory"):
        site.arg(None, name)


def float_dtype(site: Site, node: ast.expr | None) -> None:
    """``dtype=torch.float``: recorded as what it is here, the f32 of every tensor."""
    if node is None or not isinstance(node, (ast.Name, ast.Attribute)):
        return
    translator: Any = site.tr  # the module translator (its import table, its records)
    symbol = translator.table.qualify(node)
    if symbol in ("torch.float", "torch.float32"):
        translator.record(node, FW, symbol, "f32", note=_F32)


_F32 = "the element type of every tensor here (realizar::Tensor<f32>)"


@R(FW, "torch.float", "torch.float32", explain=_F32)
def _float_dtype(site: Site) -> Val:
    raise Fail(f"{site.symbol} is translated as a dtype= argument only")


def _size(site: Site) -> list[str]:
    args = list(site.node.args)
    for i in range(len(args)):
        site.arg(i)
    if len(args) == 1 and isinstance(args[0], (ast.Tuple, ast.List)):
        args = list(args[0].elts)
    node = site.arg(None, "size")
    if not args and node is not None:
        args = list(node.elts) if isinstance(node, (ast.Tuple, ast.List)) else [node]
    if not args or any(isinstance(a, ast.Starred) for a in args):
        raise Fail(f"{site.symbol} needs its sizes")
    return [site.tr.value(a, "usize") for a in args]


@R(FW, "torch.zeros", "torch.ones", "torch.empty", "torch.rand", "torch.randn",
   explain="a realizar::Tensor<f32> of the shape, filled (random: std-only SplitMix64, "
           "normal by Box-Muller; not PyTorch's numbers)", emits=(f"{T}::from_vec",))
def _filled(site: Site) -> Val:
    dims = _size(site)
    _options(site)
    site.arg(None, "generator")  # a torch.Generator's seed cannot be carried over
    count = " * ".join(paren(d) for d in dims)
    name = site.symbol.rpartition(".")[2]
    if name in ("zeros", "empty", "ones"):
        data = f"vec![{'1.0f32' if name == 'ones' else '0.0f32'}; {count}]"
    elif name == "rand":
        data = uniform_vec(count, None, "0.0", "1.0")
    else:
        data = _NORMAL_FROM_UNIFORM.format(uniform=uniform_vec(f"2 * ({count})", None, "0.0",
                                                               "1.0"))
    return _from_vec(site, f"vec![{', '.join(dims)}]", data)


def tensor_arg(site: Site, pos: int, name: str = "input") -> Val:
    """Argument ``pos`` / ``name`` as a tensor; an untyped name used here is taken as one."""
    node = site.need(pos, name)
    try:
        value = site.tr.typed(node)
    except Fail:
        if isinstance(node, ast.Name):
            site.tr.evidence(node, TENSOR)  # an untyped parameter used here is a tensor
        raise
    if deref(value.ty) != TENSOR:
        raise Fail(f"{site.symbol} of a {value.ty}")
    return value


def _bind(value: Val) -> str:
    return f"let t = &{paren(value.code)};" if not value.ty.startswith("&") else (
        f"let t = {paren(value.code)};")


@R(FW, "torch.zeros_like", "torch.ones_like", "torch.empty_like",
   explain="a realizar::Tensor<f32> of the input's shape, filled", emits=(f"{T}::from_vec",))
def _filled_like(site: Site) -> Val:
    value = tensor_arg(site, 0)
    _options(site)
    fill = "1.0f32" if site.symbol == "torch.ones_like" else "0.0f32"
    value_code = paren(value.code)
    inner = _from_vec(site, "t.shape().to_vec()", f"vec![{fill}; t.size()]")
    return Val(f"{{ let t = &{value_code}; {inner.code} }}", TENSOR)


ELEMENTWISE = {"relu": "v.max(0.0)", "exp": "v.exp()", "sin": "v.sin()", "cos": "v.cos()",
               "sqrt": "v.sqrt()", "abs": "v.abs()", "tanh": "v.tanh()",
               "sigmoid": "1.0 / (1.0 + (-v).exp())", "log": "v.ln()", "neg": "-v"}
"""torch element-wise function -> the f32 expression of one element ``v``."""


def _elementwise(site: Site) -> Val:
    value = tensor_arg(site, 0)
    site.arg(None, "inplace")  # an in-place ReLU's result is the same tensor values
    expr = ELEMENTWISE[site.symbol.rpartition(".")[2]]
    inner = _from_vec(site, "t.shape().to_vec()", f"t.data().iter().map(|&v| {expr}).collect()")
    return Val(f"{{ let t = &{paren(value.code)}; {inner.code} }}", TENSOR)


for _name in ELEMENTWISE:
    keys = [f"torch.{_name}"] + ([f"torch.nn.functional.{_name}"] if _name in (
        "relu", "sigmoid", "tanh") else [])
    R(FW, *keys, operation="element_wise", explain="element-wise over the tensor's data",
      emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))(_elementwise)


@R(FW, "torch.nn.functional.gelu", operation="element_wise", explain="realizar::layers::gelu",
   emits=("realizar::layers::gelu",))
def _gelu(site: Site) -> Val:
    value = tensor_arg(site, 0)
    if site.arg(None, "approximate") is not None:
        raise Fail("gelu(approximate=...): realizar has one gelu")
    return mapping.call(site, mapping.item("realizar::layers::gelu"), None,
                        [f"&{paren(value.code)}" if not value.ty.startswith("&") else value.code])


def _last_axis(site: Site) -> str:
    """A run-time check that ``dim`` is the last axis (the only one computed here)."""
    node = site.arg(1, "dim")
    if node is None:
        raise Fail(f"{site.symbol} without dim")
    dim = site.tr.literal_int(node)
    if dim is None:
        raise Fail("a dim that is not a literal")
    if dim == -1:
        return ""
    if dim < 0:
        raise Fail(f"dim={dim}: only the last axis is computed")
    return f"assert_eq!(t.ndim(), {dim + 1}, \"dim {dim} must be the last axis\"); "


@R(FW, "torch.softmax", "torch.nn.functional.softmax", "torch.log_softmax",
   "torch.nn.functional.log_softmax", operation="reduction",
   explain="(log-)softmax over the last axis, row by row of the data (max-shifted)",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))
def _softmax(site: Site) -> Val:
    value = tensor_arg(site, 0)
    check = _last_axis(site)
    _options(site)
    log = "log_softmax" in site.symbol
    out = "r.iter().map(|&v| v - m - z.ln())" if log else "r.iter().map(|&v| (v - m).exp() / z)"
    data = ("t.data().chunks(*t.shape().last().unwrap_or(&1)).flat_map(|r| { "
            "let m = r.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)); "
            "let z: f32 = r.iter().map(|&v| (v - m).exp()).sum(); "
            f"{out}.collect::<Vec<f32>>() }}).collect()")
    inner = _from_vec(site, "t.shape().to_vec()", data)
    return Val(f"{{ let t = &{paren(value.code)}; {check}{inner.code} }}", TENSOR)


@R(FW, "torch.flatten", explain="the same data under the shape with axes start_dim.. merged",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))
def _flatten(site: Site) -> Val:
    value = tensor_arg(site, 0)
    start = site.tr.literal_int(site.arg(1, "start_dim") or ast.Constant(0))
    if start is None or start < 0 or site.arg(2, "end_dim") is not None:
        raise Fail("flatten with a non-literal start_dim or an end_dim")
    shape = (f"{{ let s = t.shape(); let mut v = s[..{start}].to_vec(); "
             f"v.push(s[{start}..].iter().product()); v }}")
    inner = _from_vec(site, shape, "t.data().to_vec()")
    return Val(f"{{ let t = &{paren(value.code)}; {inner.code} }}", TENSOR)


@R(FW, "torch.as_tensor", "torch.from_numpy", explain="a realizar::Tensor<f32> (a copy)",
   emits=(f"{T}::from_vec",))
def _as_tensor(site: Site) -> Val:
    node = site.need(0, "data")
    _options(site)
    value = site.tr.typed(node)
    if deref(value.ty) == TENSOR:
        return Val(f"{paren(value.code)}.clone()", TENSOR)
    if deref(value.ty) in ("trueno::Vector<f32>",):
        code = paren(value.code)
        return _from_vec(site, f"vec![{code}.len()]", f"{code}.as_slice().to_vec()")
    if deref(value.ty) in ("Vec<f32>", "[f32]"):
        code = paren(value.code)
        return _from_vec(site, f"vec![{code}.len()]", f"{code}.to_vec()")
    if deref(value.ty) in ("f32", "f64", "i64", "usize"):
        return _from_vec(site, "vec![]", f"vec![{site.tr.value(node, 'f32')}]")
    raise Fail(f"as_tensor of a {value.ty}")



@R(FW, "torch.rand_like", "torch.randn_like",
   explain="a realizar::Tensor<f32> of the input's shape, random (std-only SplitMix64, normal "
           "by Box-Muller; not PyTorch's numbers)", emits=(f"{T}::from_vec",))
def _random_like(site: Site) -> Val:
    value = tensor_arg(site, 0)
    _options(site)
    if site.symbol == "torch.rand_like":
        data = uniform_vec("t.size()", None, "0.0", "1.0")
    else:
        data = _NORMAL_FROM_UNIFORM.format(uniform=uniform_vec("2 * t.size()", None, "0.0",
                                                               "1.0"))
    inner = _from_vec(site, "t.shape().to_vec()", data)
    return Val(f"{{ let t = &{paren(value.code)}; {inner.code} }}", TENSOR)


@R(FW, "torch.sum", "torch.mean", operation="reduction",
   explain="over all elements of the data: an f32 (PyTorch: a 0-dim tensor)",
   emits=(f"{T}::data",))
def _total(site: Site) -> Val:
    value = tensor_arg(site, 0)
    if site.arg(1, "dim") is not None or site.arg(None, "axis") is not None:
        raise Fail(f"{site.symbol} along a dim")
    _options(site)
    total = f"{paren(value.code)}.data().iter().sum::<f32>()"
    if site.symbol == "torch.mean":
        return Val(f"{{ let t = &{paren(value.code)}; t.data().iter().sum::<f32>() / "
                   "t.data().len() as f32 }", "f32")
    return Val(total, "f32")


@R(FW, "torch.tril", "torch.triu", explain="the 2-D tensor with the entries above (tril) or "
   "below (triu) the diagonal set to 0", emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))
def _triangle(site: Site) -> Val:
    value = tensor_arg(site, 0)
    node = site.arg(1, "diagonal")
    k = 0 if node is None else site.tr.literal_int(node)
    if k is None:
        raise Fail("a diagonal that is not a literal")
    keep = "j <= i + k" if site.symbol == "torch.tril" else "j + k >= i"
    shifted = keep.replace("i + k", f"i as i64 + {k}").replace("j + k", f"j as i64 - {k}") \
        .replace("j <=", "j as i64 <=").replace(">= i", ">= i as i64")
    data = ("(0..t.data().len()).map(|ix| { let (i, j) = (ix / c, ix % c); "
            f"if {shifted} {{ t.data()[ix] }} else {{ 0.0 }} }}).collect()")
    inner = _from_vec(site, "t.shape().to_vec()", data)
    return Val(f"{{ let t = &{paren(value.code)}; assert_eq!(t.ndim(), 2, \"{site.symbol} of a "
               f"2-D tensor\"); let c = t.shape()[1]; {inner.code} }}", TENSOR)


@R(FW, "torch.cat", "torch.concat", "torch.concatenate",
   explain="the tensors' blocks joined along dim (row-major: for each index before dim, each "
           "tensor's block in turn); the other dims must agree (checked by from_vec)",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))
def _cat(site: Site) -> Val:
    node = site.need(0, "tensors")
    if not isinstance(node, (ast.List, ast.Tuple)) or not node.elts:
        raise Fail("torch.cat of something other than a list of tensors written out")
    parts = []
    for elt in node.elts:
        value = site.tr.typed(elt)
        if deref(value.ty) != TENSOR:
            raise Fail(f"torch.cat of a {value.ty}")
        parts.append(value.code if value.ty.startswith("&") else f"&{paren(value.code)}")
    dim_node = site.arg(1, "dim")
    dim = 0 if dim_node is None else site.tr.literal_int(dim_node)
    if dim is None:
        raise Fail("a dim that is not a literal")
    d = f"ts[0].ndim() - {-dim}" if dim < 0 else str(dim)
    data = ("{ let mut v: Vec<f32> = Vec::new(); for o in 0..outer { for t in &ts { "
            "let b: usize = t.shape()[d..].iter().product(); "
            "v.extend_from_slice(&t.data()[o * b..(o + 1) * b]); } } v }")
    inner = _from_vec(site, "shape", data)
    listed = f"let ts: Vec<&{marked_type(TENSOR)}> = vec![{', '.join(parts)}];"
    return Val(f"{{ {listed} let d: usize = {d}; "
               "let outer: usize = ts[0].shape()[..d].iter().product(); "
               "let mut shape = ts[0].shape().to_vec(); "
               f"shape[d] = ts.iter().map(|t| t.shape()[d]).sum(); {inner.code} }}", TENSOR)


ACTIVATION_MODULES = {"torch.nn.ReLU": "relu", "torch.nn.Sigmoid": "sigmoid",
                      "torch.nn.Tanh": "tanh", "torch.nn.GELU": "gelu"}
"""Stateless activation modules: nothing to store (a ``()`` field), calling one applies it."""


@R(FW, *ACTIVATION_MODULES, explain="a stateless activation: nothing to store (the field is "
   "()), calling it applies the function")
def _activation_module(site: Site) -> Val:
    site.arg(0, "inplace")  # in place or not, the values are the same
    if site.symbol == "torch.nn.GELU" and site.arg(None, "approximate") is not None:
        raise Fail("GELU(approximate=...): realizar has one gelu")
    return Val("()", "()")


@R(FW, *(f"{p}.__call__" for p in ACTIVATION_MODULES), operation="element_wise",
   explain="the activation over the tensor's data (GELU: realizar::layers::gelu)",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape", "realizar::layers::gelu"))
def _activation_call(site: Site) -> Val:
    name = ACTIVATION_MODULES[site.symbol.removesuffix(".__call__")]
    value = tensor_arg(site, 0)
    if name == "gelu":
        return mapping.call(site, mapping.item("realizar::layers::gelu"), None, [
            f"&{paren(value.code)}" if not value.ty.startswith("&") else value.code])
    inner = _from_vec(site, "t.shape().to_vec()",
                      f"t.data().iter().map(|&v| {ELEMENTWISE[name]}).collect()")
    return Val(f"{{ let t = &{paren(value.code)}; {inner.code} }}", TENSOR)


_SIGNS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


@R(FW, *(f"realizar::Tensor.operator.{op}" for op in _SIGNS), operation="element_wise",
   explain="element-wise over data(): a tensor with a number (either side), or two tensors of "
           "the same shape (PyTorch's broadcasting of other shapes is an Err at run time)",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))
def _arithmetic(site: Site) -> Val:
    sign = _SIGNS[site.symbol.rpartition(".")[2]]
    left_node, right_node = site.node.args
    sides = []
    for node in (left_node, right_node):
        value = None if _is_number(node) else site.tr.typed(node)
        sides.append(value if value is None or deref(value.ty) == TENSOR else None)
        if value is not None and deref(value.ty) != TENSOR and deref(value.ty) not in (
                "f32", "f64", "i64", "i32", "usize"):
            raise Fail(f"{sign} of a tensor and a {value.ty}")
    if sides[0] is not None and sides[1] is not None:
        a, b = (_borrowed(s) for s in sides)
        kind = marked_type(TENSOR)
        data = (f"{{ let (a, b): (&{kind}, &{kind}) = ({a}, {b}); if a.shape() != b.shape() "
                "{ return Err(format!(\"tensor shapes {:?} and {:?} differ (broadcasting is not "
                "converted)\", a.shape(), b.shape()).into()); } "
                f"(a.shape().to_vec(), a.data().iter().zip(b.data()).map(|(x, y)| x {sign} y)"
                ".collect::<Vec<f32>>()) }")
    else:
        tensor = _borrowed(sides[0] if sides[0] is not None else sides[1])
        number = site.tr.value(right_node if sides[0] is not None else left_node, "f32")
        pair = f"({tensor}, {number})" if sides[0] is not None else f"({number}, {tensor})"
        names = "(t, s)" if sides[0] is not None else "(s, t)"
        kind = marked_type(TENSOR)
        kinds = f"(&{kind}, f32)" if sides[0] is not None else f"(f32, &{kind})"
        each = f"x {sign} s" if sides[0] is not None else f"s {sign} x"
        data = (f"{{ let {names}: {kinds} = {pair}; (t.shape().to_vec(), "
                f"t.data().iter().map(|&x| {each}).collect::<Vec<f32>>()) }}")
    value = site.tr.call_item(mapping.item(f"{T}::from_vec"), None, ["sd.0", "sd.1"])
    return Val(f"{{ let sd: (Vec<usize>, Vec<f32>) = {data}; {value.code} }}", TENSOR)


def _is_number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not (
        isinstance(node.value, bool))


def _borrowed(value: Val | None) -> str:
    assert value is not None
    return value.code if value.ty.startswith("&") else f"&{paren(value.code)}"


@R(FW, "realizar::Tensor.float", explain="the tensor itself (a copy): tensors here are f32",
   emits=(f"{T}",))
def _float(site: Site) -> Val:
    assert site.recv is not None
    if site.node.args or site.node.keywords:
        raise Fail("Tensor.float() takes no arguments")
    return Val(f"{paren(site.recv.code)}.clone()", TENSOR)


@R(FW, "realizar::Tensor.unsqueeze", "torch.unsqueeze",
   explain="the same data with a 1 inserted into the shape at dim (a literal; negative counts "
           "from the end as in PyTorch)",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::shape"))
def _unsqueeze(site: Site) -> Val:
    if site.recv is None:
        tensor = site.tr.typed(site.need(0, "input"))
        dim_node = site.need(1, "dim")
    else:
        tensor, dim_node = site.recv, site.need(0, "dim")
    if deref(tensor.ty) != TENSOR:
        raise Fail(f"unsqueeze of a {tensor.ty}")
    dim = site.tr.literal_int(dim_node)
    if dim is None:
        raise Fail("unsqueeze with a dim that is not an int literal")
    at = f"(t.ndim() as i64 + 1 + ({dim})) as usize" if dim < 0 else str(dim)
    value = site.tr.call_item(mapping.item(f"{T}::from_vec"), None, ["shape", "t.data().to_vec()"])
    return Val(f"{{ let t: &{marked_type(TENSOR)} = {_borrowed(tensor)}; "
               f"let mut shape: Vec<usize> = t.shape().to_vec(); let at: usize = {at}; "
               'assert!(at <= shape.len(), "unsqueeze: dim out of range"); '
               f"shape.insert(at, 1); {value.code} }}", TENSOR)


@R(FW, "realizar::Tensor.view", "realizar::Tensor.reshape", "torch.reshape",
   explain="the same data under the new shape (one -1 takes what is left); a shape that does "
           "not hold the data is an Err, as PyTorch's RuntimeError. A copy: PyTorch's view "
           "shares storage, and a view of a non-contiguous tensor (a transpose) is an error "
           "there",
   emits=(f"{T}::from_vec", f"{T}::data", f"{T}::size"))
def _reshape(site: Site) -> Val:
    if site.recv is None:
        tensor = tensor_arg(site, 0)
        shape_node = site.need(1, "shape")
        dims = list(shape_node.elts) if isinstance(shape_node, (ast.Tuple, ast.List)) else []
        if not dims:
            raise Fail("torch.reshape with a shape that is not a tuple written out")
    else:
        tensor = site.recv
        dims = [site.need(i, "shape") for i in range(len(site.node.args))]
        if len(dims) == 1 and isinstance(dims[0], (ast.Tuple, ast.List)):
            dims = list(dims[0].elts)
    if deref(tensor.ty) != TENSOR or not dims or site.keywords():
        raise Fail(f"{site.symbol} of these arguments")
    if any(isinstance(d, ast.Starred) for d in dims):
        raise Fail(f"{site.symbol} with a starred shape")
    given = ", ".join(site.tr.value(d, "i64") for d in dims)
    value = site.tr.call_item(mapping.item(f"{T}::from_vec"), None, ["shape", "t.data().to_vec()"])
    return Val(f"{{ let t: &{marked_type(TENSOR)} = {_borrowed(tensor)}; "
               f"let dims: Vec<i64> = vec![{given}]; "
               "let known: i64 = dims.iter().filter(|&&d| d != -1).product(); "
               "let free = dims.iter().filter(|&&d| d == -1).count(); "
               "if free > 1 || dims.iter().any(|&d| d < -1) || (free == 0 && known as usize != "
               "t.size()) || (free == 1 && (known == 0 || t.size() % known as usize != 0)) { "
               "return Err(format!(\"shape {:?} is invalid for input of size {}\", dims, "
               "t.size()).into()); } let shape: Vec<usize> = dims.iter().map(|&d| if d == -1 "
               "{ t.size() / known as usize } else { d as usize }).collect(); "
               f"{value.code} }}", TENSOR)


@R(FW, "realizar::Tensor.size", explain="the length of axis dim (negative counts from the end); "
   "a dim out of range is an Err, as PyTorch's IndexError", emits=(f"{T}::shape",))
def _axis_length(site: Site) -> Val:
    assert site.recv is not None
    if len(site.node.args) != 1 or site.node.keywords:
        raise Fail("Tensor.size() without one dim (a torch.Size has no counterpart here)")
    dim = site.tr.value(site.need(0, "dim"), "i64")
    return Val(f"{{ let t: &{marked_type(TENSOR)} = {_borrowed(site.recv)}; let s = t.shape(); "
               f"let d: i64 = {dim}; "
               "let at = if d < 0 { d + s.len() as i64 } else { d }; if at < 0 || at >= "
               "s.len() as i64 { return Err(format!(\"dimension {} out of range for {} axes\", "
               "d, s.len()).into()); } s[at as usize] as i64 }", "i64")
