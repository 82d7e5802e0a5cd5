"""The mapping registry refuses duplicates and covers the SPEC.md §7 floor."""

from __future__ import annotations

import pytest

from batuta.convert import REGISTRY, DuplicateMappingError, Registry
from batuta.convert._values import Expr


def _handler(ctx: object, site: object) -> Expr:
    return Expr("x")


def test_duplicates_are_refused() -> None:
    reg = Registry()
    reg.register("numpy", "numpy.add")(_handler)
    with pytest.raises(DuplicateMappingError):
        reg.register("numpy", "numpy.add")(_handler)
    reg.register("sklearn", "numpy.add")(_handler)  # another framework's key space
    assert len(reg) == 2


SPEC_FLOOR = {
    "numpy": ["numpy.array", "numpy.zeros", "numpy.ones", "numpy.arange", "numpy.add",
              "numpy.subtract", "numpy.multiply", "numpy.divide", "numpy.dot", "numpy.matmul",
              "operator.matmul", "operator.add", "operator.sub", "operator.mul", "operator.div",
              "numpy.sum", "numpy.mean", "numpy.max", "numpy.min", "numpy.std", "numpy.reshape",
              "ndarray.reshape", "numpy.transpose", "ndarray.T", "numpy.exp", "numpy.log",
              "numpy.sqrt"],
    "sklearn": [f"sklearn.{m}" for m in (
        "linear_model.LinearRegression", "linear_model.LogisticRegression", "linear_model.Ridge",
        "linear_model.Lasso", "cluster.KMeans", "cluster.DBSCAN", "tree.DecisionTreeClassifier",
        "tree.DecisionTreeRegressor", "ensemble.RandomForestClassifier",
        "ensemble.RandomForestRegressor", "preprocessing.StandardScaler",
        "preprocessing.MinMaxScaler", "preprocessing.LabelEncoder",
        "model_selection.train_test_split", "model_selection.cross_val_score",
        "metrics.accuracy_score", "metrics.precision_score", "metrics.recall_score",
        "metrics.f1_score", "metrics.mean_squared_error", "metrics.r2_score")]
    + ["estimator.fit", "estimator.predict", "estimator.transform"],
    "pytorch": ["torch.load", "torch.tensor", "torch.nn.Linear", "torch.nn.Embedding",
                "torch.nn.LayerNorm", "torch.nn.MultiheadAttention", "torch.nn.ReLU",
                "torch.nn.GELU", "torch.nn.Softmax", "model.forward", "model.generate",
                "model.eval"],
    "transformers": ["transformers.*.from_pretrained", "tokenizer.encode", "tokenizer.decode"],
}


@pytest.mark.parametrize(("framework", "key"), [
    (fw, key) for fw, keys in SPEC_FLOOR.items() for key in keys])
def test_spec_floor_is_registered(framework: str, key: str) -> None:
    assert REGISTRY.get(framework, key) is not None
