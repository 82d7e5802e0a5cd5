import numpy as np
from sklearn.cluster import DBSCAN
from sklearn.preprocessing import StandardScaler


def outliers(points, eps=0.3):
    scaled = StandardScaler().fit_transform(points)
    db = DBSCAN(eps=eps, min_samples=10).fit(scaled)
    labels = db.labels_
    noise = [i for i, label in enumerate(labels) if label == -1]
    return noise
