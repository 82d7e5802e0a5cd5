"""Fixtures of the survey tests: the real sdists and their reference analyses, and Dask clusters.

Dask start-up costs seconds, so clusters are shared within a module:

* ``local_cluster``: a ``LocalCluster`` of two worker processes (with nannies, so a killed
  worker is replaced), started in this process.
* ``external_cluster``: a real ``dask scheduler`` process and a ``dask worker`` process (two
  worker processes under it) on 127.0.0.1, started and stopped here: the non-embedded path.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from survey_support import download_sdists, reference, unpack

DASK = Path(sys.executable).with_name("dask")
START_TIMEOUT_S = 90


@pytest.fixture(scope="session")
def sdist_sources() -> list[Path]:
    """22 real sdists: every other one as its .tar.gz, the rest unpacked to a folder."""
    archives = download_sdists()
    return [a if i % 2 == 0 else unpack(a) for i, a in enumerate(archives)]


@pytest.fixture(scope="session")
def sdist_references(sdist_sources: list[Path]) -> dict[str, dict[str, Any]]:
    """Resolved location -> ``analyze_project`` run on that source alone."""
    return {str(s.resolve()): reference(s) for s in sdist_sources}


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        yield cluster


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    # Each was started in its own session: end its whole group (nanny and worker processes).
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def external_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a separately started ``dask scheduler`` with one ``dask worker``
    process running two worker processes, all on 127.0.0.1."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask-logs")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard", "--dashboard-address", "127.0.0.1:0"], start_new_session=True,
            stdout=(logs / "scheduler.out").open("wb"), stderr=subprocess.STDOUT))
        procs.append(subprocess.Popen(
            [str(DASK), "worker", address, "--host", "127.0.0.1", "--nworkers", "2",
             "--nthreads", "1", "--no-dashboard"], start_new_session=True,
            stdout=(logs / "worker.out").open("wb"), stderr=subprocess.STDOUT))
        with Client(address, timeout=START_TIMEOUT_S) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT_S)
        yield address
    finally:
        for proc in reversed(procs):
            _stop(proc)



@pytest.fixture(params=["local-cluster", "dask-scheduler-process"])
def cluster_address(request: pytest.FixtureRequest) -> str:
    """The scheduler address of the shared LocalCluster, then of the external processes: a
    test taking this runs on both."""
    if request.param == "local-cluster":
        return str(request.getfixturevalue("local_cluster").scheduler_address)
    return str(request.getfixturevalue("external_cluster"))
