"""Stub crates for trueno, aprender and realizar, generated from the crate-API tables.

This module owns turning ``shared/crate-api/*.json`` (the public API of the three Rust crates
the converter targets, read from their sources) into three compilable Rust crates with the
same module paths, signatures, receivers, return types, trait definitions and trait impls,
every body ``unimplemented!()``. ``cargo check --offline`` of converted code against them
then says whether that code type-checks against the real APIs, on a machine with no
crates.io access.

The stubs are written as a cargo *directory source* (``<out>/<crate>/`` with a
``.cargo-checksum.json`` each), so a crate that depends on ``trueno = "=0.10.1"`` (the
versions of the tables) checks unchanged with::

    cargo check --offline \\
        --config 'source.crates-io.replace-with="batuta-stubs"' \\
        --config 'source.batuta-stubs.directory="<out>"'

(:func:`cargo_config_args` returns those arguments.)

Whole tables are stubbed, less what the crates' default features leave out (``cfg``). Left
out as well (:func:`coverage` lists them): realizar's 34 re-exports of other crates' items
(``contract_gate::*`` from trueno 0.17, ``quantize::*`` from trueno-quant), whose signatures
the tables do not hold. Types from other crates (serde_json, tokio, trueno-gpu, ...) in
signatures become opaque local stand-ins under ``__ext`` (with the std traits a derive may
need); std types stay std. Methods of trait impls whose trait the tables do not define
(aprender's ``explainable`` and ``neighbors`` traits) are stubbed as inherent methods.

Run: ``python tools/rust_stubs.py OUT_DIR [--api DIR] [--check]``. ``--api`` defaults to
``$BATUTA_CRATE_API`` or the first of ``<repo>/../shared/crate-api`` and
``/work/shared/crate-api`` that exists. ``--check`` runs ``cargo check --offline`` on the
three stubs and prints the time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE_NAME = "batuta-stubs"
CRATE_NAMES = ("trueno", "aprender", "realizar")
APRENDER_VERSION = "0.29.3"
"""aprender's table is labelled 0.29 (root Cargo.toml @02905dd4 says 0.29.3; some items are
from the 0.26 fork where no 0.29 file was available: each item says which)."""

Item = dict[str, Any]

# Names the std prelude (or the language) provides: never resolved against a crate.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRELUDE = _words(
    "Vec Option Some None Result Ok Err String Box ToString ToOwned Iterator IntoIterator "
    "DoubleEndedIterator ExactSizeIterator Extend FromIterator Default Clone Copy Send Sync "
    "Sized Unpin Fn FnMut FnOnce Drop PartialEq Eq PartialOrd Ord AsRef AsMut From Into "
    "TryFrom TryInto Self self super crate str bool char u8 u16 u32 u64 u128 usize i8 i16 "
    "i32 i64 i128 isize f32 f64 dyn impl mut const fn for where as unsafe extern static "
    "async move ref type")
# Common std names a signature writes unqualified after a `use`.
STD_NAMES = {
    "HashMap": "std::collections::HashMap", "HashSet": "std::collections::HashSet",
    "BTreeMap": "std::collections::BTreeMap", "BTreeSet": "std::collections::BTreeSet",
    "VecDeque": "std::collections::VecDeque", "BinaryHeap": "std::collections::BinaryHeap",
    "Arc": "std::sync::Arc", "Mutex": "std::sync::Mutex", "RwLock": "std::sync::RwLock",
    "MutexGuard": "std::sync::MutexGuard", "Rc": "std::rc::Rc", "RefCell": "std::cell::RefCell",
    "Cell": "std::cell::Cell", "PathBuf": "std::path::PathBuf", "Path": "std::path::Path",
    "Duration": "std::time::Duration", "Instant": "std::time::Instant",
    "SystemTime": "std::time::SystemTime", "fmt": "std::fmt", "Formatter": "std::fmt::Formatter",
    "Ordering": "std::cmp::Ordering", "PhantomData": "std::marker::PhantomData",
    "Range": "std::ops::Range", "Cow": "std::borrow::Cow", "io": "std::io",
    "File": "std::fs::File", "Display": "std::fmt::Display", "Debug": "std::fmt::Debug",
    "Hash": "std::hash::Hash", "Hasher": "std::hash::Hasher", "Any": "std::any::Any",
    "TypeId": "std::any::TypeId", "NonZeroUsize": "std::num::NonZeroUsize",
    "AtomicUsize": "std::sync::atomic::AtomicUsize", "AtomicBool": "std::sync::atomic::AtomicBool",
    "AtomicU64": "std::sync::atomic::AtomicU64", "Sender": "std::sync::mpsc::Sender",
    "Receiver": "std::sync::mpsc::Receiver", "Future": "std::future::Future",
    "Pin": "std::pin::Pin", "Deref": "std::ops::Deref", "DerefMut": "std::ops::DerefMut",
    "BufReader": "std::io::BufReader", "BufWriter": "std::io::BufWriter",
    "Read": "std::io::Read", "Write": "std::io::Write", "BufRead": "std::io::BufRead",
    "Seek": "std::io::Seek", "FromStr": "std::str::FromStr", "Borrow": "std::borrow::Borrow",
    "OnceLock": "std::sync::OnceLock", "Weak": "std::sync::Weak", "Error": "std::error::Error",
    "JoinHandle": "std::thread::JoinHandle", "Ipv4Addr": "std::net::Ipv4Addr",
    "SocketAddr": "std::net::SocketAddr", "RangeInclusive": "std::ops::RangeInclusive",
    "Add": "std::ops::Add", "Sub": "std::ops::Sub", "Mul": "std::ops::Mul",
    "Div": "std::ops::Div", "Neg": "std::ops::Neg", "Index": "std::ops::Index",
    "IndexMut": "std::ops::IndexMut", "Sum": "std::iter::Sum", "Peekable": "std::iter::Peekable",
}
STD_ROOTS = ("std", "core", "alloc")
SHADOWABLE = {"Result": "::core::result::Result", "Option": "::core::option::Option",
              "Vec": "::std::vec::Vec", "String": "::std::string::String",
              "Box": "::std::boxed::Box"}
DERIVABLE = ("Debug", "Clone", "Copy", "PartialEq", "Eq", "PartialOrd", "Ord", "Hash", "Default")
# What `cfg(...)` is on the machine that builds the user's crate (x86_64 Linux, no test).
TARGET_CFG = {"target_arch": "x86_64", "target_os": "linux", "target_family": "unix",
              "target_pointer_width": "64", "target_endian": "little"}
TRUE_FLAGS = frozenset({"unix", "debug_assertions"})

# Required methods of the std traits the crates implement, in impl form ({R}: the trait's
# first generic argument, or Self).
STD_TRAIT_METHODS: dict[str, list[str]] = {
    "Default": ["fn default() -> Self"],
    "Clone": ["fn clone(&self) -> Self"],
    "Display": ["fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result"],
    "Debug": ["fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result"],
    "Error": [], "Send": [], "Sync": [], "Copy": [], "Eq": [], "ExactSizeIterator": [],
    "Unpin": [], "FusedIterator": [], "StructuralPartialEq": [],
    "From": ["fn from(value: {R}) -> Self"],
    "Drop": ["fn drop(&mut self)"],
    "Iterator": ["fn next(&mut self) -> Option<Self::Item>"],
    "DoubleEndedIterator": ["fn next_back(&mut self) -> Option<Self::Item>"],
    "Deref": ["fn deref(&self) -> &Self::Target"],
    "DerefMut": ["fn deref_mut(&mut self) -> &mut Self::Target"],
    "Index": ["fn index(&self, index: {R}) -> &Self::Output"],
    "IndexMut": ["fn index_mut(&mut self, index: {R}) -> &mut Self::Output"],
    "Add": ["fn add(self, rhs: {R}) -> Self::Output"],
    "Sub": ["fn sub(self, rhs: {R}) -> Self::Output"],
    "Mul": ["fn mul(self, rhs: {R}) -> Self::Output"],
    "Div": ["fn div(self, rhs: {R}) -> Self::Output"],
    "Neg": ["fn neg(self) -> Self::Output"],
    "AddAssign": ["fn add_assign(&mut self, rhs: {R})"],
    "PartialEq": ["fn eq(&self, other: &{R}) -> bool"],
    "PartialOrd": ["fn partial_cmp(&self, other: &{R}) -> Option<::std::cmp::Ordering>"],
    "Ord": ["fn cmp(&self, other: &Self) -> ::std::cmp::Ordering"],
    "Hash": ["fn hash<H: ::std::hash::Hasher>(&self, state: &mut H)"],
    "FromStr": ["fn from_str(s: &str) -> Result<Self, Self::Err>"],
    "TryFrom": ["fn try_from(value: {R}) -> Result<Self, Self::Error>"],
    "AsRef": ["fn as_ref(&self) -> &{R}"],
    "AsMut": ["fn as_mut(&mut self) -> &mut {R}"],
    "Borrow": ["fn borrow(&self) -> &{R}"],
    "IntoIterator": ["fn into_iter(self) -> Self::IntoIter"],
    "FromIterator": ["fn from_iter<I: IntoIterator<Item = {R}>>(iter: I) -> Self"],
    "Extend": ["fn extend<I: IntoIterator<Item = {R}>>(&mut self, iter: I)"],
    "Sum": ["fn sum<I: Iterator<Item = {R}>>(iter: I) -> Self"],
    "Write": ["fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize>",
              "fn flush(&mut self) -> ::std::io::Result<()>"],
    "Read": ["fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize>"],
}
STD_ASSOC_DEFAULTS = {"FromStr": {"Err": "()"}, "TryFrom": {"Error": "()"},
                      "Iterator": {"Item": "()"}, "Deref": {"Target": "()"},
                      "IntoIterator": {"Item": "()", "IntoIter": "::std::vec::IntoIter<()>"}}
UNSAFE_TRAITS = frozenset({"Send", "Sync"})
EXCLUDED: dict[str, str] = {}
"""Items left out on purpose: table path -> why (filled as compile checks found them)."""


class StubError(Exception):
    """The tables cannot be read, or the generated stubs do not compile."""


# --------------------------------------------------------------------------- cfg


def _split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside brackets; empty parts are dropped."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}" and not (ch == ">" and i > 0 and text[i - 1] == "-"):
            depth -= 1
        if depth == 0 and text.startswith(sep, i):
            parts.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def cfg_holds(cfg: str | None, features: frozenset[str]) -> bool:
    """Evaluate a ``cfg`` condition for x86_64 Linux with ``features`` enabled."""
    if not cfg:
        return True
    cfg = cfg.strip()
    m = re.fullmatch(r"(all|any|not)\s*\((.*)\)", cfg, re.S)
    if m:
        args = [cfg_holds(a, features) for a in _split_top(m.group(2))]
        if m.group(1) == "all":
            return all(args)
        if m.group(1) == "any":
            return any(args)
        return not args[0]
    m = re.fullmatch(r'(\w+)\s*=\s*"([^"]*)"', cfg)
    if m:
        if m.group(1) == "feature":
            return m.group(2) in features
        return TARGET_CFG.get(m.group(1)) == m.group(2)
    return cfg in TRUE_FLAGS


def default_features(table: Mapping[str, Any]) -> frozenset[str]:
    """The crate's features enabled by `default`, expanded (``dep:`` entries dropped)."""
    table_features: Mapping[str, list[str]] = table.get("features") or {}
    todo, seen = list(table_features.get("default", [])), {"default"}
    while todo:
        name = todo.pop()
        if name in seen or name.startswith("dep:") or "/" in name:
            continue
        seen.add(name)
        todo.extend(table_features.get(name, []))
    return frozenset(seen)


