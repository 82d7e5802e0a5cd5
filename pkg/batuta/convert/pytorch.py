"""PyTorch / transformers -> Realizar mappings (SPEC.md §7; book lines 1230–1240, 2159–2161).

Realizar is an inference engine: ``torch.load`` and ``from_pretrained`` load a ``Model``,
``generate`` is ``realizar::generate_text(&model, &input, max_len)``, a forward pass is
``realizar::forward(&model, &x)``, and gradient machinery (``no_grad``, ``eval``) has nothing
to switch off. Layers keep their names and sizes
(``nn.Linear(768, 3072)`` -> ``Linear::new(768, 3072)``).
"""

from __future__ import annotations

import ast

from batuta.convert._engine import Ctx
from batuta.convert._rust import receiver, rust_ident
from batuta.convert._values import CallSite, Expr, Unmappable
from batuta.convert.registry import REGISTRY

R = REGISTRY.register
FW = "pytorch"
TF = "transformers"


def _model(cls: str, code: str) -> Expr:
    return Expr(code, "model", cls, "Model")


def _tensor(code: str) -> Expr:
    return Expr(code, "tensor", "torch.Tensor", "Tensor")


def _need(site: CallSite, pos: int | None, name: str | None = None) -> ast.expr:
    node = site.arg(pos, name)
    if node is None:
        raise Unmappable(f"{site.symbol} needs argument {name or pos}")
    return node


def _drop_device_kwargs(site: CallSite) -> None:
    # Realizar chooses CPU/SIMD/GPU itself (the MoE router), so device and dtype are moot.
    for name in ("map_location", "device", "dtype", "torch_dtype", "device_map",
                 "weights_only", "trust_remote_code"):
        site.arg(None, name)


@R(FW, "torch.load", explain="load a model file (GGUF/SafeTensors/APR) into a Realizar Model")
def _load(ctx: Ctx, site: CallSite) -> Expr:
    path = ctx.val(_need(site, 0, "f"))
    _drop_device_kwargs(site)
    return _model("torch.nn.Module", f"realizar::load_model({path})?")


@R(TF, "transformers.*.from_pretrained", explain="load a Hugging Face model by name or path")
def _from_pretrained(ctx: Ctx, site: CallSite) -> Expr:
    cls = site.symbol.rpartition(".")[0]
    name = ctx.val(_need(site, 0, "pretrained_model_name_or_path"))
    _drop_device_kwargs(site)
    if "Tokenizer" in cls.rpartition(".")[2]:
        ctx.use("realizar::Tokenizer")
        return Expr(f"Tokenizer::from_pretrained({name})?", "tokenizer", cls, "Tokenizer")
    ctx.use("realizar::Model")
    return _model(cls, f"Model::from_pretrained({name})?")


@R(TF, "tokenizer.encode", "tokenizer.__call__", explain="text to token ids")
def _encode(ctx: Ctx, site: CallSite) -> Expr:
    tok = site.recv
    assert tok is not None
    text = ctx.ref(_need(site, 0, "text"), "&str")
    site.arg(None, "return_tensors")  # Realizar returns its own tensor type
    site.arg(None, "add_special_tokens")
    return _tensor(f"{receiver(tok.code)}.encode({text})?")


@R(TF, "tokenizer.decode", "tokenizer.batch_decode", explain="token ids to text")
def _decode(ctx: Ctx, site: CallSite) -> Expr:
    tok = site.recv
    assert tok is not None
    method = site.symbol.rpartition(".")[2]
    ids = ctx.ref(_need(site, 0, "token_ids"), "&Tensor")
    skip = site.arg(None, "skip_special_tokens")
    keep_special = isinstance(skip, ast.Constant) and skip.value is False
    suffix = "_with_special" if keep_special else ""
    return Expr(f"{receiver(tok.code)}.{method}{suffix}({ids})?", "str", rust_type="String")


_GEN_LENGTH = ("max_length", "max_new_tokens")


@R(FW, "model.generate", operation="text_generation",
   explain="autoregressive generation with a KV cache")
