"""App layer speed: the YAML loader and the expression evaluator against named alternatives.

Run: ``.venv/bin/python bench/bench_app.py`` (add ``--rows N`` for the evaluator table size).

* loader: ``batuta.app.loader.load_yaml_bytes`` (compose + our checked walker with positions)
  vs ruamel.yaml's own pure safe loader (``YAML(typ="safe", pure=True).load``) on the same text.
* evaluator: ``filter | group_by | sort`` through our pipeline vs the same work hand-written in
  plain Python (list comprehension + dict), on the same rows.

Both sides run in this process, interleaved, best of several repeats; the ratio is ours / theirs.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from batuta.app._evaluate import evaluate
from batuta.app.expressions import parse
from batuta.app.loader import load_yaml_bytes

ROOT = Path(__file__).resolve().parents[1]


def best(fn: Callable[[], Any], repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ruamel_safe_load(doc: str) -> Any:
    return YAML(typ="safe", pure=True).load(doc)


def bench_loader() -> None:
    text = (ROOT / "static/apps/dataset-explorer/app.yaml").read_text()
    big = text + "\n".join(f"extra_{i}: {{a: [1, 2, 3], b: text {i}}}" for i in range(2000))
    for label, doc in (("example app.yaml", text), ("app.yaml + 2000 keys", big)):
        ours = best(partial(load_yaml_bytes, doc))
        theirs = best(partial(ruamel_safe_load, doc))
        print(f"loader  {label:<24} batuta {ours * 1e3:8.2f} ms   ruamel safe {theirs * 1e3:8.2f}"
              f" ms   ratio {ours / theirs:5.2f}x")


def bench_evaluator(n: int) -> None:
    rng = random.Random(1)
    rows: list[dict[str, Any]] = [{"region": rng.choice("NSEW"), "kg": rng.randint(0, 500)}
                                  for _ in range(n)]
    pipeline = parse("rows | filter(kg > 100) | group_by(region, sum=kg) | sort(kg, desc=true)")

    def by_hand() -> list[dict[str, Any]]:
        groups: dict[str, dict[str, Any]] = {}
        for r in rows:
            if r["kg"] > 100:
                g = groups.setdefault(r["region"], {"region": r["region"], "count": 0, "kg": 0})
                g["count"] += 1
                g["kg"] += r["kg"]
        return sorted(groups.values(), key=lambda g: g["kg"], reverse=True)

    assert evaluate(pipeline, {"rows": rows}) == by_hand()
    ours = best(lambda: evaluate(pipeline, {"rows": rows}))
    theirs = best(by_hand)
    print(f"eval    filter|group_by|sort {n:>7} rows  batuta {ours * 1e3:8.2f} ms   "
          f"hand-written Python {theirs * 1e3:8.2f} ms   ratio {ours / theirs:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    bench_loader()
    bench_evaluator(args.rows)


if __name__ == "__main__":
    main()
