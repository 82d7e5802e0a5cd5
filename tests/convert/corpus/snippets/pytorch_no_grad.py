import torch
model = torch.load("lm.pt")
with torch.no_grad():
    logits = model(input_ids)
    probs = torch.softmax(logits, dim=-1)
