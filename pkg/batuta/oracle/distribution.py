"""Distribution advice with its Amdahl figures (upstream ``should_distribute``, quirk 13 decided).

Upstream never advised distribution for a natural-language query: the node count was never
set, and one node is never enough. Here the node count comes from the query ("on 8 nodes"),
the caller, or, when the query asks for distribution or the data reaches 10M samples, a
planning figure of 4 nodes that the answer marks as assumed. The rationale names the reason
that actually failed (speedup or overhead; upstream always blamed the overhead).
"""

from __future__ import annotations

from batuta.oracle import facts
from batuta.oracle.results import DistributionAdvice

MIN_SAMPLES = 10_000_000
SPEEDUP_ABOVE = 1.5
OVERHEAD_BELOW = 0.5
OVERHEAD_PER_NODE = 0.1
ASSUMED_NODES = 4


def amdahl_speedup(parallel_fraction: float, nodes: int) -> float:
    """``1 / ((1 - p) + p / nodes)``.

    Example:
        >>> round(amdahl_speedup(0.95, 4), 2)
        3.48
    """
    return 1.0 / ((1.0 - parallel_fraction) + parallel_fraction / nodes)


def parallel_fraction(algorithm: str | None, domains: tuple[str, ...]) -> float:
    """The share of the work that parallelizes: by algorithm, else by domain, else 0.6."""
    table = facts.load("rules")["distribution"]["parallel_fraction"]
    if algorithm:
        for row in table["algorithm_table"]:
            if any(p in algorithm for p in row["any_pattern"]):
                return float(row["fraction"])
    for row in table["domain_table"]:
        if row["domain"] in domains:
            return float(row["fraction"])
    return float(table["default"])


def _fmt(n: int) -> str:
    from batuta.oracle.text import format_number

    return format_number(n)


def advise(samples: int | None, fraction: float, *, nodes: int | None = None,
           wants_distribution: bool = False) -> DistributionAdvice:
    """Decide whether to distribute ``samples`` over ``nodes`` at parallel fraction ``fraction``."""
    size = samples or 0
    big = size >= MIN_SAMPLES
    assumed = nodes is None
    count = nodes if nodes is not None else (ASSUMED_NODES if (big or wants_distribution) else 1)
    speedup = amdahl_speedup(fraction, count)
    overhead = OVERHEAD_PER_NODE * count

    def answer(needed: bool, why: str) -> DistributionAdvice:
        return DistributionAdvice(needed, "repartir" if needed else None, count, assumed,
                                  fraction, round(speedup, 4), round(speedup / count, 4),
                                  round(overhead, 4), why)

    if not big and not wants_distribution:
        why = (f"{_fmt(size)} samples fit on one machine (distribution pays from "
               f"{_fmt(MIN_SAMPLES)}); stay local")
        return answer(False, why)
    if count <= 1:
        why = "a single node cannot distribute; give a node count (e.g. 'on 4 nodes')"
        return answer(False, why)
    if speedup <= SPEEDUP_ABOVE:
        why = (f"Amdahl speedup {speedup:.2f}x on {count} nodes at parallel fraction "
               f"{fraction:.2f} is not above {SPEEDUP_ABOVE}x: not worth distributing")
        return answer(False, why)
    if overhead >= OVERHEAD_BELOW:
        why = (f"communication overhead {overhead:.0%} on {count} nodes is not under "
               f"{OVERHEAD_BELOW:.0%}: use fewer nodes")
        return answer(False, why)
    note = " (assumed; pass a node count)" if assumed else ""
    why = (f"Amdahl speedup {speedup:.1f}x on {count} nodes{note} at parallel fraction "
           f"{fraction:.2f}, communication overhead {overhead:.0%}: distribute with repartir")
    return answer(True, why)
