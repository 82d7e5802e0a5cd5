"""``batuta convert DIR -o OUT``: a Python project written as a Cargo crate, and the
Transpilation phase recorded in the project's ``.batuta-state.json``.

The crate itself is built in memory by ``batuta.convert.project``; this module owns the file
system side: checking that OUT may be written (empty, new, or a crate Batuta wrote before),
writing it, and moving the workflow's Transpilation phase through InProgress -> Completed
(or Failed). The phase is recorded only where the workflow's order allows it (Analysis
Completed, no later phase started, or ``--force`` to reset them); otherwise the crate is still
written and the output says why the state was left as it was.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from batuta.errors import OutputWriteError, StateFileError, WorkflowOrderError
from batuta.workflow import load_state, save_state, state_path
from batuta.workflow.state import PhaseStatus, WorkflowState

PHASE = "Transpilation"
MARKER = "(batuta convert)"  # in every Cargo.toml Batuta writes: such an OUT may be rewritten


def check_output_dir(out: Path) -> None:
    """OUT may be written: it does not exist, is empty, or holds a crate Batuta wrote."""
    if out.exists() and not out.is_dir():
        raise OutputWriteError(f"cannot write the crate to {out}: it is a file", path=str(out))
    if out.is_dir() and any(out.iterdir()):
        manifest = out / "Cargo.toml"
        ours = manifest.is_file() and MARKER in manifest.read_text("utf-8", errors="replace")
        if not ours:
            raise OutputWriteError(
                f"cannot write the crate to {out}: the directory is not empty and holds no "
                "crate written by batuta convert", path=str(out))


def write_files(files: dict[str, bytes], out: Path) -> None:
    """Write the crate's files under ``out``."""
    try:
        for rel, data in files.items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except OSError as exc:
        raise OutputWriteError(f"cannot write the crate to {out}: {exc.strerror or exc}",
                               path=str(out)) from exc


class PhaseRecorder:
    """Moves one workflow phase through InProgress -> Completed / Failed in a state file."""

    def __init__(self, root: Path, phase: str, *, force: bool, enabled: bool) -> None:
        self.root = root
        self.phase = phase
        self.note: str | None = None
        self.active = enabled
        if not enabled:
            self.note = "Workflow state not recorded (--no-state)."
            return
        try:
            self.state = load_state(root)
        except StateFileError as exc:
            self.active = False
            self.note = f"Workflow state not recorded: {exc.message}"
            return
        self._check_order(force)

    def _check_order(self, force: bool) -> None:
        index = [p.name for p in self.state.phases].index(self.phase)
        later = [p.name for p in self.state.phases[index + 1:]
                 if p.status is not PhaseStatus.NOT_STARTED]
        if later and force:
            self.state = self.state.reset_from(self.state.phases[index + 1].name)
        elif later:
            self.active = False
            self.note = (f"{self.phase} not recorded: later phases ({', '.join(later)}) "
                         "depend on the recorded one; use --force to record it and reset them.")
            return
        try:
            self.state = self.state.start(self.phase)
        except WorkflowOrderError as exc:
            self.active = False
            self.note = f"{self.phase} not recorded in {state_path(self.root)}: {exc.message}"

    def begin(self) -> None:
        if self.active:
            save_state(self.root, self.state)

    def fail(self, reason: str) -> None:
        if not self.active:
            return
        self.state = self.state.fail(self.phase, reason)
        with contextlib.suppress(StateFileError):  # the original error matters more
            save_state(self.root, self.state)

    def finish(self, elapsed_s: float, summary: dict[str, Any]) -> None:
        if not self.active:
            return
        self.state = self.state.complete(self.phase, duration_s=elapsed_s, summary=summary)
        save_state(self.root, self.state)
        self.note = f"✓ {self.phase} recorded in {state_path(self.root)}"

    @property
    def current(self) -> WorkflowState | None:
        return self.state if self.active else None


def convert_directory(source: Path, out: Path, *, crate_name: str | None, data_size: int,
                      force: bool, record: bool) -> dict[str, Any]:
    """Convert the project at ``source`` into a crate at ``out``; the summary printed."""
    from batuta.convert.project import convert_project

    check_output_dir(out)
    name = crate_name or source.resolve().name or "converted"
    recorder = PhaseRecorder(source, PHASE, force=force, enabled=record)
    started = time.perf_counter()
    recorder.begin()
    try:
        project = convert_project(source, name, data_size=data_size)
        files = dict(project.files)
        files["Cargo.toml"] = (files["Cargo.toml"].decode("utf-8") + "\n"
                               "[package.metadata.batuta]\n"
                               f"source = {_toml_string(str(source.resolve()))}\n"
                               ).encode("utf-8")
        write_files(files, out)
    except Exception as exc:
        recorder.fail(str(exc))
        raise
    summary = {
        "crate": project.crate_name, "output": str(out), "modules": len(project.modules),
        "mapped": project.mapped, "not_converted": len(project.unsupported),
        "files_not_converted": [f.path for f in project.failures],
        "files": sorted(files),
    }
    recorder.finish(time.perf_counter() - started,
                    {k: summary[k] for k in ("crate", "output", "modules", "mapped",
                                             "not_converted")})
    summary["state"] = recorder.note
    return summary


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def summary_text(summary: dict[str, Any]) -> str:
    lines = [f"Wrote crate {summary['crate']} to {summary['output']}: {summary['modules']} "
             f"module(s), {summary['mapped']} construct(s) mapped, "
             f"{summary['not_converted']} not converted (listed in CONVERSION.md)."]
    if summary["files_not_converted"]:
        lines.append("Files not converted at all: " + ", ".join(summary["files_not_converted"]))
    if summary.get("state"):
        lines.append(str(summary["state"]))
    return "\n".join(lines) + "\n"
