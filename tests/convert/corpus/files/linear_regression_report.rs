//! Converted from linear_regression_report.py by Batuta 0.1.0: 6 construct(s) mapped, 2 not converted.

use aprender::linear_model::LinearRegression;
use aprender::linear_model::Ridge;
use aprender::traits::Estimator;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn main() -> Result<()> {
    let x: trueno::Matrix<f32> = trueno::Matrix::from_vec(4, 2, vec![1.0, 2.0, 2.0, 1.0, 3.0, 4.0, 4.0, 3.0])?;
    let y: trueno::Vector<f32> = trueno::Vector::from_slice(&[3.0, 3.0, 7.0, 7.0]);
    let mut ols: LinearRegression = LinearRegression::new();
    ols.fit(&aprender::primitives::Matrix::from_vec(x.rows(), x.cols(), x.as_slice().to_vec())?, &aprender::primitives::Vector::from_slice(y.as_slice()))?;
    let ridge: Ridge = { let mut estimator_ = Ridge::new(0.5); estimator_.fit(&aprender::primitives::Matrix::from_vec(x.rows(), x.cols(), x.as_slice().to_vec())?, &aprender::primitives::Vector::from_slice(y.as_slice()))?; estimator_ };
    // py: for model in (ols, ridge):
    // py:     pred = model.predict(X)
    // py:     print(mean_squared_error(y, pred), r2_score(y, pred))
    // py: print(ols.coef_, ols.intercept_)
    Ok(())
}

// Not converted:
// - line 14: sklearn.metrics.mean_squared_error: in a statement that was not translated: iterating over a (aprender::linear_model::LinearRegression, aprender::linear_model::Ridge)
// - line 14: sklearn.metrics.r2_score: in a statement that was not translated: iterating over a (aprender::linear_model::LinearRegression, aprender::linear_model::Ridge)
