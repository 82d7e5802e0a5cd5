"""Runs ``../shared/oracle/expected.json`` cases against this Oracle and checks their assertions.

``run_call`` maps each upstream call (``Recommender.query``, ``KnowledgeGraph.get_component``,
...) to our API and returns plain JSON data; ``check`` evaluates the small assertion language
described in ``expected.json``'s ``how_to_read``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from batuta._serialize import to_jsonable
from batuta.backend import HardwareProfile
from batuta.backend.moe import Complexity, route
from batuta.oracle import ask, capabilities, cookbook, facts, integrate, parse, show_component
from batuta.oracle.distribution import advise
from batuta.oracle.parser import estimate_complexity, is_large, parse_data_size_value

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "oracle"
DEVIATIONS = Path(__file__).with_name("deviations.json")


def expected_cases() -> list[dict[str, Any]]:
    """Every case of the shared expected.json."""
    cases: list[dict[str, Any]] = json.loads((SHARED / "expected.json").read_text())["cases"]
    return cases


def deviations() -> dict[str, dict[str, Any]]:
    """Case id -> the decided quirk, why, and the indices of the assertions that differ."""
    data: dict[str, dict[str, Any]] = json.loads(DEVIATIONS.read_text())["cases"]
    return data


def _hardware(call: dict[str, Any]) -> dict[str, Any] | None:
    hw = call.get("hardware")
    return None if hw is None else {"has_gpu": bool(hw.get("has_gpu", False))}


def _samples(call: dict[str, Any]) -> int | None:
    size = call.get("data_size")
    return None if not isinstance(size, dict) else size.get("Samples")


def _parsed(query: str) -> dict[str, Any]:
    parsed = parse(query)
    out: dict[str, Any] = to_jsonable(parsed)
    n = parsed.data_size
    out["data_size"] = None if n is None else {"as_samples": n, "is_large": is_large(n)}
    return out


def _integration(a: str, b: str) -> dict[str, Any] | None:
    if facts.get_component(a) is None or facts.get_component(b) is None:
        return None
    info = integrate(a, b)
    if info is None:
        return None
    return {"from": info.from_component, "to": info.to_component,
            "pattern_name": info.pattern_name, "has_code_template": info.code_example is not None}


def _data_size(value: Any) -> dict[str, Any]:
    if isinstance(value, dict) and "Samples" in value:
        n = value["Samples"]
        return {"as_samples": n, "is_large": is_large(n)}
    if isinstance(value, dict) and "Bytes" in value:
        return {"as_samples": None, "is_large": value["Bytes"] > 1_000_000_000}
    return {"as_samples": None, "is_large": False}


def _graph(call: dict[str, Any], full: Callable[[], Any], empty: Any) -> Any:
    return empty if call.get("graph") in ("new", "default") else full()


_LAYERS = {layer.id: layer for layer in facts.layers()}


def _calls() -> dict[str, Callable[[dict[str, Any]], Any]]:
    j = to_jsonable
    return {
        "Recommender.query": lambda c: j(ask(c["query"])),
        "Recommender.query_structured": lambda c: j(ask(c["query"], data_size=_samples(c),
                                                        hardware=_hardware(c))),
        "Recommender.list_components": lambda c: facts.component_names(),
        "Recommender.get_capabilities": lambda c: (capabilities(c["component"])
                                                   if facts.get_component(c["component"])
                                                   else []),
        "Recommender.get_integration": lambda c: _integration(c["from"], c["to"]),
        "Recommender.get_component": lambda c: j(show_component(c["name"])),
        "select_backend": lambda c: route(Complexity(c["complexity"]), _samples(c) or 0,
                                          has_gpu=bool(c["hardware"].get("has_gpu"))).value,
        "should_distribute": lambda c: j(advise(
            _samples(c), c["parallel_fraction"], nodes=c["hardware"].get("node_count"),
            wants_distribution=bool(c["hardware"].get("is_distributed")))),
        "format_number": lambda c: __import__("batuta.oracle.text", fromlist=["x"])
        .format_number(c["n"]),
        "KnowledgeGraph.counts": lambda c: _graph(c, lambda: {
            "component_count": len(facts.components()),
            "integration_count": len(facts.integrations()),
            "capability_count": len(facts.all_capabilities())},
            {"component_count": 0, "integration_count": 0, "capability_count": 0}),
        "KnowledgeGraph.get_component": lambda c: j(facts.get_component(c["name"])),
        "KnowledgeGraph.component_names": lambda c: facts.component_names(),
        "KnowledgeGraph.components_in_layer": lambda c: j(facts.components_in_layer(c["layer"])),
        "KnowledgeGraph.find_by_capability": lambda c: j(facts.find_by_capability(
            c["capability"])),
        "KnowledgeGraph.find_by_domain": lambda c: j(facts.find_by_domain(c["domain"])),
        "KnowledgeGraph.integrations_from": lambda c: [
            {"from": i.from_component, "to": i.to_component}
            for i in facts.integrations_from(c["component"])],
        "KnowledgeGraph.integrations_to": lambda c: [
            {"from": i.from_component, "to": i.to_component}
            for i in facts.integrations_to(c["component"])],
        "KnowledgeGraph.get_integration": lambda c: _integration(c["from"], c["to"]),
        "KnowledgeGraph.all_capabilities": lambda c: facts.all_capabilities(),
        "StackLayer.index": lambda c: _LAYERS[c["layer"]].index,
        "StackLayer.display": lambda c: _LAYERS[c["layer"]].display,
        "StackLayer.all": lambda c: [layer.id for layer in facts.layers()],
        "ProblemDomain.display": lambda c: facts.get_domain(c["domain"]).display,  # type: ignore[union-attr]
        "Backend.display": lambda c: c["backend"] if c["backend"] in
        {"Scalar", "SIMD", "GPU"} else None,
        "DataSize": lambda c: _data_size(c["value"]),
        "HardwareSpec.default": lambda c: j(HardwareProfile()),
        "HardwareSpec.cpu_only": lambda c: j(HardwareProfile(has_gpu=False)),
        "HardwareSpec.with_gpu": lambda c: j(HardwareProfile(has_gpu=True)),
        "DistributionRecommendation.not_needed": lambda c: j(advise(None, 0.6)),
        "QueryParser.new": lambda c: {
            "algorithm_keywords": facts.load("parser")["algorithm_keywords"]["keywords"],
            "domain_keywords": facts.load("parser")["domain_keywords"]["keywords"],
            "component_names": facts.component_names()},
        "QueryParser.parse": lambda c: _parsed(c["query"]),
        "QueryEngine.primary_domain": lambda c: parse(c["query"]).primary_domain,
        "QueryEngine.primary_algorithm": lambda c: parse(c["query"]).primary_algorithm,
        "QueryEngine.requires_gpu": lambda c: parse(c["query"]).requires_gpu,
        "QueryEngine.requires_distribution": lambda c: parse(c["query"]).requires_distribution,
        "QueryEngine.requires_sovereign": lambda c: parse(c["query"]).requires_sovereign,
        "QueryEngine.estimate_complexity": lambda c: estimate_complexity(parse(c["query"])),
        "parse_data_size_value": lambda c: parse_data_size_value(c["text"]),
        "Cookbook.recipes": lambda c: j(cookbook.recipes()),
        "Cookbook.get": lambda c: j(cookbook.get(c["id"])),
        "Cookbook.find_by_tag": lambda c: j(cookbook.find_by_tag(c["tag"])),
        "Cookbook.find_by_component": lambda c: j(cookbook.find_by_component(c["component"])),
        "Cookbook.search": lambda c: j(cookbook.search(c["query"])),
    }


CALLS = _calls()


def run_call(call: dict[str, Any]) -> Any:
    """Our answer to one upstream call, as JSON data (KeyError: no counterpart)."""
    return CALLS[call["fn"]](call)


_TOKEN = re.compile(r"([A-Za-z_][A-Za-z_0-9]*(?:\([^)]*\))?)|\[(\*|\d+)\]")


def resolve(value: Any, path: str) -> tuple[Any, bool]:
    """Follow a dotted path; returns (value, mapped) where mapped means '[*]' was used."""
    mapped = False
    items: list[Any] = [value]
    for m in _TOKEN.finditer(path):
        key, index = m.group(1), m.group(2)
        new: list[Any] = []
        for item in items:
            if key is not None:
                new.append(item.get(key) if isinstance(item, dict) else None)
            elif index == "*":
                mapped = True
                new.extend(item or [])
            else:
                new.append(item[int(index)] if isinstance(item, list) else None)
        items = new
    return (items if mapped else items[0]), mapped


def _contains(container: Any, value: Any) -> bool:
    if isinstance(container, str):
        return isinstance(value, str) and value in container
    return isinstance(container, list) and value in container


def holds(result: Any, assertion: dict[str, Any]) -> bool:
    """Whether one assertion holds for a result."""
    got, mapped = resolve(result, assertion["path"])
    op, want = assertion["op"], assertion.get("value")
    if op == "any":
        subjects = got if mapped else [got]
        return any(all(holds(s, a) for a in [sub]) for s in subjects for sub in want) \
            if mapped else any(holds(got, sub) for sub in want)
    if op == "all":
        return all(all(holds(s, sub) for sub in want) for s in got)
    checks: dict[str, Callable[[], bool]] = {
        "eq": lambda: got == want,
        "gt": lambda: got is not None and got > want,
        "ge": lambda: got is not None and got >= want,
        "in": lambda: got in want,
        "contains": lambda: _contains(got, want),
        "not_contains": lambda: not _contains(got, want),
        "contains_any": lambda: isinstance(got, str) and any(w in got for w in want),
        "any_contains_any": lambda: any(isinstance(g, str) and any(w in g for w in want)
                                        for g in (got or [])),
        "is_some": lambda: got is not None,
        "is_none": lambda: got is None,
        "empty": lambda: not got,
        "not_empty": lambda: bool(got),
        "len_eq": lambda: got is not None and len(got) == want,
        "len_ge": lambda: got is not None and len(got) >= want,
        "len_gt": lambda: got is not None and len(got) > want,
    }
    return checks[op]()


def failing(case: dict[str, Any]) -> list[int]:
    """Indices of the case's assertions that do not hold for our answer."""
    result = run_call(case["call"])
    return [i for i, a in enumerate(case["assertions"]) if not holds(result, a)]


def _answer_summary(answer: dict[str, Any]) -> dict[str, Any]:
    """Our answer in the shape of expected.json's ``observed``."""
    primary = answer["primary"]
    return {
        "problem_class": answer["problem_class"],
        "algorithm": answer["algorithm"],
        "primary": {k: primary[k] for k in ("component", "confidence", "path")},
        "supporting": [[s["component"], s["confidence"]] for s in answer["supporting"]],
        "compute_backend": answer["compute"]["backend"],
        "complexity": answer["compute"]["complexity"],
        "distribution_needed": answer["distribution"]["needed"],
        "has_code_example": answer["code_example"] is not None,
        "related_query_count": len(answer["related_queries"]),
    }


def observed_differences(case: dict[str, Any]) -> list[str]:
    """Fields where our answer differs from upstream's observed one (the closest variant)."""
    ours = _answer_summary(run_call(case["call"]))
    variants = [case["observed"]] if "observed" in case else case["observed_variants"]
    diffs = [sorted(k for k in ours if v.get(k) != ours[k]) for v in variants]
    return min(diffs, key=len)
