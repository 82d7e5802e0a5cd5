//! Converted from sklearn_pipeline.py by Batuta 0.1.0: 5 construct(s) mapped, 0 not converted.
//!
//! Fit a polynomial curve with a scikit-learn Pipeline (the underfitting / overfitting example).

use aprender::linear_model::LinearRegression;
use aprender::pipeline::Pipeline;
use aprender::preprocessing::PolynomialFeatures;
use aprender::primitives::Matrix;
use aprender::primitives::Vector;
use aprender::traits::Estimator;
use aprender::traits::Transformer;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn fit_curve(x: &Matrix<f32>, y: &Vector<f32>, degree: i64) -> Result<Vector<f32>> {
    let polynomial_features: PolynomialFeatures = PolynomialFeatures::new(degree as usize).with_bias(false);
    let linear_regression: LinearRegression = LinearRegression::new();
    let mut pipeline: Pipeline = Pipeline::new(vec![Box::new(polynomial_features.clone())], Box::new(linear_regression.clone()));
    pipeline.fit(x, y)?;
    Ok(pipeline.predict(x)?)
}
