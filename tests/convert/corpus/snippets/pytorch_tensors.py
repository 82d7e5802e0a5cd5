import torch
t = torch.tensor([1, 2, 3])
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
z = torch.zeros(2, 3)
r = torch.randn((4, 4))
s = torch.arange(10)
