//! Converted from embedding_attention.py by Batuta 0.1.0: 10 construct(s) mapped, 0 not converted.

use anyhow::Result;
use realizar::Tensor;
use realizar::layers::Embedding;
use realizar::layers::LayerNorm;
use realizar::layers::Linear;
use realizar::layers::MultiHeadAttention;
use realizar::ops;

// py: class Block(nn.Module):

pub struct Block {
    pub embed: Embedding,
    pub attn: MultiHeadAttention,
    pub norm: LayerNorm,
    pub out: Linear,
}

impl Block {
    pub fn new(vocab: usize, dim: usize, heads: usize) -> Result<Self> {
        // py: super().__init__()
        let embed = Embedding::new(vocab, dim);
        let attn = MultiHeadAttention::new(dim, heads).with_batch_first(true);
        let norm = LayerNorm::new(dim);
        let out = Linear::new(dim, vocab).without_bias();
        Ok(Self { embed, attn, norm, out })
    }

    pub fn forward(&self, tokens: &Tensor) -> Result<Tensor> {
        let x = self.embed.forward(tokens)?;
        let a = self.attn.forward(&x, &x, &x)?;
        let h = self.norm.forward(&a)?;
        Ok(ops::log_softmax(&self.out.forward(&h)?, -1)?)
    }
}
