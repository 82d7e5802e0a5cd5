"""The five-phase migration workflow and its ``.batuta-state.json`` file (SPEC.md §6 "Workflow").

A ``WorkflowState`` is an immutable value: ``start``, ``complete``, ``fail`` and ``reset_from``
return new states and refuse transitions that break the strict phase order. ``load_state`` and
``save_state`` move it to and from the project root; the file is written to a temporary name in
the same directory, fsynced and renamed, so a crash never leaves a torn file.

Invariant, checked on every transition and on every load: the phases read as a run of
``Completed``, then at most one ``InProgress`` or ``Failed``, then only ``NotStarted``. So at most
one phase is in progress and ``progress`` (completed phases x 20 %) is always a multiple of 20.
"""

from __future__ import annotations

import contextlib
import enum
import json
import math
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from batuta._serialize import to_jsonable
from batuta.errors import StateFileError, WorkflowOrderError
from batuta.limits import MAX_STATE_BYTES as _MAX_STATE_BYTES
from batuta.limits import MAX_STATE_DEPTH

STATE_FILENAME = ".batuta-state.json"
STATE_VERSION = 1
MAX_STATE_BYTES = _MAX_STATE_BYTES  # a state file is a few KiB; anything huge is not ours

PHASES: tuple[str, ...] = ("Analysis", "Transpilation", "Optimization", "Validation", "Deployment")
PERCENT_PER_PHASE = 100 // len(PHASES)


class PhaseStatus(enum.StrEnum):
    """State of one phase; the values are the strings stored in the file (book line 838)."""

    NOT_STARTED = "NotStarted"
    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"


