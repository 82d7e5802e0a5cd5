"""The native (CPython) host: buffers are already bytes, callbacks are Python callables."""

from __future__ import annotations

from batuta._compat._host import ProgressCallback
from batuta.errors import InvalidArgumentError


class NativeHost:
    """Host capabilities when running under ordinary CPython."""

    name = "native"

    def to_bytes(self, obj: object) -> bytes:
        """Return ``obj`` as bytes; accepts bytes-like objects only."""
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return bytes(obj)
        raise InvalidArgumentError(f"expected a byte buffer, got {type(obj).__name__}")

    def progress_callback(self, fn: object) -> ProgressCallback | None:
        """Return ``fn`` itself when it is callable (``None`` passes through)."""
        if fn is None:
            return None
        if not callable(fn):
            raise InvalidArgumentError("progress callback is not callable")
        return lambda done, total: fn(done, total)
