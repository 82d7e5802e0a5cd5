"""CI's bounded share of the fuzz campaign (issue 16, item 10): every untrusted entry point,
a few hundred Hypothesis examples each, through the same ``python -m fuzz`` runner and bounds
as the full 100,000-example campaign recorded in bench/RESULTS.md (about 1-2 minutes here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fuzz.targets import TARGETS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 250


def test_every_entry_point_survives_a_bounded_campaign(tmp_path: Path) -> None:
    report = tmp_path / "fuzz.json"
    done = subprocess.run(
        [sys.executable, "-m", "fuzz", "--examples", str(EXAMPLES), "--report", str(report),
         "--cpu-seconds", "5", "--memory-mb", "3072"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    print(done.stdout[-6000:])
    results = json.loads(report.read_text())["targets"]
    assert [r["target"] for r in results] == [t.name for t in TARGETS]
    for r in results:
        assert r["finding"] is None, f"{r['target']}: {r['finding']}"
        assert r["examples"] == EXAMPLES, r
        assert r["slowest_s"] < 5
    assert done.returncode == 0


def test_a_finding_is_reported_not_hidden(tmp_path: Path) -> None:
    # The runner's own check: an exception that is not a BatutaError is a finding.
    from fuzz.runner import run_target
    from fuzz.targets import Target
    from hypothesis import strategies as st

    def crash(value: int) -> None:
        if value > 5:
            raise KeyError(value)

    outcome = run_target(Target("crash", st.integers(0, 10), crash), examples=50,
                         cpu_seconds=5, random_seed=1)
    assert outcome.finding is not None and "KeyError" in outcome.finding


def test_an_input_over_the_cpu_bound_is_a_finding() -> None:
    from fuzz.runner import run_target
    from fuzz.targets import Target
    from hypothesis import strategies as st

    def spin(value: int) -> None:
        while value >= 0:
            value = value + 1 - 1

    outcome = run_target(Target("spin", st.integers(0, 1), spin), examples=2, cpu_seconds=0.2,
                         random_seed=1)
    assert outcome.finding is not None and "InputTimeout" in outcome.finding
