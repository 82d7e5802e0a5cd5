"""Tensor arithmetic of a small classifier head, written with torch functions."""

import torch
import torch.nn.functional as F


def head(n_rows: int):
    x = torch.randn(n_rows, 8)
    hidden = F.relu(x)
    scaled = torch.exp(torch.zeros_like(hidden))
    probs = F.softmax(hidden, dim=-1)
    log_probs = F.log_softmax(hidden, dim=1)
    flat = torch.flatten(torch.rand(2, 3, 4), 1)
    smooth = F.gelu(torch.ones(2, 4))
    return scaled, probs, log_probs, flat, smooth
