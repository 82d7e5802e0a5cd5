//! Converted from torch_mlp.py by Batuta 0.1.0: 11 construct(s) mapped, 0 not converted.

use anyhow::Result;
use realizar::Model;
use realizar::Tensor;
use realizar::layers::Gelu;
use realizar::layers::Linear;
use realizar::ops;

// py: class MLP(nn.Module):
pub struct MLP {
    pub fc1: Linear,
    pub act: Gelu,
    pub fc2: Linear,
}

impl MLP {
    // py: """A two-layer perceptron classifier."""
    pub fn new(d_in: usize, d_hidden: usize, n_classes: usize) -> Result<Self> {
        // py: super().__init__()
        let fc1 = Linear::new(d_in, d_hidden);
        let act = Gelu::new();
        let fc2 = Linear::new(d_hidden, n_classes);
        Ok(Self { fc1, act, fc2 })
    }

    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let h = self.act.forward(&self.fc1.forward(x)?)?;
        Ok(self.fc2.forward(&h)?)
    }
}

pub fn predict(model: &Model, batch: &Tensor) -> Result<Tensor> {
    // torch.no_grad(): Realizar never records gradients
    let logits = realizar::forward(model, batch)?;
    Ok(ops::softmax(&logits, -1)?)
}

fn main() -> Result<()> {
    // py: if __name__ == "__main__":
    let net = MLP::new(16, 64, 3)?;
    let x = Tensor::rand_normal(&[8, 16]);
    println!("{:?}", predict(&net, &x)?);
    Ok(())
}
