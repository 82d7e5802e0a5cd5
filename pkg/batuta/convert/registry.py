"""The mapping registry: (framework, symbol) -> the handler that writes its Rust (STYLE.md 18).

Function and class keys are qualified Python names (``numpy.add``); method and attribute keys
are ``<type path>.<name>`` where the type path is the receiver's Rust type (``trueno::Vector.sum``,
``aprender::cluster::KMeans.fit``) or ``*.<name>`` for any estimator; operators on arrays are
``operator.<op>``. Registering a key twice
is refused, so two modules can never silently fight over a symbol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from batuta.convert.core import Site, Val

Handler = Callable[["Site"], "Val"]
H = TypeVar("H", bound=Handler)


class DuplicateMappingError(ValueError):
    """A (framework, key) pair was registered twice: a programming error, caught at import."""


@dataclass(frozen=True)
class Rule:
    """One registered mapping: its handler, the router operation type and a one-line why."""

    framework: str
    key: str
    handler: Handler
    operation: str
    explain: str
    emits: tuple[str, ...] = ()
    refused: bool = False


class Registry:
    """Handlers by framework and key; refuses duplicates."""

    def __init__(self) -> None:
        self._rules: dict[tuple[str, str], Rule] = {}
        self._by_key: dict[str, Rule] = {}

    def register(self, framework: str, *keys: str, operation: str = "",
                 explain: str = "", emits: tuple[str, ...] = (),
                 refused: bool = False) -> Callable[[H], H]:
        """Decorator registering ``handler`` under every key given."""

        def decorate(handler: H) -> H:
            for key in keys:
                if (framework, key) in self._rules:
                    raise DuplicateMappingError(f"{framework}:{key} is already registered")
                rule = Rule(framework, key, handler, operation, explain, emits, refused)
                self._rules[(framework, key)] = rule
                self._by_key.setdefault(key, rule)
            return handler

        return decorate

    def get(self, framework: str, key: str) -> Rule | None:
        """The rule for a key, or None."""
        return self._rules.get((framework, key))

    def find(self, key: str) -> Rule | None:
        """The rule for a key in whichever framework registered it."""
        return self._by_key.get(key)

    def keys(self, framework: str | None = None) -> Iterator[str]:
        """Registered keys, optionally of one framework."""
        for fw, key in self._rules:
            if framework is None or fw == framework:
                yield key

    def rules(self) -> Iterator[Rule]:
        yield from self._rules.values()

    def __len__(self) -> int:
        return len(self._rules)


REGISTRY = Registry()
"""The one registry the framework modules fill at import time."""
