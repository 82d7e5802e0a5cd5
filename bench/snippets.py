"""Issue 17 item 8 figures: tolerant analysis of Python with a syntax error, and classify_snippet.

``python bench/snippets.py``: best of 5 (3 for the 1.5 MB script) wall-clock runs, in process:

* ``analyze_code`` on Batuta's own ``pkg/batuta/analyze/*.py`` joined (a real 6,000-line text)
  as it is, and with ``def broken(:`` inserted before the top-level ``def`` nearest its middle:
  strict (``tolerant=False``, what ``analyze_code`` did before) and tolerant, with how many
  functions each measured;
* the same on 100,000 one-line statements with a syntax error on the last line (the most chunks
  a text of that size can have);
* ``classify_snippet`` on a prose paragraph, a NumPy snippet, a shell command and 1 MB of prose.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pkg"))

from batuta.analyze.code import analyze_code  # noqa: E402 (after the path is set)
from batuta.analyze.snippet import classify_snippet  # noqa: E402

T = TypeVar("T")


def best(run: Callable[[], T], times: int = 5) -> tuple[float, T]:
    """The fastest of ``times`` runs (seconds) and the last result."""
    took: list[float] = []
    for _ in range(times):
        start = time.perf_counter()
        result = run()
        took.append(time.perf_counter() - start)
    return min(took), result


def own_sources() -> tuple[str, str, int]:
    """Batuta's analyze/ sources joined, the same with a broken def in the middle, its line."""
    text = "".join(p.read_text() + "\n" for p in sorted((ROOT / "pkg/batuta/analyze").glob("*.py")))
    lines = text.split("\n")
    defs = [i for i, line in enumerate(lines) if line.startswith("def ")]
    at = min(defs, key=lambda i: abs(i - len(lines) // 2))
    broken = "\n".join([*lines[:at], "def broken(:", "    pass", "", *lines[at:]])
    return text, broken, at + 1


def main() -> None:
    text, broken, line = own_sources()
    t_ok, ok = best(lambda: analyze_code(text))
    t_strict, strict = best(lambda: analyze_code(broken, tolerant=False))
    t_tolerant, tolerant = best(lambda: analyze_code(broken))
    print(f"analyze/*.py joined: {text.count(chr(10)):,} lines, {len(ok.functions)} functions, "
          f"parses in {t_ok * 1000:.0f} ms")
    print(f"  with a syntax error at line {line:,}: strict {t_strict * 1000:.0f} ms "
          f"({len(strict.functions)} functions, grade {strict.tdg and strict.tdg.grade}); "
          f"tolerant {t_tolerant * 1000:.0f} ms ({len(tolerant.functions)} functions, grade "
          f"{tolerant.tdg and tolerant.tdg.grade}, not measured {tolerant.not_measured_lines})")
    many = "".join(f"x{i} = {i}\n" for i in range(100_000))
    t_many, _ = best(lambda: analyze_code(many), 3)
    t_many_bad, _ = best(lambda: analyze_code(many + "def bad(:\n"), 3)
    print(f"100,000 statements ({len(many) / 1e6:.1f} MB): {t_many:.2f} s; with a syntax error on "
          f"the last line: {t_many_bad:.2f} s")
    para = "NumPy is the fundamental package for scientific computing in Python. " * 20
    for name, snippet in (("a prose paragraph", para),
                          ("a NumPy snippet", "import numpy as np\nx = np.zeros(3)\n"),
                          ("a shell command", "pip install numpy"),
                          ("1 MB of prose", "This is prose. " * 70_000)):
        took, kind = best(partial(classify_snippet, snippet))
        print(f"classify_snippet({name}, {len(snippet):,} chars): {kind.kind} "
              f"{kind.language or ''} in {took * 1000:.2f} ms")


if __name__ == "__main__":
    main()
