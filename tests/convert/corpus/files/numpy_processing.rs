//! Converted from numpy_processing.py by Batuta 0.1.0: 20 construct(s) mapped, 0 not converted.

use anyhow::Result;
use std::collections::HashMap;
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

pub fn summary(values: &Vector) -> Result<HashMap<&'static str, f32>> {
    Ok(HashMap::from([("mean", values.mean()?), ("max", values.max()?)]))
}
