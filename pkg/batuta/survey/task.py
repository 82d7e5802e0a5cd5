"""One survey task: analyze one source on a worker and return a plain, picklable outcome.

This is the function Dask runs. It never raises for a bad source: every ``BatutaError`` (a zip
bomb, a missing path, a FIFO where a folder was expected) becomes an ``Outcome`` with the error's
code and message, so the survey records it and goes on. Folders go to ``analyze_project`` as
they are; archives are read by ``batuta.analyze.archive.read_archive`` with its bounds, and
the files it returns are analyzed as an upload is.

The analysis travels back as its JSON text (``batuta._serialize.to_json``): compact, and the
exact document ``batuta analyze --format json`` prints.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass

from batuta.errors import (
    BatutaError,
    InputTooLargeError,
    InternalError,
    NestingTooDeepError,
    SourceNotFoundError,
)


@dataclass(frozen=True)
class Outcome:
    """What a worker reports for one source: the analysis JSON, or the error that stopped it."""

    location: str
    analysis_json: str | None
    error_code: str | None = None
    error_message: str | None = None
    seconds: float = 0.0
    worker_pid: int = 0

    @property
    def ok(self) -> bool:
        return self.analysis_json is not None


def analyze_source(location: str, kind: str) -> Outcome:
    """Analyze the folder or archive at ``location``; never raises for a bad source.

    Args:
        location: An absolute path (the source's identity in the store).
        kind: ``folder``, ``archive`` or ``other`` as ``sources.describe`` found it; checked
            again here, since the worker may run long after (or far from) the client.

    Returns:
        An ``Outcome`` with the analysis JSON, or with the error code and message.
    """
    started = time.perf_counter()
    try:
        text = _analyze(location)
    except BatutaError as exc:
        return _failed(location, exc, started)
    except RecursionError:
        return _failed(location, NestingTooDeepError("source nests too deeply to analyze"),
                       started)
    except MemoryError:
        return _failed(location, InputTooLargeError("source too large for memory"), started)
    except Exception as exc:  # a bug in one analysis must not stop the survey; keep its type
        internal = InternalError(f"unexpected {type(exc).__name__}: {exc}")
        return _failed(location, internal, started)
    return Outcome(location, text, seconds=time.perf_counter() - started,
                   worker_pid=os.getpid())


def _failed(location: str, exc: BatutaError, started: float) -> Outcome:
    return Outcome(location, None, exc.code, exc.message, time.perf_counter() - started,
                   os.getpid())


def _analyze(location: str) -> str:
    from batuta._serialize import to_json
    from batuta.analyze.project import analyze_project

    try:
        st = os.stat(location)
    except OSError as exc:
        raise SourceNotFoundError(exc.strerror or "cannot be read", path=location) from exc
    if stat.S_ISDIR(st.st_mode):
        return to_json(analyze_project(location))
    if not stat.S_ISREG(st.st_mode):
        raise SourceNotFoundError("neither a folder nor a regular file (a FIFO, socket or "
                                  "device cannot be surveyed)", path=location)
    return to_json(analyze_project(read_archive_file(location, st.st_size)))


def read_archive_file(location: str, size: int) -> dict[str, bytes]:
    """An archive file's contents through the archive reader, with its bounds.

    The file is read only up to the reader's total-size bound (plus one byte to notice more),
    so an enormous file is refused before it is held in memory.

    Raises:
        InputTooLargeError: The archive file is larger than the reader's ``max_total_bytes``.
        SourceNotFoundError: The file cannot be read.
        UnsafeArchiveError, InvalidArchiveError: As ``read_archive`` raises them.
    """
    from batuta.analyze.archive import ArchiveLimits, read_archive

    limit = ArchiveLimits().max_total_bytes
    if size > limit:
        raise InputTooLargeError(f"{location}: archive of {size} bytes is larger than the "
                                 f"{limit} allowed", path=location)
    try:
        with open(location, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise SourceNotFoundError(f"{location}: {exc.strerror or 'cannot be read'}",
                                  path=location) from exc
    if len(data) > limit:
        raise InputTooLargeError(f"{location}: archive grew past the {limit} bytes allowed",
                                 path=location)
    return read_archive(data, os.path.basename(location))


__all__ = ["Outcome", "analyze_source", "read_archive_file"]
