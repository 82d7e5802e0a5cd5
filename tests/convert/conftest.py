"""Fixtures of the converter tests; the helpers live in ``convert_support`` (a unique module
name, so test files can import them whatever order pytest loads the conftests in)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from convert_support import check_rust


@pytest.fixture(scope="session")
def rust_parses() -> Callable[[Sequence[str]], list[str]]:
    """The batch checker, as a fixture."""
    return check_rust
