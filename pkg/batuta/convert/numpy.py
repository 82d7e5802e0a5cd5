"""NumPy -> Trueno mappings (SPEC.md §7; book lines 2135–2161, 2795–2802).

Trueno holds f32 data in 1-D ``Vector`` and 2-D ``Matrix``; fallible operations return
``Result`` and are written with ``?``. Literals become f32 (``np.array([1, 2])`` ->
``Vector::from_slice(&[1.0, 2.0])``); sizes and axes stay integers.
"""

from __future__ import annotations

import ast

from batuta.convert._engine import Ctx
from batuta.convert._rust import receiver
from batuta.convert._values import CallSite, Expr, Unmappable
from batuta.convert.registry import REGISTRY, Handler

R = REGISTRY.register
FW = "numpy"
SCALARS = frozenset({"f32", "int", "usize"})


def _vector(ctx: Ctx) -> None:
    ctx.use("trueno::Vector")


def _array_kind(*parts: Expr) -> tuple[str, str]:
    if any(p.kind == "matrix" or p.rust_type == "Matrix" for p in parts):
        return "matrix", "Matrix"
    return "ndarray", "Vector"


def _arr(code: str, kind: str = "ndarray") -> Expr:
    return Expr(code, kind, "numpy.ndarray", "Matrix" if kind == "matrix" else "Vector")


def _need(site: CallSite, pos: int | None, name: str | None = None) -> ast.expr:
    node = site.arg(pos, name)
    if node is None:
        raise Unmappable(f"{site.symbol} needs argument {name or pos}")
    return node


def _operand(ctx: Ctx, site: CallSite) -> Expr:
    """The array a function or method works on: the receiver, else the first argument."""
    if site.recv is not None:
        return site.recv
    node = _need(site, 0, "a")
    ctx.demand(node, "&Vector")
    value = ctx.expr(node, "f32")
    if value.kind is None and isinstance(node, ast.Name):
        ctx.refine(node.id, "ndarray")  # passed to a NumPy function: it is an array
        return Expr(value.code, "ndarray", value.cls, value.rust_type)
    return value


def _dtype(ctx: Ctx, site: CallSite) -> None:
    node = site.arg(None, "dtype")
    if node is None:
        return
    name = ast.unparse(node)
    note = "Trueno stores f32" + ("" if name.endswith(("float32", "float")) else
                                  f"; {name} narrowed or widened to f32")
    ctx.record(node, FW, f"dtype={name}", "f32", note=note)