@dataclass(frozen=True)
class PhaseRecord:
    """One phase: status, UTC timestamps, duration, and what the phase left for the next one."""

    name: str
    status: PhaseStatus = PhaseStatus.NOT_STARTED
    started_at: datetime | None = None
    finished_at: datetime | None = None  # completion or failure time
    duration_s: float | None = None
    error: str | None = None
    summary: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkflowState:
    """The whole workflow: one ``PhaseRecord`` per phase, in ``PHASES`` order."""

    phases: tuple[PhaseRecord, ...] = tuple(PhaseRecord(name) for name in PHASES)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_invariant(self.phases)

    def phase(self, name: str) -> PhaseRecord:
        """The record of phase ``name`` (WorkflowOrderError for a name outside ``PHASES``)."""
        return self.phases[_index(name)]

    @property
    def is_fresh(self) -> bool:
        """True when no phase has ever started."""
        return all(p.status is PhaseStatus.NOT_STARTED for p in self.phases)

    @property
    def completed(self) -> int:
        """Number of completed phases."""
        return sum(p.status is PhaseStatus.COMPLETED for p in self.phases)

    @property
    def progress(self) -> int:
        """Overall progress in percent: completed phases x 20."""
        return self.completed * PERCENT_PER_PHASE

    @property
    def current_phase(self) -> str | None:
        """The phase to work on: in progress, failed, or the next not started; None when done."""
        for record in self.phases:
            if record.status is not PhaseStatus.COMPLETED:
                return record.name
        return None

    def start(self, name: str, *, now: datetime | None = None) -> WorkflowState:
        """Mark ``name`` in progress; its predecessor must be Completed, its successors untouched.

        Re-starting a phase that is in progress (an interrupted run), failed, or completed (a
        re-run) is allowed as long as no later phase has started: later phases consumed its
        output, so the caller must ``reset_from`` the next phase first.
        """
        i = _index(name)
        if i > 0 and self.phases[i - 1].status is not PhaseStatus.COMPLETED:
            before = self.phases[i - 1]
            raise WorkflowOrderError(
                f"cannot start {name}: {before.name} is {_human(before.status)}, "
                f"it must be Completed first", phase=name, blocking=before.name)
        later = [p.name for p in self.phases[i + 1:] if p.status is not PhaseStatus.NOT_STARTED]
        if later:
            raise WorkflowOrderError(
                f"cannot re-run {name}: later phases ({', '.join(later)}) depend on it; "
                f"reset them first", phase=name, blocking=later[0])
        record = PhaseRecord(name, PhaseStatus.IN_PROGRESS, started_at=_now(now))
        return self._with(i, record, now)

    def complete(self, name: str, *, now: datetime | None = None,
                 duration_s: float | None = None,
                 summary: Mapping[str, Any] | None = None) -> WorkflowState:
        """Mark ``name`` (which must be in progress) Completed, with an optional summary.

        ``duration_s`` defaults to the time since ``started_at``; callers that timed the work
        themselves pass the precise figure.
        """
        i, record = self._running(name, "complete")
        end = _now(now)
        record = replace(record, status=PhaseStatus.COMPLETED, finished_at=end,
                         duration_s=_duration(record.started_at, end, duration_s),
                         error=None, summary=to_jsonable(dict(summary or {})))
        return self._with(i, record, now)

    def fail(self, name: str, error: str, *, now: datetime | None = None) -> WorkflowState:
        """Mark ``name`` (which must be in progress) Failed with a message saying why."""
        i, record = self._running(name, "fail")
        end = _now(now)
        record = replace(record, status=PhaseStatus.FAILED, finished_at=end,
                         duration_s=_duration(record.started_at, end, None), error=error)
        return self._with(i, record, now)

    def reset_from(self, name: str, *, now: datetime | None = None) -> WorkflowState:
        """Set ``name`` and every later phase back to NotStarted (what ``--force`` does)."""
        i = _index(name)
        phases = self.phases[:i] + tuple(PhaseRecord(p) for p in PHASES[i:])
        return WorkflowState(phases, self.created_at, _now(now))

    def _running(self, name: str, verb: str) -> tuple[int, PhaseRecord]:
        i = _index(name)
        record = self.phases[i]
        if record.status is not PhaseStatus.IN_PROGRESS:
            raise WorkflowOrderError(
                f"cannot {verb} {name}: it is {_human(record.status)}, not In Progress",
                phase=name)
        return i, record

    def _with(self, i: int, record: PhaseRecord, now: datetime | None) -> WorkflowState:
        stamp = _now(now)
        phases = (*self.phases[:i], record, *self.phases[i + 1:])
        return WorkflowState(phases, self.created_at or stamp, stamp)


# --- file I/O ----------------------------------------------------------------------------------
def state_path(root: str | os.PathLike[str]) -> Path:
    """Where the state of the project at ``root`` lives."""
    return Path(root) / STATE_FILENAME


def load_state(root: str | os.PathLike[str]) -> WorkflowState:
    """Read the project's state; a fresh state when there is no file yet.

    Raises:
        StateFileError: the file is unreadable, not JSON, of an unknown version, or inconsistent.
    """
    path = state_path(root)
    if path.exists() and not path.is_file():  # a FIFO or device would block or never end
        raise StateFileError(f"{path} is not a regular file", path=str(path))
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_STATE_BYTES + 1)
    except FileNotFoundError:
        return WorkflowState()
    except OSError as exc:
        raise StateFileError(f"cannot read {path}: {exc.strerror or exc}", path=str(path)) from exc
    if len(raw) > MAX_STATE_BYTES:
        raise StateFileError(f"{path} is larger than {MAX_STATE_BYTES} bytes; not a state file",
                             path=str(path))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise StateFileError(f"{path} is not valid JSON: {exc}", path=str(path)) from exc
    return state_from_dict(data, path=path)


