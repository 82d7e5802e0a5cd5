"""Rust examples the Oracle prints: written here, checked against ``../shared/crate-api``.

Only the three crates with an API table (trueno 0.10, aprender 0.29, realizar 0.8) get an
example; every item an example names is in those tables (``tests/oracle/test_examples_check.py``
runs ``cargo check --offline`` on all of them against stub crates made from the tables). A
primary without a table (depyler, whisper-apr, repartir, ...) gets no example rather than an
unchecked one: README quirk 16 decided (upstream printed shell and YAML fenced as ``rust``, and
the aprender template always called ``.n_estimators(100)``).

Each example is a whole module: a ``pub fn`` doing the work and a ``#[cfg(test)]`` module.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class _Classifier:
    module: str
    type_name: str
    constructor: str
    predict_result: bool


_CLASSIFIERS: dict[str, _Classifier] = {
    "random_forest": _Classifier("aprender::tree", "RandomForestClassifier",
                                 "RandomForestClassifier::new(100).with_max_depth(8)", False),
    "decision_tree": _Classifier("aprender::tree", "DecisionTreeClassifier",
                                 "DecisionTreeClassifier::new().with_max_depth(5)", False),
    "logistic_regression": _Classifier("aprender::classification", "LogisticRegression",
                                       "LogisticRegression::new()", False),
    "gbm": _Classifier("aprender::tree", "GradientBoostingClassifier",
                       "GradientBoostingClassifier::new().with_n_estimators(100)", True),
    "knn": _Classifier("aprender::classification", "KNearestNeighbors",
                       "KNearestNeighbors::new(3)", True),
    "svm": _Classifier("aprender::classification", "LinearSVM", "LinearSVM::new()", True),
    "naive_bayes": _Classifier("aprender::classification", "GaussianNB", "GaussianNB::new()",
                               True),
}

ALGORITHM_PATHS: dict[str, str] = {
    **{name: f"{c.module}::{c.type_name}" for name, c in _CLASSIFIERS.items()},
    "linear_regression": "aprender::linear_model::LinearRegression",
    "kmeans": "aprender::cluster::KMeans",
    "dbscan": "aprender::cluster::DBSCAN",
    "pca": "aprender::preprocessing::PCA",
    "lora": "entrenar::lora::LoRA",
    "qlora": "entrenar::lora::QLoRA",
}
"""API path per algorithm (capability name). aprender's are from its crate-API table (the book's
``aprender::tree::RandomForest`` and upstream's ``aprender::linear::…`` do not exist, quirk
19); entrenar has no table, so its two paths are upstream's names, unchecked."""

_DATA = """    // Four samples with two features each, row-major.
    let x = Matrix::from_vec(4, 2, vec![1.0, 2.0, 1.5, 1.8, 5.0, 8.0, 6.0, 9.0])?;"""


def _classifier(spec: _Classifier) -> str:
    unwrap = "?" if spec.predict_result else ""
    return f"""use aprender::primitives::Matrix;
use {spec.module}::{spec.type_name};

/// Train a {spec.type_name} on a small data set and predict its labels.
pub fn train_and_predict() -> Result<Vec<usize>, Box<dyn std::error::Error>> {{
{_DATA}
    let y: Vec<usize> = vec![0, 0, 1, 1];
    let mut model = {spec.constructor};
    model.fit(&x, &y)?;
    let predicted = model.predict(&x){unwrap};
    Ok(predicted)
}}

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn predicts_one_label_per_sample() {{
        let labels = train_and_predict().expect("training runs");
        assert_eq!(labels.len(), 4);
    }}
}}
"""


_LINEAR_REGRESSION = f"""use aprender::linear_model::LinearRegression;
use aprender::primitives::{{Matrix, Vector}};
use aprender::traits::Estimator;

/// Fit y = 2x + 1 and return the R^2 score on the training data.
pub fn fit_line() -> Result<f32, Box<dyn std::error::Error>> {{
{_DATA}
    let y = Vector::from_vec(vec![5.0, 4.6, 17.0, 19.0]);
    let mut model = LinearRegression::new();
    model.fit(&x, &y)?;
    let predicted = model.predict(&x);
    assert_eq!(predicted.len(), 4);
    Ok(model.score(&x, &y))
}}

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn scores_the_fit() {{
        let r2 = fit_line().expect("fit runs");
        assert!(r2 <= 1.0);
    }}
}}
"""