def _flat(node: ast.expr, depth: int = 0) -> tuple[list[ast.expr], list[int]]:
    """Elements and shape of a nested list literal; ragged lists are refused."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return [node], []
    if depth > 1:
        raise Unmappable("arrays of more than 2 dimensions have no Trueno mapping")
    rows = [_flat(e, depth + 1) for e in node.elts]
    if not rows:
        return [], [0]
    shapes = {tuple(s) for _, s in rows}
    if len(shapes) != 1:
        raise Unmappable("ragged nested lists do not form an array")
    return [x for elems, _ in rows for x in elems], [len(rows), *rows[0][1]]


@R(FW, "numpy.array", "numpy.asarray", "numpy.asanyarray",
   explain="array literal -> Trueno Vector / Matrix of f32")
def _array(ctx: Ctx, site: CallSite) -> Expr:
    data = _need(site, 0, "object")
    _dtype(ctx, site)
    _vector(ctx)
    if not isinstance(data, (ast.List, ast.Tuple)):
        return _arr(f"Vector::from_slice({ctx.ref(data)})")
    elems, shape = _flat(data)
    for e in elems:
        if isinstance(e, ast.Constant) and not isinstance(e.value, (int, float)):
            raise Unmappable("Trueno arrays hold numbers; this literal holds "
                             f"{type(e.value).__name__}")
    values = ", ".join(ctx.val(e, "f32") for e in elems)
    if len(shape) == 2:
        ctx.use("trueno::Matrix")
        return _arr(f"Matrix::from_vec({shape[0]}, {shape[1]}, vec![{values}])?", "matrix")
    return _arr(f"Vector::from_slice(&[{values}])")


def _dims(ctx: Ctx, node: ast.expr) -> list[str]:
    elts = node.elts if isinstance(node, (ast.Tuple, ast.List)) else [node]
    for e in elts:
        if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.USub):
            raise Unmappable("inferred (-1) dimensions: give the size explicitly")
    if not 1 <= len(elts) <= 2:
        raise Unmappable("Trueno holds 1-D vectors and 2-D matrices; "
                         f"a {len(elts)}-D shape has no mapping")
    return [ctx.val(e, "usize") for e in elts]


def _filled(ctx: Ctx, site: CallSite, ctor: str, fill: str = "") -> Expr:
    dims = _dims(ctx, _need(site, 0, "shape"))
    _dtype(ctx, site)
    extra = f", {fill}" if fill else ""
    if len(dims) == 2:
        ctx.use("trueno::Matrix")
        return _arr(f"Matrix::{ctor}({dims[0]}, {dims[1]}{extra})", "matrix")
    _vector(ctx)
    return _arr(f"Vector::{ctor}({dims[0]}{extra})")


@R(FW, "numpy.zeros", "numpy.empty", explain="zero-filled Vector / Matrix")
def _zeros(ctx: Ctx, site: CallSite) -> Expr:
    return _filled(ctx, site, "zeros")


@R(FW, "numpy.ones", explain="one-filled Vector / Matrix")
def _ones(ctx: Ctx, site: CallSite) -> Expr:
    return _filled(ctx, site, "ones")


@R(FW, "numpy.full", explain="constant-filled Vector / Matrix")
def _full(ctx: Ctx, site: CallSite) -> Expr:
    fill = ctx.val(_need(site, 1, "fill_value"), "f32")
    return _filled(ctx, site, "from_elem", fill)


@R(FW, "numpy.zeros_like", "numpy.ones_like", explain="Vector shaped like another")
def _like(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    _dtype(ctx, site)
    ctor = "zeros" if site.symbol.endswith("zeros_like") else "ones"
    kind, rust = _array_kind(src)
    ctx.use(f"trueno::{rust}")
    if kind == "matrix":
        base = receiver(src.code)
        return _arr(f"Matrix::{ctor}({base}.rows(), {base}.cols())", "matrix")
    return _arr(f"Vector::{ctor}({receiver(src.code)}.len())")


@R(FW, "numpy.eye", "numpy.identity", explain="identity Matrix")
def _eye(ctx: Ctx, site: CallSite) -> Expr:
    n = ctx.num(_need(site, 0, "N"), "usize")
    _dtype(ctx, site)
    ctx.use("trueno::Matrix")
    return _arr(f"Matrix::identity({n})", "matrix")


@R(FW, "numpy.arange", explain="evenly spaced Vector (start, stop, step)")
def _arange(ctx: Ctx, site: CallSite) -> Expr:
    first = ctx.num(_need(site, 0, "start"), "f32")
    second = site.arg(1, "stop")
    start, stop = ("0.0", first) if second is None else (first, ctx.num(second, "f32"))
    step = ctx.num(site.arg(2, "step"), "f32", "1.0")
    _dtype(ctx, site)
    _vector(ctx)
    return _arr(f"Vector::arange({start}, {stop}, {step})")


@R(FW, "numpy.linspace", explain="num evenly spaced points from start to stop")
def _linspace(ctx: Ctx, site: CallSite) -> Expr:
    start = ctx.num(_need(site, 0, "start"), "f32")
    stop = ctx.num(_need(site, 1, "stop"), "f32")
    num = ctx.num(site.arg(2, "num"), "usize", "50")
    _vector(ctx)
    return _arr(f"Vector::linspace({start}, {stop}, {num})")


_SCALAR_METHOD = {"add": "add_scalar", "sub": "sub_scalar", "mul": "scale",
                  "div": "div_scalar", "pow": "powf"}


def _binary(ctx: Ctx, site: CallSite, method: str) -> Expr:
    left = ctx.expr(_need(site, 0, "x1"), "f32")
    right = ctx.expr(_need(site, 1, "x2"), "f32")
    for node in (site.node.args[0], site.node.args[1]):
        ctx.demand(node, "&Vector")
    if left.kind in SCALARS and right.kind in SCALARS:
        raise Unmappable("both operands are scalars: plain Rust arithmetic, not Trueno")
    kind, _ = _array_kind(left, right)
    if right.kind in SCALARS:
        return _arr(f"{receiver(left.code)}.{_SCALAR_METHOD[method]}({right.code})?", kind)
    if left.kind in SCALARS:
        if method in ("add", "mul"):
            return _arr(f"{receiver(right.code)}.{_SCALAR_METHOD[method]}({left.code})?", kind)
        if method == "pow":
            raise Unmappable("scalar ** array has no Trueno mapping")
        _vector(ctx)
        filled = f"Vector::from_elem({receiver(right.code)}.len(), {left.code})"
        return _arr(f"{filled}.{method}(&{right.code})?", kind)
    if method == "pow":
        return _arr(f"{receiver(left.code)}.pow(&{right.code})?", kind)
    return _arr(f"{receiver(left.code)}.{method}({ctx.ref(site.node.args[1])})?", kind)


for _name, _method, _verb in (("add", "add", "addition"), ("subtract", "sub", "subtraction"),
                              ("multiply", "mul", "multiplication"),
                              ("divide", "div", "division"), ("true_divide", "div", "division"),
                              ("power", "pow", "power")):
    def _make(method: str) -> Handler:
        def handler(ctx: Ctx, site: CallSite) -> Expr:
            return _binary(ctx, site, method)
        return handler

    R(FW, f"numpy.{_name}", operation="element_wise",
      explain=f"element-wise {_verb}, SIMD-vectorized")(_make(_method))

for _op, _method in (("add", "add"), ("sub", "sub"), ("mul", "mul"), ("div", "div"),
                     ("pow", "pow")):
    R(FW, f"operator.{_op}", operation="element_wise",
      explain=f"array operator -> element-wise {_method}")(_make(_method))


@R(FW, "numpy.maximum", "numpy.minimum", operation="element_wise",
   explain="element-wise maximum / minimum")
def _maxmin(ctx: Ctx, site: CallSite) -> Expr:
    which = "maximum" if site.symbol.endswith("maximum") else "minimum"
    left = ctx.expr(_need(site, 0, "x1"), "f32")
    right = ctx.expr(_need(site, 1, "x2"), "f32")
    if right.kind in SCALARS:
        method = "clamp_min" if which == "maximum" else "clamp_max"
        return _arr(f"{receiver(left.code)}.{method}({right.code})?", _array_kind(left)[0])
    return _arr(f"{receiver(left.code)}.{which}(&{receiver(right.code)})?",
                _array_kind(left, right)[0])


@R(FW, "numpy.dot", "numpy.ndarray.dot", "ndarray.dot", operation="dot_product",
   explain="dot product (matrix product for 2-D operands)")
def _dot(ctx: Ctx, site: CallSite) -> Expr:
    left = _operand(ctx, site)
    right_node = _need(site, 0 if site.recv is not None else 1, "b")
    right = ctx.expr(right_node, "f32")
    other = ctx.ref(right_node)
    if "matrix" in (left.kind, right.kind):
        return _arr(f"{receiver(left.code)}.matmul({other})?", "matrix")
    return Expr(f"{receiver(left.code)}.dot({other})?", "f32", rust_type="f32")


@R(FW, "numpy.matmul", "operator.matmul", operation="matrix_multiply",
   explain="matrix multiplication (GPU for large matrices)")
def _matmul(ctx: Ctx, site: CallSite) -> Expr:
    first = _need(site, 0, "x1")
    ctx.demand(first, "&Matrix")
    left = ctx.expr(first, "f32")
    other = ctx.ref(_need(site, 1, "x2"), "&Matrix")
    return _arr(f"{receiver(left.code)}.matmul({other})?", "matrix")


@R(FW, "numpy.outer", operation="matrix_multiply", explain="outer product")
def _outer(ctx: Ctx, site: CallSite) -> Expr:
    left = ctx.expr(_need(site, 0, "a"), "f32")
    right = ctx.expr(_need(site, 1, "b"), "f32")
    return _arr(f"{receiver(left.code)}.outer(&{receiver(right.code)})?", "matrix")


_REDUCTIONS = {"sum": "sum", "mean": "mean", "max": "max", "min": "min", "std": "std",
               "var": "variance", "prod": "product", "amax": "max", "amin": "min",
               "median": "median", "argmax": "argmax", "argmin": "argmin"}


def _reduction(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    method = _REDUCTIONS[name]
    src = _operand(ctx, site)
    axis = site.arg(None if site.recv is None else 0, "axis")
    if axis is not None and not (isinstance(axis, ast.Constant) and axis.value is None):
        return _arr(f"{receiver(src.code)}.{method}_axis({ctx.num(axis, 'usize')})?")
    index = name.startswith("arg")
    return Expr(f"{receiver(src.code)}.{method}()?", "usize" if index else "f32",
                rust_type="usize" if index else "f32")


for _name in _REDUCTIONS:
    for _key in (f"numpy.{_name}", f"ndarray.{_name}"):
        if _key in ("ndarray.amax", "ndarray.amin", "ndarray.median"):
            continue
        R(FW, _key, operation="reduction",
          explain=f"{_name} reduction, SIMD-vectorized")(_reduction)


_UNARY = ("exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "floor", "ceil", "round",
          "square", "log1p", "expm1", "log2", "log10", "sign", "negative")


def _unary(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    src = _operand(ctx, site)
    method = {"negative": "neg", "abs": "abs"}.get(name, name)
    if src.kind in SCALARS:
        base = src.code + "_f32" if src.code.replace(".", "").isdigit() else receiver(src.code)
        return Expr(f"{base}.{method}()", "f32", rust_type="f32")
    return _arr(f"{receiver(src.code)}.{method}()?", _array_kind(src)[0])


for _name in _UNARY:
    R(FW, f"numpy.{_name}", operation="element_wise",
      explain=f"element-wise {_name}, SIMD-vectorized")(_unary)
R(FW, "numpy.absolute", operation="element_wise", explain="element-wise abs")(_unary)


@R(FW, "numpy.reshape", "ndarray.reshape", explain="same data, new shape")
def _reshape(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    if site.recv is not None and site.nargs() > 1:
        dims = [ctx.val(_need(site, i), "usize") for i in range(site.nargs())]
        for node in site.node.args:
            _dims(ctx, node)  # refuses -1
    else:
        dims = _dims(ctx, _need(site, 0 if site.recv is not None else 1, "newshape"))
    kind = "matrix" if len(dims) == 2 else "ndarray"
    return _arr(f"{receiver(src.code)}.reshape(&[{', '.join(dims)}])?", kind)


@R(FW, "numpy.transpose", "ndarray.transpose", "ndarray.T", explain="matrix transpose")
def _transpose(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    return _arr(f"{receiver(src.code)}.transpose()", "matrix")


@R(FW, "ndarray.flatten", "ndarray.ravel", "numpy.ravel", explain="flatten to a Vector")
def _flatten(ctx: Ctx, site: CallSite) -> Expr:
    return _arr(f"{receiver(_operand(ctx, site).code)}.flatten()")


@R(FW, "ndarray.copy", "numpy.copy", explain="copy -> clone")
def _copy(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    return _arr(f"{receiver(src.code)}.clone()", _array_kind(src)[0])


@R(FW, "ndarray.tolist", explain="to a Vec<f32>")
def _tolist(ctx: Ctx, site: CallSite) -> Expr:
    return Expr(f"{receiver(_operand(ctx, site).code)}.to_vec()", "list", rust_type="Vec<f32>")


@R(FW, "ndarray.shape", explain="shape as a slice of sizes")
def _shape(ctx: Ctx, site: CallSite) -> Expr:
    return Expr(f"{receiver(_operand(ctx, site).code)}.shape()", "shape")


@R(FW, "ndarray.size", "numpy.size", explain="element count")
def _size(ctx: Ctx, site: CallSite) -> Expr:
    return Expr(f"{receiver(_operand(ctx, site).code)}.len()", "usize", rust_type="usize")


@R(FW, "ndarray.astype", explain="Trueno is f32 throughout: a copy")
def _astype(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    dtype = site.arg(0, "dtype")
    if dtype is not None:
        ctx.record(dtype, FW, f"dtype={ast.unparse(dtype)}", "f32", note="Trueno stores f32")
    return _arr(f"{receiver(src.code)}.clone()", _array_kind(src)[0])


@R(FW, "numpy.concatenate", "numpy.hstack", "numpy.vstack", explain="join arrays")
def _concat(ctx: Ctx, site: CallSite) -> Expr:
    seq = _need(site, 0, "arrays")
    if not isinstance(seq, (ast.List, ast.Tuple)):
        raise Unmappable("the arrays to join must be a literal list or tuple")
    parts = ", ".join(ctx.ref(e) for e in seq.elts)
    if site.symbol.endswith("vstack"):
        ctx.use("trueno::Matrix")
        return _arr(f"Matrix::vstack(&[{parts}])?", "matrix")
    _vector(ctx)
    return _arr(f"Vector::concat(&[{parts}])?")


@R(FW, "numpy.sort", "ndarray.sort", "numpy.argsort", "ndarray.argsort", "numpy.cumsum",
   "ndarray.cumsum", "numpy.unique", explain="sorted / scanned copy")
def _sorting(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    method = {"sort": "sorted"}.get(name, name)
    src = _operand(ctx, site)
    axis = site.arg(None if site.recv is not None else 1, "axis")
    if axis is not None and name not in ("unique",) and not (
            isinstance(axis, ast.Constant) and axis.value in (None, -1)):
        # Along one axis of a Matrix: each column (axis 0) or row (axis 1) on its own.
        return _arr(f"{receiver(src.code)}.{method}_axis({ctx.num(axis, 'usize')})?", "matrix")
    return _arr(f"{receiver(src.code)}.{method}()")


@R(FW, "numpy.clip", "ndarray.clip", operation="element_wise", explain="clamp to [lo, hi]")
def _clip(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    base = 0 if site.recv is not None else 1
    lo = ctx.num(_need(site, base, "a_min"), "f32")
    hi = ctx.num(_need(site, base + 1, "a_max"), "f32")
    return _arr(f"{receiver(src.code)}.clamp({lo}, {hi})?", _array_kind(src)[0])


@R(FW, "numpy.linalg.norm", operation="reduction", explain="L2 norm")
def _norm(ctx: Ctx, site: CallSite) -> Expr:
    return Expr(f"{receiver(_operand(ctx, site).code)}.norm_l2()?", "f32", rust_type="f32")


@R(FW, "numpy.linalg.inv", operation="matrix_multiply", explain="matrix inverse")
def _inv(ctx: Ctx, site: CallSite) -> Expr:
    return _arr(f"{receiver(_operand(ctx, site).code)}.inverse()?", "matrix")


@R(FW, "numpy.linalg.solve", operation="matrix_multiply", explain="solve A x = b")
def _solve(ctx: Ctx, site: CallSite) -> Expr:
    a = ctx.expr(_need(site, 0, "a"), "f32")
    b = ctx.expr(_need(site, 1, "b"), "f32")
    return _arr(f"{receiver(a.code)}.solve(&{receiver(b.code)})?")


def rng_from_seed(ctx: Ctx, seed: ast.expr | None, cls: str) -> Expr:
    """A seeded ``rand::rngs::StdRng`` (entropy-seeded for ``None``)."""
    ctx.use("rand::rngs::StdRng")
    ctx.use("rand::SeedableRng")
    if seed is None or (isinstance(seed, ast.Constant) and seed.value is None):
        return Expr("StdRng::from_entropy()", "rng", cls, "StdRng")
    return Expr(f"StdRng::seed_from_u64({ctx.num(seed, 'usize')})", "rng", cls, "StdRng")


@R(FW, "numpy.random.seed", explain="seeded random generator (rand crate)")
def _seed(ctx: Ctx, site: CallSite) -> Expr:
    return rng_from_seed(ctx, _need(site, 0, "seed"), "numpy.random.RandomState")


@R(FW, "numpy.random.default_rng", "numpy.random.RandomState",
   explain="seeded random generator (rand crate)")
def _rng(ctx: Ctx, site: CallSite) -> Expr:
    cls = site.symbol if site.symbol.endswith("RandomState") else "numpy.random.Generator"
    return rng_from_seed(ctx, site.arg(0, "seed"), cls)


@R(FW, "rng.randint", "rng.integers", explain="uniform integer in [low, high) (rand crate)")
def _randint(ctx: Ctx, site: CallSite) -> Expr:
    rng = site.recv
    assert rng is not None
    low = ctx.num(_need(site, 0, "low"), "i64")
    high = site.arg(1, "high")
    size = site.arg(2, "size")
    ctx.use("rand::Rng")
    span = f"0..{low}" if high is None else f"{low}..{ctx.num(high, 'i64')}"
    draw = f"{receiver(rng.code)}.gen_range({span})"
    if size is None:
        return Expr(draw, "int", rust_type="i64")
    if isinstance(size, (ast.Tuple, ast.List)):
        raise Unmappable("a shaped array of random integers: draw it row by row")
    count = ctx.num(size, "usize")
    return Expr(f"(0..{count}).map(|_| {draw}).collect::<Vec<i64>>()", "list",
                rust_type="Vec<i64>")


@R(FW, "rng.shuffle", explain="in-place shuffle (rand::seq::SliceRandom)")
def _shuffle(ctx: Ctx, site: CallSite) -> Expr:
    rng = site.recv
    assert rng is not None
    ctx.use("rand::seq::SliceRandom")
    data = ctx.expr(_need(site, 0, "x"))
    return Expr(f"{receiver(data.code)}.shuffle(&mut {rng.code})")


@R(FW, "rng.choice", explain="random element (rand::seq::SliceRandom)")
def _choice(ctx: Ctx, site: CallSite) -> Expr:
    rng = site.recv
    assert rng is not None
    ctx.use("rand::seq::SliceRandom")
    data = ctx.expr(_need(site, 0, "a"))
    size = site.arg(1, "size")
    replace = site.arg(2, "replace")
    if site.arg(3, "p") is not None:
        raise Unmappable("weighted choice (p=...): use rand::distributions::WeightedIndex")
    if size is None:
        return Expr(f"{receiver(data.code)}.choose(&mut {rng.code})")
    count = ctx.num(size, "usize")
    if isinstance(replace, ast.Constant) and replace.value is False:
        # Without replacement: SliceRandom::choose_multiple.
        return Expr(f"{receiver(data.code)}.choose_multiple(&mut {rng.code}, {count})"
                    ".cloned().collect::<Vec<_>>()", "list")
    return Expr(f"(0..{count}).map(|_| {receiver(data.code)}.choose(&mut {rng.code}))"
                ".collect::<Vec<_>>()", "list")


@R(FW, "rng.rand", "rng.randn", "rng.random", "rng.standard_normal",
   explain="random Vector / Matrix from a seeded generator")
def _rng_array(ctx: Ctx, site: CallSite) -> Expr:
    rng = site.recv
    assert rng is not None
    name = site.symbol.rpartition(".")[2]
    dist = "random_normal_with" if name in ("randn", "standard_normal") else (
        "random_uniform_with")
    dims = _dims(ctx, _need(site, 0, "size")) if name in ("random", "standard_normal") else [
        ctx.val(_need(site, i), "usize") for i in range(site.nargs())]
    if not dims:
        ctx.use("rand::Rng")
        return Expr(f"{receiver(rng.code)}.gen::<f32>()", "f32", rust_type="f32")
    cls = "Matrix" if len(dims) == 2 else "Vector"
    ctx.use(f"trueno::{cls}")
    return _arr(f"{cls}::{dist}(&mut {rng.code}, {', '.join(dims)})",
                "matrix" if cls == "Matrix" else "ndarray")


@R(FW, "numpy.random.rand", "numpy.random.randn", explain="random Vector / Matrix")
def _random(ctx: Ctx, site: CallSite) -> Expr:
    dist = "random_normal" if site.symbol.endswith("randn") else "random_uniform"
    dims = [ctx.val(_need(site, i), "usize") for i in range(site.nargs())]
    if len(dims) == 2:
        ctx.use("trueno::Matrix")
        return _arr(f"Matrix::{dist}({dims[0]}, {dims[1]})", "matrix")
    if len(dims) != 1:
        raise Unmappable("random arrays of 1 or 2 dimensions only")
    _vector(ctx)
    return _arr(f"Vector::{dist}({dims[0]})")


_CONSTANTS = {"numpy.pi": "std::f32::consts::PI", "numpy.e": "std::f32::consts::E",
              "numpy.inf": "f32::INFINITY", "numpy.nan": "f32::NAN",
              "numpy.float32": "f32", "numpy.float64": "f64", "numpy.int32": "i32",
              "numpy.int64": "i64", "numpy.bool_": "bool", "numpy.uint8": "u8",
              "numpy.ndarray": "Vector"}


@R(FW, *_CONSTANTS, explain="numeric constant or the matching Rust type")
def _constant(ctx: Ctx, site: CallSite) -> Expr:
    return Expr(_CONSTANTS[site.symbol], "f32", rust_type="f32")


@R(FW, "numpy.where", explain="element-wise select (cond ? a : b) or the indices where true")
def _where(ctx: Ctx, site: CallSite) -> Expr:
    cond = ctx.expr(_need(site, 0, "condition"))
    if site.nargs() == 1:
        return Expr(f"{receiver(cond.code)}.nonzero_indices()", "list", rust_type="Vec<usize>")
    a = ctx.ref(_need(site, 1, "x"))
    b = ctx.ref(_need(site, 2, "y"))
    _vector(ctx)
    return _arr(f"Vector::select({reference_of(cond.code)}, {a}, {b})?")


def reference_of(code: str) -> str:
    return code if code.startswith("&") else f"&{receiver(code)}"


@R(FW, "numpy.flatnonzero", "numpy.nonzero", "numpy.argwhere",
   explain="indices of the non-zero (true) elements")
def _nonzero(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    return Expr(f"{receiver(src.code)}.nonzero_indices()", "list", rust_type="Vec<usize>")


@R(FW, "numpy.any", "numpy.all", "ndarray.any", "ndarray.all", "numpy.count_nonzero",
   "numpy.average", "numpy.bincount", operation="reduction",
   explain="boolean / counting reduction")
def _predicates(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    src = _operand(ctx, site)
    if name in ("any", "all"):
        return Expr(f"{receiver(src.code)}.iter().{name}(|&v| v != 0.0)", "bool",
                    rust_type="bool")
    if name == "count_nonzero":
        return Expr(f"{receiver(src.code)}.iter().filter(|&&v| v != 0.0).count()", "usize",
                    rust_type="usize")
    if name == "bincount":
        return Expr(f"{receiver(src.code)}.bincount()", "list", rust_type="Vec<usize>")
    weights = site.arg(None if site.recv is not None else 2, "weights")
    if weights is not None:
        return Expr(f"{receiver(src.code)}.weighted_mean({ctx.ref(weights)})?", "f32",
                    rust_type="f32")
    return Expr(f"{receiver(src.code)}.mean()?", "f32", rust_type="f32")


@R(FW, "numpy.c_", "numpy.r_", explain="array built by indexing: column stack / concatenation")
def _index_concat(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    if not site.node.args:
        raise Unmappable(f"np.{name} is mapped as np.{name}[a, b, ...]")
    if any(isinstance(a, ast.Slice) for a in site.node.args):
        raise Unmappable(f"slice ranges inside np.{name}[...]: use Vector::arange or linspace")
    parts = ", ".join(ctx.ref(_need(site, i)) for i in range(site.nargs()))
    if name == "c_":
        ctx.use("trueno::Matrix")
        return _arr(f"Matrix::column_stack(&[{parts}])?", "matrix")
    _vector(ctx)
    return _arr(f"Vector::concat(&[{parts}])?")


@R(FW, "numpy.meshgrid", explain="coordinate matrices from two coordinate vectors")
def _meshgrid(ctx: Ctx, site: CallSite) -> Expr:
    if site.nargs() != 2:
        raise Unmappable("meshgrid is mapped for two coordinate vectors")
    x = ctx.ref(_need(site, 0))
    y = ctx.ref(_need(site, 1))
    ctx.use("trueno::Matrix")
    grid = Expr("", "matrix", "numpy.ndarray", "Matrix")
    return Expr(f"Matrix::meshgrid({x}, {y})?", "tuple", parts=(grid, grid))


def _draws(ctx: Ctx, rng: str, dist: str, size: ast.expr | None) -> Expr:
    """``size`` samples of ``dist`` as a Vector / Matrix, or one f32 when ``size`` is None."""
    ctx.use("rand_distr::Distribution")
    if size is None or (isinstance(size, ast.Constant) and size.value is None):
        return Expr(f"{dist}.sample(&mut {rng})", "f32", rust_type="f32")
    dims = _dims(ctx, size)
    if len(dims) == 2:
        ctx.use("trueno::Matrix")
        count = f"{dims[0]} * {dims[1]}"
        return _arr(f"Matrix::from_vec({dims[0]}, {dims[1]}, "
                    f"{dist}.sample_iter(&mut {rng}).take({count}).collect())?", "matrix")
    _vector(ctx)
    return _arr(f"Vector::from_slice(&{dist}.sample_iter(&mut {rng}).take({dims[0]})"
                ".collect::<Vec<f32>>())")


def _generator(site: CallSite) -> str:
    # Module-level np.random.* draws from the global generator: rand's thread-local one.
    return "rand::thread_rng()" if site.recv is None else site.recv.code


@R(FW, "rng.normal", "numpy.random.normal",
   explain="Gaussian samples (rand_distr::Normal; fallible for a negative scale)")
def _normal(ctx: Ctx, site: CallSite) -> Expr:
    loc = ctx.num(site.arg(0, "loc"), "f32", "0.0")
    scale = ctx.num(site.arg(1, "scale"), "f32", "1.0")
    ctx.use("rand_distr::Normal")
    return _draws(ctx, _generator(site), f"Normal::new({loc}, {scale})?",
                  site.arg(2, "size"))


@R(FW, "rng.uniform", "numpy.random.uniform", explain="uniform samples in [low, high)")
def _uniform(ctx: Ctx, site: CallSite) -> Expr:
    low = ctx.num(site.arg(0, "low"), "f32", "0.0")
    high = ctx.num(site.arg(1, "high"), "f32", "1.0")
    ctx.use("rand_distr::Uniform")
    return _draws(ctx, _generator(site), f"Uniform::new({low}, {high})", site.arg(2, "size"))


@R(FW, "numpy.percentile", "numpy.quantile", operation="reduction",
   explain="q-th percentile / quantile of the elements")
def _percentile(ctx: Ctx, site: CallSite) -> Expr:
    src = _operand(ctx, site)
    q = _need(site, 1, "q")
    if isinstance(q, (ast.List, ast.Tuple)) or site.arg(2, "axis") is not None:
        raise Unmappable("several percentiles or an axis: compute them one by one")
    value = ctx.num(q, "f32")
    if site.symbol.endswith("percentile"):
        if isinstance(q, ast.Constant) and isinstance(q.value, (int, float)):
            value = repr(float(q.value) / 100)  # a literal percentile is written as a fraction
        else:
            value = f"{value} / 100.0"
    return Expr(f"{receiver(src.code)}.quantile({value})?", "f32", rust_type="f32")


_GLOBAL_RNG = Expr("rand::thread_rng()", "rng", "numpy.random.RandomState", "ThreadRng")


def _on_global_rng(method: Handler) -> Handler:
    """A ``np.random.<f>`` handler: the RandomState method run on rand's thread-local RNG."""

    def handler(ctx: Ctx, site: CallSite) -> Expr:
        site.recv = _GLOBAL_RNG
        return method(ctx, site)

    return handler


