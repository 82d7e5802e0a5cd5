import torch
import torch.nn as nn
import torch.nn.functional as F
relu = nn.ReLU()
gelu = nn.GELU()
sm = nn.Softmax(dim=-1)
h = F.relu(x)
p = torch.softmax(h, dim=-1)
