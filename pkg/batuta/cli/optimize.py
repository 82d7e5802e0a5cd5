"""``batuta optimize CRATE_DIR``: the Optimization phase for a crate ``batuta convert`` wrote.

Reads the crate's ``CONVERSION.json``, recommends a backend (Scalar / SIMD / GPU) for every
operation site with ``batuta.backend.plan`` at ``--size N`` (default 1,000,000, as
``batuta convert``), writes ``OPTIMIZATION.md`` into the crate and the profile's
``[profile.release]`` block into its Cargo.toml (between Batuta's marker and the end of the
file, replaced on each run; a ``[profile.release]`` the user wrote is left alone), and records
the Optimization phase in the Python project's ``.batuta-state.json`` where the workflow's order
allows (Transpilation Completed). ``--profile`` and ``--enable-gpu`` default to the project's
``batuta.toml`` ``[optimization]`` section (``batuta init``), else balanced and no GPU.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

from batuta.cli._common import EXIT_OK, add_common_options, print_json, whole_number
from batuta.errors import InvalidArgumentError, OutputWriteError

PHASE = "Optimization"
PROFILE_MARKER = "# release settings written by batuta optimize"


def register(subparsers: Any) -> None:
    """Add the ``optimize`` sub-command."""
    from batuta.backend.plan import PROFILES

    parser = subparsers.add_parser(
        "optimize", help="recommend a backend per operation of a converted crate "
                         "(the Optimization phase)",
        description="Run the backend cost model over every operation of a crate written by "
                    "'batuta convert DIR -o OUT'; write OPTIMIZATION.md and the release "
                    "profile into the crate and record the Optimization phase.")
    parser.add_argument("crate", metavar="CRATE_DIR", help="the crate batuta convert wrote")
    parser.add_argument("--size", type=whole_number("--size", 1), default=None, metavar="N",
                        help="data size n the backends are chosen for (default 1,000,000)")
    parser.add_argument("--profile", choices=sorted(PROFILES), default=None,
                        help="Cargo release settings: fast, balanced or aggressive (default: "
                             "batuta.toml's, else balanced)")
    parser.add_argument("--enable-gpu", action="store_true", default=None,
                        help="the target machine has a GPU (default: batuta.toml's "
                             "enable_gpu, else no GPU)")
    parser.add_argument("--project", metavar="DIR", default=None,
                        help="the Python project whose state records the phase (default: "
                             "the source named in the crate's Cargo.toml)")
    parser.add_argument("--force", action="store_true",
                        help="record Optimization even if later phases ran (resets them)")
    parser.add_argument("--no-state", action="store_true",
                        help="do not record the Optimization phase")
    add_common_options(parser)
    parser.set_defaults(func=run)



def project_settings(project: Path | None) -> dict[str, Any]:
    """``[optimization]`` of the project's batuta.toml (empty when absent or unreadable)."""
    if project is None:
        return {}
    try:
        data = tomllib.loads((project / "batuta.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    section = data.get("optimization")
    return dict(section) if isinstance(section, dict) else {}


def apply_profile(crate: Path, block: str, profile: str) -> str:
    """Write the profile's block at the end of Cargo.toml; the sentence saying what happened."""
    manifest = crate / "Cargo.toml"
    try:
        text = manifest.read_text(encoding="utf-8")
        ours = text.find(PROFILE_MARKER)
        base = text[:ours].rstrip("\n") + "\n" if ours >= 0 else text
        if ours < 0 and "[profile.release]" in text:
            return ("Cargo.toml already has a [profile.release] not written by Batuta; left as "
                    "it is (the settings above are the profile's).")
        new = f"{base}\n{PROFILE_MARKER} --profile {profile}\n{block}"
        tomllib.loads(new)  # never leave a manifest cargo cannot read
        manifest.write_text(new, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputWriteError(f"cannot update {manifest}: {exc}", path=str(manifest)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InvalidArgumentError(f"{manifest} is not valid TOML: {exc}",
                                   path=str(manifest)) from exc
    return "Written to the crate's Cargo.toml as [profile.release]."


def run(args: argparse.Namespace) -> int:
    """Plan, write OPTIMIZATION.md and the release profile, record the phase."""
    from batuta.backend import HardwareProfile
    from batuta.backend.plan import (
        DEFAULT_SIZE,
        PLAN_FILE,
        load_conversion,
        make_plan,
        plan_markdown,
        release_profile_toml,
    )
    from batuta.cli._crate import PhaseRecorder
    from batuta.cli.validate import project_of

    crate = Path(args.crate)
    record = load_conversion(crate)  # typed errors for a missing dir, a non-crate
    project = Path(args.project) if args.project else project_of(crate)
    settings = project_settings(project)
    profile = args.profile or str(settings.get("profile", "balanced"))
    gpu = args.enable_gpu if args.enable_gpu is not None else settings.get("enable_gpu") is True
    recorder = None
    if project is not None:
        recorder = PhaseRecorder(project, PHASE, force=args.force, enabled=not args.no_state)
        recorder.begin()
    started = time.perf_counter()
    try:
        plan = make_plan(record, data_size=args.size or DEFAULT_SIZE, profile=profile,
                         hardware=HardwareProfile(has_gpu=gpu))
        applied = apply_profile(crate, release_profile_toml(profile), profile)
        _write(crate / PLAN_FILE, plan_markdown(plan, applied=applied))
    except Exception as exc:
        if recorder is not None:
            recorder.fail(str(exc))
        raise
    note = "Optimization not recorded: no project (give --project DIR)."
    if recorder is not None:
        recorder.finish(time.perf_counter() - started, {**plan.summary(), "crate_dir": str(crate)})
        note = recorder.note or note
    if args.format == "json":
        print_json({"plan": plan.summary(), "file": str(crate / PLAN_FILE), "cargo": applied,
                    "state": note})
    else:
        counts = ", ".join(f"{n} {name}" for name, n in plan.backends.items())
        sys.stdout.write(f"Wrote {crate / PLAN_FILE}: {len(plan.operations)} operation(s) at "
                         f"n = {plan.data_size:,} ({counts}); profile {profile}, "
                         f"{'GPU' if gpu else 'no GPU'}.\n{applied}\n{note}\n")
    return EXIT_OK


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {path}: {exc.strerror or exc}",
                               path=str(path)) from exc