# --------------------------------------------------------------------------- tables


def api_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the crate-API tables are: the argument, ``$BATUTA_CRATE_API``, or shared/."""
    candidates = [explicit, os.environ.get("BATUTA_CRATE_API"),
                  ROOT.parent / "shared" / "crate-api", "/work/shared/crate-api"]
    for cand in candidates:
        if cand and (Path(cand) / "trueno.json").is_file():
            return Path(cand)
    raise StubError("crate-api tables not found (pass --api or set BATUTA_CRATE_API)")


def load_tables(api: Path) -> dict[str, dict[str, Any]]:
    """The three tables, by crate name."""
    try:
        return {name: json.loads((api / f"{name}.json").read_text(encoding="utf-8"))
                for name in CRATE_NAMES}
    except (OSError, ValueError) as exc:
        raise StubError(f"cannot read the crate-api tables in {api}: {exc}") from exc


def table_version(name: str, table: Mapping[str, Any]) -> str:
    """The version a stub crate (and a converted crate's pin) carries."""
    return APRENDER_VERSION if name == "aprender" else str(table["version"])


def _normalise(name: str, table: Mapping[str, Any]) -> list[Item]:
    """Items in one shape across the tables (aprender's richer shape mapped onto the README's),
    those the default features leave out dropped."""
    feats = default_features(table)
    out: list[Item] = []
    for raw in table["items"]:
        item = dict(raw)
        if not cfg_holds(item.get("cfg"), feats) or item["path"] in EXCLUDED:
            continue
        kind = item["kind"]
        if kind == "module":
            item["kind"] = "mod"
        elif kind == "trait_impl_method":
            item["kind"] = "method" if item.get("receiver") else "fn"
            item["impl_of"] = item["via_trait"].rsplit("::", 1)[-1]
            item["trait_path"] = item["via_trait"]
        if "impl_where" in item and not item.get("impl_bounds"):
            item["impl_bounds"] = _strip_where(item["impl_where"])
        if "where" in item and not item.get("bounds"):
            item["bounds"] = _strip_where(item["where"])
        if name == "aprender" and kind == "impl":
            item["impl_generics"] = item.get("generics", "")
            item["impl_of"] = item.get("trait_text") or item["impl_of"]
        out.append(item)
    return out


def _strip_where(text: str | None) -> str:
    text = (text or "").strip()
    text = re.sub(r"^where\b", "", text).strip()
    return text.rstrip(",").strip()


# --------------------------------------------------------------------------- resolver

TOKEN = re.compile(r"'[A-Za-z_]\w*|(?:::)?[A-Za-z_]\w*(?:\s*::\s*[A-Za-z_]\w*)*|\d[\w.]*|->|\S")


@dataclass
class Resolver:
    """Maps the type names a signature writes to paths inside the stub crate."""

    crate: str
    canon: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ext_types: dict[str, int] = field(default_factory=dict)
    ext_traits: dict[str, int] = field(default_factory=dict)
    has_result_alias: bool = False
    types: set[str] = field(default_factory=set)
    homes: dict[str, str] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        path = item["path"]
        self.homes[path] = (item.get("defined_at") or path).rsplit("::", 1)[0]
        self.canon.setdefault(path, path)
        for alias in [item.get("defined_at"), *(item.get("also_at") or [])]:
            if alias:
                self.canon.setdefault(alias, path)
        if item["kind"] in ("struct", "enum", "trait", "type", "union"):
            self.types.add(path)
        if item["kind"] in ("struct", "enum", "trait", "type", "union", "const", "static"):
            self.by_name[path.rsplit("::", 1)[-1]].append(path)
        if item["kind"] == "type" and path.rsplit("::", 1)[-1] == "Result":
            self.has_result_alias = True

    def stub_path(self, table_path: str) -> str:
        return "crate::" + table_path.split("::", 1)[1] if "::" in table_path else "crate"

    def lookup(self, full: str) -> str | None:
        """A table path (``crate::a::B``, ``aprender::a::B``, ``B::Variant``) -> stub path."""
        segs = full.split("::")
        if segs[0] in ("crate", "$crate"):
            segs[0] = self.crate
        full = "::".join(segs)
        if full in self.canon:
            return self.stub_path(self.canon[full])
        for cut in range(len(segs) - 1, 1, -1):
            head = "::".join(segs[:cut])
            # `Type::Variant`, `Type::Assoc`: a prefix counts only when it names a type.
            if head in self.canon and self.canon[head] in self.types:
                return "::".join([self.stub_path(self.canon[head]), *segs[cut:]])
        return None

    def by_simple(self, name: str, home: str) -> str | None:
        cands = self.by_name.get(name)
        if not cands:
            return None
        def rank(cand: str) -> tuple[int, int, int]:
            # The same defining module first, then the most shared leading segments.
            defined = self.homes.get(cand, cand.rsplit("::", 1)[0])
            shared = 0
            for a, b in zip(defined.split("::"), home.split("::"), strict=False):
                if a != b:
                    break
                shared += 1
            return (defined != home and cand.rsplit("::", 1)[0] != home, -shared, len(cand))

        return self.stub_path(min(cands, key=rank))

    def external(self, full: str, trait: bool, nargs: int) -> str:
        ident = re.sub(r"\W", "_", full.replace("::", "__"))
        book = self.ext_traits if trait else self.ext_types
        book[ident] = max(book.get(ident, 0), nargs)
        return f"crate::__ext::{ident}"


@dataclass
class Ctx:
    """Where a signature is written: its refs, generic names and defining module."""

    refs: Mapping[str, str]
    generics: frozenset[str]
    home: str


def _generic_names(*texts: str | None) -> set[str]:
    names: set[str] = set()
    for text in texts:
        inner = (text or "").strip()
        if inner.startswith("<") and inner.endswith(">"):
            inner = inner[1:-1]
        for part in _split_top(inner):
            m = re.match(r"(?:const\s+)?([A-Za-z_]\w*)", part)
            if m:
                names.add(m.group(1))
    return names


def _count_args(tokens: list[str], i: int) -> tuple[int, int]:
    """If tokens[i] is '<', the number of top-level generic args and the index after '>'."""
    if i >= len(tokens) or tokens[i] != "<":
        return 0, i
    depth, n, j = 0, 1, i
    while j < len(tokens):
        tok = tokens[j]
        if tok in "<([":
            depth += 1
        elif tok in ">)]" and not (j > 0 and tokens[j - 1] == "-"):
            depth -= 1
            if depth == 0:
                return n, j + 1
        elif tok == "," and depth == 1:
            n += 1
        j += 1
    return n, j


def rewrite(res: Resolver, text: str, ctx: Ctx, bounds: bool = False) -> str:
    """Rewrite every path in a type (or bounds) text to a stub-crate path."""
    tokens = TOKEN.findall(text)
    out: list[str] = []
    depth = 0
    for i, tok in enumerate(tokens):
        if tok in "<([":
            depth += 1
        elif tok in ">)]" and not (tok == ">" and out and out[-1] == "-"):
            depth -= 1
        if not re.match(r"(?:::)?[A-Za-z_]", tok):
            out.append(tok)
            continue
        prev = out[-1] if out else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        path = re.sub(r"\s+", "", tok)
        if prev == "::" or (nxt == "=" and (i + 2 >= len(tokens) or tokens[i + 2] != "=")):
            out.append(path)  # an associated-type binding (`Item = X`) or a tail segment
            continue
        trait = prev in ("dyn", "impl", "+", "?") or (bounds and depth == 0 and prev != "->")
        nargs, _ = _count_args(tokens, i + 1)
        out.append(_resolve(res, path, ctx, trait, nargs))
    return _join(out)


def _join(tokens: list[str]) -> str:
    text = ""
    for tok in tokens:
        word = bool(re.match(r"[\w']", tok))
        if text and word and re.search(r"[\w'>)\]]$", text):
            text += " "
        elif tok in ("+", "=", "->") or (tok == ":" and not text.endswith(":")):
            text += " " if tok != ":" else ""
        text += tok
        if tok in ("+", "=", ",", ":") and not text.endswith("::"):
            text += " "
    text = re.sub(r"- >", "->", text)
    text = re.sub(r"\s*->\s*", " -> ", text)
    text = re.sub(r":\s+:", "::", text)
    return re.sub(r"\s+", " ", text).strip()


def _resolve(res: Resolver, path: str, ctx: Ctx, trait: bool, nargs: int) -> str:
    absolute = path.startswith("::")
    path = path.lstrip(":")
    segs = path.split("::")
    first = segs[0]
    if first in ctx.generics or (first in ("Self", "self", "super") and len(segs) > 1):
        return path if first != "super" else _resolve_super(res, path, ctx)
    if len(segs) == 1 and first in PRELUDE:
        if first == "Result" and nargs == 1 and res.has_result_alias:
            return res.lookup(f"{res.crate}::Result") or "Result"
        # Fully qualified: a crate's own `Result`/`Error` alias must not capture them.
        return SHADOWABLE.get(path, path)
    return _resolve_named(res, path, ctx, trait, nargs, absolute)


def _resolve_named(res: Resolver, path: str, ctx: Ctx, trait: bool, nargs: int,
                   absolute: bool) -> str:
    segs = path.split("::")
    first = segs[0]
    if not absolute and path in ctx.refs:
        return _resolve_abs(res, ctx.refs[path], trait, nargs)
    if not absolute and first in ctx.refs and len(segs) > 1:
        return _resolve_abs(res, "::".join([ctx.refs[first], *segs[1:]]), trait, nargs)
    if absolute or first in (*STD_ROOTS, "crate", res.crate) or len(segs) > 1:
        found = res.lookup(path) if first not in STD_ROOTS else None
        if not found and first in ("crate", res.crate):
            found = res.by_simple(segs[-1], ctx.home)  # a private defining path
        if found or first in (*STD_ROOTS, "crate", res.crate):
            return found or _resolve_abs(res, path, trait, nargs)
        near = res.by_simple(first, ctx.home)
        if near:
            return "::".join([near, *segs[1:]])
        if first in STD_NAMES:
            return "::".join(["::" + STD_NAMES[first], *segs[1:]])
        return _resolve_abs(res, path, trait, nargs)
    near = res.by_simple(first, ctx.home)
    if near:
        return near
    if first in STD_NAMES:
        return "::" + STD_NAMES[first]
    return res.external(path, trait, nargs)


def _resolve_super(res: Resolver, path: str, ctx: Ctx) -> str:
    home = ctx.home.split("::")
    segs = path.split("::")
    while segs and segs[0] == "super":
        segs.pop(0)
        home.pop()
    return res.lookup("::".join(home + segs)) or res.external(path, False, 0)


def _resolve_abs(res: Resolver, full: str, trait: bool, nargs: int) -> str:
    first = full.split("::")[0]
    if first in STD_ROOTS:
        return "::" + full
    if first in (res.crate, "crate"):
        found = res.lookup(full) or res.by_simple(full.rsplit("::", 1)[-1], "")
        if found:
            return found
    return res.external(full, trait, nargs)


# --------------------------------------------------------------------------- emitter


@dataclass
class Unit:
    """One emitted piece of Rust (an item, a method, an impl) and the table path it is from."""

    path: str
    text: str


@dataclass
class Module:
    """A module of the stub crate being built."""

    public: bool = True
    units: list[Unit] = field(default_factory=list)
    children: dict[str, Module] = field(default_factory=dict)

    def at(self, segs: Iterable[str]) -> Module:
        mod = self
        for seg in segs:
            mod = mod.children.setdefault(seg, Module())
        return mod


class CrateBuilder:
    """Builds one stub crate's ``lib.rs`` from its normalised items."""

    def __init__(self, name: str, items: list[Item]) -> None:
        self.name = name
        self.items = items
        self.res = Resolver(name)
        for item in items:
            if item["kind"] in ("struct", "enum", "trait", "type", "union", "fn", "const",
                                "static", "mod", "macro"):
                self.res.add(item)
        self.root = Module()
        self.emitted: set[str] = set()
        self.defined: dict[str, Item] = {}
        self.kinds = {i["path"]: i["kind"] for i in items if i["kind"] not in ("impl",)}

    # -- helpers ---------------------------------------------------------------

    def ctx(self, item: Item, owner: str | None = None) -> Ctx:
        gens = _generic_names(item.get("generics"), item.get("impl_generics"))
        home_path = item.get("defined_at") or item["path"]
        home = home_path.rsplit("::", 1)[0]
        if owner:
            home = (self.defined.get(owner, {}).get("defined_at") or owner).rsplit("::", 1)[0]
        return Ctx(item.get("refs") or {}, frozenset(gens), home)

    def ty(self, text: str | None, ctx: Ctx) -> str:
        return rewrite(self.res, text or "()", ctx)

    def generics(self, text: str | None, ctx: Ctx) -> str:
        inner = (text or "").strip()
        if not inner:
            return ""
        if inner.startswith("<") and inner.endswith(">"):
            inner = inner[1:-1]
        parts = []
        for part in _split_top(inner):
            name, _, rest = part.partition(":")
            if part.startswith("const "):
                parts.append(re.sub(r":\s*(.*)", lambda m: ": " + self.ty(m.group(1), ctx), part))
            elif rest and not name.strip().startswith("'"):
                bound, _, default = rest.partition("=")
                text = f"{name.strip()}: {rewrite(self.res, bound, ctx, bounds=True)}"
                parts.append(text + (f" = {self.ty(default, ctx)}" if default.strip() else ""))
            elif "=" in part and not part.strip().startswith("'"):
                pname, _, default = part.partition("=")
                parts.append(f"{pname.strip()} = {self.ty(default, ctx)}")
            else:
                parts.append(part.strip())
        return "<" + ", ".join(parts) + ">"

    def where(self, text: str | None, ctx: Ctx) -> str:
        text = _strip_where(text)
        if not text:
            return ""
        clauses = []
        for clause in _split_top(text):
            lhs, _, rhs = clause.partition(":")
            clauses.append(f"{self.ty(lhs, ctx)}: {rewrite(self.res, rhs, ctx, bounds=True)}")
        return " where " + ", ".join(clauses)

    def signature(self, fn: Item, ctx: Ctx, vis: str) -> str:
        name = fn.get("name") or fn["path"].rsplit("::", 1)[-1]
        quals = "".join(q + " " for q in ("const", "async", "unsafe") if fn.get(q))
        if fn.get("extern"):
            quals += f'extern "{fn["extern"]}" ' if fn["extern"] is not True else 'extern "C" '
        params = []
        if fn.get("receiver"):
            params.append(self.receiver(fn["receiver"], ctx))
        for pname, ptype in fn.get("params") or []:
            pat = pname if re.fullmatch(r"(mut\s+)?[A-Za-z_]\w*", pname) else "_"
            params.append(f"{pat}: {self.ty(ptype, ctx)}")
        ret = (fn.get("returns") or "()").strip()
        arrow = "" if ret == "()" else f" -> {self.ty(ret, ctx)}"
        gens = self.generics(fn.get("generics"), ctx)
        return (f"{vis}{quals}fn {name}{gens}({', '.join(params)}){arrow}"
                f"{self.where(fn.get('bounds'), ctx)}")

    def receiver(self, text: str, ctx: Ctx) -> str:
        m = re.fullmatch(r"(mut\s+)?self\s*:\s*(.+)", text.strip())
        return f"self: {self.ty(m.group(2), ctx)}" if m else text.strip()

    def body(self, fn: Item) -> str:
        ret = (fn.get("returns") or "").strip()
        if ret.startswith("impl Iterator") or ret.startswith("impl ExactSizeIterator"):
            return " { ::core::iter::empty() }"
        return " { unimplemented!() }"

    # -- items -----------------------------------------------------------------

    def build(self) -> str:
        self.place_modules()
        by_kind: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            by_kind[item["kind"]].append(item)
        for item in by_kind["struct"] + by_kind["union"]:
            self.emit_struct(item)
        for item in by_kind["enum"]:
            self.emit_enum(item)
        for item in by_kind["trait"]:
            self.emit_trait(item, by_kind["trait_method"])
        for item in by_kind["type"]:
            self.emit_alias(item)
        for item in by_kind["const"] + by_kind["static"]:
            self.emit_const(item)
        self.emit_functions(by_kind["fn"] + by_kind["method"] + by_kind["assoc_const"])
        self.emit_trait_impls(by_kind["impl"], by_kind["fn"] + by_kind["method"])
        self.emit_foreign_trait_methods(by_kind["impl"], by_kind["fn"] + by_kind["method"])
        self.emit_thiserror(by_kind["struct"] + by_kind["enum"], by_kind["impl"])
        for item in by_kind["macro"]:
            self.emit_macro(item)
        self.emit_reexports(by_kind["reexport"])
        self.emit_aliases()
        return self.render()

    def place_modules(self) -> None:
        for item in self.items:
            if item["kind"] == "mod":
                self.root.at(item["path"].split("::")[1:])

    def module_of(self, path: str) -> Module:
        return self.root.at(path.split("::")[1:-1])

    def add(self, path: str, text: str, module: Module | None = None) -> None:
        self.emitted.add(path)
        (module or self.module_of(path)).units.append(Unit(path, text))

    def emit_struct(self, item: Item) -> None:
        path = item["path"]
        if path in self.defined:
            return
        self.defined[path] = item
        ctx = self.ctx(item)
        name = path.rsplit("::", 1)[-1]
        gens = self.generics(item.get("generics"), ctx)
        derives = [d for d in item.get("derives") or [] if d in DERIVABLE]
        attrs = f"#[derive({', '.join(derives)})]\n" if derives else ""
        phantom = self.phantom(item.get("generics"))
        fields: list[list[str]] = item.get("fields") or item.get("pub_fields") or []
        private = bool(item.get("private_fields") or item.get("has_private_fields"))
        tuple_form = item.get("tuple") or item.get("struct_form") == "tuple"
        unit_form = item.get("unit") or item.get("struct_form") == "unit"
        keyword = "union" if item["kind"] == "union" else "struct"
        if unit_form and not phantom:
            self.add(path, f"{attrs}pub {keyword} {name}{gens};")
            return
        if tuple_form:
            elems = [f"pub {self.ty(t, ctx)}" for _, t in fields]
            if phantom or private:
                elems.append(phantom or "()")
            self.add(path, f"{attrs}pub {keyword} {name}{gens}({', '.join(elems)});")
            return
        lines = [f"    pub {fname}: {self.ty(t, ctx)}," for fname, t in fields]
        if phantom or private:
            lines.append(f"    _private: {phantom or '()'},")
        self.add(path, f"{attrs}pub {keyword} {name}{gens} {{\n" + "\n".join(lines) + "\n}")

    def phantom(self, generics: str | None) -> str:
        inner = (generics or "").strip()[1:-1]
        parts = []
        for part in _split_top(inner):
            pname = re.split(r"[:=]", part)[0].strip()
            if pname.startswith("'"):
                parts.append(f"&{pname} ()")
            elif not part.startswith("const "):
                parts.append(f"fn() -> *const {pname}")
        if not parts:
            return ""
        return f"::core::marker::PhantomData<({', '.join(parts)},)>"

    def emit_enum(self, item: Item) -> None:
        path = item["path"]
        if path in self.defined:
            return
        self.defined[path] = item
        ctx = self.ctx(item)
        name = path.rsplit("::", 1)[-1]
        derives = [d for d in item.get("derives") or [] if d in DERIVABLE]
        variants = [self.variant(v, ctx) for v in item.get("variants") or []]
        units = [i for i, v in enumerate(variants) if re.fullmatch(r"\w+(\s*=.*)?", v)]
        if "Default" in derives and units:
            variants[units[0]] = "#[default] " + variants[units[0]]  # which one is unknown
        elif "Default" in derives:
            derives.remove("Default")
        attrs = f"#[derive({', '.join(derives)})]\n" if derives else ""
        phantom = self.phantom(item.get("generics"))
        if phantom:
            variants.append(f"#[doc(hidden)] __Phantom({phantom})")
        body = "".join(f"    {v},\n" for v in variants)
        gens = self.generics(item.get("generics"), ctx)
        self.add(path, f"{attrs}pub enum {name}{gens} {{\n{body}}}")

    def variant(self, var: Any, ctx: Ctx) -> str:
        if isinstance(var, str):
            m = re.match(r"\s*([A-Za-z_]\w*)\s*(.*)", var, re.S)
            if not m:
                return var
            rest = m.group(2).strip()
            if rest.startswith("("):
                elems = _split_top(rest[1:-1])
                return f"{m.group(1)}({', '.join(self.ty(e, ctx) for e in elems)})"
            if rest.startswith("{"):
                pairs = [p.partition(":") for p in _split_top(rest[1:-1])]
                inner = ", ".join(f"{n.strip()}: {self.ty(t, ctx)}" for n, _, t in pairs)
                return f"{m.group(1)} {{ {inner} }}"
            return m.group(1) + (f" {rest}" if rest.startswith("=") else "")
        name = var["name"]
        if "fields" in var:
            inner = ", ".join(f"{n}: {self.ty(t, ctx)}" for n, t in var["fields"])
            return f"{name} {{ {inner} }}"
        if "tuple" in var:
            return f"{name}({', '.join(self.ty(t, ctx) for t in var['tuple'])})"
        disc = var.get("discriminant")
        return f"{name} = {disc}" if disc else name

    def trait_methods(self, item: Item, trait_methods: list[Item]) -> list[Item]:
        if "methods" in item:
            return list(item["methods"])
        prefix = item["path"] + "::"
        defs = str(item.get("defined_at") or item["path"]) + "::"
        found = [m for m in trait_methods
                 if m["path"].startswith(prefix) or m.get("defined_at", "").startswith(defs)]
        for meth in found:
            meth["name"] = meth["path"].rsplit("::", 1)[-1]
        return found

    def emit_trait(self, item: Item, trait_methods: list[Item]) -> None:
        path = item["path"]
        if path in self.defined:
            return
        self.defined[path] = item
        ctx = self.ctx(item)
        name = path.rsplit("::", 1)[-1]
        sup = rewrite(self.res, item.get("supertraits") or "", ctx, bounds=True)
        gens = self.generics(item.get("generics"), ctx)
        lines = []
        for assoc in item.get("assoc_types") or []:
            lines.append(f"    type {self.assoc_decl(assoc, ctx)};")
        for const in item.get("consts") or []:
            cname, ctype = (const[0], const[1]) if isinstance(const, list) else (
                const.get("name"), const.get("type"))
            lines.append(f"    const {cname}: {self.ty(ctype, ctx)};")
        for meth in self.trait_methods(item, trait_methods):
            mctx = Ctx(meth.get("refs") or item.get("refs") or {},
                       ctx.generics | _generic_names(meth.get("generics")), ctx.home)
            sig = self.signature(meth, mctx, "")
            self.emitted.add(f"{path}::{meth['name']}")
            lines.append(f"    {sig}{self.body(meth) if meth.get('has_default') else ';'}")
        head = f"pub {'unsafe ' if item.get('unsafe') else ''}trait {name}{gens}"
        head += f": {sup}" if sup else ""
        self.add(path, head + " {\n" + "\n".join(lines) + "\n}")

    def assoc_decl(self, assoc: Any, ctx: Ctx) -> str:
        if isinstance(assoc, str):
            name, _, bound = assoc.partition(":")
            bound = rewrite(self.res, bound, ctx, bounds=True) if bound.strip() else ""
            return name.strip() + (f": {bound}" if bound else "")
        return str(assoc.get("name"))

    def emit_alias(self, item: Item) -> None:
        ctx = self.ctx(item)
        name = item["path"].rsplit("::", 1)[-1]
        definition = item.get("definition") or item.get("aliased") or "()"
        gens = self.generics(item.get("generics"), ctx)
        self.defined.setdefault(item["path"], item)
        self.add(item["path"], f"pub type {name}{gens} = {self.ty(definition, ctx)};")

    def emit_const(self, item: Item, module: Module | None = None) -> None:
        ctx = self.ctx(item)
        name = item["path"].rsplit("::", 1)[-1]
        ctype = self.ty(item.get("type"), ctx)
        value = const_value(ctype, item.get("value"))
        if value is None:
            return
        keyword = "static" if item["kind"] == "static" else "const"
        self.add(item["path"], f"pub {keyword} {name}: {ctype} = {value};", module)

    def emit_functions(self, fns: list[Item]) -> None:
        blocks: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for fn in fns:
            if fn.get("impl_of") or fn.get("via_trait"):
                continue
            if not fn.get("self_type"):
                if fn["path"] not in seen and fn["kind"] == "fn":
                    seen.add((fn["path"], "", ""))
                    ctx = self.ctx(fn)
                    self.add(fn["path"], self.signature(fn, ctx, "pub ") + self.body(fn))
                continue
            owner = fn["path"].rsplit("::", 1)[0]
            key = (owner, fn["self_type"], fn.get("impl_generics") or "",
                   fn.get("impl_bounds") or "")
            name = fn["path"].rsplit("::", 1)[-1]
            ctx = self.ctx(fn, owner)
            dedup = (self.ty(fn["self_type"], ctx), name, "")
            if dedup in seen:  # the same method under two cfgs or two owner paths
                continue
            seen.add(dedup)
            self.emitted.add(fn["path"])
            if fn["kind"] == "assoc_const":
                value = const_value(self.ty(fn.get("type"), ctx), fn.get("value"))
                if value is not None:
                    blocks[key].append(
                        f"    pub const {name}: {self.ty(fn.get('type'), ctx)} = {value};")
                continue
            blocks[key].append("    " + self.signature(fn, ctx, "pub ") + self.body(fn))
        for (owner, self_type, igen, ibounds), lines in blocks.items():
            if owner not in self.defined:
                continue
            fake = {"path": owner, "generics": igen, "defined_at":
                    self.defined[owner].get("defined_at")}
            ctx = self.ctx(fake)
            head = (f"impl{self.generics(igen, ctx)} {self.ty(self_type, ctx)}"
                    f"{self.where(ibounds, ctx)}")
            self.add(owner + "::{impl}", head + " {\n" + "\n".join(lines) + "\n}",
                     self.module_of(owner))

    def emit_trait_impls(self, impls: list[Item], fns: list[Item]) -> None:
        methods: dict[tuple[str, str, str], list[Item]] = defaultdict(list)
        for fn in fns:
            if fn.get("impl_of") and fn.get("self_type"):
                owner = fn["path"].rsplit("::", 1)[0]
                methods[(owner, fn["self_type"], fn.get("trait_path") or "")].append(fn)
        done: set[str] = set()
        for imp in impls:
            text = self.trait_impl(imp, methods[(imp["path"], imp["self_type"],
                                                 imp.get("trait_path") or "")])
            head = (text or "").split("{", 1)[0]
            if text and head not in done and imp["path"] in self.defined:
                done.add(head)
                self.emitted.update(f"{imp['path']}::{name}" for name in
                                    self.impl_member_names(imp, text))
                self.add(imp["path"] + "::{impl " + imp.get("impl_of", "") + "}", text,
                         self.module_of(imp["path"]))

    def impl_member_names(self, imp: Item, text: str) -> set[str]:
        """What a trait impl gives the type: its fns and consts, the trait's default methods
        and, for a std trait, the methods the table lists (std's own defaults)."""
        names = set(re.findall(r"\b(?:fn|const) (\w+)", text))
        trait = self.defined.get(self.res.canon.get(imp.get("trait_path") or "", ""))
        if trait:
            names |= {m.get("name") or m["path"].rsplit("::", 1)[-1] for m in
                      self.trait_methods(trait, self.by_kind("trait_method"))}
        elif str(imp.get("trait_path", "")).split("::")[0] in STD_ROOTS:
            names |= set(imp.get("methods") or [])
        return names

    def by_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i["kind"] == kind]

    def emit_foreign_trait_methods(self, impls: list[Item], fns: list[Item]) -> None:
        """Methods of impls of traits the tables do not define (aprender's explainable and
        neighbors traits): made inherent, so a call still type-checks without the trait."""
        known = {(i["path"].rsplit("::", 1)[0], i["path"].rsplit("::", 1)[-1]) for i in fns
                 if not i.get("impl_of") and i.get("self_type")}
        foreign = {(i["path"], i.get("trait_path")) for i in impls
                   if self.res.lookup(str(i.get("trait_path"))) is None
                   and str(i.get("trait_path", "")).split("::")[0] not in STD_ROOTS}
        foreign |= {(f["path"].rsplit("::", 1)[0], f.get("trait_path")) for f in fns
                    if f.get("impl_of") and self.res.lookup(str(f.get("trait_path"))) is None
                    and str(f.get("trait_path", "")).split("::")[0] not in STD_ROOTS}
        lifted = []
        for fn in fns:
            owner, name = fn["path"].rsplit("::", 1)
            if (owner, fn.get("trait_path")) in foreign and (owner, name) not in known:
                known.add((owner, name))
                lifted.append({k: v for k, v in fn.items()
                               if k not in ("impl_of", "via_trait", "trait_path")})
        self.emit_functions(lifted)

    def trait_impl(self, imp: Item, fns: list[Item]) -> str | None:
        ctx = self.ctx(imp, imp["path"])
        ctx = Ctx(imp.get("refs") or {}, ctx.generics, ctx.home)
        trait_text = imp.get("impl_of") or ""
        trait_path = imp.get("trait_path") or ""
        short = trait_path.rsplit("::", 1)[-1]
        std_trait = trait_path.split("::")[0] in STD_ROOTS
        if std_trait and short in ("Serialize", "Deserialize"):
            return None
        trait_ty = rewrite(self.res, trait_text, ctx, bounds=True)
        if std_trait:  # the table resolved it: take its path, keep the written arguments
            # std re-exports core (`core::error::Error` is newer than Debian's rustc).
            std_path = re.sub(r"^(core|alloc)::", "std::", trait_path)
            trait_ty = "::" + std_path + (trait_ty[trait_ty.find("<"):] if "<" in trait_ty
                                            else "")
        elif trait_ty.startswith("crate::__ext::"):
            return None  # the stand-in trait already holds for every type
        assoc = self.assoc_types(imp, ctx, short if std_trait else None)
        body = [f"    type {k} = {v};" for k, v in assoc.items()]
        if std_trait:
            if short not in STD_TRAIT_METHODS:
                return None
            arg = _first_arg(trait_text)
            rhs = self.ty(arg, ctx) if arg else "Self"
            body += ["    " + sig.replace("{R}", rhs) + " { unimplemented!() }"
                     for sig in STD_TRAIT_METHODS[short]]
        else:
            trait = self.defined.get(self.res.canon.get(trait_path, ""), {})
            consts = self.missing_consts(trait, ctx)
            if consts is None:
                return None
            body += consts
            names: set[str] = set()
            # A non-generic crate trait: its own signatures are what the impl must match
            # (the tables' impl-side records can lose the method's generics).
            for fn in fns if (trait.get("generics") or "").strip() or not trait else []:
                name = fn["path"].rsplit("::", 1)[-1]
                if name in names:
                    continue
                names.add(name)
                fctx = self.ctx(fn, imp["path"])
                body.append("    " + self.signature(fn, fctx, "") + self.body(fn))
            body += self.missing_required(trait_path, names, ctx)
        unsafe = "unsafe " if short in UNSAFE_TRAITS else ""
        head = (f"{unsafe}impl{self.generics(imp.get('impl_generics'), ctx)} {trait_ty} for "
                f"{self.ty(imp['self_type'], ctx)}{self.where(imp.get('impl_bounds'), ctx)}")
        return head + " {\n" + "\n".join(body) + ("\n" if body else "") + "}"

    def assoc_types(self, imp: Item, ctx: Ctx, std_short: str | None) -> dict[str, str]:
        raw = imp.get("assoc_types") or {}
        pairs: dict[str, str] = {}
        if isinstance(raw, dict):
            pairs = {k: self.ty(v, ctx) for k, v in raw.items()}
        else:
            for entry in raw:
                key, _, value = str(entry).partition("=")
                pairs[key.strip()] = self.ty(value.strip(), ctx)
        if std_short:
            for key, value in STD_ASSOC_DEFAULTS.get(std_short, {}).items():
                pairs.setdefault(key, value)
            if std_short in ("Add", "Sub", "Mul", "Div", "Neg", "Index"):
                pairs.setdefault("Output", "()")
        else:
            trait = self.defined.get(self.res.canon.get(imp.get("trait_path") or "", ""), {})
            for assoc in trait.get("assoc_types") or []:
                name = assoc.split(":")[0].strip() if isinstance(assoc, str) else assoc["name"]
                pairs.setdefault(name, "()")
        return pairs

    def missing_consts(self, trait: Item, ctx: Ctx) -> list[str] | None:
        """The trait's associated consts with a typed zero; None if one has no such value."""
        out = []
        for const in trait.get("consts") or []:
            ctype = self.ty(const.get("type"), self.ctx(trait))
            value = const_value(ctype, const.get("value")) or self.enum_value(ctype)
            if value is None:
                return None
            out.append(f"    const {const['name']}: {ctype} = {value};")
        return out

    def enum_value(self, ctype: str) -> str | None:
        """A unit variant of the enum ``ctype`` names, usable as a constant."""
        path = self.name + ctype.removeprefix("crate")
        item = self.defined.get(path)
        for var in (item or {}).get("variants") or []:
            if isinstance(var, dict) and "fields" not in var and "tuple" not in var:
                return f"{ctype}::{var['name']}"
        return None

    def missing_required(self, trait_path: str, have: set[str], ctx: Ctx) -> list[str]:
        canon = self.res.canon.get(trait_path)
        trait = self.defined.get(canon or "")
        if not trait:
            return []
        out = []
        for meth in self.trait_methods(trait, [i for i in self.items
                                               if i["kind"] == "trait_method"]):
            name = meth.get("name") or meth["path"].rsplit("::", 1)[-1]
            if name in have or meth.get("has_default"):
                continue
            mctx = Ctx(meth.get("refs") or trait.get("refs") or {}, ctx.generics
                       | _generic_names(meth.get("generics")), self.ctx(trait).home)
            out.append("    " + self.signature(meth, mctx, "") + " { unimplemented!() }")
        return out

    def emit_thiserror(self, types: list[Item], impls: list[Item]) -> None:
        """``#[derive(thiserror::Error)]`` writes Display and std::error::Error impls: the
        table lists it only as a derive, so they are made here (where no impl record has them)."""
        have = {(i["path"], str(i.get("trait_path", "")).rsplit("::", 1)[-1]) for i in impls}
        for item in types:
            if "Error" not in (item.get("derives") or []) or item.get("generics"):
                continue
            path = item["path"]
            stub = self.res.stub_path(path)
            module = self.module_of(path)
            if (path, "Display") not in have:
                self.add(path + "::{impl Display}", f"impl ::std::fmt::Display for {stub} {{\n"
                         "    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> "
                         "::std::fmt::Result { unimplemented!() }\n}", module)
            if (path, "Error") not in have:
                self.add(path + "::{impl Error}", f"impl ::std::error::Error for {stub} {{}}",
                         module)

    def emit_macro(self, item: Item) -> None:
        """A `#[macro_export]` macro: its rules' patterns, expanding to `()`."""
        name = item["path"].rsplit("::", 1)[-1]
        rules = "".join(f"    {rule} => {{ () }};\n" for rule in item.get("rules") or ["()"])
        self.add(item["path"], f"#[macro_export]\nmacro_rules! {name} {{\n{rules}}}",
                 self.root)

    def emit_reexports(self, reexports: list[Item]) -> None:
        for item in reexports:
            if item.get("glob"):
                continue
            found = self.res.lookup(item["target"])
            if not found:
                continue
            name = item["path"].rsplit("::", 1)[-1]
            self.add(item["path"], f"pub use {found} as {name};")

    def emit_aliases(self) -> None:
        for path, item in list(self.defined.items()) + self.fn_items():
            for alias in item.get("also_at") or []:
                if alias.rsplit("::", 1)[0] in self.kinds and \
                        self.kinds[alias.rsplit("::", 1)[0]] != "mod" and \
                        alias.rsplit("::", 1)[0] != self.name:
                    continue
                if alias.rsplit("::", 1)[0] == path.rsplit("::", 1)[0]:
                    continue
                name = alias.rsplit("::", 1)[-1]
                self.add(alias, f"pub use {self.res.stub_path(path)} as {name};")

    def fn_items(self) -> list[tuple[str, Item]]:
        return [(i["path"], i) for i in self.items
                if i["kind"] in ("fn", "const", "static") and not i.get("self_type")
                and i.get("also_at")]

    # -- rendering -------------------------------------------------------------

    def render(self) -> str:
        ext = self.render_ext()
        head = ("#![allow(warnings, clippy::all)]\n"
                f"//! Stub of `{self.name}` generated by batuta's tools/rust_stubs.py from the\n"
                "//! crate-API tables: real paths and signatures, `unimplemented!()` bodies.\n")
        return head + "\n".join(self.render_module(self.root, 0)) + "\n" + ext

    def render_module(self, mod: Module, depth: int) -> Iterator[str]:
        pad = "    " * depth
        seen: set[str] = set()
        for unit in mod.units:
            if unit.text in seen:
                continue
            seen.add(unit.text)
            yield f"{pad}// @item {unit.path}"
            yield "\n".join(pad + line if line else line for line in unit.text.split("\n"))
        for name, child in sorted(mod.children.items()):
            vis = "pub " if child.public else ""
            yield f"{pad}{vis}mod {name} {{"
            yield from self.render_module(child, depth + 1)
            yield f"{pad}}}"

    def render_ext(self) -> str:
        lines = ["#[doc(hidden)]", "pub mod __ext {",
                 "    //! Opaque stand-ins for types and traits of other crates.", EXT_MACRO]
        for ident, nargs in sorted(self.res.ext_types.items()):
            params = ", ".join(f"A{i}: ?Sized = ()" for i in range(max(nargs, 1)))
            plain = ", ".join(f"A{i}: ?Sized" for i in range(max(nargs, 1)))
            args = ", ".join(f"A{i}" for i in range(max(nargs, 1)))
            phantom = ", ".join(f"fn() -> *const A{i}" for i in range(max(nargs, 1)))
            lines.append(f"    pub struct {ident}<{params}>(::core::marker::PhantomData<"
                         f"({phantom},)>);")
            lines.append(f"    std_impls!({ident} [{plain}] [{args}]);")
        for ident, nargs in sorted(self.res.ext_traits.items()):
            params = ", ".join(f"A{i}: ?Sized = ()" for i in range(max(nargs, 1)))
            plain = ", ".join(f"A{i}: ?Sized" for i in range(max(nargs, 1)))
            args = ", ".join(f"A{i}" for i in range(max(nargs, 1)))
            lines.append(f"    pub trait {ident}<{params}> {{}}")
            lines.append(f"    impl<X: ?Sized, {plain}> {ident}<{args}> for X {{}}")
        lines.append("}")
        return "\n".join(lines) + "\n"