def save_state(root: str | os.PathLike[str], state: WorkflowState) -> Path:
    """Write ``state`` atomically: temp file in the same directory, fsync, ``os.replace``.

    Raises:
        StateFileError: the directory is missing or not writable; the old file is then intact.
    """
    path = state_path(root)
    payload = (json.dumps(state_to_dict(state), indent=2, ensure_ascii=False) + "\n").encode()
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=STATE_FILENAME + ".", suffix=".tmp",
                                        dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise StateFileError(f"cannot write {path}: {exc.strerror or exc}",
                             path=str(path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path


@dataclass(frozen=True)
class ResetOutcome:
    """What ``reset_state`` did: the removed file, and where a corrupt one was kept."""

    path: Path
    existed: bool
    backup: Path | None = None


def reset_state(root: str | os.PathLike[str]) -> ResetOutcome:
    """Forget the workflow of the project at ``root``.

    A valid state file is removed. One that does not load is never destroyed: it is renamed to
    ``.batuta-state.json.corrupt`` (``.corrupt.1``, ... if that exists) so it can be inspected.
    """
    path = state_path(root)
    if not path.exists() and not path.is_symlink():
        return ResetOutcome(path, existed=False)
    try:
        load_state(root)
    except StateFileError:
        backup = _free_name(path.with_name(path.name + ".corrupt"))
        _move(path, backup)
        return ResetOutcome(path, existed=True, backup=backup)
    try:
        path.unlink()
    except OSError as exc:
        raise StateFileError(f"cannot remove {path}: {exc.strerror or exc}",
                             path=str(path)) from exc
    return ResetOutcome(path, existed=True)


# --- (de)serialization -------------------------------------------------------------------------
def state_to_dict(state: WorkflowState) -> dict[str, Any]:
    """The JSON shape of the file: the book's layout (line 838) plus a version and summaries."""
    phases: dict[str, Any] = {}
    for p in state.phases:
        # "phase" repeats the key because native Batuta's loader requires it in every entry
        # (its PhaseInfo struct); the rest is ours and native Batuta ignores it.
        entry: dict[str, Any] = {"phase": p.name, "status": p.status.value}
        if p.started_at is not None:
            entry["started_at"] = _fmt(p.started_at)
        if p.finished_at is not None:
            key = "failed_at" if p.status is PhaseStatus.FAILED else "completed_at"
            entry[key] = _fmt(p.finished_at)
        if p.duration_s is not None:
            entry["duration"] = f"{p.duration_s:.2f}s"
            entry["duration_s"] = round(p.duration_s, 6)
        if p.error is not None:
            entry["error"] = p.error
        if p.summary:
            entry["summary"] = dict(p.summary)
        phases[p.name] = entry
    return {
        "version": STATE_VERSION,
        "current_phase": state.current_phase,
        "progress": state.progress,
        "created_at": _fmt(state.created_at) if state.created_at else None,
        "updated_at": _fmt(state.updated_at) if state.updated_at else None,
        "phases": phases,
    }


def state_from_dict(data: Any, *, path: str | os.PathLike[str] = STATE_FILENAME) -> WorkflowState:
    """Parse the file's JSON; a file without ``version`` is read as the book's layout.

    Raises:
        StateFileError: unknown version, unknown phase or status, bad timestamp, broken order.
    """
    where = str(path)
    if not isinstance(data, dict):
        raise StateFileError(f"{where}: expected a JSON object", path=where)
    version = data.get("version", STATE_VERSION)
    if version != STATE_VERSION or isinstance(version, bool):
        raise StateFileError(f"{where}: unknown state file version {version!r} "
                             f"(this Batuta reads version {STATE_VERSION})", path=where)
    phases = data.get("phases", {})
    if not isinstance(phases, dict):
        raise StateFileError(f"{where}: 'phases' must be an object", path=where)
    unknown = sorted(set(phases) - set(PHASES))
    if unknown:
        raise StateFileError(f"{where}: unknown phase {unknown[0]!r}", path=where)
    try:
        records = tuple(_record(name, phases.get(name, {})) for name in PHASES)
        return WorkflowState(records, _opt_time(data.get("created_at")),
                             _opt_time(data.get("updated_at")))
    except (ValueError, TypeError, OverflowError, WorkflowOrderError) as exc:
        raise StateFileError(f"{where}: {exc}", path=where) from exc


def _record(name: str, entry: Any) -> PhaseRecord:
    if not isinstance(entry, dict):
        raise ValueError(f"phase {name!r} must be an object")
    status = PhaseStatus(entry.get("status", PhaseStatus.NOT_STARTED.value))
    duration = entry.get("duration_s")
    if duration is None and isinstance(entry.get("duration"), str):
        duration = float(entry["duration"].removesuffix("s"))  # the book's "0.13s"
    if duration is not None and (isinstance(duration, bool)
                                 or not isinstance(duration, (int, float))
                                 or not math.isfinite(duration) or duration < 0):
        raise ValueError(f"phase {name!r}: bad duration {duration!r}")
    summary = entry.get("summary", {})
    error = entry.get("error")
    if not isinstance(summary, dict) or not isinstance(error, (str, type(None))):
        raise ValueError(f"phase {name!r}: bad summary or error")
    if _too_deep(summary, MAX_STATE_DEPTH):  # status --format json recurses over it
        raise ValueError(f"phase {name!r}: summary nests deeper than {MAX_STATE_DEPTH} levels")
    finished = entry.get("completed_at", entry.get("failed_at"))
    return PhaseRecord(name, status, _opt_time(entry.get("started_at")), _opt_time(finished),
                       None if duration is None else float(duration), error, summary)


def _too_deep(value: Any, limit: int) -> bool:
    """Whether JSON-like ``value`` nests deeper than ``limit`` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


def _check_invariant(phases: tuple[PhaseRecord, ...]) -> None:
    if tuple(p.name for p in phases) != PHASES:
        raise WorkflowOrderError(f"phases must be exactly {', '.join(PHASES)} in that order")
    statuses = [p.status for p in phases]
    done = 0
    while done < len(statuses) and statuses[done] is PhaseStatus.COMPLETED:
        done += 1
    rest = statuses[done + 1:] if done < len(statuses) else []
    if any(s is not PhaseStatus.NOT_STARTED for s in rest):
        raise WorkflowOrderError(
            "phase order broken: " + ", ".join(f"{p.name}={p.status.value}" for p in phases))


def _index(name: str) -> int:
    try:
        return PHASES.index(name)
    except ValueError:
        raise WorkflowOrderError(f"unknown phase {name!r}; phases are {', '.join(PHASES)}",
                                 phase=name) from None


def _human(status: PhaseStatus) -> str:
    return {PhaseStatus.NOT_STARTED: "Not Started", PhaseStatus.IN_PROGRESS: "In Progress",
            PhaseStatus.COMPLETED: "Completed", PhaseStatus.FAILED: "Failed"}[status]


def _now(now: datetime | None) -> datetime:
    stamp = now or datetime.now(UTC)
    if stamp.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return stamp.astimezone(UTC)


def _duration(start: datetime | None, end: datetime, given: float | None) -> float | None:
    if given is not None:
        return max(0.0, float(given))
    return None if start is None else max(0.0, (end - start).total_seconds())


def _fmt(stamp: datetime) -> str:
    # Second precision with a Z, as in the book; durations keep the sub-second detail.
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _opt_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"bad timestamp {value!r}")
    stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no time zone")
    return stamp.astimezone(UTC)


def _free_name(path: Path) -> Path:
    candidate, n = path, 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate


def _move(src: Path, dst: Path) -> None:
    try:
        os.replace(src, dst)
    except OSError as exc:
        raise StateFileError(f"cannot move {src} to {dst}: {exc.strerror or exc}",
                             path=str(src)) from exc


def _fsync_dir(directory: Path) -> None:
    # Makes the rename durable on POSIX; directories cannot be opened this way everywhere.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