def _generate(ctx: Ctx, site: CallSite) -> Expr:
    model = site.recv
    assert model is not None
    node = site.arg(0, "input_ids")
    if node is None:
        node = site.arg(None, "inputs")
    if node is None:
        spread = [kw.value for kw in site.node.keywords if kw.arg is None]
        if not spread:
            raise Unmappable("generate needs the input ids")
        node = spread[0]  # model.generate(**inputs): the tokenizer's output
        site.used_kw.add(None)
    prompt = ctx.ref(node, "&Tensor")
    length = "20"  # transformers' default max_length
    for name in _GEN_LENGTH:
        value = site.arg(None, name)
        if value is not None:
            length = ctx.num(value, "usize")
    extra = [(k, v) for k, v in ((kw.arg, kw.value) for kw in site.node.keywords)
             if k is not None and k not in site.used_kw]
    for name, _ in extra:
        site.used_kw.add(name)
    target = ctx.recv_ref(site, "&Model")
    if not extra:
        return _tensor(f"realizar::generate_text({target}, {prompt}, {length})?")
    ctx.use("realizar::GenerationConfig")
    length_name = next((n for n in _GEN_LENGTH if n in site.used_kw), "max_length")
    fields = [f"{length_name}: {length}"] + [
        f"{rust_ident(k).removeprefix('r#')}: {ctx.val(v, 'f32' if k in _FLOAT_KW else '')}"
        for k, v in extra]
    config = f"&GenerationConfig {{ {', '.join(fields)}, ..Default::default() }}"
    return _tensor(f"realizar::generate_text_with({target}, {prompt}, {config})?")


_FLOAT_KW = frozenset({"temperature", "top_p", "repetition_penalty", "length_penalty"})


@R(FW, "model.forward", "model.__call__", operation="matrix_multiply",
   explain="one forward pass")
def _forward(ctx: Ctx, site: CallSite) -> Expr:
    model = site.recv
    assert model is not None
    args = [ctx.ref(_need(site, i), "&Tensor") for i in range(site.nargs())]
    if not args:
        raise Unmappable("forward with keyword-only inputs")
    return _tensor(f"realizar::forward({', '.join([ctx.recv_ref(site, '&Model'), *args])})?")


@R(FW, "layer.__call__", "layer.forward", operation="matrix_multiply",
   explain="layer forward pass")
def _layer_forward(ctx: Ctx, site: CallSite) -> Expr:
    layer = site.recv
    assert layer is not None
    x = ctx.ref(_need(site, 0, "input"), "&Tensor")
    if layer.rust_type == "MultiHeadAttention" and site.nargs() >= 3:
        k = ctx.ref(_need(site, 1), "&Tensor")
        v = ctx.ref(_need(site, 2), "&Tensor")
        return _tensor(f"{receiver(layer.code)}.forward({x}, {k}, {v})?")
    return _tensor(f"{receiver(layer.code)}.forward({x})?")


@R(FW, "model.eval", "model.to", "model.cuda", "model.cpu", "tensor.to", "tensor.cuda",
   "tensor.cpu", "tensor.detach", "model.half",
   explain="nothing to switch: Realizar is inference-only and picks its own backend")
def _passthrough(ctx: Ctx, site: CallSite) -> Expr:
    recv = site.recv
    assert recv is not None
    site.arg(0, "device")
    return recv


_LAYERS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "torch.nn.Linear": ("Linear", (("in_features", "usize"), ("out_features", "usize"))),
    "torch.nn.Embedding": ("Embedding", (("num_embeddings", "usize"),
                                         ("embedding_dim", "usize"))),
    "torch.nn.LayerNorm": ("LayerNorm", (("normalized_shape", "usize"),)),
    "torch.nn.MultiheadAttention": ("MultiHeadAttention", (("embed_dim", "usize"),
                                                           ("num_heads", "usize"))),
    "torch.nn.ReLU": ("Relu", ()),
    "torch.nn.GELU": ("Gelu", ()),
    "torch.nn.Softmax": ("Softmax", (("dim", "i64"),)),
    "torch.nn.Dropout": ("Dropout", (("p", "f32"),)),
}