@R(FW, "rng.permutation", explain="shuffled indices 0..n or a shuffled copy (rand crate)")
def _permutation(ctx: Ctx, site: CallSite) -> Expr:
    rng = site.recv
    assert rng is not None
    ctx.use("rand::seq::SliceRandom")
    src = ctx.expr(_need(site, 0, "x"))
    if src.kind in SCALARS:
        items = f"(0..{src.code}).collect::<Vec<usize>>()"
    else:
        items = f"{receiver(src.code)}.to_vec()"
    return Expr(f"{{ let mut p = {items}; p.shuffle(&mut {rng.code}); p }}", "list")


_GLOBAL_DRAWS: tuple[tuple[str, Handler], ...] = (
    ("choice", _choice), ("randint", _randint), ("shuffle", _shuffle),
    ("permutation", _permutation), ("random", _rng_array), ("random_sample", _rng_array),
    ("standard_normal", _rng_array))
for _name, _draw in _GLOBAL_DRAWS:
    R(FW, f"numpy.random.{_name}",
      explain=f"np.random.{_name} on rand's thread-local generator")(_on_global_rng(_draw))
R(FW, "rng.random_sample", explain="uniform Vector / Matrix from a seeded generator")(_rng_array)


@R(FW, "numpy.stack", "numpy.column_stack", explain="arrays joined as the columns / rows of "
   "a Matrix")
