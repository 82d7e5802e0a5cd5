"""NumPy random sampling -> std-only Rust feeding trueno constructors (issue 12).

None of the three crates has a random number generator (the tables have no ``rand``,
``random``, ``normal`` or ``uniform`` sampler), and the generated crate depends on nothing else.
So a sample is written as std-only Rust: a SplitMix64 counter-based generator (a few wrapping
multiplications per number) gives uniform ``f32`` in [0, 1), Box-Muller turns pairs of them into
normal samples, and the ``Vec<f32>`` goes to ``trueno::Vector::from_vec`` /
``trueno::Matrix::from_vec`` (both in the tables). What is kept and what is not:

- the distributions (``rand`` / ``random_sample`` / ``uniform``: uniform; ``randn`` /
  ``normal``: Gaussian with the given ``loc`` / ``scale``), the shapes (1-D -> Vector,
  2-D -> Matrix);
- ``np.random.RandomState(seed)`` is a ``std::cell::Cell<u64>`` generator state seeded from
  ``seed``: the same seed gives the same numbers on every run, and each call advances it;
- the module-level functions (NumPy's global generator) draw their state from std's randomly
  keyed ``RandomState`` hasher, so each run differs, like unseeded NumPy;
- the numbers themselves are not NumPy's (MT19937): no Rust crate here reproduces them.
  ``np.random.seed`` (global state) is not mapped: a Rust expression cannot reseed a global.
"""

from __future__ import annotations

import ast

from batuta.convert import mapping
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.types import TRUENO_MATRIX

R = REGISTRY.register
FW = "numpy"
V, M = "trueno::Vector", "trueno::Matrix"
STATE = "std::cell::Cell<u64>"
"""The Rust type of a seeded ``np.random.RandomState``."""

_GOLDEN = "0x9E3779B97F4A7C15"
_UNIFORM = ("let u = |k: u64| -> f32 {{ let mut z = s.wrapping_add((k + 1).wrapping_mul("
            f"{_GOLDEN})); "
            "z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); "
            "z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); "
            "((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }};")
"""SplitMix64 output ``k`` of state ``s``, as an f32 in [0, 1) (24 random bits)."""

_FRESH = ("std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher("
          "&std::collections::hash_map::RandomState::new()))")
"""A per-run random u64 from std (its hasher keys are random per process)."""


def _dims(site: Site, node: ast.expr | None, rest: list[ast.expr]) -> list[str]:
    """The sample's shape: ``size=(r, c)`` / ``size=n``, or ``rand(r, c)``'s arguments."""
    if node is None and not rest:
        raise Fail("a single random scalar: only array samples are mapped")
    nodes = rest if node is None else (
        list(node.elts) if isinstance(node, (ast.Tuple, ast.List)) else [node])
    if not 1 <= len(nodes) <= 2 or any(isinstance(n, ast.Starred) for n in nodes):
        raise Fail("samples of more than 2 dimensions have no trueno type")
    return [site.tr.value(n, "usize") for n in nodes]


def _sample(site: Site, dims: list[str], state: str | None, draw: str,
            params: tuple[str, str] = ("0.0", "1.0")) -> Val:
    """``draw`` (an f32 expression of ``u``, ``k`` and the parameters ``p.0`` / ``p.1``) for
    each element, shaped by ``dims``. ``state`` is a ``Cell<u64>`` to read and advance, or
    None for a fresh per-run state. Every Python expression is evaluated once, before the
    block binds its own names, so a user variable called ``n`` or ``s`` is never shadowed."""
    source = f"&{paren(state)}" if state is not None else "&std::cell::Cell::new(" + _FRESH + ")"
    bound = f"(({params[0]}, {params[1]}), {source})"
    kinds = "(f32, f32), &std::cell::Cell<u64>"
    draws = (f"let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul({_GOLDEN})));"
             f" {_UNIFORM.format()} (0..n as u64).map(|k| {draw}).collect::<Vec<f32>>()")
    pat = "p" if "p." in draw else "_p"
    if len(dims) == 1:
        data = f"{{ let (n, ({pat}, g)): (usize, ({kinds})) = ({dims[0]}, {bound}); {draws} }}"
        return site.tr.call_item(mapping.item(f"{V}::from_vec"), None, [data])
    value = site.tr.call_item(mapping.item(f"{M}::from_vec"), None,
                              ["r", "c", f"{{ let n = r * c; {draws} }}"])
    return Val(f"{{ let (r, c, ({pat}, g)): (usize, usize, ({kinds})) = ({dims[0]}, {dims[1]}, "
               f"{bound}); {value.code} }}", TRUENO_MATRIX)


