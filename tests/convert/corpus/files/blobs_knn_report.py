"""Classify synthetic blobs with k-nearest neighbours and report on a grid (mglearn style)."""
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.metrics import classification_report, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier


def make_data(n_samples, seed):
    X, y = make_blobs(n_samples=n_samples, centers=3, random_state=seed)
    rnd = np.random.RandomState(seed)
    noise = rnd.normal(0, 0.3, size=(n_samples, 2))
    return X + noise, y


def decision_grid(model, lo, hi):
    line = np.linspace(lo, hi, 50)
    xx, yy = np.meshgrid(line, line)
    grid = np.c_[xx.ravel(), yy.ravel()]
    return model.predict(grid)


def main():
    X, y = make_data(150, 0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    knn = KNeighborsClassifier(n_neighbors=3)
    knn.fit(X_train, y_train)
    pred = knn.predict(X_test)
    print(confusion_matrix(y_test, pred))
    print(classification_report(y_test, pred))
    labels = decision_grid(knn, -10, 10)
    print(np.bincount(labels))
