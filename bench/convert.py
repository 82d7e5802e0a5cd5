"""Benchmark: the converter over the real-world corpus (issue 12).

The corpus is ``tests/convert/corpus/real/`` (verbatim files from PyPI sdists; sources and
licenses in its ``SOURCES.md``): ``user`` holds user code (scikit-learn's examples, the
pytorch-lightning demos: code that calls the frameworks from the outside), ``library`` holds
library code built on them. For each corpus, per framework (NumPy, scikit-learn, PyTorch with
transformers) and overall, it prints:

* call sites mapped by symbol: detected sites whose very symbol has a mapping
  (``batuta.convert.audit.mapped_by_symbol``; a refusal with a reason does not count), and
  beside it the sites actually translated in the output (a mapping recorded at that site);
* the share of emitted crate items (``use`` paths, ``Type::function`` calls with their arity)
  found in the crate-API tables (``batuta.convert.audit.named_items``);
* the share of converted files that type-check: one ``cargo check --offline`` of every
  converted module against the stub crates generated from the tables (``tests/rust_check.py``);
* files per second (best-of ``--repeat`` CPU time of ``convert_file``).

Every detected site must come back mapped or reported unsupported (asserted). Run:
``.venv/bin/python bench/convert.py`` (``--repeat N``, ``--top-unsupported N``, ``--corpus
user|library``, ``--no-typecheck`` to skip cargo, ``--why-untranslated`` to group the sites
mapped by symbol but not translated by the reason their statement was kept as Python).
"""

from __future__ import annotations

import argparse
import ast
import collections
import contextlib
import re
import sys
import tempfile
import time
from pathlib import Path

from batuta.analyze.frameworks import find_call_sites
from batuta.convert import convert_file
from batuta.convert.audit import mapped_by_symbol, named_items
from batuta.errors import BatutaError

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "convert" / "corpus" / "real"
CORPORA = {"user": REAL / "user", "library": REAL / "library"}
COUNTED = ("numpy", "sklearn", "pytorch", "transformers")
GROUP = {"numpy": "NumPy", "sklearn": "scikit-learn", "pytorch": "PyTorch",
         "transformers": "PyTorch"}
AUTHOR_API = ("sklearn.base.", "sklearn.utils.", "sklearn.exceptions.")
"""scikit-learn's API for writing estimators (mixins, parameter validation, test helpers): the
surface a library uses and a user script does not."""


def best_time(fn: object, sources: list[tuple[str, str]], repeat: int) -> float:
    """Best-of-``repeat`` CPU time of ``fn(code, name)`` over every source (the machine is
    shared, so wall time would measure the neighbours)."""
    assert callable(fn)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for code, name in sources:
            with contextlib.suppress(BatutaError, SyntaxError):
                fn(code, name)
        best = min(best, time.process_time() - start)
    return best


def coverage(sources: list[tuple[str, str]]) -> dict[str, object]:
    """Detected NumPy/sklearn sites and how each was accounted for."""
    detected = mapped = unsupported = 0
    dropped: list[str] = []
    gaps: collections.Counter[str] = collections.Counter()
    failed: list[str] = []
    internal: list[str] = []
    for code, name in sources:
        try:
            result = convert_file(code, name)
            sites = find_call_sites(ast.parse(code))
        except BatutaError as exc:
            failed.append(f"{name}: {exc}")
            continue
        internal += [f"{name}:{u.span.line} {u.reason}" for u in result.unsupported
                     if u.reason.startswith("internal converter error")]
        maps = {(m.span.line, m.span.col) for m in result.mappings}
        gaps_at = {(u.span.line, u.span.col): u.python for u in result.unsupported}
        for site in sites:
            if site.framework not in COUNTED:
                continue
            detected += 1
            key = (site.line, site.column)
            if key in maps:
                mapped += 1
            elif key in gaps_at:
                unsupported += 1
                gaps[site.symbol] += 1
            else:
                dropped.append(f"{name}:{site.line}:{site.column} {site.symbol}")
    return {"detected": detected, "mapped": mapped, "unsupported": unsupported,
            "dropped": dropped, "gaps": gaps, "failed": failed, "internal": internal}


