"""Shared fixtures of the analysis tests: real sdists from PyPI, downloaded once and unpacked.

``real_sdist("requests", "2.32.3")`` returns the unpacked source tree under ``.cache/sdists`` at
the repository root; later calls (and later test runs) reuse it. The download goes through pip
(``pip download --no-deps --no-binary :all:``), the ordinary PyPI client. ``npm_package`` does
the same for npm packages (``npm pack`` into ``.cache/npm``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SDIST_CACHE = REPO_ROOT / ".cache" / "sdists"

PINNED_SDISTS: dict[str, str] = {"requests": "2.32.3", "flask": "3.1.0",
                                 "virtualenvwrapper": "6.1.1"}
"""The real projects the acceptance tests compare against radon and cloc."""


def _unpack(archive: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(into)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(into, filter="data")


def real_sdist(name: str, version: str) -> Path:
    """The unpacked source tree of ``name==version`` from PyPI, cached in ``.cache/sdists``.

    Fails the calling test (with pip's message) when PyPI cannot be reached and nothing is
    cached: an acceptance comparison that did not run must not look like one that passed.
    """
    unpacked = SDIST_CACHE / f"{name}-{version}"
    marker = unpacked / ".complete"
    if marker.exists():
        return _root_of(unpacked)
    download = SDIST_CACHE / "download"
    download.mkdir(parents=True, exist_ok=True)
    archive = _find_archive(download, name, version)
    if archive is None:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--no-binary", ":all:", "--disable-pip-version-check", "-d", str(download),
               f"{name}=={version}"]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PIP_NO_INPUT": "1"}, check=False)
        archive = _find_archive(download, name, version)
        if done.returncode != 0 or archive is None:
            pytest.fail(f"could not download {name}=={version} from PyPI: {done.stderr[-300:]}")
    _unpack(archive, unpacked)
    marker.touch()
    return _root_of(unpacked)


def npm_package(spec: str) -> Path:
    """``npm pack spec`` unpacked under ``.cache/npm`` (downloaded once); its top folder.

    Fails the calling test when npm cannot reach the registry and nothing is cached."""
    name = spec.replace("@", "_").replace("/", "_")
    unpacked = NPM_CACHE / name
    if (unpacked / ".complete").exists():
        return _root_of(unpacked)
    npm = shutil.which("npm")
    assert npm is not None, "npm is needed (./dev installs node and npm)"
    work = NPM_CACHE / f"{name}.download"
    work.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([npm, "pack", spec, "--silent"], cwd=work, capture_output=True,
                          text=True, timeout=300, check=False)
    tarballs = sorted(work.glob("*.tgz"))
    if done.returncode != 0 or not tarballs:
        pytest.fail(f"could not download {spec} from npm: {done.stderr[-300:]}")
    with tarfile.open(tarballs[0]) as tf:
        tf.extractall(unpacked, filter="data")
    (unpacked / ".complete").touch()
    return _root_of(unpacked)  # "package/" for most, "node/" for @types/node


NPM_CACHE = REPO_ROOT / ".cache" / "npm"


def _find_archive(folder: Path, name: str, version: str) -> Path | None:
    wanted = {f"{name}-{version}".lower(), f"{name.replace('-', '_')}-{version}".lower()}
    for path in folder.iterdir():
        stem = path.name.lower().removesuffix(".tar.gz").removesuffix(".zip")
        if stem in wanted:
            return path
    return None


def _root_of(unpacked: Path) -> Path:
    """The single top folder an sdist unpacks to (``requests-2.32.3/``)."""
    tops = [p for p in unpacked.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else unpacked


@pytest.fixture(scope="session")
def requests_sdist() -> Path:
    """The unpacked ``requests`` sdist."""
    return real_sdist("requests", PINNED_SDISTS["requests"])


@pytest.fixture(scope="session")
def flask_sdist() -> Path:
    """The unpacked ``flask`` sdist."""
    return real_sdist("flask", PINNED_SDISTS["flask"])


@pytest.fixture(scope="session")
def virtualenvwrapper_sdist() -> Path:
    """The unpacked ``virtualenvwrapper`` sdist: shell scripts and Python with ``#!`` lines."""
    return real_sdist("virtualenvwrapper", PINNED_SDISTS["virtualenvwrapper"])


@pytest.fixture(scope="session")
def jquery_npm() -> Path:
    """jQuery 1.6.3 from npm: regex-heavy JavaScript."""
    return npm_package("jquery@1.6.3")


@pytest.fixture(scope="session")
def types_node_npm() -> Path:
    """@types/node 22.10.2 from npm: TypeScript declaration files."""
    return npm_package("@types/node@22.10.2")
