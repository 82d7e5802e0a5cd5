"""The workflow state machine and its atomically written ``.batuta-state.json``."""

from __future__ import annotations

import contextlib
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.errors import StateFileError, WorkflowOrderError
from batuta.workflow import (
    PHASES,
    STATE_FILENAME,
    PhaseStatus,
    WorkflowState,
    load_state,
    reset_state,
    save_state,
)
from batuta.workflow.state import state_from_dict, state_to_dict

T0 = datetime(2025, 11, 19, 14, 21, 32, tzinfo=UTC)


def _through(n: int) -> WorkflowState:
    """A state with the first ``n`` phases completed."""
    state = WorkflowState()
    for i, name in enumerate(PHASES[:n]):
        state = state.start(name, now=T0 + timedelta(minutes=i))
        state = state.complete(name, now=T0 + timedelta(minutes=i, seconds=30))
    return state


def test_fresh_state_is_not_started_everywhere() -> None:
    state = WorkflowState()
    assert state.is_fresh and state.progress == 0 and state.current_phase == "Analysis"
    assert [p.status for p in state.phases] == [PhaseStatus.NOT_STARTED] * 5


def test_progress_is_completed_phases_times_twenty() -> None:
    assert [_through(n).progress for n in range(6)] == [0, 20, 40, 60, 80, 100]
    assert _through(5).current_phase is None


def test_strict_order_refuses_skipping_a_phase() -> None:
    with pytest.raises(WorkflowOrderError) as info:
        WorkflowState().start("Transpilation")
    assert info.value.code == "BATUTA-X-008"
    assert "Analysis is Not Started" in info.value.message


def test_failed_predecessor_blocks_next_phase() -> None:
    state = _through(1).start("Transpilation").fail("Transpilation", "depyler exited 1")
    with pytest.raises(WorkflowOrderError, match="Transpilation is Failed"):
        state.start("Optimization")
    assert state.phase("Transpilation").error == "depyler exited 1"
    assert state.progress == 20 and state.current_phase == "Transpilation"


def test_rerun_refused_while_later_phases_depend_on_it() -> None:
    state = _through(2)
    with pytest.raises(WorkflowOrderError, match="later phases"):
        state.start("Analysis")
    rerun = state.reset_from("Transpilation").start("Analysis")
    assert rerun.phase("Analysis").status is PhaseStatus.IN_PROGRESS
    assert rerun.progress == 0


def test_complete_and_fail_need_a_running_phase() -> None:
    with pytest.raises(WorkflowOrderError, match="not In Progress"):
        WorkflowState().complete("Analysis")
    with pytest.raises(WorkflowOrderError, match="not In Progress"):
        _through(1).fail("Analysis", "x")


def test_unknown_phase_is_a_typed_error() -> None:
    with pytest.raises(WorkflowOrderError, match="unknown phase"):
        WorkflowState().start("Deploy")


def test_duration_from_timestamps_or_given() -> None:
    state = WorkflowState().start("Analysis", now=T0)
    assert state.complete("Analysis", now=T0 + timedelta(seconds=2)).phase(
        "Analysis").duration_s == 2.0
    assert state.complete("Analysis", duration_s=0.13).phase("Analysis").duration_s == 0.13


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    done = _through(1).start("Transpilation", now=T0 + timedelta(hours=1))
    save_state(tmp_path, done)
    loaded = load_state(tmp_path)
    assert state_to_dict(loaded) == state_to_dict(done)
    on_disk = json.loads((tmp_path / STATE_FILENAME).read_text())
    assert on_disk["current_phase"] == "Transpilation" and on_disk["progress"] == 20
    assert on_disk["phases"]["Analysis"]["started_at"] == "2025-11-19T14:21:32Z"
    assert on_disk["phases"]["Analysis"]["duration"] == "30.00s"
    assert on_disk["phases"]["Optimization"] == {"phase": "Optimization", "status": "NotStarted"}


