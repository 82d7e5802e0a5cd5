import torch
import torch.nn as nn


class MLP(nn.Module):
    """A two-layer perceptron classifier."""

    def __init__(self, d_in, d_hidden, n_classes):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(d_hidden, n_classes)

    def forward(self, x):
        h = self.act(self.fc1(x))
        return self.fc2(h)


def predict(model, batch):
    with torch.no_grad():
        logits = model(batch)
        return torch.softmax(logits, dim=-1)


if __name__ == "__main__":
    net = MLP(16, 64, 3)
    x = torch.randn(8, 16)
    print(predict(net, x))
