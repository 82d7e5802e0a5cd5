"""PyTorch / transformers -> realizar mappings, read from the tables (issue 12).

realizar is an inference engine. What the tables offer, and what is mapped:
``realizar::InferenceConfig`` + ``realizar::run_inference`` for a text-generation model loaded
by path (``transformers.pipeline`` / ``AutoModelForCausalLM.from_pretrained`` and their
``generate`` calls), ``realizar::layers`` (``Linear``, ``LayerNorm``, ``Embedding``) with
``forward`` for ``torch.nn`` layers, ``realizar::Tensor`` for ``torch.tensor``. Training
(optimizers, ``backward``) has no counterpart.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from batuta.convert import mapping
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.types import TENSOR, deref, type_path

R = REGISTRY.register
FW = "pytorch"
CONFIG = "realizar::InferenceConfig"


def _flat(node: ast.expr) -> tuple[list[ast.expr], list[int]]:
    if not isinstance(node, (ast.List, ast.Tuple)):
        return [node], []
    rows = [_flat(e) for e in node.elts]
    if not rows or len({tuple(s) for _, s in rows}) != 1:
        raise Fail("empty or ragged nested lists do not form a tensor")
    return [x for elems, _ in rows for x in elems], [len(rows), *rows[0][1]]


@R(FW, "torch.tensor", "torch.Tensor", "torch.FloatTensor", explain="realizar::Tensor<f32>",
   emits=("realizar::Tensor::from_vec",))
def _tensor(site: Site) -> Val:
    node = site.need(0, "data")
    site.arg(None, "dtype")
    if not isinstance(node, (ast.List, ast.Tuple)):
        raise Fail("torch.tensor of a value that is not a literal")
    elems, shape = _flat(node)
    data = ", ".join(site.tr.value(e, "f32") for e in elems)
    dims = ", ".join(str(d) for d in shape)
    record = mapping.item("realizar::Tensor::from_vec")
    return site.tr.call_item(record, None, [f"vec![{dims}]", f"vec![{data}]"])


@R(FW, "torch.arange",
   explain="start, start + step, .. below end (integers >= 0, a positive literal step) as a "
           "1-D realizar::Tensor<f32> (the tensors here are f32; torch's would be int64 without "
           "dtype=, with the same values)",
   emits=("realizar::Tensor::from_vec",))
def _arange(site: Site) -> Val:
    args = list(site.node.args)
    if not 1 <= len(args) <= 3 or any(isinstance(a, ast.Starred) for a in args):
        raise Fail("torch.arange(end), (start, end) or (start, end, step)")
    for i in range(len(args)):
        site.arg(i)
    dtype = site.arg(None, "dtype")
    if dtype is not None and not ast.unparse(dtype).endswith(("float", "float32")):
        raise Fail(f"dtype={ast.unparse(dtype)}: realizar tensors here are f32")
    from batuta.convert.pytorch_tensor import float_dtype

    float_dtype(site, dtype)
    site.arg(None, "device")  # realizar places its tensors itself
    record = mapping.item("realizar::Tensor::from_vec")
    if len(args) == 1:
        n = site.tr.value(args[0], "usize")
        return site.tr.call_item(record, None, [f"vec![{n}]",
                                                f"(0..{n}).map(|i| i as f32).collect()"])
    step = site.tr.literal_int(args[2]) if len(args) == 3 else 1
    if step is None or step <= 0:
        raise Fail("torch.arange with a step that is not a positive int literal")
    start, end = (site.tr.value(a, "usize") for a in args[:2])  # (sizes, as arange(n)'s)
    values = (f"{{ let (a, b): (usize, usize) = ({start}, {end}); "
              f"(a..b.max(a)).step_by({step}).map(|i| i as f32).collect::<Vec<f32>>() }}")
    return Val(f"{{ let v: Vec<f32> = {values}; "
               f"{site.tr.call_item(record, None, ['vec![v.len()]', 'v']).code} }}", TENSOR)


LAYERS = {"torch.nn.Linear": ("realizar::layers::Linear", ("in_features", "out_features")),
          "torch.nn.Embedding": ("realizar::layers::Embedding",
                                 ("num_embeddings", "embedding_dim")),
          "torch.nn.LayerNorm": ("realizar::layers::LayerNorm", ("normalized_shape", "eps"))}


def _layer(site: Site) -> Val:
    path, names = LAYERS[site.symbol]
    new = mapping.item(f"{path}::new")
    args: list[ast.expr | str] = []
    for i, name in enumerate(names):
        node = site.arg(i, name)
        if node is None and name == "eps":
            args.append("1e-5")
            continue
        if node is None:
            raise Fail(f"{site.symbol} needs {name}")
        args.append(node)
    site.arg(None, "bias")
    return mapping.call(site, new, None, args)


for _python, (_path, _) in LAYERS.items():
    R(FW, _python, operation="matrix_multiply", explain=f"{_path} (inference)",
      emits=(_path, f"{_path}::new"))(_layer)


@R(FW, *(f"{p}.__call__" for p, _ in LAYERS.values()), *(f"{p}.forward" for p, _ in
                                                            LAYERS.values()),
   operation="matrix_multiply", explain="calling a layer runs forward",
   emits=tuple(f"{p}::forward" for p, _ in LAYERS.values()))
def _forward(site: Site) -> Val:
    assert site.recv is not None
    record = mapping.item(f"{type_path(site.recv.ty)}::forward")
    return mapping.call(site, record, site.recv.code, [site.need(0, "input")])


@R(FW, "torch.nn.Module", explain="a subclass becomes a Rust struct: the layers __init__ "
   "assigns are its fields, __init__ is new(), forward and the other methods take &self "
   "(realizar runs inference only)")
def _module(site: Site) -> Val:
    raise Fail("torch.nn.Module is translated as the base class of a class only")


@R(FW, "torch.utils.data.Dataset", explain="a subclass becomes a Rust struct (fields from "
   "__init__) whose __len__ is len(&self) and __getitem__ get(&self, index); a DataLoader over "
   "it is its batches of indices 0..len")
def _dataset(site: Site) -> Val:
    raise Fail("torch.utils.data.Dataset is translated as the base class of a class only")


_DROPOUT = ("realizar runs inference only, and dropout in eval mode is the identity: the "
            "field keeps p, calling it passes the input through unchanged (a copy)")


@R(FW, "torch.nn.Dropout", "torch.nn.Dropout1d", "torch.nn.Dropout2d", "torch.nn.Dropout3d",
   explain=_DROPOUT)
def _dropout(site: Site) -> Val:
    p = site.arg(0, "p")
    site.arg(1, "inplace")  # in place or not, the identity leaves the values as they are
    return Val("0.5" if p is None else site.tr.value(p, "f32"), "f32")


@R(FW, "torch.nn.Dropout.__call__", "torch.nn.Dropout1d.__call__",
   "torch.nn.Dropout2d.__call__", "torch.nn.Dropout3d.__call__", explain=_DROPOUT)
def _dropout_call(site: Site) -> Val:
    value = site.tr.typed(site.need(0, "input"))
    if deref(value.ty) != TENSOR:
        raise Fail(f"dropout of a {value.ty}")
    return Val(f"{paren(value.code)}.clone()" if value.ty.startswith("&") else value.code, TENSOR)


@R("transformers", "transformers.pipeline", explain="a text-generation model by path: "
   "realizar::InferenceConfig", emits=(CONFIG, f"{CONFIG}::new"))
def _pipeline(site: Site) -> Val:
    task = site.need(0, "task")
    if not (isinstance(task, ast.Constant) and task.value == "text-generation"):
        raise Fail("realizar runs text generation only")
    model = site.need(1, "model")
    return mapping.call(site, mapping.item(f"{CONFIG}::new"), None, [model])


@R("transformers", "transformers.AutoModelForCausalLM.from_pretrained",
   "transformers.AutoModel.from_pretrained", explain="a model by path: realizar::InferenceConfig",
   emits=(CONFIG, f"{CONFIG}::new"))
def _from_pretrained(site: Site) -> Val:
    path = site.need(0, "pretrained_model_name_or_path")
    return mapping.call(site, mapping.item(f"{CONFIG}::new"), None, [path])


def _configured(site: Site, config: str, prompt: ast.expr | None) -> str:
    code = f"{config}.clone()"
    if prompt is not None:
        code += f".with_prompt({site.tr.value(prompt, '&str')})"
    for python, rust, rust_type in (("max_new_tokens", "with_max_tokens", "usize"),
                                    ("max_length", "with_max_tokens", "usize"),
                                    ("temperature", "with_temperature", "f32"),
                                    ("top_k", "with_top_k", "usize")):
        node = site.arg(None, python)
        if node is not None and f".{rust}(" not in code:
            mapping.item(f"{CONFIG}::{rust}")
            code += f".{rust}({site.tr.value(node, rust_type)})"
    return code


@R("transformers", f"{CONFIG}.__call__", explain="run_inference on the prompt; the text",
   emits=("realizar::run_inference", f"{CONFIG}::with_prompt", f"{CONFIG}::with_max_tokens"))
def _generate_text(site: Site) -> Val:
    assert site.recv is not None
    config = _configured(site, site.recv.code, site.need(0, "text_inputs"))
    site.arg(None, "do_sample")
    run = mapping.item("realizar::run_inference")
    result = site.tr.call_item(run, None, [f"&{config}"])
    return Val(f"{result.code}.text", "String")


@R("transformers", f"{CONFIG}.generate", explain="run_inference with the input tokens",
   emits=("realizar::run_inference",))
def _generate(site: Site) -> Val:
    assert site.recv is not None
    tokens = site.arg(0, "input_ids")
    if tokens is None:
        raise Fail("generate without input_ids")
    ids = site.tr.value(tokens, "Vec<u32>")
    config = _configured(site, site.recv.code, None) + f".with_input_tokens({ids})"
    result = site.tr.call_item(mapping.item("realizar::run_inference"), None, [f"&{config}"])
    return Val(f"{result.code}.tokens", "Vec<u32>")


@R(FW, f"{CONFIG}.eval", *(f"{p}.eval" for p, _ in LAYERS.values()),
   explain="realizar runs inference only: eval() has nothing to switch")
def _eval(site: Site) -> Val:
    return Val("()", "()")


GENERATION = "realizar::generate::GenerationConfig"


@R("transformers", "transformers.GenerationConfig", explain="realizar's GenerationConfig",
   emits=(GENERATION, f"{GENERATION}::default", f"{GENERATION}::with_max_tokens",
          f"{GENERATION}::with_temperature"))
def _generation_config(site: Site) -> Val:
    value = site.tr.call_item(mapping.item(f"{GENERATION}::default"), None, [])
    code = value.code
    for python, rust, rust_type in (("max_new_tokens", "with_max_tokens", "usize"),
                                    ("temperature", "with_temperature", "f32")):
        node = site.arg(None, python)
        if node is not None:
            mapping.item(f"{GENERATION}::{rust}")
            code += f".{rust}({site.tr.value(node, rust_type)})"
    return Val(code, GENERATION)


_NO_REALIZAR = {
    "torch.optim": "realizar is inference-only, and aprender has SGD and Adam only",
    "torch.nn.functional": "realizar has no functional API: use its layers' forward",
    "torch.load": "realizar loads models by path (InferenceConfig::new(path))",
    "torch.save": "realizar does not save PyTorch checkpoints",
    "transformers.AutoTokenizer.from_pretrained":
        "realizar's Tokenizer is built from a Vocabulary, not a model name",
}

def _refusal(why: str) -> Callable[[Site], Val]:
    def refuse(site: Site) -> Val:
        raise Fail(why)

    return refuse


for _python, _why in _NO_REALIZAR.items():
    R("transformers" if _python.startswith("transformers") else FW, _python,
      explain=_why, refused=True)(_refusal(_why))


from batuta.convert import pytorch_data as _data  # noqa: E402, F401  (DataLoader, no_grad)
from batuta.convert import pytorch_init as _init  # noqa: E402, F401  (nn.init on owned layers)
from batuta.convert import pytorch_train as _train  # noqa: E402, F401  (optimizers, losses)
