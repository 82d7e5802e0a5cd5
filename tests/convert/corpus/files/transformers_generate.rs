//! Converted from transformers_generate.py by Batuta 0.1.0: 7 construct(s) mapped, 0 not converted.

use anyhow::Result;
use realizar::Model;
use realizar::Tokenizer;

const MODEL_NAME: &str = "gpt2";

pub fn generate(prompt: &str, max_new_tokens: usize) -> Result<String> {
    let tokenizer = Tokenizer::from_pretrained(MODEL_NAME)?;
    let model = Model::from_pretrained(MODEL_NAME)?;
    // model.eval(): nothing to do in Rust
    let input_ids = tokenizer.encode(prompt)?;
    // torch.no_grad(): Realizar never records gradients
    let output = realizar::generate_text(&model, &input_ids, max_new_tokens)?;
    Ok(tokenizer.decode(&output)?)
}

fn main() -> Result<()> {
    // py: """Generate a continuation of a prompt with a causal language model."""
    // py: if __name__ == "__main__":
    println!("{}", generate("The Sovereign AI Stack is", 50)?);
    Ok(())
}
