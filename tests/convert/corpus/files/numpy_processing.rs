//! Converted from numpy_processing.py by Batuta 0.1.0: 31 construct(s) mapped, 2 not converted.
//!
//! Small NumPy data-processing helpers: scaling, softmax, distances.

use trueno::Vector;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn standardize(x: &Vector<f32>) -> Result<Vector<f32>> {
    Ok({ let (a, k): (&Vector<f32>, f32) = (&x, x.mean()?); Vector::from_vec(a.as_slice().iter().map(|&v| v - k).collect()) }.scale(1.0 / x.stddev()?)?)
}

pub fn min_max(x: &Vector<f32>) -> Result<Vector<f32>> {
    let lo: f32 = x.min()?;
    let hi: f32 = x.max()?;
    Ok({ let (a, k): (&Vector<f32>, f32) = (&x, lo); Vector::from_vec(a.as_slice().iter().map(|&v| v - k).collect()) }.scale(1.0 / (hi - lo))?)
}

pub fn softmax(logits: &Vector<f32>) -> Result<Vector<f32>> {
    let shifted: Vector<f32> = { let (a, k): (&Vector<f32>, f32) = (&logits, logits.max()?); Vector::from_vec(a.as_slice().iter().map(|&v| v - k).collect()) }.exp()?;
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
// - line 29: numpy.mean: in a statement that was not translated: Dict expressions are not translated
// - line 29: numpy.max: in a statement that was not translated: Dict expressions are not translated
