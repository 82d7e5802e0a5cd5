"""Bag-of-words features with NumPy."""

from __future__ import annotations

import numpy as np

# Tokens shorter than this carry little signal ("a", "of", ...).
MIN_TOKEN = 2


def vocabulary(texts: list[str], size: int = 5000) -> dict[str, int]:
    """The `size` most frequent tokens, mapped to column indices."""
    counts: dict[str, int] = {}
    for text in texts:
        for token in text.lower().split():
            if len(token) >= MIN_TOKEN:
                counts[token] = counts.get(token, 0) + 1
    ranked = sorted(counts, key=lambda t: (-counts[t], t))[:size]
    return {token: i for i, token in enumerate(ranked)}


def bag_of_words(texts: list[str], vocab: dict[str, int]) -> np.ndarray:
    """Term counts, one row per text, L2-normalized."""
    matrix = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, text in enumerate(texts):
        for token in text.lower().split():
            col = vocab.get(token)
            if col is not None:
                matrix[row, col] += 1.0
    norms = np.sqrt(np.sum(matrix * matrix, axis=1, keepdims=True))
    return matrix / np.maximum(norms, 1e-12)


def centre(matrix: np.ndarray) -> np.ndarray:
    """Subtract the column means (k-means works better on centred data)."""
    return matrix - np.mean(matrix, axis=0)


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of `a` with every row of `b`."""
    return np.dot(a, b.T)
