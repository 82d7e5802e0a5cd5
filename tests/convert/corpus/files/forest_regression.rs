//! Converted from forest_regression.py by Batuta 0.1.0: 8 construct(s) mapped, 2 not converted.

use aprender::linear_model::Lasso;
use aprender::metrics;
use aprender::primitives::Matrix;
use aprender::primitives::Vector;
use aprender::traits::Estimator;
use aprender::tree::RandomForestRegressor;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn compare(x_train: &Matrix<f32>, y_train: &Vector<f32>, x_test: &Matrix<f32>, y_test: &[f32]) -> Result<(f32, f32)> {
    let mut forest: RandomForestRegressor = RandomForestRegressor::new(300).with_random_state(7);
    let mut lasso: Lasso = Lasso::new(0.01);
    forest.fit(x_train, y_train)?;
    lasso.fit(x_train, y_train)?;
    let f: f32 = metrics::mean_squared_error(y_test, forest.predict(x_test).as_slice());
    let l: f32 = metrics::mean_squared_error(y_test, lasso.predict(x_test).as_slice());
    Ok((f, l))
}

pub fn main() -> Result<()> {
    // py: X = np.random.randn(200, 5)
    let x: Matrix<f32> = todo!("numpy.random.randn: trueno has no random number generator (use the rand crate)");
    // py: y = X @ np.ones(5)
    let y: Vector<f32> = todo!("numpy.ones: no mapping for @ on aprender::primitives::Matrix<f32>");
    // py: print(compare(X, y, X, y))
    Ok(())
}

// Not converted:
// - line 17: numpy.random.randn: trueno has no random number generator (use the rand crate)
// - line 18: numpy.ones: no mapping for @ on aprender::primitives::Matrix<f32>
