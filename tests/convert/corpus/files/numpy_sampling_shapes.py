"""Sample data the way scikit-learn's examples do, then sort, join and reshape it."""

import numpy as np
from sklearn.datasets import make_blobs


def noisy_sine(n_samples: int, seed: int):
    rng = np.random.RandomState(seed)
    x = np.sort(5 * rng.rand(n_samples))
    noise = rng.normal(0, 0.1, n_samples)
    y = np.sin(x) + noise
    return x[:, np.newaxis], y


def grids():
    a = np.random.uniform(low=-4, high=4, size=(20, 2))
    b = np.random.randn(10, 2)
    stacked = np.vstack((a, b))
    by_column = np.sort(stacked, axis=0)
    line = np.linspace(-4, 5, 50)
    xx, yy = np.meshgrid(line, line)
    alphas = np.logspace(-10, -2, 20)
    return by_column, xx, yy, alphas


def joins():
    left = np.array([3.0, 1.0, 2.0, 3.0])
    right = np.array([2.0, 5.0])
    ends = np.concatenate((left, right))
    rows = np.r_[left, right]
    cols = np.c_[left, left]
    distinct = np.unique(ends)
    only_left = np.setdiff1d(left, right)
    return ends, rows, cols, distinct, only_left


def blobs():
    X, y = make_blobs(n_samples=40, centers=2, random_state=6)
    X2, y2 = make_blobs(n_samples=30, centers=[[-2.0], [2.0]], cluster_std=0.5)
    return X, y, X2, y2
