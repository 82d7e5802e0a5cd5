"""scikit-learn baselines: logistic regression and a k-means topic sanity check."""

from __future__ import annotations

from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def train_baseline(features, labels, seed: int = 0):
    """Fit a scaled logistic regression; return the model and its held-out scores."""
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.2, random_state=seed
    )
    scaler = StandardScaler()
    x_train = scaler.fit_transform(x_train)
    x_test = scaler.transform(x_test)
    model = LogisticRegression(max_iter=1000)
    model.fit(x_train, y_train)
    predicted = model.predict(x_test)
    scores = {
        "accuracy": accuracy_score(y_test, predicted),
        "f1": f1_score(y_test, predicted, average="macro"),
    }
    return model, scaler, scores


def topics(features, k: int = 8, seed: int = 0):
    """Cluster the texts; a sanity check that the features separate something."""
    kmeans = KMeans(n_clusters=k, n_init=10, random_state=seed)
    labels = kmeans.fit_predict(features)
    sizes = [int((labels == i).sum()) for i in range(k)]
    if min(sizes) == 0:
        # An empty cluster means k is too large for this data.
        raise ValueError(f"k={k} leaves a cluster empty; try fewer clusters")
    return labels, sizes
