//! Converted from torch_mlp.py by Batuta 0.1.0: 10 construct(s) mapped, 0 not converted.

use realizar::Tensor;
use realizar::layers::Linear;
use realizar::layers;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A two-layer perceptron classifier.
/// `MLP` (a torch.nn.Module), for inference.
pub struct MLP {
    pub fc1: Linear,
    pub act: (),
    pub fc2: Linear,
}

impl MLP {
    pub fn new(d_in: usize, d_hidden: usize, n_classes: usize) -> Result<Self> {
        // super().__init__(): nothing to do in Rust
        let fc1: Linear = Linear::new(d_in, d_hidden)?;
        let act: () = ();
        let fc2: Linear = Linear::new(d_hidden, n_classes)?;
        Ok(Self { fc1, act, fc2 })
    }

    pub fn forward(&self, x: &Tensor<f32>) -> Result<Tensor<f32>> {
        let h: Tensor<f32> = layers::gelu(&self.fc1.forward(x)?)?;
        Ok(self.fc2.forward(&h)?)
    }
}

pub fn predict(model: &MLP, batch: &Tensor<f32>) -> Result<Tensor<f32>> {
    let logits: Tensor<f32> = model.forward(batch)?;
    Ok({ let t = &logits; Tensor::from_vec(t.shape().to_vec(), t.data().chunks(*t.shape().last().unwrap_or(&1)).flat_map(|r| { let m = r.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)); let z: f32 = r.iter().map(|&v| (v - m).exp()).sum(); r.iter().map(|&v| (v - m).exp() / z).collect::<Vec<f32>>() }).collect())? })
}

pub fn main() -> Result<()> {
    let net: MLP = MLP::new(16, 64, 3)?;
    let x: Tensor<f32> = Tensor::from_vec(vec![8, 16], { let v = { let (n, p, s): (usize, (f32, f32), u64) = (2 * (8 * 16), (0.0, 1.0), std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k)).collect::<Vec<f32>>() }; (0..v.len() / 2).map(|k| (-2.0 * (1.0 - v[2 * k]).ln()).sqrt() * (2.0 * std::f32::consts::PI * v[2 * k + 1]).cos()).collect::<Vec<f32>>() })?;
    // py: print(predict(net, x))
    Ok(())
}
