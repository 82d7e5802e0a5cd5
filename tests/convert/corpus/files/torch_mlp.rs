//! Converted from torch_mlp.py by Batuta 0.1.0: 2 construct(s) mapped, 8 not converted.

use realizar::Tensor;

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
    let x: Tensor<f32> = Tensor::from_vec(vec![8, 16], { let v = { let (n, p, s): (usize, (f32, f32), u64) = (2 * (8 * 16), (0.0, 1.0), std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k)).collect::<Vec<f32>>() }; (0..v.len() / 2).map(|k| (-2.0 * (1.0 - v[2 * k]).ln()).sqrt() * (2.0 * std::f32::consts::PI * v[2 * k + 1]).cos()).collect::<Vec<f32>>() })?;
    // py: print(predict(net, x))
    Ok(())
}

// Not converted:
// - line 10: torch.nn.Linear: in a statement that was not translated: classes are kept as Python comments
// - line 11: torch.nn.GELU: in a statement that was not translated: classes are kept as Python comments
// - line 12: torch.nn.Linear: in a statement that was not translated: classes are kept as Python comments
// - line 22: torch.softmax: the type of logits is not known
// - line 5: torch.nn.Module: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 15: torch.nn.GELU.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 15: torch.nn.Linear.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
// - line 16: torch.nn.Linear.__call__: not converted: it sits in code kept as Python comments (a class, a decorator or a default value)
