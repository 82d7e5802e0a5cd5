"""Running one fuzz target under Hypothesis with the three checks of issue 16, item 10.

1. Only :class:`batuta.BatutaError` may escape an entry point; anything else is a finding.
2. Each input gets at most ``cpu_seconds`` of CPU time (a profiling timer raises
   :class:`InputTimeout` in the process; CPU time, not wall time, so a campaign run under
   ``nice -n 19`` on a busy machine is not failed by its neighbours).
3. The process's address space is capped (``RLIMIT_AS``) at ``memory_bytes`` by the caller
   (``fuzz.__main__`` runs each target in its own process); an input that needs more gets a
   ``MemoryError``, which is a finding. The peak resident size is reported too.

The outcome (examples run, findings, slowest input) comes back as a plain dict for the report.
"""

from __future__ import annotations

import json
import resource
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, given, seed, settings

from batuta.errors import BatutaError
from fuzz.targets import TARGETS, Target


class InputTimeout(Exception):
    """One input used more CPU time than the per-input bound."""


@dataclass
class Outcome:
    """What one target's campaign did."""

    target: str
    examples: int = 0
    typed_errors: int = 0
    finding: str | None = None
    slowest_s: float = 0.0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    bounds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _on_timer(signum: int, frame: FrameType | None) -> None:
    raise InputTimeout("input exceeded the per-input CPU bound")


def run_target(target: Target, *, examples: int, cpu_seconds: float, random_seed: int,
               progress: Path | None = None) -> Outcome:
    """Run ``examples`` Hypothesis examples of ``target``; stop at the first finding.

    With ``progress``, the outcome so far is written there every 1,000 examples, so a campaign
    stopped part-way still says how far each target got.
    """
    out = Outcome(target.name, bounds={"cpu_seconds_per_input": cpu_seconds})
    previous = signal.signal(signal.SIGPROF, _on_timer)

    @seed(random_seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(target.strategy)
    def prop(value: Any) -> None:
        out.examples += 1
        signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
        started = time.process_time()
        try:
            target.call(value)
        except BatutaError:
            out.typed_errors += 1
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            out.slowest_s = max(out.slowest_s, time.process_time() - started)
            if progress is not None and out.examples % 1000 == 0:
                progress.write_text(json.dumps(out.as_dict()) + "\n")

    started = time.perf_counter()
    try:
        prop()
    except Exception as exc:  # a finding: Hypothesis re-raises the shrunk failure
        out.finding = "".join(traceback.format_exception(exc, limit=-6))[-4000:]
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    out.seconds = round(time.perf_counter() - started, 1)
    out.slowest_s = round(out.slowest_s, 3)
    out.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def target_named(name: str) -> Target:
    """The target called ``name`` (raises KeyError with the known names)."""
    for target in TARGETS:
        if target.name == name:
            return target
    raise KeyError(f"unknown target {name!r}; known: {', '.join(t.name for t in TARGETS)}")
