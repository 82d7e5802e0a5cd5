//! Converted from forest_regression.py by Batuta 0.1.0: 11 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::Lasso;
use aprender::RandomForestRegressor;
use aprender::metrics;
use aprender::prelude::*;
use trueno::Matrix;
use trueno::Vector;

pub fn compare(x_train: &Matrix, y_train: &Vector, x_test: &Matrix, y_test: &Vector) -> Result<(f32, f32)> {
    let mut forest = RandomForestRegressor::new(300).with_random_state(7);
    let mut lasso = Lasso::new(0.01);
    forest.fit(x_train, y_train)?;
    lasso.fit(x_train, y_train)?;
    let f = metrics::mean_squared_error(y_test, &forest.predict(x_test)?)?;
    let l = metrics::mean_squared_error(y_test, &lasso.predict(x_test)?)?;
    Ok((f, l))
}

fn main() -> Result<()> {
    let x = Matrix::random_normal(200, 5);
    let y = x.matmul(&Vector::ones(5))?;
    println!("{:?}", compare(&x, &y, &x, &y)?);
    Ok(())
}
