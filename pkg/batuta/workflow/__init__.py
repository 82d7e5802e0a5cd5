"""The migration workflow: five phases in strict order, persisted in ``.batuta-state.json``."""

from batuta.workflow.state import (
    PHASES,
    STATE_FILENAME,
    PhaseRecord,
    PhaseStatus,
    ResetOutcome,
    WorkflowState,
    load_state,
    reset_state,
    save_state,
    state_path,
)

__all__ = [
    "PHASES",
    "STATE_FILENAME",
    "PhaseRecord",
    "PhaseStatus",
    "ResetOutcome",
    "WorkflowState",
    "load_state",
    "reset_state",
    "save_state",
    "state_path",
]
