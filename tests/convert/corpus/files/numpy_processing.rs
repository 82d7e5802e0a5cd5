//! Converted from numpy_processing.py by Batuta 0.1.0: 15 construct(s) mapped, 6 not converted.
//!
//! Small NumPy data-processing helpers: scaling, softmax, distances.

use trueno::Vector;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

// py: def standardize(x):
// py:     return (x - np.mean(x)) / np.std(x)

pub fn min_max(x: &Vector<f32>) -> Result<()> {
    let lo: f32 = x.min()?;
    let hi: f32 = x.max()?;
    // py: return (x - lo) / (hi - lo)
    Ok(())
}

pub fn softmax(logits: &Vector<f32>) -> Result<Vector<f32>> {
    // py: shifted = np.exp(logits - np.max(logits))
    let shifted: Vector<f32> = todo!("numpy.exp: sub of &trueno::Vector<f32> and f32");
    Ok(shifted.scale(1.0 / shifted.sum()?)?)
}

// py: def gram(features):
// py:     return features @ features.T

pub fn cosine(a: &Vector<f32>, b: &Vector<f32>) -> Result<f32> {
    Ok(a.dot(b)? / (a.norm_l2()? * b.norm_l2()?))
}

// py: def summary(values):
// py:     return {"mean": np.mean(values), "max": np.max(values)}

// Not converted:
// - line 6: numpy.std: in a statement that was not translated: sub of &trueno::Vector<f32> and f32
// - line 6: numpy.mean: in a statement that was not translated: sub of &trueno::Vector<f32> and f32
// - line 16: numpy.exp: in a statement that was not translated: sub of &trueno::Vector<f32> and f32
// - line 16: numpy.max: in a statement that was not translated: sub of &trueno::Vector<f32> and f32
// - line 29: numpy.mean: in a statement that was not translated: Dict expressions are not translated
// - line 29: numpy.max: in a statement that was not translated: Dict expressions are not translated
