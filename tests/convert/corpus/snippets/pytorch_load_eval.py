import torch
model = torch.load('model.pt', map_location='cpu')
model.eval()
y = model(x)
