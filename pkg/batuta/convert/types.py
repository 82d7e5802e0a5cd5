"""Rust types as the converter handles them: full-path strings, read from the tables.

A type is a string of Rust with every crate type written by its full path
(``aprender::primitives::Matrix<f32>``, ``trueno::Vector<f32>``, ``Vec<usize>``, ``f32``), so
aprender's ``Vector`` and trueno's ``Vector`` never meet under one name. ``from_table`` turns a
signature's type (``&crate::primitives::Matrix<f32>``, ``Self``, ``Result<Vec<usize>>``) into
this form; ``render`` shortens the paths again for the module it writes, with ``use`` lines.
The second layer of the converter: it reads ``targets`` and knows nothing about Python.
"""

from __future__ import annotations

import re

from batuta.convert.targets import Item

APRENDER_MATRIX = "aprender::primitives::Matrix<f32>"
APRENDER_VECTOR = "aprender::primitives::Vector<f32>"
TRUENO_VECTOR = "trueno::Vector<f32>"
TRUENO_MATRIX = "trueno::Matrix<f32>"
TENSOR = "realizar::Tensor<f32>"
LABELS = "Vec<usize>"
FLOATS = "Vec<f32>"

SCALARS = frozenset({"f32", "f64", "i64", "i32", "u32", "u64", "usize", "bool"})
INTEGERS = frozenset({"i64", "i32", "u32", "u64", "usize"})
FLOATS_T = frozenset({"f32", "f64"})
DISPLAY = SCALARS | {"String", "&str"}
"""Types ``println!("{}")`` can print (std's ``Display``)."""

DEBUG = DISPLAY | {"Vec<f32>", "Vec<usize>", "Vec<i64>", "Vec<String>", "Vec<&str>",
                   "Vec<bool>", "(usize, usize)", "Vec<Vec<f32>>", "Vec<i32>", "Vec<u32>"}
"""std types printed with ``{:?}``."""

_TYPE_HOME = {
    "aprender": {"Matrix": "aprender::primitives::Matrix",
                 "Vector": "aprender::primitives::Vector",
                 "Linkage": "aprender::cluster::Linkage",
                 "CovarianceType": "aprender::cluster::CovarianceType",
                 "Average": "aprender::metrics::classification::Average",
                 "KFold": "aprender::model_selection::KFold",
                 "CrossValidationResult": "aprender::model_selection::CrossValidationResult"},
    "trueno": {"Vector": "trueno::Vector", "Matrix": "trueno::Matrix"},
    "realizar": {"Tensor": "realizar::Tensor", "InferenceConfig": "realizar::InferenceConfig",
                 "InferenceResult": "realizar::InferenceResult",
                 "Model": "realizar::layers::Model", "Linear": "realizar::layers::Linear",
                 "LayerNorm": "realizar::layers::LayerNorm",
                 "Embedding": "realizar::layers::Embedding",
                 "ModelConfig": "realizar::layers::ModelConfig",
                 "GenerationConfig": "realizar::generate::GenerationConfig",
                 "Tokenizer": "realizar::tokenizer::Tokenizer"},
}

_RESULT = re.compile(r"^(?:std::result::)?(?:crate::)?(?:error::)?Result<(.*)>$")