def _layer_handler(qual: str, rust: str, params: tuple[tuple[str, str], ...]) -> None:
    def handler(ctx: Ctx, site: CallSite) -> Expr:
        ctx.use(f"realizar::layers::{rust}")
        args = []
        for i, (name, kind) in enumerate(params):
            node = site.arg(i, name)
            if node is None:
                if name in ("dim", "p"):
                    args.append("-1" if name == "dim" else "0.5")
                    continue
                raise Unmappable(f"{qual} needs {name}")
            args.append(ctx.num(node, kind))
        code = f"{rust}::new({', '.join(args)})"
        bias = site.arg(None, "bias")
        if isinstance(bias, ast.Constant) and bias.value is False:
            code += ".without_bias()"
        elif bias is not None:
            pass  # bias=True is the default
        _drop_device_kwargs(site)
        for name, value in site.keywords():
            code += f".with_{rust_ident(name).removeprefix('r#')}({ctx.val(value)})"
        return Expr(code, "layer", qual, rust)

    op = "matrix_multiply" if rust in ("Linear", "MultiHeadAttention") else "element_wise"
    R(FW, qual, operation=op, explain=f"{rust} layer, same sizes")(handler)


for _qual, (_rust, _params) in _LAYERS.items():
    _layer_handler(_qual, _rust, _params)


_FUNCTIONAL = {"relu": "relu", "gelu": "gelu", "softmax": "softmax", "sigmoid": "sigmoid",
               "tanh": "tanh", "log_softmax": "log_softmax", "silu": "silu"}


@R(FW, *(f"{mod}.{f}" for mod in ("torch", "torch.nn.functional") for f in _FUNCTIONAL),
   operation="element_wise", explain="activation function")
def _activation(ctx: Ctx, site: CallSite) -> Expr:
    name = _FUNCTIONAL[site.symbol.rpartition(".")[2]]
    ctx.use("realizar::ops")
    x = ctx.ref(_need(site, 0, "input"), "&Tensor")
    dim = site.arg(1, "dim")
    if name in ("softmax", "log_softmax"):
        return _tensor(f"ops::{name}({x}, {ctx.num(dim, 'i64', '-1')})?")
    return _tensor(f"ops::{name}({x})?")


def _dims(ctx: Ctx, site: CallSite) -> str:
    nodes = list(site.node.args)
    if len(nodes) == 1 and isinstance(nodes[0], (ast.Tuple, ast.List)):
        site.used_pos.add(0)
        nodes = list(nodes[0].elts)
    else:
        site.used_pos.update(range(len(nodes)))
    if not nodes:
        raise Unmappable(f"{site.symbol} needs a shape")
    return "&[" + ", ".join(ctx.num(n, "usize") for n in nodes) + "]"


_DEVICE = ("Realizar picks CPU, SIMD or GPU itself (the MoE router); drop the device "
           "handling")


@R(FW, "torch.device", "torch.cuda.is_available", "torch.backends.mps.is_available",
   explain="device selection")
def _device(ctx: Ctx, site: CallSite) -> Expr:
    raise Unmappable(_DEVICE)


@R(FW, "torch.manual_seed", explain="global seed")
def _manual_seed(ctx: Ctx, site: CallSite) -> Expr:
    raise Unmappable("Realizar has no global RNG: pass the seed in GenerationConfig")


@R(FW, "torch.zeros", "torch.ones", "torch.randn", "torch.rand", "torch.empty",
   explain="tensor of a given shape")
def _filled(ctx: Ctx, site: CallSite) -> Expr:
    ctor = {"empty": "zeros", "rand": "rand_uniform", "randn": "rand_normal"}.get(
        site.symbol.rpartition(".")[2], site.symbol.rpartition(".")[2])
    ctx.use("realizar::Tensor")
    dims = _dims(ctx, site)
    _drop_device_kwargs(site)
    site.arg(None, "requires_grad")
    return _tensor(f"Tensor::{ctor}({dims})")


