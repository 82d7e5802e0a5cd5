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

_AUDIO = """use trueno::Vector;

/// Normalize one frame of audio samples (zero mean, unit variance) and measure its energy,
/// the SIMD step before a speech model sees the frame.
pub fn normalize_frame(samples: &[f32]) -> trueno::Result<(Vector<f32>, f32)> {
    let frame = Vector::from_slice(samples);
    let normalized = frame.zscore()?;
    let energy = frame.norm_l2()?;
    Ok((normalized, energy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_sample() {
        let (normalized, energy) = normalize_frame(&[0.1, -0.2, 0.3, -0.4]).expect("frame");
        assert_eq!(normalized.len(), 4);
        assert!(energy > 0.0);
    }
}
"""

_COLUMN_STATS = """use trueno::Vector;

/// Mean and standard deviation of one loaded column, computed with SIMD.
pub fn column_stats(column: Vec<f32>) -> trueno::Result<(f32, f32)> {
    let values = Vector::from_vec(column);
    Ok((values.mean()?, values.stddev()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_a_column() {
        let (mean, _) = column_stats(vec![1.0, 2.0, 3.0]).expect("stats");
        assert!((mean - 2.0).abs() < 1e-6);
    }
}
"""

_FORWARD = """use trueno::{Matrix, Vector};

/// The forward pass of a tiny dense layer: weights times input, ReLU, then softmax.
pub fn forward(weights: Vec<f32>, input: &[f32]) -> trueno::Result<Vector<f32>> {
    let w = Matrix::from_vec(2, input.len(), weights)?;
    let x = Vector::from_slice(input);
    let hidden = w.matvec(&x)?.relu()?;
    hidden.softmax()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_sum_to_one() {
        let p = forward(vec![0.5, -0.5, 1.0, 0.25], &[1.0, 2.0]).expect("forward");
        assert!((p.sum().expect("sum") - 1.0).abs() < 1e-5);
    }
}
"""

_CHUNK_KERNEL = """use trueno::Vector;

/// The kernel each worker runs on its chunk: a sum of squares; the chunks' results add up.
pub fn chunk_sum_of_squares(chunk: &[f32]) -> trueno::Result<f32> {
    Vector::from_slice(chunk).sum_of_squares()
}

/// What the scheduler does with the workers' results, shown here sequentially.
pub fn total(data: &[f32], chunk: usize) -> trueno::Result<f32> {
    let mut sum = 0.0;
    for part in data.chunks(chunk.max(1)) {
        sum += chunk_sum_of_squares(part)?;
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_add_up() {
        assert_eq!(total(&[1.0, 2.0, 3.0], 2).expect("sum"), 14.0);
    }
}
"""

_SAVE_MODEL = """use aprender::primitives::Matrix;
use aprender::tree::DecisionTreeClassifier;

/// Train a model and save it as SafeTensors: the file a registry versions and signs.
pub fn train_and_save(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let x = Matrix::from_vec(4, 2, vec![1.0, 2.0, 1.5, 1.8, 5.0, 8.0, 6.0, 9.0])?;
    let y: Vec<usize> = vec![0, 0, 1, 1];
    let mut model = DecisionTreeClassifier::new().with_max_depth(3);
    model.fit(&x, &y)?;
    model.save_safetensors(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_model_file() {
        let path = std::env::temp_dir().join("batuta-recipe-model.safetensors");
        train_and_save(path.to_str().expect("utf-8 path")).expect("saved");
        assert!(path.exists());
    }
}
"""

RECIPE_CODE: dict[str, str] = {"data-preprocessing": _SCALER, "speech-audio": _AUDIO,
                               "column-stats": _COLUMN_STATS, "dense-forward": _FORWARD,
                               "chunk-kernel": _CHUNK_KERNEL, "save-model": _SAVE_MODEL}
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
                                  "chunk-kernel"),
    "distributed-gpu": ("Run large matrix kernels on the GPU and split them across devices.",
                        "trueno"),
    "quality-edd": ("Check a simulation against the equations it is meant to solve.", None),
    "quality-probar": ("Test invariants with generated inputs instead of hand-picked ones.",
                       None),
    "quality-golden-trace": ("Prove a transpiled program makes the same system calls as the "
                             "original.", None),
    "speech-whisper": ("Transcribe recorded speech to text locally.", "speech-audio"),
    "speech-streaming": ("Transcribe a live audio stream with low latency.", "speech-audio"),
    "training-lora": ("Fine-tune a large model cheaply with low-rank adapters.", None),
    "training-qlora": ("Fine-tune a 4-bit quantized model with adapters.", None),
    "training-autograd": ("Write a custom training loop with automatic differentiation.",
                          "dense-forward"),
    "data-alimentar": ("Load Parquet and Arrow data without copying it.", "column-stats"),
    "data-preprocessing": ("Scale and encode features before training.", "data-preprocessing"),
    "registry-pacha": ("Version, sign and trace models and datasets.", "save-model"),
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