def _split_top(text: str) -> list[str]:
    """Split ``A, B<C, D>`` at top-level commas."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def result_parts(returns: str) -> tuple[str, bool]:
    """``Result<T, E>`` -> ``(T, True)``; a plain value -> ``(value, False)``."""
    match = _RESULT.match(returns.strip())
    if not match:
        return returns.strip(), False
    inner = _split_top(match.group(1))
    return (inner[0] if inner else "()"), True


def from_table(rust_type: str, item: Item, generic: str = "") -> str:
    """A signature's type in full-path form (``Self`` and crate-relative names resolved;
    the type parameter ``T`` bound to ``generic``, else to ``f32``)."""
    home = _TYPE_HOME.get(item.crate, {})
    self_type = item.self_type or ""
    text = rust_type.replace("crate::", f"{item.crate}::")
    if generic:
        text = re.sub(r"\bT\b", generic, text)
        self_type = re.sub(r"\bT\b", generic, self_type)
    if self_type:
        owner = item.path.rpartition("::")[0]
        generic = self_type.partition("<")[2]
        self_full = owner + (f"<{generic}" if generic else "")
        text = re.sub(r"\bSelf\b", self_full, text)

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        start = match.start()
        if start >= 2 and text[start - 2:start] == "::":
            return word
        return home.get(word, word)

    text = re.sub(r"[A-Za-z_][A-Za-z0-9_]*", name, text)
    # `Vector<T>` methods of a generic impl: the converter only makes f32 values.
    return re.sub(r"<T>", "<f32>", text)


def owned(rust_type: str) -> str:
    """The value type a parameter type refers to: ``&[usize]`` -> ``Vec<usize>``,
    ``&Matrix<f32>`` -> ``Matrix<f32>``, ``&str`` stays."""
    t = rust_type.strip()
    if t in ("&str", "&'static str"):
        return "&str"
    if t.startswith("&mut "):
        t = t[5:]
    elif t.startswith("&"):
        t = t[1:]
    if t.startswith("[") and t.endswith("]"):
        return f"Vec<{t[1:-1]}>"
    return t


def deref(rust_type: str) -> str:
    """``&T`` / ``&mut T`` -> ``T`` (``&str`` stays)."""
    if rust_type == "&str":
        return rust_type
    if rust_type.startswith("&mut "):
        return rust_type[5:]
    return rust_type[1:] if rust_type.startswith("&") else rust_type


def is_copy(rust_type: str) -> bool:
    return rust_type in SCALARS or rust_type == "&str" or rust_type.startswith("&")


def default_value(rust_type: str) -> str | None:
    """A value to pre-declare a variable with (``None``: the type has no cheap default)."""
    if rust_type in FLOATS_T:
        return "0.0"
    if rust_type in INTEGERS:
        return "0"
    if rust_type == "bool":
        return "false"
    if rust_type == "String":
        return "String::new()"
    if rust_type.startswith("Vec<"):
        return "Vec::new()"
    return None


def type_path(rust_type: str) -> str:
    """The path of a type without generics and references: ``&trueno::Vector<f32>`` ->
    ``trueno::Vector``."""
    return deref(rust_type).partition("<")[0]


MARK_OPEN, MARK_CLOSE = "\x01", "\x02"
"""The emitter writes crate paths between these marks; ``render`` resolves them."""

_MARKED = re.compile("\x01([^\x01\x02]*)\x02")


def mark(path: str) -> str:
    """A crate path in emitted code, to be shortened by ``render``."""
    return f"{MARK_OPEN}{path}{MARK_CLOSE}"


def marked_type(rust_type: str) -> str:
    """A full-path type with every crate path marked."""
    return re.sub(r"\b(?:aprender|trueno|realizar)(?:::[A-Za-z_][A-Za-z0-9_]*)+",
                  lambda m: mark(m.group(0)), rust_type)


def render(code: str, taken: set[str]) -> tuple[str, set[str]]:
    """Resolve marked paths: a type becomes its last name (``use`` added) where no other
    marked path or name in ``taken`` shares it; a function becomes ``module::name`` (the module
    imported); anything ambiguous keeps its full path. Returns the code and the ``use`` paths.
    """
    paths = set(_MARKED.findall(code))
    by_name: dict[str, set[str]] = {}
    for path in paths:
        head, _, last = path.rpartition("::")
        key = last if last[:1].isupper() else head.rpartition("::")[2]
        by_name.setdefault(key, set()).add(path if last[:1].isupper() else head)
    short: dict[str, str] = {}
    uses: set[str] = set()
    for path in paths:
        head, _, last = path.rpartition("::")
        if last[:1].isupper():
            if len(by_name[last]) == 1 and last not in taken:
                short[path] = last
                uses.add(path)
        else:
            module = head.rpartition("::")[2]
            if "::" in head and module[:1].islower() and len(by_name[module]) == 1 and (
                    module not in taken):
                short[path] = f"{module}::{last}"
                uses.add(head)
    out = _MARKED.sub(lambda m: short.get(m.group(1), m.group(1)), code)
    return out, uses
