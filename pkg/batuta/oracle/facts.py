"""The Oracle's knowledge graph: components, layers, capabilities, domains and integrations.

The facts are packaged copies of ``../shared/oracle/*.json`` (``batuta/oracle/data/``; the test
``tests/oracle/test_data_copies.py`` keeps them equal to the shared originals). This module
loads them once and answers the graph's lookups. Order is always registration order, so every
listing is deterministic (upstream's ``--list`` came out in hash-map order: README quirk 17).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from batuta.errors import InvalidArgumentError

DATA_FILES: tuple[str, ...] = ("components", "domains", "integrations", "parser", "rules",
                               "cookbook")


@dataclass(frozen=True)
class Capability:
    """One named capability of a component and its category (Compute, MachineLearning, ...)."""

    name: str
    category: str


@dataclass(frozen=True)
class Layer:
    """A stack layer: id (``Primitives``), position and display name."""

    id: str
    index: int
    display: str


@dataclass(frozen=True)
class Component:
    """A stack component as registered upstream, with our own one-line description."""

    name: str
    version: str
    layer: str
    layer_display: str
    description: str
    capabilities: tuple[Capability, ...]

    @property
    def capability_names(self) -> tuple[str, ...]:
        """Capability names in registration order."""
        return tuple(c.name for c in self.capabilities)


@dataclass(frozen=True)
class Domain:
    """A problem domain, its display name and the capabilities it maps to (in order)."""

    id: str
    display: str
    capabilities: tuple[str, ...]


@dataclass(frozen=True)
class Integration:
    """A directed integration pattern between two components."""

    from_component: str
    to_component: str
    pattern_name: str
    description: str


@functools.cache
def load(name: str) -> Any:
    """One packaged data file, parsed (cached: the files never change at run time)."""
    if name not in DATA_FILES:
        raise InvalidArgumentError(f"unknown oracle data file {name!r}", allowed=list(DATA_FILES))
    text = resources.files("batuta.oracle").joinpath("data", f"{name}.json").read_text("utf-8")
    return json.loads(text)


@functools.cache
def layers() -> tuple[Layer, ...]:
    """The eight layers in index order."""
    return tuple(Layer(x["id"], int(x["index"]), x["display"])
                 for x in load("components")["layers"])


@functools.cache
def components() -> tuple[Component, ...]:
    """All components in registration order."""
    from batuta.oracle.descriptions import COMPONENT_DESCRIPTIONS

    display = {layer.id: layer.display for layer in layers()}
    return tuple(
        Component(c["name"], c["version"], c["layer"], display[c["layer"]],
                  COMPONENT_DESCRIPTIONS.get(c["name"], ""),
                  tuple(Capability(k["name"], k["category"]) for k in c["capabilities"]))
        for c in load("components")["components"])


@functools.cache
def _by_name() -> dict[str, Component]:
    return {c.name: c for c in components()}


def get_component(name: str) -> Component | None:
    """The component called ``name`` (case-insensitive), or None."""
    if not isinstance(name, str):
        return None
    return _by_name().get(name.strip().lower())


def require_component(name: object) -> Component:
    """Like ``get_component`` but an unknown name is an ``InvalidArgumentError``."""
    if not isinstance(name, str):
        raise InvalidArgumentError("component name must be a string", got=repr(name))
    found = get_component(name)
    if found is None:
        raise InvalidArgumentError(f"unknown component {name!r}", allowed=component_names())
    return found


def component_names() -> list[str]:
    """Component names in registration order."""
    return [c.name for c in components()]


def components_in_layer(layer: str) -> list[Component]:
    """Components of one layer (by id, e.g. ``Primitives``), registration order."""
    return [c for c in components() if c.layer == layer]


def find_by_capability(capability: str) -> list[Component]:
    """Owners of a capability, registration order (the first is the one a lookup picks)."""
    return [c for c in components() if capability in c.capability_names]


def first_owner(capability: str) -> Component | None:
    """The component a capability lookup picks, or None when nobody owns it."""
    owners = find_by_capability(capability)
    return owners[0] if owners else None


def all_capabilities() -> list[str]:
    """Every distinct capability name, first-registration order."""
    seen: dict[str, None] = {}
    for comp in components():
        for cap in comp.capability_names:
            seen.setdefault(cap, None)
    return list(seen)


@functools.cache
def domains() -> tuple[Domain, ...]:
    """The problem domains in declaration order."""
    return tuple(Domain(d["id"], d["display"], tuple(d["capabilities"]))
                 for d in load("domains")["domains"])


@functools.cache
def _domain_by_id() -> dict[str, Domain]:
    return {d.id: d for d in domains()}


def get_domain(domain_id: str) -> Domain | None:
    """A domain by id (``SupervisedLearning``), or None."""
    return _domain_by_id().get(domain_id)


def find_by_domain(domain_id: str) -> list[Component]:
    """Components owning any capability of a domain: capabilities in order, owners in order."""
    domain = get_domain(domain_id)
    if domain is None:
        return []
    found: dict[str, Component] = {}
    for cap in domain.capabilities:
        for comp in find_by_capability(cap):
            found.setdefault(comp.name, comp)
    return list(found.values())


@functools.cache
def integrations() -> tuple[Integration, ...]:
    """Every integration pattern in registration order."""
    from batuta.oracle.descriptions import pattern_description

    return tuple(Integration(p["from"], p["to"], p["pattern_name"],
                             pattern_description(p["pattern_name"], p["from"], p["to"]))
                 for p in load("integrations")["patterns"])


def integrations_from(name: str) -> list[Integration]:
    """Patterns leaving a component."""
    return [i for i in integrations() if i.from_component == name]


def integrations_to(name: str) -> list[Integration]:
    """Patterns reaching a component."""
    return [i for i in integrations() if i.to_component == name]


def get_integration(from_name: str, to_name: str) -> Integration | None:
    """The first pattern from one component to another (directional), or None."""
    for item in integrations():
        if item.from_component == from_name and item.to_component == to_name:
            return item
    return None
