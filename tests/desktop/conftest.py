"""Desktop test fixtures: a private Xvfb display for the window tests (started here, since CI
runs ``./dev test`` with no display), and the example apps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from desktop_support import Display


@pytest.fixture(scope="session")
def display() -> Iterator[Display]:
    """Xvfb on a free display number, big enough for a 1280 x 960 window."""
    d = Display()
    try:
        yield d
    finally:
        d.close()