def _f32(site: Site, pos: int, name: str, default: str) -> str:
    node = site.arg(pos, name)
    return default if node is None else site.tr.value(node, "f32")


_NORMAL = ("p.0 + p.1 * (-2.0 * (1.0 - u(2 * k)).ln()).sqrt() * "
           "(2.0 * std::f32::consts::PI * u(2 * k + 1)).cos()")


def _state(site: Site) -> str | None:
    return None if site.recv is None else site.recv.code


def _positional(site: Site) -> list[ast.expr]:
    for i in range(len(site.node.args)):
        site.arg(i)
    return list(site.node.args)


@R(FW, "numpy.random.rand", "numpy.random.RandomState.rand", "std::cell::Cell.rand",
   explain="uniform [0, 1) samples (std-only SplitMix64; not NumPy's numbers)",
   emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _rand(site: Site) -> Val:
    dims = _dims(site, None, _positional(site))
    return _sample(site, dims, _state(site), "u(2 * k)")


@R(FW, "numpy.random.random", "numpy.random.random_sample", "numpy.random.RandomState.random",
   "numpy.random.RandomState.random_sample", "std::cell::Cell.random",
   "std::cell::Cell.random_sample",
   explain="uniform [0, 1) samples (std-only SplitMix64; not NumPy's numbers)",
   emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _random(site: Site) -> Val:
    dims = _dims(site, site.arg(0, "size"), [])
    return _sample(site, dims, _state(site), "u(2 * k)")


@R(FW, "numpy.random.randn", "numpy.random.RandomState.randn", "std::cell::Cell.randn",
   explain="standard normal samples (Box-Muller over std-only SplitMix64)",
   emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _randn(site: Site) -> Val:
    dims = _dims(site, None, _positional(site))
    return _sample(site, dims, _state(site), _NORMAL)


@R(FW, "numpy.random.normal", "numpy.random.RandomState.normal", "std::cell::Cell.normal",
   explain="normal(loc, scale) samples (Box-Muller over std-only SplitMix64)",
   emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _normal(site: Site) -> Val:
    loc, scale = _f32(site, 0, "loc", "0.0"), _f32(site, 1, "scale", "1.0")
    dims = _dims(site, site.arg(2, "size"), [])
    return _sample(site, dims, _state(site), _NORMAL, (loc, scale))


@R(FW, "numpy.random.uniform", "numpy.random.RandomState.uniform", "std::cell::Cell.uniform",
   explain="uniform [low, high) samples (std-only SplitMix64)",
   emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _uniform(site: Site) -> Val:
    low, high = _f32(site, 0, "low", "0.0"), _f32(site, 1, "high", "1.0")
    dims = _dims(site, site.arg(2, "size"), [])
    return _sample(site, dims, _state(site), "p.0 + (p.1 - p.0) * u(2 * k)", (low, high))


@R(FW, "numpy.random.RandomState", "numpy.random.default_rng",
   explain="a seeded generator state (std::cell::Cell<u64>; same seed, same numbers)")
def _random_state(site: Site) -> Val:
    node = site.arg(0, "seed")
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return Val(f"std::cell::Cell::new({_FRESH})", STATE)
    seed = site.tr.value(node, "u64")
    # Scramble the seed so that neighbouring seeds start far apart in the sequence.
    return Val(f"std::cell::Cell::new(u64::wrapping_mul({seed}, 0xD1B54A32D192ED03))", STATE)


def uniform_vec(count: str, seed: str | None, low: str, high: str) -> str:
    """A ``Vec<f32>`` of ``count`` uniform [low, high) samples from the SplitMix64 stream of
    ``seed`` (a u64 expression), or of a fresh per-run state when ``seed`` is None."""
    start = _FRESH if seed is None else f"u64::wrapping_mul({seed}, 0xD1B54A32D192ED03)"
    return (f"{{ let (n, p, s): (usize, (f32, f32), u64) = ({count}, ({low}, {high}), {start}); "
            f"{_UNIFORM.format()} (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k))"
            ".collect::<Vec<f32>>() }")


def fresh_seed() -> str:
    """A per-run random u64 (std's randomly keyed hasher), for an unseeded generator."""
    return _FRESH