def type_check(modules: dict[str, str]) -> set[str] | None:
    """Names of the modules ``cargo check`` rejects (one invocation for all); None without
    cargo (said so in the output, never counted as a pass)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from rust_check import RustChecker, find_cargo

    try:
        find_cargo()
    except RuntimeError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        errors = RustChecker(Path(tmp)).check(modules)
    return {e.split(".rs:", 1)[0] for e in errors if ".rs:" in e} | (
        {"<crate>"} if any(".rs:" not in e for e in errors) else set())


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def _module(path: Path) -> str:
    rel = path.relative_to(REAL).with_suffix("")
    return "m_" + "".join(c if c.isalnum() else "_" for c in str(rel).lower())


def framework_figures(sources: list[tuple[str, str]]) -> dict[str, collections.Counter[str]]:
    """Per framework group: detected, mapped by symbol, translated, unsupported sites."""
    figures: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for code, name in sources:
        try:
            result = convert_file(code, name)
            sites = find_call_sites(ast.parse(code))
        except (BatutaError, SyntaxError):
            continue
        maps = {(m.span.line, m.span.col) for m in result.mappings}
        for site in sites:
            if site.framework not in COUNTED:
                continue
            for group in (GROUP[site.framework], "overall"):
                figures[group]["detected"] += 1
                figures[group]["by_symbol"] += mapped_by_symbol(site.symbol)
                figures[group]["translated"] += (site.line, site.column) in maps
    return figures


def _reason_class(reason: str) -> str:
    """A reason with its site-specific parts (names, literals, counts) blanked, so that sites
    failing for the same cause group together."""
    reason = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"", "'…'", reason)
    return re.sub(r"\b\d+\b", "N", reason)[:140]


def why_untranslated(sources: list[tuple[str, str]], top: int) -> None:
    """Per framework group, the sites mapped by symbol but not translated, grouped by the
    reason recorded for them in the conversion's unsupported list."""
    reasons: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    examples: dict[tuple[str, str], str] = {}
    for code, name in sources:
        try:
            result = convert_file(code, name)
            sites = find_call_sites(ast.parse(code))
        except (BatutaError, SyntaxError):
            continue
        maps = {(m.span.line, m.span.col) for m in result.mappings}
        gaps_at = {(u.span.line, u.span.col): u.reason for u in result.unsupported}
        for site in sites:
            key = (site.line, site.column)
            if (site.framework not in COUNTED or key in maps
                    or not mapped_by_symbol(site.symbol)):
                continue
            why = _reason_class(gaps_at.get(key, "(no reason recorded)"))
            group = GROUP[site.framework]
            reasons[group][why] += 1
            examples.setdefault((group, why), f"{name}:{site.line} {site.symbol}")
    for group in ("NumPy", "scikit-learn", "PyTorch"):
        counts = reasons.get(group, collections.Counter())
        print(f"why mapped {group} sites were not translated ({sum(counts.values())} sites):")
        for why, count in counts.most_common(top):
            print(f"  {count:4d}  {why}\n        e.g. {examples[(group, why)]}")


def report(name: str, folder: Path, repeat: int, top: int, typecheck: bool,
           why: bool = False) -> None:
    """Time, map, audit and type-check one corpus."""
    files = sorted(folder.rglob("*.py"))
    sources = [(p.read_text(encoding="utf-8", errors="replace"), p.name) for p in files]
    n = len(sources)
    t_convert = best_time(convert_file, sources, repeat)
    cov = coverage(sources)
    detected, mapped, unsupported = cov["detected"], cov["mapped"], cov["unsupported"]
    dropped, failed, internal, gaps = cov["dropped"], cov["failed"], cov["internal"], cov["gaps"]
    assert isinstance(detected, int) and isinstance(mapped, int)
    assert isinstance(unsupported, int) and isinstance(gaps, collections.Counter)
    assert isinstance(dropped, list) and isinstance(failed, list) and isinstance(internal, list)
    print(f"== corpus {name}: {folder.relative_to(ROOT)}: {n} files, "
          f"{sum(c.count(chr(10)) for c, _ in sources):,} lines")
    print(f"convert_file: {n / t_convert:.1f} files/s ({t_convert:.3f} CPU s, best of {repeat})")
    figures = framework_figures(sources)
    print("framework      sites  mapped by symbol   translated in the output")
    for group in ("NumPy", "scikit-learn", "PyTorch", "overall"):
        f = figures.get(group, collections.Counter())
        print(f"{group:13s} {f['detected']:6d}  {f['by_symbol']:5d} "
              f"({_share(f['by_symbol'], f['detected']):>6s})   {f['translated']:5d} "
              f"({_share(f['translated'], f['detected']):>6s})")
    modules: dict[str, str] = {}
    named = found = 0
    for path, (code, file_name) in zip(files, sources, strict=True):
        with contextlib.suppress(BatutaError):
            rust = convert_file(code, file_name).rust_code
            modules[_module(path)] = rust
            items = named_items(rust)
            named += len(items)
            found += sum(i.found for i in items)
    print(f"emitted crate items found in the tables: {found} of {named} ({_share(found, named)})")
    if typecheck:
        rejected = type_check(modules)
        if rejected is None:
            print("cargo not found: converted files NOT type-checked")
        else:
            ok = len(modules) - len(rejected)
            print(f"converted files that type-check (cargo check --offline, stubs from the "
                  f"tables): {ok} of {len(modules)} ({_share(ok, len(modules))})")
            for module in sorted(rejected)[:10]:
                print(f"  REJECTED {module}")
    print(f"detected sites: {detected}; translated {mapped}, reported unsupported "
          f"{unsupported}, dropped silently {len(dropped)}; files refused with a typed error: "
          f"{len(failed)}")
    print(f"most frequent unsupported symbols (top {top} of {len(gaps)}):")
    for symbol, count in gaps.most_common(top):
        print(f"  {count:5d}  {symbol}")
    for line in dropped[:10]:
        print(f"  DROPPED {line}")
    print(f"statements kept as Python after an internal converter error: {len(internal)}")
    for line in internal[:10]:
        print(f"  INTERNAL {line}")
    assert mapped + unsupported == detected, "a detected call site was dropped silently"
    if why:
        why_untranslated(sources, top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top-unsupported", "--top", dest="top", type=int, default=15,
                        metavar="N", help="unsupported symbols to list, most frequent first")
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append",
                        help="corpus to run (repeatable; default: all)")
    parser.add_argument("--no-typecheck", action="store_true",
                        help="skip the cargo check of the converted modules")
    parser.add_argument("--why-untranslated", action="store_true",
                        help="group mapped-but-untranslated sites by the recorded reason")
    args = parser.parse_args()
    for name in args.corpus or list(CORPORA):
        report(name, CORPORA[name], args.repeat, args.top, not args.no_typecheck,
               args.why_untranslated)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