EXT_MACRO = """\
    // Every std trait a derive on a crate type may need, without bounds on the parameters.
    use ::core::cmp::Ordering;
    use ::core::fmt::{Formatter, Result as FmtResult};
    use ::core::marker::PhantomData;
    macro_rules! std_impls {
        ($t:ident [$($p:tt)*] [$($a:tt)*]) => {
            impl<$($p)*> Clone for $t<$($a)*> { fn clone(&self) -> Self { $t(PhantomData) } }
            impl<$($p)*> Copy for $t<$($a)*> {}
            impl<$($p)*> Default for $t<$($a)*> { fn default() -> Self { $t(PhantomData) } }
            impl<$($p)*> ::core::fmt::Debug for $t<$($a)*> {
                fn fmt(&self, f: &mut Formatter<'_>) -> FmtResult { f.write_str("stub") }
            }
            impl<$($p)*> ::core::fmt::Display for $t<$($a)*> {
                fn fmt(&self, f: &mut Formatter<'_>) -> FmtResult { f.write_str("stub") }
            }
            impl<$($p)*> PartialEq for $t<$($a)*> { fn eq(&self, _: &Self) -> bool { true } }
            impl<$($p)*> Eq for $t<$($a)*> {}
            impl<$($p)*> PartialOrd for $t<$($a)*> {
                fn partial_cmp(&self, _: &Self) -> Option<Ordering> { Some(Ordering::Equal) }
            }
            impl<$($p)*> Ord for $t<$($a)*> {
                fn cmp(&self, _: &Self) -> Ordering { Ordering::Equal }
            }
            impl<$($p)*> ::core::hash::Hash for $t<$($a)*> {
                fn hash<H: ::core::hash::Hasher>(&self, _: &mut H) {}
            }
        };
    }"""


