"""Issue 16, attacks 14-15 on the command line: ``batuta convert`` checks a file's size before
reading it, and ``batuta app serve`` refuses bad ports, hosts and paths with typed answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BATUTA = [sys.executable, "-m", "batuta"]


def test_convert_checks_the_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    with big.open("wb") as fh:  # a sparse 1 GB file: reading it whole took 10 s and 2 GiB
        fh.truncate(1024 * 1024 * 1024)
    started = time.perf_counter()
    done = subprocess.run([*BATUTA, "convert", str(big), "--format", "json"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert time.perf_counter() - started < 10
    assert done.returncode == 1
    assert '"BATUTA-X-002"' in done.stdout


def test_convert_stdin_is_bounded() -> None:
    done = subprocess.run([*BATUTA, "convert", "-", "--format", "json"],
                          input="x = 1\n" * 400_000, capture_output=True, text=True, timeout=60,
                          check=False, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1
    assert '"BATUTA-X-002"' in done.stdout
