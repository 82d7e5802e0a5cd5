"""Tests for the bag-of-words features."""

import numpy as np

from sentiment.features import bag_of_words, vocabulary


def test_vocabulary_ranks_by_frequency():
    vocab = vocabulary(["good good bad", "good ok"])
    assert vocab["good"] == 0


def test_rows_are_unit_length():
    texts = ["good film", "bad bad film"]
    matrix = bag_of_words(texts, vocabulary(texts))
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0)