def _first_arg(trait_text: str) -> str | None:
    m = re.search(r"<(.*)>\s*$", trait_text)
    if not m:
        return None
    args = _split_top(m.group(1))
    return args[0] if args else None


def const_value(ctype: str, value: Any) -> str | None:
    """A constant expression of type ``ctype``: the table's literal or a typed zero."""
    if isinstance(value, str) and value.strip():
        return value
    if ctype in ("f32", "f64"):
        return "0.0"
    if re.fullmatch(r"[ui](8|16|32|64|128|size)", ctype):
        return "0"
    if ctype == "bool":
        return "false"
    if ctype == "char":
        return "' '"
    if ctype == "&str" or ctype == "&'static str":
        return '""'
    if re.fullmatch(r"&(?:'static )?\[.*\]", ctype):
        return "&[]"
    m = re.fullmatch(r"\[(.+);\s*(\w+)\]", ctype)
    if m and const_value(m.group(1).strip(), None) is not None:
        return f"[{const_value(m.group(1).strip(), None)}; {m.group(2)}]"
    return None


# --------------------------------------------------------------------------- crates


def build_crate(name: str, table: Mapping[str, Any]) -> str:
    """``lib.rs`` of one stub crate."""
    return CrateBuilder(name, _normalise(name, table)).build()


