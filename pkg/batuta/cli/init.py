"""``batuta init [PATH]``: write a ``batuta.toml`` that native Batuta's ``BatutaConfig`` loads.

Native Batuta (paiml/batuta ``src/config.rs``) deserializes the file with serde and no
defaults, so every non-optional field of every section must be present. We write all of them
with native Batuta's own default values, and fill in what the analysis found: the project name
(the directory's name), the primary language (in native Batuta's spelling), the source path,
the output directory, and the transpiler. ``transpilation.transpiler`` is our addition (serde
ignores unknown keys) so the choice is visible; the tool-specific sections say the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from batuta.cli._common import EXIT_OK, UsageError, add_common_options, print_json
from batuta.errors import OutputWriteError, SourceNotFoundError

CONFIG_FILENAME = "batuta.toml"

_NATIVE_LANGUAGE = {"Python": "Python", "C": "C", "C++": "C++", "Shell": "Shell",
                    "Bash": "Shell", "Rust": "Rust", "JavaScript": "JavaScript",
                    "TypeScript": "TypeScript", "Go": "Go", "Java": "Java"}
_EXCLUDE = [".git", "target", "build", "dist", "node_modules", "__pycache__", "*.pyc", ".venv",
            "venv"]


def register(subparsers: Any) -> None:
    """Add the ``init`` sub-command."""
    parser = subparsers.add_parser(
        "init", help="write batuta.toml for native Batuta (transpile, optimize, build)",
        description="Analyze PATH and write PATH/batuta.toml in the schema native Batuta's "
                    "BatutaConfig loads: project name, primary language, source and output "
                    "paths, transpiler.")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH",
                        help="project directory (default: the current directory)")
    parser.add_argument("--output-dir", default="./rust-output", metavar="DIR",
                        help="where native Batuta writes the Rust (default ./rust-output)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing batuta.toml")
    add_common_options(parser)
    parser.set_defaults(func=run)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string with \u escapes is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def to_toml(config: dict[str, Any], prefix: str = "") -> str:
    """Nested dicts as TOML tables (scalars first, then sub-tables; None values left out)."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in config.items()
             if v is not None and not isinstance(v, dict)]
    out = "\n".join(lines) + ("\n" if lines else "")
    for key, value in config.items():
        if isinstance(value, dict):
            name = f"{prefix}.{key}" if prefix else key
            out += f"\n[{name}]\n" + to_toml(value, name)
    return out


def native_config(name: str, language: str | None, transpiler: str | None,
                  output_dir: str) -> dict[str, Any]:
    """Every field native Batuta's ``BatutaConfig`` requires, with its default values."""
    tool = (transpiler or "").lower()
    native_language = _NATIVE_LANGUAGE.get(language or "", language)
    return {
        "version": "1.0",
        "project": {"name": name, "description": f"{native_language or 'Unknown'} project; "
                    f"transpiler: {transpiler or 'none'} (written by batuta init)",
                    "primary_language": native_language, "authors": [], "license": "MIT"},
        "source": {"path": ".", "exclude": list(_EXCLUDE), "include": []},
        "transpilation": {
            "output_dir": output_dir, "incremental": True, "cache": True, "use_ruchy": False,
            "ruchy_strictness": "gradual", "modules": [], "transpiler": transpiler or "none",
            "decy": {"ownership_inference": True, "actionable_diagnostics": True,
                     "use_static_fixer": True},
            "depyler": {"type_inference": True, "numpy_to_trueno": tool == "depyler",
                        "sklearn_to_aprender": tool == "depyler",
                        "pytorch_to_realizar": tool == "depyler"},
            "bashrs": {"target_shell": "bash", "use_clap": True},
        },
        "optimization": {"profile": "balanced", "enable_simd": True, "enable_gpu": False,
                         "gpu_threshold": 500, "use_moe_routing": False,
                         "trueno": {"backends": ["simd", "cpu"], "adaptive_thresholds": False,
                                    "cpu_threshold": 500}},
        "validation": {"trace_syscalls": True, "run_original_tests": True, "diff_output": True,
                       "benchmark": False,
                       "renacer": {"trace_syscalls": [], "output_format": "json"}},
        "build": {"release": True, "wasm": False, "cargo_flags": []},
    }


def run(args: argparse.Namespace) -> int:
    """Analyze, then write batuta.toml (refusing to overwrite without --force)."""
    from batuta.analyze.results import AnalyzeOptions
    from batuta.api import analyze_project

    root = Path(args.path)
    if not root.is_dir():
        raise SourceNotFoundError(f"{args.path}: no such directory", path=args.path)
    target = root / CONFIG_FILENAME
    if target.exists() and not args.force:
        raise UsageError(f"{target} exists; pass --force to overwrite it")
    analysis = analyze_project(root, AnalyzeOptions(tdg=False, complexity=False))
    transpiler = next((t.tool for t in analysis.transpilers
                       if t.language == analysis.primary_language), None)
    config = native_config(root.resolve().name, analysis.primary_language, transpiler,
                           args.output_dir)
    try:
        target.write_text(to_toml(config), encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {target}: {exc.strerror}", path=str(target)) from exc
    if args.format == "json":
        print_json({"path": str(target), "config": config})
    else:
        sys.stdout.write(f"Wrote {target} (language {config['project']['primary_language']}, "
                         f"transpiler {config['transpilation']['transpiler']}).\n")
    return EXIT_OK
