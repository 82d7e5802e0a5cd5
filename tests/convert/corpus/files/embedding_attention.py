import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, vocab, dim, heads):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm = nn.LayerNorm(dim)
        self.out = nn.Linear(dim, vocab, bias=False)

    def forward(self, tokens):
        x = self.embed(tokens)
        a = self.attn(x, x, x)
        h = self.norm(a)
        return F.log_softmax(self.out(h), dim=-1)
