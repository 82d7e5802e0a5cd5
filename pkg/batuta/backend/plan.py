"""The Optimization phase's plan: a backend for each operation of a converted crate.

``batuta convert DIR -o OUT`` writes ``CONVERSION.json`` into the crate: every construct that is
one of the router's operation types (``matrix_multiply``, ``dot_product``, ``element_wise``, ...)
with its file and line. ``load_conversion`` reads that record; ``make_plan`` runs the router and
the 5x PCIe cost model (``backend_recommend``) over each operation at one data size, and
``plan_markdown`` writes the result as ``OPTIMIZATION.md``. The ``profile`` (the book's
``--profile fast|balanced|aggressive``, ``[optimization] profile`` in ``batuta.toml``) picks the
Cargo release settings; ``release_profile_toml`` writes them as a ``[profile.release]`` block.

Estimated times are the cost model's, for its assumed hardware, not measurements: SIMD is
``flops / cpu_gflops``; Scalar is that times the SIMD width (one lane instead of ``simd_width``);
GPU is the PCIe transfer plus the GPU compute. Nothing here writes files or records phases
(``batuta.cli.optimize`` does); the crate directory is only read.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from batuta.backend import BackendDecision, HardwareProfile, backend_recommend
from batuta.backend.cost import format_count, format_seconds
from batuta.backend.moe import OPERATIONS
from batuta.errors import InvalidArgumentError, SourceNotFoundError

RECORD = "CONVERSION.json"
PLAN_FILE = "OPTIMIZATION.md"
DEFAULT_SIZE = 1_000_000
"""The data size when none is given: the same default as ``batuta convert --data-size``."""
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a record lists constructs; anything larger is not ours

PROFILES: dict[str, dict[str, str | int]] = {
    # Cargo's [profile.release] keys; the values are TOML literals' Python equivalents.
    "fast": {"opt-level": 3, "lto": "false", "codegen-units": 16},
    "balanced": {"opt-level": 3, "lto": "thin", "codegen-units": 4},
    "aggressive": {"opt-level": 3, "lto": "fat", "codegen-units": 1, "panic": "abort"},
}
"""What each profile of the book sets: ``fast`` builds quickly (parallel codegen, no LTO),
``balanced`` (batuta.toml's default) adds thin LTO, ``aggressive`` whole-program LTO in one
codegen unit and abort on panic (smaller, faster code; no unwinding)."""
PROFILE_NOTES = {
    "fast": "quick release builds: 16 parallel codegen units, no link-time optimization",
    "balanced": "thin link-time optimization over 4 codegen units",
    "aggressive": "whole-program (fat) LTO in one codegen unit, panic = abort; build with "
                  "RUSTFLAGS=\"-C target-cpu=native\" to let trueno use every SIMD lane of "
                  "this machine",
}
_BACKENDS = ("Scalar", "SIMD", "GPU")


@dataclass(frozen=True)
class PlannedOperation:
    """One operation site of the crate and the backend the cost model recommends for it."""

    file: str
    line: int
    python: str
    operation: str
    converted: bool
    rust_module: str
    decision: BackendDecision

    @property
    def estimate_s(self) -> float:
        """Estimated time on the recommended backend (the cost model's, see module doc)."""
        cost = self.decision.cost
        if self.decision.backend == "GPU":
            return cost.transfer_s + cost.gpu_compute_s
        if self.decision.backend == "SIMD":
            return cost.cpu_compute_s
        return cost.cpu_compute_s * self.decision.hardware.simd_width


@dataclass(frozen=True)
class OptimizationPlan:
    """The plan for a crate: every operation site, the options it was made with."""

    crate: str
    data_size: int
    profile: str
    hardware: HardwareProfile
    operations: tuple[PlannedOperation, ...]

    @property
    def backends(self) -> dict[str, int]:
        """How many operation sites go to each backend (every backend listed, zeros too)."""
        counts = Counter(op.decision.backend for op in self.operations)
        return {name: counts.get(name, 0) for name in _BACKENDS}

    def summary(self) -> dict[str, Any]:
        """What the workflow state records for the Optimization phase."""
        return {"crate": self.crate, "data_size": self.data_size, "profile": self.profile,
                "gpu": self.hardware.has_gpu, "operations": len(self.operations),
                "backends": self.backends}


def load_conversion(crate_dir: str | Path) -> dict[str, Any]:
    """The ``CONVERSION.json`` record of a crate ``batuta convert`` wrote.

    Raises:
        SourceNotFoundError: ``crate_dir`` is not a directory (BATUTA-X-005).
        InvalidArgumentError: no Cargo.toml (not a crate), no record (not written by
            ``batuta convert DIR -o OUT``, or by a Batuta before the record existed), or a
            record that is not one (BATUTA-X-001).
    """
    crate = Path(crate_dir)
    if not crate.is_dir():
        raise SourceNotFoundError(f"{crate}: no such crate directory", path=str(crate))
    if not (crate / "Cargo.toml").is_file():
        raise InvalidArgumentError(f"{crate} has no Cargo.toml: not a crate", path=str(crate))
    record = crate / RECORD
    if not record.is_file():
        raise InvalidArgumentError(
            f"{crate} has no {RECORD}: not a crate written by 'batuta convert DIR -o OUT' "
            "(convert the project again to write it)", path=str(crate))
    try:
        with record.open("rb") as fh:
            raw = fh.read(MAX_RECORD_BYTES + 1)
        if len(raw) > MAX_RECORD_BYTES:
            raise InvalidArgumentError(f"{record} is over {MAX_RECORD_BYTES:,} bytes",
                                       path=str(record))
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InvalidArgumentError(f"{record} is not a conversion record: {exc}",
                                   path=str(record)) from exc
    _check_record(data, record)
    return dict(data)


def _check_record(data: object, where: Path) -> None:
    def bad(why: str) -> InvalidArgumentError:
        return InvalidArgumentError(f"{where} is not a conversion record: {why}", path=str(where))

    if not isinstance(data, dict) or not isinstance(data.get("operations"), list):
        raise bad("no list of operations")
    if not isinstance(data.get("crate"), str):
        raise bad("no crate name")
    fields = {"file": str, "line": int, "python": str, "operation": str}
    for i, op in enumerate(data["operations"]):
        if not isinstance(op, dict):
            raise bad(f"operation {i} is not an object")
        for name, kind in fields.items():
            if not isinstance(op.get(name), kind) or isinstance(op.get(name), bool):
                raise bad(f"operation {i} has no {kind.__name__} {name!r}")
        if op["operation"] not in OPERATIONS:
            raise bad(f"operation {i}: unknown operation type {op['operation']!r}")


def make_plan(record: Mapping[str, Any], *, data_size: int = DEFAULT_SIZE,
              profile: str = "balanced", hardware: HardwareProfile | None = None
              ) -> OptimizationPlan:
    """Recommend a backend for every operation site of a conversion record.

    Example:
        >>> rec = {"crate": "demo", "operations": [{"file": "m.py", "line": 3,
        ...        "python": "numpy.dot", "operation": "matrix_multiply"}]}
        >>> plan = make_plan(rec, data_size=20_000, hardware=HardwareProfile(has_gpu=True))
        >>> plan.operations[0].decision.backend, plan.backends["GPU"]
        ('GPU', 1)
    """
    if profile not in PROFILES:
        raise InvalidArgumentError(f"unknown profile {profile!r}", allowed=sorted(PROFILES))
    hw = hardware or HardwareProfile(has_gpu=False)
    ops = tuple(
        PlannedOperation(op["file"], op["line"], op["python"], op["operation"],
                         bool(op.get("converted", True)), str(op.get("rust_module", "")),
                         backend_recommend(op["operation"], data_size, hw))
        for op in record["operations"])
    return OptimizationPlan(str(record["crate"]), data_size, profile, hw, ops)


def release_profile_toml(profile: str) -> str:
    """The ``[profile.release]`` block a profile stands for (TOML text).

    Example:
        >>> print(release_profile_toml("fast"))
        [profile.release]
        opt-level = 3
        lto = false
        codegen-units = 16
        <BLANKLINE>
    """
    lines = ["[profile.release]"]
    for key, value in PROFILES[profile].items():
        literal = value if isinstance(value, int) or value == "false" else f'"{value}"'
        lines.append(f"{key} = {literal}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|").replace("`", "'")


def plan_markdown(plan: OptimizationPlan, *, applied: str) -> str:
    """``OPTIMIZATION.md``: the options, the backends by count, one row per operation site.

    ``applied`` says in one sentence what happened to the crate's Cargo.toml.
    """
    hw = plan.hardware
    gpu = (f"a GPU ({hw.gpu_tflops:g} TFLOPS over PCIe at {hw.pcie_gb_s:g} GB/s)" if hw.has_gpu
           else "no GPU (give --enable-gpu to consider one)")
    counts = ", ".join(f"{name} {n}" for name, n in plan.backends.items())
    out = [f"# Optimization of `{plan.crate}`", "",
           f"Backends recommended by Batuta's router and 5x PCIe cost model for every operation "
           f"the conversion found ({len(plan.operations)} site(s)): {counts}.", "",
           f"- Data size: n = {plan.data_size:,} (`--size`; what n means per operation is in "
           "the *work* column)",
           f"- Hardware assumed: {gpu}; CPU {hw.cpu_gflops:g} GFLOPS with {hw.simd_width} SIMD "
           f"lanes ({hw.source})",
           f"- Profile: {plan.profile}: {PROFILE_NOTES[plan.profile]}. {applied}", "",
           "Estimated times are the cost model's for that hardware, not measurements: SIMD is "
           "FLOPs / CPU throughput, Scalar that times the SIMD width, GPU the PCIe transfer plus "
           "the GPU compute.", "",
           "```toml", release_profile_toml(plan.profile).rstrip("\n"), "```", "",
           "## Operations", ""]
    if not plan.operations:
        out.append("None: the conversion found no operation the router knows (matrix products, "
                   "dot products, element-wise arithmetic, reductions, estimators, ...).")
        return "\n".join(out) + "\n"
    out += ["| where | Python | operation | backend | work | FLOPs | bytes | est. time | why |",
            "|---|---|---|---|---|---|---|---|---|"]
    for op in sorted(plan.operations, key=lambda o: (o.file, o.line)):
        d, cost = op.decision, op.decision.cost
        todo = "" if op.converted else " (not converted: todo!)"
        why = f"{d.rationale} {d.cost_note}"
        out.append(f"| `{_cell(op.file)}:{op.line}` | `{_cell(op.python)}`{todo} | "
                   f"{op.operation} | **{d.backend}** | {_cell(cost.shape)} | "
                   f"{format_count(cost.flops, 'FLOP')} | {format_count(cost.bytes, 'B')} | "
                   f"{format_seconds(op.estimate_s)} | {_cell(why)} |")
    return "\n".join(out) + "\n"


__all__ = ["DEFAULT_SIZE", "PLAN_FILE", "PROFILES", "RECORD", "OptimizationPlan",
           "PlannedOperation", "load_conversion", "make_plan", "plan_markdown",
           "release_profile_toml"]
