//! Converted from torch_mlp.py by Batuta 0.1.0: 1 construct(s) mapped, 9 not converted.

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

// py: class MLP(nn.Module):
// py:     """A two-layer perceptron classifier."""
// py:
// py:     def __init__(self, d_in, d_hidden, n_classes):
// py:         super().__init__()
// py:         self.fc1 = nn.Linear(d_in, d_hidden)
// py:         self.act = nn.GELU()
// py:         self.fc2 = nn.Linear(d_hidden, n_classes)
// py:
// py:     def forward(self, x):
// py:         h = self.act(self.fc1(x))
// py:         return self.fc2(h)

// py: def predict(model, batch):
// py:     with torch.no_grad():
// py:         logits = model(batch)
// py:         return torch.softmax(logits, dim=-1)

pub fn main() -> Result<()> {
    // py: net = MLP(16, 64, 3)
    // py: x = torch.randn(8, 16)
    // py: print(predict(net, x))
    Ok(())
}

// Not converted:
// - line 10: torch.nn.Linear: in a statement that was not translated: classes are kept as Python comments
// - line 11: torch.nn.GELU: in a statement that was not translated: classes are kept as Python comments
// - line 12: torch.nn.Linear: in a statement that was not translated: classes are kept as Python comments
// - line 22: torch.softmax: no realizar mapping for torch.softmax
// - line 27: torch.randn: no realizar mapping for torch.randn
// - line 5: torch.nn.Module: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 15: torch.nn.GELU.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 15: torch.nn.Linear.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 16: torch.nn.Linear.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
