import torch.nn as nn
attn = nn.MultiheadAttention(512, 8, dropout=0.1)
out = attn(q, k, v)
