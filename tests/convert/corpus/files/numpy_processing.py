"""Small NumPy data-processing helpers: scaling, softmax, distances."""
import numpy as np


def standardize(x):
    return (x - np.mean(x)) / np.std(x)


def min_max(x):
    lo = np.min(x)
    hi = np.max(x)
    return (x - lo) / (hi - lo)


def softmax(logits):
    shifted = np.exp(logits - np.max(logits))
    return shifted / np.sum(shifted)


def gram(features):
    return features @ features.T


def cosine(a, b):
    return np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))


def summary(values):
    return {"mean": np.mean(values), "max": np.max(values)}
