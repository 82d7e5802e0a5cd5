//! Converted from embedding_attention.py by Batuta 0.1.0: 8 construct(s) mapped, 2 not converted.

use realizar::Tensor;
use realizar::layers::Embedding;
use realizar::layers::LayerNorm;
use realizar::layers::Linear;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `Block` (a torch.nn.Module), for inference.
pub struct Block {
    pub embed: Embedding,
    pub norm: LayerNorm,
    pub out: Linear,
}

impl Block {
    pub fn new(vocab: usize, dim: usize, _heads: ()) -> Result<Self> {
        // super().__init__(): nothing to do in Rust
        let embed: Embedding = Embedding::new(vocab, dim)?;
        // py: self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        let norm: LayerNorm = LayerNorm::new(dim, 1e-5)?;
        let out: Linear = Linear::new(dim, vocab)?;
        // field self.attn: its type is not known; left out of the struct
        Ok(Self { embed, norm, out })
    }

    pub fn forward(&self, tokens: &[usize]) -> Result<Tensor<f32>> {
        let x: Tensor<f32> = self.embed.forward(tokens)?;
        // py: a = self.attn(x, x, x)
        let a: Tensor<f32> = todo!("self.attn has no Rust type (its value in __init__ was not converted)");
        let h: Tensor<f32> = self.norm.forward(&a)?;
        Ok({ let t = &self.out.forward(&h)?; Tensor::from_vec(t.shape().to_vec(), t.data().chunks(*t.shape().last().unwrap_or(&1)).flat_map(|r| { let m = r.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)); let z: f32 = r.iter().map(|&v| (v - m).exp()).sum(); r.iter().map(|&v| v - m - z.ln()).collect::<Vec<f32>>() }).collect())? })
    }
}

// Not converted:
// - line 9: torch.nn.MultiheadAttention: no realizar mapping for torch.nn.MultiheadAttention
// - line 15: torch.nn.MultiheadAttention.__call__: in a statement kept as Python: self.attn has no Rust type (its value in __init__ was not converted)
