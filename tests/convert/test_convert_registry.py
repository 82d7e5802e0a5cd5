"""The mapping registry refuses duplicates, covers what the tables make possible, and names
only items the tables have (issue 12, items 1 and 6)."""

from __future__ import annotations

import pytest

from batuta.convert import REGISTRY, DuplicateMappingError, Registry
from batuta.convert.core import Site, Val
from batuta.convert.targets import emittable_paths, load
from batuta.convert.targets.emitted import APRENDER_ESTIMATORS, APRENDER_FUNCTIONS


def _handler(site: Site) -> Val:
    return Val("x", "f32")


def test_duplicates_are_refused() -> None:
    reg = Registry()
    reg.register("numpy", "numpy.add")(_handler)
    with pytest.raises(DuplicateMappingError):
        reg.register("numpy", "numpy.add")(_handler)
    reg.register("sklearn", "numpy.add")(_handler)  # another framework's key space
    assert len(reg) == 2


FLOOR = {
    "numpy": ["numpy.array", "numpy.zeros", "numpy.ones", "numpy.arange", "numpy.linspace",
              "numpy.add", "numpy.subtract", "numpy.multiply", "numpy.divide", "numpy.dot",
              "numpy.matmul", "numpy.sum", "numpy.mean", "numpy.max", "numpy.min", "numpy.std",
              "numpy.var", "numpy.transpose", "numpy.exp", "numpy.log", "numpy.sqrt",
              "numpy.clip", "numpy.linalg.norm", "trueno::Vector.operator.add",
              "trueno::Matrix.operator.matmul"],
    "sklearn": [*APRENDER_ESTIMATORS, *APRENDER_FUNCTIONS, "aprender::*.fit",
                "aprender::*.predict", "aprender::*.transform", "aprender::*.fit_transform",
                "aprender::*.score", "aprender::*.fit_predict"],
    "pytorch": ["torch.tensor", "torch.nn.Linear", "torch.nn.Embedding", "torch.nn.LayerNorm",
                "realizar::layers::Linear.__call__"],
    "transformers": ["transformers.pipeline", "transformers.AutoModelForCausalLM.from_pretrained",
                     "realizar::InferenceConfig.generate"],
}


@pytest.mark.parametrize(("framework", "key"), [
    (fw, key) for fw, keys in FLOOR.items() for key in keys])
def test_floor_is_registered(framework: str, key: str) -> None:
    assert REGISTRY.get(framework, key) is not None


def test_every_item_a_rule_emits_is_in_the_tables() -> None:
    targets = load()
    emitted = [(rule.key, path) for rule in REGISTRY.rules() for path in rule.emits]
    assert len(emitted) > 100
    missing = [(key, path) for key, path in emitted
               if path not in targets or path not in emittable_paths()]
    assert missing == []


def test_every_estimator_and_function_is_a_real_item() -> None:
    """Each mapped estimator's ``new`` and each mapped function exist, with the arity the
    mapping fills (scikit-learn's defaults cover every required parameter)."""
    from batuta.convert.sklearn import DEFAULTS, ENUMS

    targets = load()
    for rust in APRENDER_ESTIMATORS.values():
        (new, *_) = targets.callable(f"aprender::{rust}::new")
        assert new.receiver is None
        assert all(p.name in DEFAULTS or p.name in ENUMS for p in new.params), rust
    for rust in APRENDER_FUNCTIONS.values():
        assert targets.callable(f"aprender::{rust}"), rust