def coverage(api: Path | None = None) -> tuple[set[str], set[str]]:
    """(table paths the stubs define, table paths they leave out) over the three tables,
    counting only items the crates' default features build."""
    emitted: set[str] = set()
    wanted: set[str] = set()
    for name, table in load_tables(api or api_dir()).items():
        builder = CrateBuilder(name, _normalise(name, table))
        builder.build()
        emitted |= builder.emitted
        wanted |= {i["path"] for i in builder.items if i["kind"] not in ("impl", "mod")}
    return emitted & wanted, wanted - emitted


def write_stubs(out: Path, api: Path | None = None) -> dict[str, str]:
    """Write the three stub crates as a cargo directory source under ``out``; return the
    version of each."""
    tables = load_tables(api or api_dir())
    versions = {}
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        version = table_version(name, table)
        versions[name] = version
        crate = out / name
        if crate.exists():
            shutil.rmtree(crate)
        (crate / "src").mkdir(parents=True)
        lib = build_crate(name, table)
        # cargo treats a directory-source package as immutable (no mtime check): the content
        # hash as build metadata (ignored by `=0.10.1`) makes a changed stub build anew.
        digest = hashlib.sha256(lib.encode("utf-8")).hexdigest()[:12]
        (crate / "Cargo.toml").write_text(
            f'[package]\nname = "{name}"\nversion = "{version}+stub.{digest}"\n'
            'edition = "2021"\ndescription = "batuta stub: signatures only"\n'
            'license = "MIT"\n\n[lib]\npath = "src/lib.rs"\n', encoding="utf-8")
        (crate / "src" / "lib.rs").write_text(lib, encoding="utf-8")
        # A directory source needs this file; an empty file list skips per-file checks.
        (crate / ".cargo-checksum.json").write_text('{"files": {}, "package": null}\n',
                                                   encoding="utf-8")
    add_debian_crates(out)
    return versions


