"""The packaged Oracle facts are exact copies of ``../shared/oracle`` (CI has shared/ there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from batuta.oracle.facts import DATA_FILES

REPO = Path(__file__).resolve().parents[2]
PACKAGED = REPO / "pkg" / "batuta" / "oracle" / "data"
SHARED = REPO.parent / "shared" / "oracle"


@pytest.mark.parametrize("name", DATA_FILES)
def test_packaged_copy_equals_shared(name: str) -> None:
    assert (PACKAGED / f"{name}.json").read_bytes() == (SHARED / f"{name}.json").read_bytes(), (
        f"refresh with: cp ../shared/oracle/{name}.json pkg/batuta/oracle/data/")


def test_nothing_else_is_packaged() -> None:
    assert sorted(p.stem for p in PACKAGED.glob("*.json")) == sorted(DATA_FILES)
