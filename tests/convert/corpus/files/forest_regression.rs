//! Converted from forest_regression.py by Batuta 0.1.0: 12 construct(s) mapped, 0 not converted.

use aprender::linear_model::Lasso;
use aprender::metrics;
use aprender::traits::Estimator;
use aprender::tree::RandomForestRegressor;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn compare(x_train: &aprender::primitives::Matrix<f32>, y_train: &aprender::primitives::Vector<f32>, x_test: &aprender::primitives::Matrix<f32>, y_test: &[f32]) -> Result<(f32, f32)> {
    let mut forest: RandomForestRegressor = RandomForestRegressor::new(300).with_random_state(7);
    let mut lasso: Lasso = Lasso::new(0.01);
    forest.fit(x_train, y_train)?;
    lasso.fit(x_train, y_train)?;
    let f: f32 = metrics::mean_squared_error(y_test, forest.predict(x_test).as_slice());
    let l: f32 = metrics::mean_squared_error(y_test, lasso.predict(x_test).as_slice());
    Ok((f, l))
}

pub fn main() -> Result<()> {
    let x: trueno::Matrix<f32> = { let (r, c, (p, g)): (usize, usize, ((f32, f32), &std::cell::Cell<u64>)) = (200, 5, ((0.0, 1.0), &std::cell::Cell::new(std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))))); trueno::Matrix::from_vec(r, c, { let n = r * c; let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + p.1 * (-2.0 * (1.0 - u(2 * k)).ln()).sqrt() * (2.0 * std::f32::consts::PI * u(2 * k + 1)).cos()).collect::<Vec<f32>>() })? };
    let y: trueno::Vector<f32> = x.matvec(&trueno::Vector::from_vec(vec![1.0; 5]))?;
    // py: print(compare(X, y, X, y))
    Ok(())
}