DEBIAN_REGISTRY = Path("/usr/share/cargo/registry")
DEBIAN_CRATES = frozenset({"anyhow"})
ANYHOW_STANDIN = """\
#![allow(warnings)]
//! Stand-in for `anyhow` 1 (written by batuta's tools/rust_stubs.py because this machine has
//! no Debian `librust-anyhow-dev`): the parts converted code uses, with anyhow's signatures.
use std::fmt::{Debug, Display, Formatter};
type StdError = dyn std::error::Error + Send + Sync + 'static;
pub struct Error(Box<StdError>);
pub type Result<T, E = Error> = core::result::Result<T, E>;
impl Error {
    pub fn msg<M: Display + Debug + Send + Sync + 'static>(message: M) -> Self {
        unimplemented!()
    }
    pub fn new<E: std::error::Error + Send + Sync + 'static>(error: E) -> Self {
        Error(Box::new(error))
    }
    pub fn context<C: Display + Send + Sync + 'static>(self, context: C) -> Self { self }
}
impl<E: std::error::Error + Send + Sync + 'static> From<E> for Error {
    fn from(error: E) -> Self { Error(Box::new(error)) }
}
impl Debug for Error { fn fmt(&self, f: &mut Formatter<'_>) -> std::fmt::Result { Ok(()) } }
impl Display for Error { fn fmt(&self, f: &mut Formatter<'_>) -> std::fmt::Result { Ok(()) } }
pub trait Context<T, E> {
    fn context<C: Display + Send + Sync + 'static>(self, context: C) -> Result<T, Error>;
    fn with_context<C, F>(self, f: F) -> Result<T, Error>
    where C: Display + Send + Sync + 'static, F: FnOnce() -> C;
}
impl<T, E: std::error::Error + Send + Sync + 'static> Context<T, E> for Result<T, E> {
    fn context<C: Display + Send + Sync + 'static>(self, context: C) -> Result<T, Error> {
        unimplemented!()
    }
    fn with_context<C, F>(self, f: F) -> Result<T, Error>
    where C: Display + Send + Sync + 'static, F: FnOnce() -> C { unimplemented!() }
}
impl<T> Context<T, core::convert::Infallible> for Option<T> {
    fn context<C: Display + Send + Sync + 'static>(self, context: C) -> Result<T, Error> {
        unimplemented!()
    }
    fn with_context<C, F>(self, f: F) -> Result<T, Error>
    where C: Display + Send + Sync + 'static, F: FnOnce() -> C { unimplemented!() }
}
#[macro_export]
macro_rules! anyhow { ($($t:tt)*) => { $crate::Error::msg(format!($($t)*)) }; }
#[macro_export]
macro_rules! bail { ($($t:tt)*) => { return Err($crate::anyhow!($($t)*).into()) }; }
#[macro_export]
macro_rules! ensure { ($c:expr, $($t:tt)*) => { if !$c { $crate::bail!($($t)*) } }; }
"""


