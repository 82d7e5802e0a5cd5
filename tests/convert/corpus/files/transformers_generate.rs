//! Converted from transformers_generate.py by Batuta 0.1.0: 4 construct(s) mapped, 3 not converted.
//!
//! Generate a continuation of a prompt with a causal language model.

use realizar::InferenceConfig;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub const MODEL_NAME: &str = "gpt2";

pub fn generate(prompt: &str, max_new_tokens: usize) -> Result<()> {
    // py: tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    let model: InferenceConfig = InferenceConfig::new(MODEL_NAME);
    // model.eval(): nothing to do in Rust
    // py: input_ids = tokenizer.encode(prompt, return_tensors="pt")
    let input_ids: Vec<u32> = todo!("the type of tokenizer is not known");
    let output: Vec<u32> = realizar::run_inference(&model.clone().with_max_tokens(max_new_tokens).with_input_tokens(input_ids))?.tokens;
    // py: return tokenizer.decode(output, skip_special_tokens=True)
    Ok(())
}

pub fn main() -> Result<()> {
    // py: print(generate("The Sovereign AI Stack is"))
    Ok(())
}

// Not converted:
// - line 9: transformers.AutoTokenizer.from_pretrained: realizar's Tokenizer is built from a Vocabulary, not a model name
// - line 12: transformers.AutoTokenizer.encode: in a statement kept as Python: the type of tokenizer is not known
// - line 15: transformers.AutoTokenizer.decode: in a statement kept as Python: the type of tokenizer is not known
