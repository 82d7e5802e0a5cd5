"""The Rust items the converter may emit, by path: the root set for type-checking stubs.

Every path here is in the tables (``tests/convert/test_convert_targets.py`` checks it). Types are
listed with the methods the converter calls on them; the emitter asks for items by these paths
(``batuta.convert.targets.load().get(path)``) and takes arity, receiver and ``Result``-or-value
from the record, so a signature is never written by hand twice.
"""

from __future__ import annotations

_A = "aprender::"

APRENDER_ESTIMATORS: dict[str, str] = {
    "sklearn.linear_model.LinearRegression": "linear_model::LinearRegression",
    "sklearn.linear_model.Ridge": "linear_model::Ridge",
    "sklearn.linear_model.Lasso": "linear_model::Lasso",
    "sklearn.linear_model.ElasticNet": "linear_model::ElasticNet",
    "sklearn.linear_model.LogisticRegression": "classification::LogisticRegression",
    "sklearn.naive_bayes.GaussianNB": "classification::GaussianNB",
    "sklearn.naive_bayes.BernoulliNB": "classification::BernoulliNB",
    "sklearn.naive_bayes.ComplementNB": "classification::ComplementNB",
    "sklearn.naive_bayes.MultinomialNB": "classification::MultinomialNB",
    "sklearn.svm.LinearSVC": "classification::LinearSVM",
    "sklearn.svm.SVC": "classification::MultiClassSVC",
    "sklearn.neighbors.KNeighborsClassifier": "classification::KNearestNeighbors",
    "sklearn.discriminant_analysis.LinearDiscriminantAnalysis":
        "classification::LinearDiscriminantAnalysis",
    "sklearn.discriminant_analysis.QuadraticDiscriminantAnalysis":
        "classification::QuadraticDiscriminantAnalysis",
    "sklearn.cluster.KMeans": "cluster::KMeans",
    "sklearn.cluster.DBSCAN": "cluster::DBSCAN",
    "sklearn.cluster.AgglomerativeClustering": "cluster::AgglomerativeClustering",
    "sklearn.cluster.SpectralClustering": "cluster::SpectralClustering",
    "sklearn.mixture.GaussianMixture": "cluster::GaussianMixture",
    "sklearn.ensemble.IsolationForest": "cluster::IsolationForest",
    "sklearn.neighbors.LocalOutlierFactor": "cluster::LocalOutlierFactor",
    "sklearn.tree.DecisionTreeClassifier": "tree::DecisionTreeClassifier",
    "sklearn.tree.DecisionTreeRegressor": "tree::DecisionTreeRegressor",
    "sklearn.ensemble.RandomForestClassifier": "tree::RandomForestClassifier",
    "sklearn.ensemble.RandomForestRegressor": "tree::RandomForestRegressor",
    "sklearn.ensemble.GradientBoostingClassifier": "tree::GradientBoostingClassifier",
    "sklearn.preprocessing.StandardScaler": "preprocessing::StandardScaler",
    "sklearn.preprocessing.MinMaxScaler": "preprocessing::MinMaxScaler",
    "sklearn.preprocessing.RobustScaler": "preprocessing::RobustScaler",
    "sklearn.preprocessing.MaxAbsScaler": "preprocessing::MaxAbsScaler",
    "sklearn.preprocessing.Normalizer": "preprocessing::Normalizer",
    "sklearn.preprocessing.OneHotEncoder": "preprocessing::OneHotEncoder",
    "sklearn.preprocessing.OrdinalEncoder": "preprocessing::OrdinalEncoder",
    "sklearn.preprocessing.PolynomialFeatures": "preprocessing::PolynomialFeatures",
    "sklearn.preprocessing.LabelEncoder": "preprocessing::LabelEncoder",
    "sklearn.decomposition.PCA": "preprocessing::PCA",
    "sklearn.decomposition.TruncatedSVD": "preprocessing::TruncatedSVD",
    "sklearn.decomposition.IncrementalPCA": "preprocessing::PCA",
    "sklearn.decomposition.FastICA": "decomposition::ICA",
    "sklearn.manifold.TSNE": "preprocessing::TSNE",
    "sklearn.model_selection.KFold": "model_selection::KFold",
    "sklearn.model_selection.StratifiedKFold": "model_selection::StratifiedKFold",
}
"""scikit-learn class -> aprender type (relative to ``aprender::``)."""