def add_debian_crates(out: Path, registry: Path = DEBIAN_REGISTRY) -> list[str]:
    """Link Debian's packaged crates (``librust-*-dev``, e.g. anyhow) into the directory source
    beside the stubs; without Debian's anyhow, write a stand-in with its API. The names added."""
    added = []
    if registry.is_dir():
        for crate in sorted(registry.iterdir()):
            link = out / crate.name
            # Only the crates converted code names: cargo parses every manifest of a directory
            # source, and the registry may hold crates an older cargo cannot read.
            if crate.name.rsplit("-", 1)[0] in DEBIAN_CRATES \
                    and (crate / "Cargo.toml").is_file() and not link.exists() \
                    and (crate / ".cargo-checksum.json").is_file():
                link.symlink_to(crate, target_is_directory=True)
                added.append(crate.name)
    if not any(out.glob("anyhow-*")):
        standin = out / "anyhow-standin"
        (standin / "src").mkdir(parents=True, exist_ok=True)
        (standin / "Cargo.toml").write_text(
            '[package]\nname = "anyhow"\nversion = "1.0.69+standin"\nedition = "2018"\n',
            encoding="utf-8")
        (standin / "src" / "lib.rs").write_text(ANYHOW_STANDIN, encoding="utf-8")
        (standin / ".cargo-checksum.json").write_text('{"files": {}, "package": null}\n',
                                                      encoding="utf-8")
        added.append("anyhow-standin")
    return added


