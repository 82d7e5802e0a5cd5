import torch.nn as nn
proj = nn.Linear(768, 3072)
head = nn.Linear(768, 2, bias=False)
emb = nn.Embedding(50257, 768)
norm = nn.LayerNorm(768, eps=1e-5)
