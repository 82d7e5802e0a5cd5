"""Extract the converter's facts about its targets from the crate-API tables.

``../shared/crate-api/{trueno,aprender,realizar}.json`` list the whole public API of the three
crates (1.7 MB for realizar alone). The converter, and the browser that runs it, need much less:
every function, method, type and trait with its signature, in one shape for all three crates.
This tool writes that subset to ``pkg/batuta/convert/targets/data/targets.json``; the loader
``batuta.convert.targets`` reads it. A test regenerates it and compares, so the packaged file
can never drift from the tables.

Usage: ``python tools/extract_targets.py [CRATE_API_DIR] [--check]``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "crate-api"
OUT = ROOT / "pkg" / "batuta" / "convert" / "targets" / "data" / "targets.json"

CRATES = ("trueno", "aprender", "realizar")

REALIZAR_PREFIXES = ("realizar::InferenceConfig", "realizar::InferenceResult",
                     "realizar::run_inference", "realizar::layers::", "realizar::generate::",
                     "realizar::tokenizer::", "realizar::tensor::", "realizar::error::",
                     "realizar::Tensor", "realizar::Result", "realizar::RealizarError")
"""realizar is a whole inference server; the converter's route is these modules (issue 12)."""

_KINDS = {"fn": "fn", "method": "method", "trait_method": "method",
          "trait_impl_method": "method", "struct": "struct", "enum": "enum", "trait": "trait",
          "type": "type", "mod": "mod", "module": "mod", "const": "const",
          "assoc_const": "const", "static": "const", "reexport": "reexport", "impl": "impl"}


def _wanted(crate: str, item: dict[str, Any]) -> bool:
    if item["kind"] not in _KINDS or item.get("kind") == "macro":
        return False
    if crate != "realizar":
        return True
    # The layers module itself too: a free function of it is emitted as `layers::gelu(..)`
    # under `use realizar::layers;`.
    return str(item["path"]).startswith(REALIZAR_PREFIXES) or item["path"] == "realizar::layers"


def _uncertain(item: dict[str, Any]) -> bool:
    return bool(item.get("inferred")) or ("line" in item and item["line"] is None)


def _function(item: dict[str, Any], out: dict[str, Any]) -> None:
    if item["kind"] == "fn" and item.get("receiver"):
        out["kind"] = "method"
    out["receiver"] = item.get("receiver")
    out["params"] = [list(p) for p in item.get("params", [])]
    out["returns"] = item.get("returns", "()")
    for key in ("generics", "self_type"):
        if item.get(key):
            out[key] = item[key]
    trait = item.get("via_trait") or (item.get("trait_path") if item.get("impl_of") else None)
    if item["kind"] == "trait_method":
        trait = item["path"].rpartition("::")[0]
    if trait:
        out["trait"] = trait
    if item.get("shadowed_by_inherent"):
        out["shadowed"] = True


def _type(kind: str, item: dict[str, Any], out: dict[str, Any]) -> None:
    if item.get("generics"):
        out["generics"] = item["generics"]
    fields = item.get("fields") or item.get("pub_fields")
    if kind == "struct" and fields:
        out["fields"] = [list(f) for f in fields]
    if kind == "type" and item.get("definition"):
        out["definition"] = item["definition"]


def _record(crate: str, version: str, item: dict[str, Any]) -> dict[str, Any]:
    """One item in the packaged shape (absent keys mean "none")."""
    kind = _KINDS[item["kind"]]
    out: dict[str, Any] = {"path": item["path"], "kind": kind,
                           "version": item.get("version", version)}
    if kind in ("fn", "method"):
        _function(item, out)
    elif kind == "impl":
        out["trait"] = item.get("trait_path") or item.get("impl_of")
        out["self_type"] = item.get("self_type", "")
        if item.get("assoc_types"):
            out["assoc_types"] = item["assoc_types"]
    elif kind == "reexport":
        out["target"] = item.get("target", "")
    elif kind in ("struct", "enum", "trait", "type"):
        _type(kind, item, out)
    feature = item.get("feature")
    if feature:
        out["feature"] = feature
    if _uncertain(item):
        out["uncertain"] = True
    return out


def extract(source: Path) -> dict[str, Any]:
    """The packaged subset of the three tables in ``source``."""
    crates: dict[str, Any] = {}
    for crate in CRATES:
        table = json.loads((source / f"{crate}.json").read_text(encoding="utf-8"))
        # aprender's table mixes 0.29 and 0.26 items (each says which); the crate is 0.29.
        version = str(table.get("version") or "0.29")
        items = [_record(crate, version, it) for it in table["items"] if _wanted(crate, it)]
        prelude = {p["name"]: p["defined_at"] for p in table.get("prelude", [])}
        crates[crate] = {"version": version, "prelude": prelude, "items": items}
    return {"source": "shared/crate-api (see its README)", "crates": crates}


def render(data: dict[str, Any]) -> str:
    """The file text: one item per line, so diffs stay readable."""
    lines = ["{", f' "source": {json.dumps(data["source"])},', ' "crates": {']
    for i, (crate, body) in enumerate(data["crates"].items()):
        lines.append(f'  {json.dumps(crate)}: {{"version": {json.dumps(body["version"])}, '
                     f'"prelude": {json.dumps(body["prelude"], sort_keys=True)}, "items": [')
        items = body["items"]
        for j, item in enumerate(items):
            lines.append("   " + json.dumps(item, sort_keys=True)
                         + ("," if j < len(items) - 1 else ""))
        lines.append("  ]}" + ("," if i < len(data["crates"]) - 1 else ""))
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    source = Path(args[0]) if args else DEFAULT_SOURCE
    text = render(extract(source))
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from {source}")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
