"""bench/convert.py's accounting, run on the golden corpus (the bench itself needs PyPI).

Every NumPy / scikit-learn call site the analyzer detects must come back either mapped or
reported unsupported with a reason; the histogram of unsupported symbols must add up.
"""

from __future__ import annotations

import collections
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from convert_support import CORPUS

BENCH = Path(__file__).resolve().parents[2] / "bench" / "convert.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_convert", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_convert", module)
    spec.loader.exec_module(module)
    return module


def _sources() -> list[tuple[str, str]]:
    paths = sorted((CORPUS / "files").glob("*.py")) + sorted((CORPUS / "snippets").glob("*.py"))
    return [(p.read_text(encoding="utf-8"), p.name) for p in paths]


def test_every_detected_site_is_accounted_for() -> None:
    cov = _bench().coverage(_sources())
    assert cov["detected"] > 100  # the corpus exercises the detector, not an empty run
    assert cov["mapped"] + cov["unsupported"] == cov["detected"]
    assert cov["dropped"] == [] and cov["internal"] == [] and cov["failed"] == []
    gaps = cov["gaps"]
    assert isinstance(gaps, collections.Counter)
    assert sum(gaps.values()) == cov["unsupported"]


def test_unsupported_histogram_names_the_gaps() -> None:
    code = ("import numpy as np\nfrom sklearn.datasets import load_digits\n"
            "d = load_digits()\ne = load_digits()\nv = np.frompyfunc(f, 1, 1)\n")
    cov = _bench().coverage([(code, "gaps.py")])
    gaps = cov["gaps"]
    assert isinstance(gaps, collections.Counter)
    assert gaps.most_common(1) == [("sklearn.datasets.load_digits", 2)]
    assert gaps["numpy.frompyfunc"] == 1
    assert cov["mapped"] == 0 and cov["unsupported"] == 3


def test_both_corpora_are_declared() -> None:
    bench = _bench()
    assert set(bench.CORPORA) == {"user", "library"}
    assert all(bench.AUTHOR_API)
