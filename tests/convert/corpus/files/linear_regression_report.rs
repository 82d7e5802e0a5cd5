//! Converted from linear_regression_report.py by Batuta 0.1.0: 11 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::LinearRegression;
use aprender::Ridge;
use aprender::metrics;
use aprender::prelude::*;
use trueno::Matrix;
use trueno::Vector;

fn main() -> Result<()> {
    let x = Matrix::from_vec(4, 2, vec![1.0, 2.0, 2.0, 1.0, 3.0, 4.0, 4.0, 3.0])?;
    let y = Vector::from_slice(&[3.0, 3.0, 7.0, 7.0]);
    let mut ols = LinearRegression::new();
    ols.fit(&x, &y)?;
    let mut ridge = Ridge::new(0.5);
    ridge.fit(&x, &y)?;
    for model in [&ols, &ridge] {
        let pred = model.predict(&x)?;
        println!("{:?} {:?}", metrics::mean_squared_error(&y, &pred)?, metrics::r2_score(&y, &pred)?);
    }
    println!("{:?} {:?}", ols.coefficients(), ols.intercept());
    Ok(())
}
