"""Report test fixtures: the sample project's analysis and a real sdist from PyPI."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from batuta._serialize import to_jsonable
from batuta.api import analyze_project

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "static" / "sample-project"
SDIST = ("tabulate", "0.9.0")


@pytest.fixture(scope="session")
def sample_analysis() -> dict[str, object]:
    data = to_jsonable(analyze_project(SAMPLE))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def sdist_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real source distribution from PyPI (pip download), unpacked once per session."""
    cache = tmp_path_factory.mktemp("sdist")
    name, version = SDIST
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                    "--no-binary", ":all:", f"{name}=={version}", "-d", str(cache)],
                   check=True, timeout=300)
    archive = next(cache.glob(f"{name}-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(cache / "src", filter="data")
    return cache / "src" / f"{name}-{version}"


