"""The host interface itself: ``Host`` and ``ProgressCallback``, shared by the chooser and both
implementations.

A leaf module (it imports nothing from the package), so ``_native`` and ``_in_pyodide`` import
these names from here and the chooser in ``__init__`` imports them the other way: one direction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

ProgressCallback = Callable[[int, int], None]


class Host(Protocol):
    """What the bridge needs from the place it runs in."""

    name: str

    def to_bytes(self, obj: object) -> bytes:
        """Copy a host buffer (bytes natively, a JS ``Uint8Array`` in Pyodide) into ``bytes``."""
        ...

    def progress_callback(self, fn: object) -> ProgressCallback | None:
        """Wrap a host callable ``fn(done, total)``; ``None`` when ``fn`` is ``None``."""
        ...


__all__ = ["Host", "ProgressCallback"]
