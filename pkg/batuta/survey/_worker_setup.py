"""Dask worker preload of the survey's local cluster: workers leave Ctrl+C to the survey.

A terminal's Ctrl+C reaches every process of the foreground group, the local cluster's workers
included; each would die printing a traceback while the survey process is closing them in
order. Ignoring SIGINT in the workers leaves one clean shutdown, driven by the survey.
"""

from __future__ import annotations

import contextlib
import signal


def dask_setup(worker: object) -> None:
    """Called by Dask in each worker process as it starts (``preload``)."""
    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGINT, signal.SIG_IGN)
