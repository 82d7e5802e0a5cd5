"""The migration report's model: the plain data every writer presents.

A leaf of ``report`` (it imports no writer): ``report.migration`` builds a ``MigrationReport``
and the writers (``report.html``, ``report.markdown``) read one, each importing it from here,
so the builder and the writers never import each other back. ``report.migration`` re-exports
these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from batuta.oracle.results import OracleAnswer


@dataclass(frozen=True)
class Coverage:
    """Conversion coverage of one framework: call sites the converter maps, of all found."""

    framework: str
    target: str
    call_sites: int
    convertible: int
    percent: float


@dataclass(frozen=True)
class PhaseRow:
    """One row of the workflow board."""

    phase: str
    status: str
    started_at: str | None
    finished_at: str | None


@dataclass(frozen=True)
class MigrationReport:
    """Everything the report shows, as plain data (the JSON format is exactly this)."""

    title: str
    summary: dict[str, Any]
    languages: tuple[dict[str, Any], ...]
    dependencies: tuple[dict[str, Any], ...]
    frameworks: tuple[dict[str, Any], ...]
    call_sites: tuple[tuple[str, str, int, bool], ...]
    tdg: dict[str, Any] | None
    complex_functions: tuple[dict[str, Any], ...]
    workflow: tuple[PhaseRow, ...]
    workflow_progress: int | None
    coverage: tuple[Coverage, ...]
    transpilers: tuple[dict[str, Any], ...]
    oracle: OracleAnswer
    charts: tuple[str, ...]


__all__ = ["Coverage", "MigrationReport", "PhaseRow"]