@R(FW, "torch.tensor", "torch.as_tensor", "torch.Tensor", explain="tensor from data")
def _tensor_from(ctx: Ctx, site: CallSite) -> Expr:
    ctx.use("realizar::Tensor")
    data = _need(site, 0, "data")
    _drop_device_kwargs(site)
    site.arg(None, "requires_grad")
    if isinstance(data, (ast.List, ast.Tuple)):
        flat: list[ast.expr] = []
        stack: list[ast.expr] = [data]
        shape_rows = len(data.elts)
        nested = any(isinstance(e, (ast.List, ast.Tuple)) for e in data.elts)
        while stack:
            node = stack.pop(0)
            if isinstance(node, (ast.List, ast.Tuple)):
                stack = list(node.elts) + stack
            else:
                flat.append(node)
        values = ", ".join(ctx.val(e, "f32") for e in flat)
        if nested and shape_rows:
            cols = len(flat) // shape_rows
            return _tensor(f"Tensor::from_vec(&[{shape_rows}, {cols}], vec![{values}])?")
        return _tensor(f"Tensor::from_slice(&[{values}])")
    return _tensor(f"Tensor::from_slice({ctx.ref(data)})")


@R(FW, "torch.from_numpy", explain="tensor sharing a Trueno vector's data")
def _from_numpy(ctx: Ctx, site: CallSite) -> Expr:
    ctx.use("realizar::Tensor")
    return _tensor(f"Tensor::from_vector({ctx.ref(_need(site, 0, 'ndarray'))})")


@R(FW, "torch.arange", explain="evenly spaced tensor")
def _arange(ctx: Ctx, site: CallSite) -> Expr:
    ctx.use("realizar::Tensor")
    first = ctx.num(_need(site, 0, "start"), "f32")
    second = site.arg(1, "end")
    start, stop = ("0.0", first) if second is None else (first, ctx.num(second, "f32"))
    step = ctx.num(site.arg(2, "step"), "f32", "1.0")
    _drop_device_kwargs(site)
    return _tensor(f"Tensor::arange({start}, {stop}, {step})")


@R(FW, "torch.matmul", "torch.mm", "operator.matmul", operation="matrix_multiply",
   explain="tensor matrix multiplication")
def _matmul(ctx: Ctx, site: CallSite) -> Expr:
    a = ctx.expr(_need(site, 0, "input"))
    b = ctx.expr(_need(site, 1, "other"))
    return _tensor(f"{receiver(a.code)}.matmul(&{receiver(b.code)})?")


def _tensor_binary(method: str) -> None:
    def handler(ctx: Ctx, site: CallSite) -> Expr:
        a = ctx.expr(_need(site, 0), "f32")
        b = ctx.expr(_need(site, 1), "f32")
        if b.kind in ("f32", "int"):
            return _tensor(f"{receiver(a.code)}.{method}_scalar({b.code})?")
        if a.kind in ("f32", "int"):
            return _tensor(f"{receiver(b.code)}.{method}_scalar({a.code})?")
        return _tensor(f"{receiver(a.code)}.{method}(&{receiver(b.code)})?")

    R(FW, f"operator.{method}", operation="element_wise",
      explain=f"element-wise tensor {method}")(handler)


for _method in ("add", "sub", "mul", "div"):
    _tensor_binary(_method)


@R(FW, "tensor.argmax", "tensor.softmax", "tensor.reshape", "tensor.view", "tensor.item",
   "tensor.tolist", "tensor.numpy", "tensor.size", explain="tensor method")
def _tensor_method(ctx: Ctx, site: CallSite) -> Expr:
    t = site.recv
    assert t is not None
    name = site.symbol.rpartition(".")[2]
    base = receiver(t.code)
    if name in ("reshape", "view"):
        return _tensor(f"{base}.reshape({_dims(ctx, site)})?")
    if name in ("item",):
        return Expr(f"{base}.item()?", "f32", rust_type="f32")
    if name in ("tolist", "numpy"):
        return Expr(f"{base}.to_vec()", "list", rust_type="Vec<f32>")
    if name == "size":
        return Expr(f"{base}.shape()", "shape")
    dim = site.arg(0, "dim")
    return _tensor(f"{base}.{name}({ctx.num(dim, 'i64', '-1')})?")
