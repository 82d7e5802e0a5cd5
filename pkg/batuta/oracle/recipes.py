"""Cookbook recipe text and code, written for this project (upstream's was not copied).

A recipe's code is one of the checked examples (``batuta.oracle.examples``) or a recipe-only
module below, and every one type-checks against the crate-API tables. A recipe centred on a
crate without a table (simular, entrenar, whisper-apr, ...) has no code and says so in
``code_note``: printing unchecked Rust would break the promise that every example compiles.
"""

from __future__ import annotations

_SCALER = """use aprender::preprocessing::StandardScaler;
use aprender::primitives::Matrix;
use aprender::traits::Transformer;

/// Standardize features to zero mean and unit variance before training.
pub fn standardize() -> Result<Matrix<f32>, Box<dyn std::error::Error>> {
    let x = Matrix::from_vec(3, 2, vec![1.0, 10.0, 2.0, 20.0, 3.0, 30.0])?;
    let mut scaler = StandardScaler::new().with_mean(true).with_std(true);
    let scaled = scaler.fit_transform(&x)?;
    assert!(scaler.is_fitted());
    Ok(scaled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_shape() {
        assert!(standardize().is_ok());
    }
}
"""

RECIPE_CODE: dict[str, str] = {"data-preprocessing": _SCALER}
"""Recipe-only modules (the rest reuse ``EXAMPLES``)."""

# id -> (problem statement, example id or recipe-code id or None)
RECIPES: dict[str, tuple[str, str | None]] = {
    "wasm-zero-js": ("Ship an interactive browser app written only in Rust, no JavaScript.",
                     None),
    "wasm-event-handling": ("React to clicks and key presses from Rust compiled to WASM.", None),
    "wasm-canvas-rendering": ("Draw 2D graphics on a canvas from WASM every frame.", None),
    "ml-random-forest": ("Replace a scikit-learn RandomForestClassifier with aprender's.",
                         "aprender-random_forest"),
    "ml-serving": ("Serve a trained model behind an inference API with realizar.", "realizar"),
    "transpile-python": ("Move a Python ML code base to Rust, estimator by estimator.",
                         "aprender-logistic_regression"),
    "transpile-numpy": ("Turn NumPy array code into trueno vectors and matrices.", "trueno"),
    "distributed-work-stealing": ("Spread many small CPU tasks over all cores and machines.",
                                  None),
    "distributed-gpu": ("Run large matrix kernels on the GPU and split them across devices.",
                        "trueno"),
    "quality-edd": ("Check a simulation against the equations it is meant to solve.", None),
    "quality-probar": ("Test invariants with generated inputs instead of hand-picked ones.",
                       None),
    "quality-golden-trace": ("Prove a transpiled program makes the same system calls as the "
                             "original.", None),
    "speech-whisper": ("Transcribe recorded speech to text locally.", None),
    "speech-streaming": ("Transcribe a live audio stream with low latency.", None),
    "training-lora": ("Fine-tune a large model cheaply with low-rank adapters.", None),
    "training-qlora": ("Fine-tune a 4-bit quantized model with adapters.", None),
    "training-autograd": ("Write a custom training loop with automatic differentiation.", None),
    "data-alimentar": ("Load Parquet and Arrow data without copying it.", None),
    "data-preprocessing": ("Scale and encode features before training.", "data-preprocessing"),
    "registry-pacha": ("Version, sign and trace models and datasets.", None),
    "registry-hf": ("Download and cache models from the Hugging Face Hub.", None),
    "rag-pipeline": ("Answer questions from your documents with retrieval-augmented "
                     "generation.", None),
    "rag-semantic-search": ("Search documents by meaning with embeddings.", None),
    "viz-terminal": ("Plot results as charts in the terminal.", None),
    "viz-png": ("Export charts as PNG files.", None),
    "rlhf-sft": ("Instruction-tune a model on prompt/response pairs.", None),
    "rlhf-reward-model": ("Train a model that scores responses by human preference.", None),
    "rlhf-dpo": ("Align a model to preferences without a separate reward model.", None),
    "rlhf-dpo-variants": ("Choose between IPO, KTO and ORPO for preference alignment.", None),
    "rlhf-ppo": ("Align a model with reinforcement learning from a reward model.", None),
    "rlhf-stability": ("Keep preference training stable and debuggable.", None),
    "rlhf-evaluation": ("Measure an aligned model against benchmarks.", None),
    "rlhf-quantization": ("Quantize a model to 4 or 8 bits for cheaper alignment and serving.",
                          None),
    "rlhf-peft": ("Align a model by training only small adapter weights.", None),
}
