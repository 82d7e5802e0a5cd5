"""The exception hierarchy: every error Batuta raises on purpose is a ``BatutaError``.

Codes follow the book's ``BATUTA-[PHASE]-[NNN]`` scheme (book line 9386); the ``X`` phase holds
input errors the book does not name (bad archives, oversize input, bad YAML, ...). The CLI and the
JS bridge turn these into a message plus a code, never a traceback.
"""

from __future__ import annotations

from typing import Any


class BatutaError(Exception):
    """Base class: a specific, actionable failure with a stable code."""

    code: str = "BATUTA-X-000"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used across the CLI ``--format json`` and the JS boundary."""
        return {"code": self.code, "message": self.message, "type": type(self).__name__,
                "details": {k: _jsonable(v) for k, v in self.details.items()}}

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


# --- Analysis phase (book codes) -------------------------------------------------------------
class LanguageDetectionError(BatutaError):
    """A file's language could not be decided."""

    code = "BATUTA-A-001"


class DependencyAnalysisError(BatutaError):
    """A dependency manifest could not be parsed."""

    code = "BATUTA-A-002"


class TDGError(BatutaError):
    """The technical-debt grade could not be computed."""

    code = "BATUTA-A-003"


class FrameworkNotRecognizedError(BatutaError):
    """An ML framework was named that Batuta has no knowledge of."""

    code = "BATUTA-A-004"


# --- Transpilation phase -----------------------------------------------------------------------
class SourceSyntaxError(BatutaError):
    """The source code does not parse."""

    code = "BATUTA-T-002"


class UnsupportedConstructError(BatutaError):
    """A construct was recognized but cannot be converted."""

    code = "BATUTA-T-004"


# --- Optimization phase ------------------------------------------------------------------------
class BackendSelectionError(BatutaError):
    """No backend decision could be made (bad operation, size or hardware profile)."""

    code = "BATUTA-O-003"


# --- Quality gates -----------------------------------------------------------------------------
class QualityGateError(BatutaError):
    """A score fell below its threshold."""

    code = "BATUTA-Q-001"


# --- Input errors (X) --------------------------------------------------------------------------
class InvalidArgumentError(BatutaError):
    """An argument has the wrong type or an out-of-range value (CLI flags, JS arguments)."""

    code = "BATUTA-X-001"


class InputTooLargeError(BatutaError):
    """An input exceeds a safety bound (file size, line length, string length)."""

    code = "BATUTA-X-002"


class UnsafeArchiveError(BatutaError):
    """An archive has path traversal, links, or an expansion ratio that looks like a bomb."""

    code = "BATUTA-X-003"


class InvalidArchiveError(BatutaError):
    """An archive is corrupt or of an unsupported kind."""

    code = "BATUTA-X-004"


class SourceNotFoundError(BatutaError):
    """The path to analyze does not exist or cannot be read."""

    code = "BATUTA-X-005"


class NestingTooDeepError(BatutaError):
    """Source nests deeper than the analyzer can walk (RecursionError caught)."""

    code = "BATUTA-X-006"


class StateFileError(BatutaError):
    """``.batuta-state.json`` is unreadable, corrupt or cannot be written."""

    code = "BATUTA-X-007"


class WorkflowOrderError(BatutaError):
    """A workflow phase was started before the phase it depends on completed."""

    code = "BATUTA-X-008"


class AppValidationError(BatutaError):
    """An ``app.yaml`` does not validate; carries file, line and column."""

    code = "BATUTA-X-010"


class ExpressionError(BatutaError):
    """A ``{{ ... }}`` expression is outside the grammar or names an unknown transform."""

    code = "BATUTA-X-011"


class UnsafeYamlError(BatutaError):
    """YAML with an anchor/alias bomb, an unknown tag, or beyond the size bound."""

    code = "BATUTA-X-012"


class DataSourceError(BatutaError):
    """A data source is missing, escapes the app folder, or cannot be fetched offline."""

    code = "BATUTA-X-013"


class RenderError(BatutaError):
    """A chart or scene cannot be rendered (bad data, no adapter and no fallback)."""

    code = "BATUTA-X-020"


class DisplayUnavailableError(BatutaError):
    """A desktop window cannot open: no display, or the windowing library is missing."""

    code = "BATUTA-X-021"


class CoverageReportError(BatutaError):
    """A coverage report (lcov ``.info``, Cobertura ``coverage.xml``) is malformed or unsafe."""

    code = "BATUTA-X-015"


class OutputWriteError(BatutaError):
    """An output file the user asked for (``--plot OUT.png``, a report) cannot be written."""

    code = "BATUTA-X-009"


class FeatureUnavailableError(BatutaError):
    """An exported API function whose implementation is missing from this build."""

    code = "BATUTA-X-030"


class InternalError(BatutaError):
    """An unexpected failure inside Batuta, reported across the JS boundary with its type."""

    code = "BATUTA-X-031"


# --- Surveys (batuta survey) --------------------------------------------------------------------
class SchedulerUnavailableError(BatutaError):
    """The Dask scheduler given with ``--scheduler`` cannot be reached in the time allowed."""

    code = "BATUTA-X-040"


class SurveyDatabaseError(BatutaError):
    """A survey database is not one, is corrupt, or cannot be opened or written."""

    code = "BATUTA-X-041"


class WorkerLostError(BatutaError):
    """The Dask workers analyzing a source died more often than the scheduler allows."""

    code = "BATUTA-X-042"