APRENDER_FUNCTIONS: dict[str, str] = {
    "sklearn.metrics.accuracy_score": "metrics::classification::accuracy",
    "sklearn.metrics.precision_score": "metrics::classification::precision",
    "sklearn.metrics.recall_score": "metrics::classification::recall",
    "sklearn.metrics.f1_score": "metrics::classification::f1_score",
    "sklearn.metrics.confusion_matrix": "metrics::classification::confusion_matrix",
    "sklearn.metrics.classification_report": "metrics::classification::classification_report",
    "sklearn.metrics.balanced_accuracy_score": "metrics::balanced_accuracy_score",
    "sklearn.metrics.matthews_corrcoef": "metrics::matthews_corrcoef",
    "sklearn.metrics.cohen_kappa_score": "metrics::cohen_kappa_score",
    "sklearn.metrics.hamming_loss": "metrics::hamming_loss",
    "sklearn.metrics.jaccard_score": "metrics::jaccard_score",
    "sklearn.metrics.fbeta_score": "metrics::fbeta_score",
    "sklearn.metrics.r2_score": "metrics::r2_score",
    "sklearn.metrics.mean_squared_error": "metrics::mean_squared_error",
    "sklearn.metrics.mean_absolute_error": "metrics::mean_absolute_error",
    "sklearn.metrics.max_error": "metrics::max_error",
    "sklearn.metrics.median_absolute_error": "metrics::median_absolute_error",
    "sklearn.metrics.mean_squared_log_error": "metrics::mean_squared_log_error",
    "sklearn.metrics.mean_absolute_percentage_error": "metrics::mean_absolute_percentage_error",
    "sklearn.metrics.roc_auc_score": "metrics::roc_auc_score",
    "sklearn.metrics.log_loss": "metrics::log_loss",
    "sklearn.metrics.average_precision_score": "metrics::average_precision_score",
    "sklearn.metrics.silhouette_score": "metrics::silhouette_score",
    "sklearn.metrics.davies_bouldin_score": "metrics::davies_bouldin_score",
    "sklearn.metrics.calinski_harabasz_score": "metrics::calinski_harabasz_score",
    "sklearn.model_selection.train_test_split": "model_selection::train_test_split",
    "sklearn.model_selection.cross_val_score": "model_selection::cross_val_score",
    "sklearn.model_selection.cross_validate": "model_selection::cross_validate",
    "sklearn.datasets.make_blobs": "datasets::make_blobs",
    "sklearn.datasets.make_regression": "datasets::make_regression",
    "sklearn.datasets.load_iris": "datasets::load_iris",
}
"""scikit-learn function -> aprender function (relative to ``aprender::``)."""

APRENDER_SUPPORT = ("primitives::Matrix", "primitives::Vector", "traits::Estimator",
                    "traits::UnsupervisedEstimator", "traits::Transformer",
                    "metrics::classification::Average", "cluster::Linkage",
                    "cluster::CovarianceType", "neighbors::BruteForce",
                    "neighbors::BruteForce::new", "neighbors::BruteForce::k_nearest",
                    "neighbors::BruteForce::len", "neighbors::Metric", "neighbors::Neighbor",
                    "neighbors::NeighborIndex")
"""Types and traits the emitted code names besides the mapped items (the brute-force neighbor
index is what KNeighborsRegressor is built from)."""

TRUENO_TYPES = ("trueno::Vector", "trueno::Matrix")
"""trueno types whose methods the NumPy mappings call."""

