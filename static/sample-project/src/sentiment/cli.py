"""Command line: `python -m sentiment.cli train data.csv`."""

from __future__ import annotations

import argparse
import csv
import sys

from sentiment.baseline import train_baseline
from sentiment.features import bag_of_words, vocabulary


def load(path: str) -> tuple[list[str], list[int]]:
    """Texts and labels from a two-column CSV (text, label)."""
    texts, labels = [], []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) != 2 or not row[1].strip().isdigit():
                continue  # header or malformed row
            texts.append(row[0])
            labels.append(int(row[1]))
    return texts, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sentiment")
    parser.add_argument("command", choices=["train"])
    parser.add_argument("data")
    args = parser.parse_args(argv)
    texts, labels = load(args.data)
    if not texts:
        print(f"no rows in {args.data}", file=sys.stderr)
        return 1
    features = bag_of_words(texts, vocabulary(texts))
    _model, _scaler, scores = train_baseline(features, labels)
    for name, value in scores.items():
        print(f"{name}: {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
