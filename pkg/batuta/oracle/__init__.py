"""Oracle mode: ask in plain words, get the stack component, backend, distribution and an example.

One concern per module: ``facts`` (the packaged knowledge graph), ``parser`` (query words),
``recommend`` (the rules), ``distribution`` (Amdahl), ``examples`` / ``recipes`` (checked Rust),
``cookbook`` (recipe lookups), ``project`` (seeding by an analysis), ``text`` (presentation),
``results`` (the typed answers). This module is the entry point the API and the CLI call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from batuta.backend import HardwareProfile
from batuta.backend.hardware import coerce_hardware
from batuta.errors import InvalidArgumentError
from batuta.oracle import cookbook, facts
from batuta.oracle.parser import ParsedQuery, parse, parse_data_size_value
from batuta.oracle.recommend import recommend
from batuta.oracle.results import (
    ComponentInfo,
    ComponentPick,
    ComputeAdvice,
    DistributionAdvice,
    IntegrationInfo,
    OracleAnswer,
    ProjectContext,
    Recipe,
)

__all__ = [
    "ComponentInfo",
    "ComponentPick",
    "ComputeAdvice",
    "DistributionAdvice",
    "IntegrationInfo",
    "OracleAnswer",
    "ParsedQuery",
    "ProjectContext",
    "Recipe",
    "ask",
    "capabilities",
    "cookbook",
    "integrate",
    "list_components",
    "parse",
    "parse_data_size_value",
    "show_component",
]

MAX_QUERY = 10_000
"""Longer queries are refused (a question, not a document)."""


def _query(text: object) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise InvalidArgumentError("query must be a string", got=type(text).__name__)
    if len(text) > MAX_QUERY:
        raise InvalidArgumentError(f"query is longer than {MAX_QUERY} characters")
    return text


def _size(data_size: object) -> int | None:
    if data_size is None:
        return None
    if isinstance(data_size, str):
        value = parse_data_size_value(data_size)
        if value is None:
            raise InvalidArgumentError(f"cannot read data size {data_size!r} (e.g. 1M, 500K, 2B)")
        return value
    if isinstance(data_size, float) and data_size.is_integer():
        data_size = int(data_size)
    if isinstance(data_size, bool) or not isinstance(data_size, int) or not \
            0 <= data_size <= 10**18:
        raise InvalidArgumentError("data_size must be a whole number from 0 to 1e18",
                                   got=repr(data_size)[:40])
    return data_size


def _nodes(nodes: object) -> int | None:
    if nodes is None:
        return None
    if isinstance(nodes, float) and nodes.is_integer():
        nodes = int(nodes)
    if isinstance(nodes, bool) or not isinstance(nodes, int) or not 1 <= nodes <= 100_000:
        raise InvalidArgumentError("nodes must be a whole number from 1 to 100000")
    return nodes


def ask(query: object, *, data_size: object = None,
        hardware: HardwareProfile | Mapping[str, Any] | None = None,
        analysis: object = None, nodes: object = None) -> OracleAnswer:
    """Answer a plain-words query (optionally for an analyzed project).

    ``data_size`` (a number or text such as ``"1M"``) wins over a size in the text;
    ``hardware`` is a ``HardwareProfile`` or its dict (default: the book's reference machine,
    as ``batuta backend``); a GPU mentioned in the query turns the GPU on.

    Example:
        >>> ask("train a random forest on 1M rows").primary.component
        'aprender'
    """
    text = _query(query)
    project = None
    if analysis is not None:
        from batuta.oracle.project import context, focus, seed_words

        project = context(analysis, focus(text))
        words = seed_words(project)
        text_for_parse = f"{text} {words}".strip() if words else text
    else:
        text_for_parse = text
    parsed = parse(text_for_parse)
    parsed = dataclasses.replace(parsed, original=text)
    samples = _size(data_size)
    if samples is None:
        samples = parsed.data_size
    hw = coerce_hardware(hardware)
    if parsed.requires_gpu and not hw.has_gpu:
        hw = hw.with_gpu(True)
    answer = recommend(parsed, samples=samples, hardware=hw, nodes=_nodes(nodes))
    return dataclasses.replace(answer, project=project) if project is not None else answer


def list_components() -> list[ComponentInfo]:
    """Every component, registration order (upstream listed them in hash order: quirk 17)."""
    return [show_component(c.name) for c in facts.components()]


def show_component(name: object) -> ComponentInfo:
    """One component with capabilities, integrations both ways and recipes."""
    comp = facts.require_component(name)
    return ComponentInfo(
        comp.name, comp.version, comp.layer, comp.layer_display, comp.description,
        tuple((c.name, c.category) for c in comp.capabilities),
        tuple((i.to_component, i.pattern_name) for i in facts.integrations_from(comp.name)),
        tuple((i.from_component, i.pattern_name) for i in facts.integrations_to(comp.name)),
        tuple(r.id for r in cookbook.find_by_component(comp.name)))


def capabilities(name: object) -> list[str]:
    """A component's capability names, registration order."""
    return list(facts.require_component(name).capability_names)


def integrate(from_name: object, to_name: object) -> IntegrationInfo | None:
    """The pattern from one component to another (directional), or None when there is none."""
    source = facts.require_component(from_name)
    target = facts.require_component(to_name)
    item = facts.get_integration(source.name, target.name)
    if item is None:
        return None
    from batuta.oracle.examples import EXAMPLES

    code = EXAMPLES.get(target.name) if target.name in ("trueno", "realizar") else None
    return IntegrationInfo(item.from_component, item.to_component, item.pattern_name,
                           item.description, code)