REALIZAR_ITEMS = (
    "realizar::InferenceConfig", "realizar::InferenceConfig::new",
    "realizar::InferenceConfig::with_prompt", "realizar::InferenceConfig::with_max_tokens",
    "realizar::InferenceConfig::with_temperature", "realizar::InferenceConfig::with_top_k",
    "realizar::InferenceResult", "realizar::run_inference",
    "realizar::generate::GenerationConfig", "realizar::generate::GenerationConfig::default",
    "realizar::generate::GenerationConfig::with_max_tokens",
    "realizar::generate::GenerationConfig::with_temperature",
    "realizar::layers::Model", "realizar::layers::Model::new",
    "realizar::layers::Model::forward", "realizar::layers::Model::generate",
    "realizar::layers::ModelConfig",
    "realizar::layers::Linear", "realizar::layers::Linear::new",
    "realizar::layers::Linear::forward", "realizar::layers::Linear::weight_mut",
    "realizar::layers::Linear::bias_mut", "realizar::layers::Embedding::weights_mut",
    "realizar::layers::LayerNorm", "realizar::layers::LayerNorm::new",
    "realizar::layers::LayerNorm::forward",
    "realizar::layers::Embedding", "realizar::layers::Embedding::new",
    "realizar::layers::Embedding::forward",
    "realizar::tokenizer::Tokenizer", "realizar::tokenizer::Tokenizer::encode",
    "realizar::tokenizer::Tokenizer::decode",
    "realizar::Tensor", "realizar::Tensor::from_vec", "realizar::Tensor::data",
    "realizar::Tensor::shape", "realizar::Tensor::size", "realizar::Tensor::ndim",
    "realizar::layers::gelu",
)
"""The realizar route: InferenceConfig + run_inference, layers, generate, tokenizer."""

APRENDER_TORCH = ("optim::SGD", "optim::SGD::new", "optim::SGD::with_momentum", "optim::Adam",
                  "optim::Adam::new", "optim::Adam::with_beta1", "optim::Adam::with_beta2",
                  "optim::Adam::with_epsilon", "loss::mse_loss", "loss::mae_loss",
                  "loss::huber_loss", "loss::Loss", "loss::MSELoss", "loss::MSELoss::compute",
                  "loss::MAELoss", "loss::MAELoss::compute", "loss::HuberLoss",
                  "loss::HuberLoss::new", "loss::HuberLoss::compute")
"""aprender items the PyTorch mappings name: optimizers (no autograd: they step a parameter
Vector with given gradients) and the regression losses."""


APRENDER_BUILT = {"sklearn.pipeline.Pipeline": "pipeline::Pipeline",
                  "sklearn.pipeline.make_pipeline": "pipeline::Pipeline"}
"""scikit-learn classes built by a dedicated mapping (not a ``new`` constructor), whose
methods map to the aprender type's like an estimator's."""

APRENDER_PAIRS = {
    "(aprender::classification::LogisticRegression, f32)":
        "sklearn.linear_model.LogisticRegression",
    "(aprender::classification::LinearSVM, f32)": "sklearn.linear_model.SGDClassifier"}
"""Pair types (an aprender model and the scikit-learn option its ``fit`` reads: C, alpha) -> the
scikit-learn class, whose methods the pair's are."""


def _roots() -> frozenset[str]:
    paths = {_A + p for p in APRENDER_ESTIMATORS.values()}
    paths |= {_A + p for p in APRENDER_FUNCTIONS.values()}
    paths |= {_A + p for p in APRENDER_SUPPORT}
    paths |= {_A + p for p in APRENDER_BUILT.values()}
    paths |= {_A + p for p in APRENDER_TORCH}
    return frozenset(paths | set(TRUENO_TYPES) | set(REALIZAR_ITEMS))


ROOTS = _roots()
"""Types, functions and traits named directly."""

EXPANDED_TYPES = frozenset({_A + p for p in APRENDER_ESTIMATORS.values()}
                           | {_A + p for p in APRENDER_BUILT.values()}
                           | {_A + "primitives::Matrix", _A + "primitives::Vector"}
                           | set(TRUENO_TYPES))
"""Types whose every method in the tables may be emitted (builders ``with_*``, accessors,
``fit``/``predict``, the trueno math methods)."""
