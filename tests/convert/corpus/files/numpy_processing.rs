//! Converted from numpy_processing.py by Batuta 0.1.0: 18 construct(s) mapped, 2 not converted.

use anyhow::Result;
use trueno::Matrix;
use trueno::Vector;

// py: """Small NumPy data-processing helpers: scaling, softmax, distances."""

pub fn standardize(x: &Vector) -> Result<Vector> {
    Ok(x.sub_scalar(x.mean()?)?.div_scalar(x.std()?)?)
}

pub fn min_max(x: &Vector) -> Result<Vector> {
    let lo = x.min()?;
    let hi = x.max()?;
    Ok(x.sub_scalar(lo)?.div_scalar(hi - lo)?)
}

pub fn softmax(logits: &Vector) -> Result<Vector> {
    let shifted = logits.sub_scalar(logits.max()?)?.exp()?;
    Ok(shifted.div_scalar(shifted.sum()?)?)
}

pub fn gram(features: &Matrix) -> Result<Matrix> {
    Ok(features.matmul(&features.transpose())?)
}

pub fn cosine(a: &Vector, b: &Vector) -> Result<f32> {
    Ok(a.dot(b)? / (a.norm_l2()? * b.norm_l2()?))
}

// note: parameter types not evident from use default to &Vector

pub fn summary(values: &Vector) -> Result<Vector> {
    Ok(todo!("python: {\"mean\": np.mean(values), \"max\": np.max(values)}"))
}

// Not converted:
// - line 29: numpy.mean: inside Python the converters keep as-is (comprehension, lambda, f-string, or a statement kind they do not translate)
// - line 29: numpy.max: inside Python the converters keep as-is (comprehension, lambda, f-string, or a statement kind they do not translate)
