"""Cluster customers with k-means after standardizing their features."""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

N_CLUSTERS = 4
SEED = 42


def load_features(n_samples):
    rng = np.random.default_rng(SEED)
    return np.random.rand(n_samples, 3)


def cluster(X, k=N_CLUSTERS):
    scaler = StandardScaler()
    X_scaled = scaler.fit_transform(X)
    km = KMeans(n_clusters=k, random_state=SEED)
    labels = km.fit_predict(X_scaled)
    return labels


def elbow(X):
    for k in range(2, 8):
        km = KMeans(n_clusters=k)
        km.fit(X)
        print(k, km.inertia_)


if __name__ == "__main__":
    X = load_features(500)
    labels = cluster(X)
    print(labels)