def cargo_config_args(stub_dir: Path) -> list[str]:
    """``cargo`` arguments that make crates.io resolve to the stubs in ``stub_dir``."""
    return ["--config", f'source.crates-io.replace-with="{SOURCE_NAME}"',
            "--config", f'source.{SOURCE_NAME}.directory="{stub_dir.resolve()}"']


def check_stubs(out: Path, target_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``cargo check --offline`` of a crate depending on all three stubs."""
    probe = out.parent / f"{out.name}-probe"  # not inside the directory source
    (probe / "src").mkdir(parents=True, exist_ok=True)
    deps = "\n".join(
        f'{n} = "={v}"' for n, v in _versions(out).items())
    (probe / "Cargo.toml").write_text(
        f'[package]\nname = "stub-probe"\nversion = "0.0.0"\nedition = "2021"\n\n'
        f"[dependencies]\n{deps}\n\n[workspace]\n", encoding="utf-8")
    (probe / "src" / "lib.rs").write_text("", encoding="utf-8")
    env = dict(os.environ)
    if target_dir:
        env["CARGO_TARGET_DIR"] = str(target_dir)
    return subprocess.run(
        ["cargo", "check", "--offline", "--message-format=short", *cargo_config_args(out)],
        cwd=probe, capture_output=True, text=True, env=env, check=False, timeout=900)


def _versions(out: Path) -> dict[str, str]:
    versions = {}
    for name in CRATE_NAMES:
        text = (out / name / "Cargo.toml").read_text(encoding="utf-8")
        m = re.search(r'^version = "([^"+]+)', text, re.M)
        versions[name] = m.group(1) if m else "0.0.0"
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path, help="directory to write the stub crates into")
    parser.add_argument("--api", help="folder of trueno.json, aprender.json, realizar.json")
    parser.add_argument("--check", action="store_true", help="cargo check the stubs")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    versions = write_stubs(args.out, api_dir(args.api))
    print(f"wrote {', '.join(f'{k} {v}' for k, v in versions.items())} "
          f"in {time.perf_counter() - start:.2f} s")
    if args.check:
        start = time.perf_counter()
        proc = check_stubs(args.out)
        print(proc.stderr[-6000:] if proc.returncode else "cargo check: ok")
        print(f"cargo check in {time.perf_counter() - start:.1f} s")
        return proc.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