def test_summary_is_stored_as_json(tmp_path: Path) -> None:
    state = WorkflowState().start("Analysis").complete(
        "Analysis", summary={"files": 3, "tdg": float("nan"), "langs": ("Python",)})
    save_state(tmp_path, state)
    summary = load_state(tmp_path).phase("Analysis").summary
    assert summary == {"files": 3, "tdg": None, "langs": ["Python"]}


def test_missing_file_is_a_fresh_state(tmp_path: Path) -> None:
    assert load_state(tmp_path).is_fresh


def test_reads_the_books_layout(tmp_path: Path) -> None:
    book = {
        "current_phase": "Transpilation",
        "phases": {
            "Analysis": {"status": "Completed", "started_at": "2025-11-19T14:21:32Z",
                         "completed_at": "2025-11-19T14:21:33Z", "duration": "0.13s"},
            "Transpilation": {"status": "InProgress", "started_at": "2025-11-19T14:22:15Z"},
            "Optimization": {"status": "NotStarted"},
        },
    }
    (tmp_path / STATE_FILENAME).write_text(json.dumps(book))
    state = load_state(tmp_path)
    assert state.phase("Analysis").duration_s == 0.13
    assert state.current_phase == "Transpilation" and state.progress == 20


@pytest.mark.parametrize("content, fragment", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b"[1, 2]", "expected a JSON object"),
    (b'{"version": 2, "phases": {}}', "unknown state file version 2"),
    (b'{"version": "1", "phases": {}}', "unknown state file version"),
    (b'{"version": true, "phases": {}}', "unknown state file version"),
    (b'{"phases": {"Analysis": {"status": "Done"}}}', "Done"),
    (b'{"phases": {"Packaging": {}}}', "unknown phase"),
    (b'{"phases": {"Transpilation": {"status": "Completed"}}}', "phase order broken"),
    (b'{"phases": {"Analysis": {"status": "Completed", "started_at": "noon"}}}', "noon"),
    (b'{"phases": {"Analysis": {"status": "Completed", "duration": "nans"}}}', "duration"),
    (b"[" * 100_000, "not valid JSON"),
    (b'{"phases": {"Analysis": {"status": "Completed", "duration_s": 1%s}}}' % (b"0" * 400),
     "too large"),
    (b'{"phases": {"Analysis": {"status": "Failed", '
     b'"started_at": "9999-12-31T23:59:59-23:00"}}}', "out of range"),
])
def test_corrupt_files_raise_state_file_error_with_path(
        tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / STATE_FILENAME
    path.write_bytes(content)
    with pytest.raises(StateFileError) as info:
        load_state(tmp_path)
    assert info.value.code == "BATUTA-X-007"
    assert info.value.details["path"] == str(path)
    assert fragment in info.value.message
    assert path.read_bytes() == content


def test_state_path_that_is_a_directory_or_fifo(tmp_path: Path) -> None:
    (tmp_path / STATE_FILENAME).mkdir()
    with pytest.raises(StateFileError, match="not a regular file"):
        load_state(tmp_path)
    fifo_dir = tmp_path / "f"
    fifo_dir.mkdir()
    os.mkfifo(fifo_dir / STATE_FILENAME)
    with pytest.raises(StateFileError, match="not a regular file"):
        load_state(fifo_dir)


def test_crash_between_write_and_rename_leaves_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_state(tmp_path, _through(1))
    before = (tmp_path / STATE_FILENAME).read_bytes()

    def crash(src: Any, dst: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StateFileError, match="cannot write"):
        save_state(tmp_path, _through(3))
    assert (tmp_path / STATE_FILENAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILENAME]


def test_write_into_missing_directory_is_typed(tmp_path: Path) -> None:
    with pytest.raises(StateFileError, match="cannot write"):
        save_state(tmp_path / "nope", WorkflowState())


def test_write_where_root_is_a_file_is_typed(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StateFileError, match="cannot write"):
        save_state(tmp_path / "file", WorkflowState())


def test_reset_removes_valid_and_backs_up_corrupt(tmp_path: Path) -> None:
    assert not reset_state(tmp_path).existed
    save_state(tmp_path, _through(2))
    outcome = reset_state(tmp_path)
    assert outcome.existed and outcome.backup is None
    assert not (tmp_path / STATE_FILENAME).exists()
    for n, suffix in enumerate((".corrupt", ".corrupt.1")):
        (tmp_path / STATE_FILENAME).write_bytes(b"garbage %d" % n)
        outcome = reset_state(tmp_path)
        assert outcome.backup == tmp_path / (STATE_FILENAME + suffix)
        assert outcome.backup.read_bytes() == b"garbage %d" % n
    assert load_state(tmp_path).is_fresh


OPS = st.lists(st.tuples(st.sampled_from(("start", "complete", "fail", "reset")),
                         st.sampled_from(PHASES)), max_size=25)


def _apply(state: WorkflowState, op: str, name: str, now: datetime) -> WorkflowState:
    if op == "start":
        return state.start(name, now=now)
    if op == "complete":
        return state.complete(name, now=now, summary={"op": op})
    if op == "fail":
        return state.fail(name, "boom", now=now)
    return state.reset_from(name, now=now)


def _legal(state: WorkflowState, op: str, name: str) -> bool:
    i = PHASES.index(name)
    statuses = [p.status for p in state.phases]
    if op == "start":
        return ((i == 0 or statuses[i - 1] is PhaseStatus.COMPLETED)
                and all(s is PhaseStatus.NOT_STARTED for s in statuses[i + 1:]))
    if op in ("complete", "fail"):
        return statuses[i] is PhaseStatus.IN_PROGRESS
    return True


@given(OPS)
def test_random_operation_sequences_keep_invariants(ops: list[tuple[str, str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        state = WorkflowState()
        for step, (op, name) in enumerate(ops):
            legal = _legal(state, op, name)
            try:
                state = _apply(state, op, name, T0 + timedelta(seconds=step))
            except WorkflowOrderError:
                assert not legal, (op, name)
            else:
                assert legal, (op, name)
            save_state(tmp, state)
            data = json.loads(Path(tmp, STATE_FILENAME).read_text())
            assert state_to_dict(state_from_dict(data)) == data
            statuses = [p.status for p in state.phases]
            assert data["progress"] % 20 == 0
            assert data["progress"] == 20 * statuses.count(PhaseStatus.COMPLETED)
            assert statuses.count(PhaseStatus.IN_PROGRESS) <= 1
            done = statuses.count(PhaseStatus.COMPLETED)
            assert statuses[:done] == [PhaseStatus.COMPLETED] * done
            assert all(s is PhaseStatus.NOT_STARTED for s in statuses[done + 1:])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.just(10**400) | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from([*PHASES, "Completed", "InProgress", "Failed", "NotStarted",
                       "2025-11-19T14:21:32Z", "0.13s", 1]),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["version", "phases", "status", "started_at", "completed_at",
                         "failed_at", "duration", "duration_s", "error", "summary", *PHASES]),
        kids, max_size=5),
    max_leaves=20)


@given(JSON)
def test_any_json_loads_or_raises_state_file_error(data: Any) -> None:
    try:
        state = state_from_dict(data)
    except StateFileError as exc:
        assert exc.code == "BATUTA-X-007"
    else:
        again = state_to_dict(state)
        assert state_to_dict(state_from_dict(json.loads(json.dumps(again)))) == again


@given(st.binary(max_size=200))
def test_any_bytes_load_or_raise_state_file_error(content: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, STATE_FILENAME).write_bytes(content)
        with contextlib.suppress(StateFileError):
            load_state(tmp)
        assert Path(tmp, STATE_FILENAME).read_bytes() == content
