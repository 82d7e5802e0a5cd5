"""The survey runner: one ``analyze_source`` task per source on Dask distributed.

By default the survey starts a ``LocalCluster`` of worker processes on this machine (one
thread each: the analysis is pure Python and holds the GIL), nothing to install or start; with
``scheduler="tcp://host:port"`` the same tasks go to an existing cluster, whose workers must see
the sources at the same paths and have Batuta installed.

The workers only compute; this process writes each outcome to the store as soon as it arrives,
one transaction per source. When a worker dies, the scheduler re-runs its tasks on another
worker (up to ``distributed.scheduler.allowed-failures`` times, then ``WorkerLostError`` is
recorded for the source); either way a source has one future here and so one record.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from batuta.errors import InvalidArgumentError, SchedulerUnavailableError, WorkerLostError
from batuta.survey.sources import Source
from batuta.survey.store import SurveyStore
from batuta.survey.task import Outcome, analyze_source

log = logging.getLogger("batuta")

CONNECT_TIMEOUT_S = 10.0
POLL_S = 0.02  # how long the loop sleeps when no result is ready (bounds the added latency)
RUNNING_REFRESH_S = 0.5  # the scheduler is asked what is running at most this often
_ADDRESS = re.compile(r"^(tcp|tls)://[^\s/:]+(:\d{1,5})?$|^[^\s/:]+:\d{1,5}$")


@dataclass
class SurveyProgress:
    """Where a survey stands; ``running`` is what the workers are processing right now."""

    total: int
    done: int = 0
    failed: int = 0
    running: int = 0
    lines: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def lines_per_second(self) -> float:
        return self.lines / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class SurveySummary:
    """What one ``run_survey`` call did."""

    sources: int  # distinct sources named
    already: int  # recorded by an earlier run and unchanged: not analyzed again
    analyzed: int
    failed: int
    lines: int
    seconds: float
    workers: int
    scheduler: str


ProgressHook = Callable[[SurveyProgress], None]


def run_survey(sources: Sequence[Source], store: SurveyStore, *, workers: int | None = None,
               scheduler: str | None = None, connect_timeout: float = CONNECT_TIMEOUT_S,
               retry_failed: bool = False, progress: ProgressHook | None = None
               ) -> SurveySummary:
    """Analyze every source not yet in ``store`` on Dask, recording each as it finishes.

    Args:
        sources: What to survey (``sources.expand``).
        store: The open survey database.
        workers: Worker processes of the local cluster (default: one per CPU). Not used with
            ``scheduler``.
        scheduler: Address of an existing Dask scheduler (``tcp://host:port``).
        connect_timeout: Seconds to wait for the scheduler and its first worker.
        retry_failed: Analyze again the sources recorded as failed.
        progress: Called after each finished source and while waiting.

    Returns:
        A ``SurveySummary``.

    Raises:
        SchedulerUnavailableError: ``scheduler`` cannot be reached, or has no workers.
        InvalidArgumentError: Bad ``workers`` or ``scheduler`` values.
    """
    todo = store.pending(sources, retry_failed=retry_failed)
    state = SurveyProgress(total=len(todo))
    if not todo:
        return SurveySummary(len(sources), len(sources), 0, 0, 0, 0.0, 0, scheduler or "none")
    with _client(workers, scheduler, connect_timeout) as client:
        nworkers = len(client.scheduler_info().get("workers", {}))
        _run(client, todo, store, state, progress)
        address = str(client.scheduler.address)
    return SurveySummary(len(sources), len(sources) - len(todo), state.done, state.failed,
                         state.lines, state.elapsed, nworkers, address)


def _run(client: Any, todo: Sequence[Source], store: SurveyStore, state: SurveyProgress,
         progress: ProgressHook | None) -> None:
    from distributed import as_completed

    as_completed_: Any = as_completed  # distributed is untyped
    run = uuid.uuid4().hex[:12]  # keys unique to this run: a shared scheduler may hold others
    futures = {client.submit(analyze_source, s.location, s.kind, key=f"batuta-survey-{run}-{i}",
                             pure=False, retries=0): s for i, s in enumerate(todo)}
    pending = as_completed_(list(futures))
    threads = max(1, sum(client.nthreads().values()))
    asked = 0.0
    while not pending.is_empty():
        batch = pending.next_batch(block=False)
        if not batch:
            if progress is not None and time.perf_counter() - asked > RUNNING_REFRESH_S:
                asked = time.perf_counter()
                state.running = _running(client, state, threads)
                progress(state)
            time.sleep(POLL_S)
            continue
        for future in batch:
            source = futures.pop(future)
            _record(store, source, _outcome(future, source), state)
            future.release()
        state.running = min(state.total - state.done - state.failed, threads)
        if progress is not None:
            progress(state)


def _running(client: Any, state: SurveyProgress, threads: int) -> int:
    try:
        return sum(len(keys) for keys in client.processing().values())
    except Exception:  # an estimate is fine for a progress bar; the survey must go on
        return min(state.total - state.done - state.failed, threads)


def _outcome(future: Any, source: Source) -> Outcome:
    try:
        outcome = future.result()
    except Exception as exc:  # KilledWorker and friends: the task itself never raises
        name = type(exc).__name__
        lost = WorkerLostError(f"the workers analyzing {source.location} died ({name}: {exc})")
        return Outcome(source.location, None, lost.code, lost.message)
    assert isinstance(outcome, Outcome)
    return outcome


def _record(store: SurveyStore, source: Source, outcome: Outcome, state: SurveyProgress) -> None:
    analysis = store.record(source, outcome)
    if analysis is None:
        state.failed += 1
        return
    state.done += 1
    state.lines += sum(int(s["code"]) for s in analysis.get("languages", []))


@contextlib.contextmanager
def _client(workers: int | None, scheduler: str | None, timeout: float) -> Iterator[Any]:
    import dask
    from distributed import Client, LocalCluster

    client_class: Any = Client  # distributed is untyped
    cluster_class: Any = LocalCluster

    if scheduler is not None:
        if not _ADDRESS.match(scheduler):
            raise InvalidArgumentError(f"--scheduler {scheduler!r} is not an address like "
                                       "tcp://host:8786", scheduler=scheduler)
        with _connected(client_class, scheduler, timeout) as client:
            yield client
        return
    if workers is not None and not 1 <= workers <= 1024:
        raise InvalidArgumentError(f"--workers must be between 1 and 1024, not {workers}")
    # The workers' statistical profiler samples every task's stack every 10 ms for the
    # dashboard, which a survey does not start; deep AST walks make each sample costly.
    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            cluster_class(n_workers=workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None,
                          # no dashboard; the scheduler's health endpoint on any free port
                          scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                          silence_logs=logging.CRITICAL,  # outcomes carry the errors
                          preload=["batuta.survey._worker_setup"]) as cluster, \
            client_class(cluster) as client:
        yield client


@contextlib.contextmanager
def _connected(client_class: Any, address: str, timeout: float) -> Iterator[Any]:
    try:
        client = client_class(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise SchedulerUnavailableError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s: {exc}",
            scheduler=address) from exc
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnavailableError(
                f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)",
                scheduler=address) from exc
        yield client
    finally:
        client.close()


__all__ = ["CONNECT_TIMEOUT_S", "SurveyProgress", "SurveySummary", "run_survey"]