_KMEANS = f"""use aprender::cluster::KMeans;
use aprender::primitives::Matrix;
use aprender::traits::UnsupervisedEstimator;

/// Group four samples into two clusters and return each sample's cluster.
pub fn cluster() -> Result<Vec<usize>, Box<dyn std::error::Error>> {{
{_DATA}
    let mut model = KMeans::new(2).with_max_iter(100).with_random_state(42);
    model.fit(&x)?;
    let labels = model.predict(&x);
    assert!(model.inertia() >= 0.0);
    Ok(labels)
}}

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn one_cluster_per_sample() {{
        assert_eq!(cluster().expect("k-means runs").len(), 4);
    }}
}}
"""

_PCA = f"""use aprender::preprocessing::PCA;
use aprender::primitives::Matrix;
use aprender::traits::Transformer;

/// Project four samples onto their first principal component.
pub fn reduce() -> Result<Matrix<f32>, Box<dyn std::error::Error>> {{
{_DATA}
    let mut pca = PCA::new(1);
    let projected = pca.fit_transform(&x)?;
    Ok(projected)
}}

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn reduces_without_error() {{
        assert!(reduce().is_ok());
    }}
}}
"""

_TRUENO = """use trueno::{Matrix, Vector};

/// Element-wise add, dot product and a 2x2 matrix multiply; SIMD or GPU chosen at run time.
pub fn compute() -> trueno::Result<(f32, f32)> {
    let a = Vector::from_slice(&[1.0_f32, 2.0, 3.0, 4.0]);
    let b = Vector::from_slice(&[4.0_f32, 3.0, 2.0, 1.0]);
    let sum = a.add(&b)?;
    let dot = a.dot(&b)?;
    let m = Matrix::from_vec(2, 2, vec![1.0, 2.0, 3.0, 4.0])?;
    let product = m.matmul(&m.transpose())?;
    let corner = product.get(0, 0).copied().unwrap_or(0.0);
    Ok((sum.sum()? + dot, corner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_on_any_backend() {
        let (total, corner) = compute().expect("kernels run");
        assert_eq!(total, 40.0);
        assert_eq!(corner, 5.0);
    }
}
"""

_REALIZAR = """use realizar::Tensor;

/// Build the 2x3 input tensor a realizar model takes and check its shape.
pub fn input_tensor() -> realizar::Result<Tensor<f32>> {
    let tensor = Tensor::from_vec(vec![2, 3], vec![0.1_f32, 0.2, 0.3, 0.4, 0.5, 0.6])?;
    assert_eq!(tensor.shape(), &[2, 3]);
    assert_eq!(tensor.size(), 6);
    Ok(tensor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_batch() {
        let tensor = input_tensor().expect("shape matches data");
        assert_eq!(tensor.ndim(), 2);
        assert_eq!(tensor.data().len(), 6);
    }
}
"""


def _all_examples() -> dict[str, str]:
    out = {f"aprender-{name}": _classifier(spec) for name, spec in _CLASSIFIERS.items()}
    out["aprender-linear_regression"] = _LINEAR_REGRESSION
    out["aprender-kmeans"] = _KMEANS
    out["aprender-pca"] = _PCA
    out["trueno"] = _TRUENO
    out["realizar"] = _REALIZAR
    return out


EXAMPLES: dict[str, str] = _all_examples()
"""Every example by id (``aprender-random_forest``, ``trueno``, ``realizar``)."""


def example_for(component: str, algorithm: str | None) -> str | None:
    """The id of the example for a primary component (and its algorithm), or None."""
    if component == "aprender":
        if algorithm is None:
            return "aprender-random_forest"
        key = f"aprender-{algorithm}"
        return key if key in EXAMPLES else None
    if component in ("trueno", "realizar"):
        return component
    return None
