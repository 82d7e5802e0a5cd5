"""A small PyTorch text classifier over bag-of-words features."""

from __future__ import annotations

import torch
import torch.nn as nn


class SentimentNet(nn.Module):
    """Two linear layers with a GELU and layer norm in between."""

    def __init__(self, vocab_size: int, hidden: int = 128, classes: int = 2) -> None:
        super().__init__()
        self.input = nn.Linear(vocab_size, hidden)
        self.norm = nn.LayerNorm(hidden)
        self.act = nn.GELU()
        self.output = nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.act(self.norm(self.input(x))))


def predict(model: SentimentNet, features) -> list[int]:
    """Class index per row, without tracking gradients."""
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor(features, dtype=torch.float32))
        probs = torch.softmax(logits, dim=-1)
    return probs.argmax(dim=-1).tolist()


def train(model: SentimentNet, features, labels, epochs: int = 5, lr: float = 1e-3) -> float:
    """Full-batch training; returns the final loss."""
    x = torch.tensor(features, dtype=torch.float32)
    y = torch.tensor(labels, dtype=torch.long)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    loss = torch.tensor(0.0)
    for _epoch in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return float(loss)
