//! Converted from embedding_attention.py by Batuta 0.1.0: 0 construct(s) mapped, 10 not converted.

// py: class Block(nn.Module):
// py:     def __init__(self, vocab, dim, heads):
// py:         super().__init__()
// py:         self.embed = nn.Embedding(vocab, dim)
// py:         self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
// py:         self.norm = nn.LayerNorm(dim)
// py:         self.out = nn.Linear(dim, vocab, bias=False)
// py:
// py:     def forward(self, tokens):
// py:         x = self.embed(tokens)
// py:         a = self.attn(x, x, x)
// py:         h = self.norm(a)
// py:         return F.log_softmax(self.out(h), dim=-1)

// Not converted:
// - line 8: torch.nn.Embedding: in a statement that was not translated: classes are kept as Python comments
// - line 9: torch.nn.MultiheadAttention: in a statement that was not translated: classes are kept as Python comments
// - line 10: torch.nn.LayerNorm: in a statement that was not translated: classes are kept as Python comments
// - line 11: torch.nn.Linear: in a statement that was not translated: classes are kept as Python comments
// - line 17: torch.nn.functional.log_softmax: in a statement that was not translated: classes are kept as Python comments
// - line 5: torch.nn.Module: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 14: torch.nn.Embedding.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 15: torch.nn.MultiheadAttention.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 16: torch.nn.LayerNorm.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 17: torch.nn.Linear.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