def _stack(ctx: Ctx, site: CallSite) -> Expr:
    seq = _need(site, 0, "arrays" if site.symbol.endswith("stack") else "tup")
    if not isinstance(seq, (ast.List, ast.Tuple)):
        raise Unmappable("the arrays to stack must be a literal list or tuple")
    axis = site.arg(1, "axis")
    columns = site.symbol.endswith("column_stack") or (
        isinstance(axis, ast.Constant) and axis.value in (1, -1))
    if axis is not None and not columns and not (
            isinstance(axis, ast.Constant) and axis.value == 0):
        raise Unmappable("stacking along a computed axis")
    parts = ", ".join(ctx.ref(e) for e in seq.elts)
    ctx.use("trueno::Matrix")
    ctor = "column_stack" if columns else "vstack"
    return _arr(f"Matrix::{ctor}(&[{parts}])?", "matrix")


@R(FW, "numpy.isnan", "numpy.isinf", "numpy.isfinite", operation="element_wise",
   explain="element-wise float test -> Vec<bool>")
def _float_test(ctx: Ctx, site: CallSite) -> Expr:
    name = site.symbol.rpartition(".")[2]
    method = {"isnan": "is_nan", "isinf": "is_infinite", "isfinite": "is_finite"}[name]
    src = _operand(ctx, site)
    if src.kind in SCALARS:
        return Expr(f"{receiver(src.code)}.{method}()", "bool", rust_type="bool")
    return Expr(f"{receiver(src.code)}.iter().map(|v| v.{method}()).collect::<Vec<bool>>()",
                "list", rust_type="Vec<bool>")


@R(FW, "numpy.allclose", "numpy.isclose", operation="element_wise",
   explain="|a - b| <= atol + rtol * |b|, element by element (NumPy's defaults)")
def _allclose(ctx: Ctx, site: CallSite) -> Expr:
    a = ctx.expr(_need(site, 0, "a"), "f32")
    b = ctx.expr(_need(site, 1, "b"), "f32")
    rtol = ctx.num(site.arg(2, "rtol"), "f32", "1e-5")
    atol = ctx.num(site.arg(3, "atol"), "f32", "1e-8")
    close = f"|(p, q)| (p - q).abs() <= {atol} + {rtol} * q.abs()"
    pairs = f"{receiver(a.code)}.iter().zip({receiver(b.code)}.iter())"
    if site.symbol.endswith("allclose"):
        return Expr(f"{pairs}.all({close})", "bool", rust_type="bool")
    return Expr(f"{pairs}.map({close}).collect::<Vec<bool>>()", "list", rust_type="Vec<bool>")


@R(FW, "numpy.newaxis", explain="a new axis of length 1: the Vector as a column / row Matrix")
def _newaxis(ctx: Ctx, site: CallSite) -> Expr:
    # The engine passes (array, position of np.newaxis in the index: 0 = row, 1 = column).
    where = site.arg(1)
    if site.nargs() != 2 or not isinstance(where, ast.Constant):
        raise Unmappable("np.newaxis is mapped in x[:, np.newaxis] and x[np.newaxis, :]")
    ctx.use("trueno::Matrix")
    data = ctx.ref(_need(site, 0))
    return _arr(f"Matrix::{'column_stack' if where.value == 1 else 'vstack'}(&[{data}])?",
                "matrix")
