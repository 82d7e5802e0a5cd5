//! Converted from logistic_cv.py by Batuta 0.1.0: 5 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::LogisticRegression;
use aprender::MinMaxScaler;
use aprender::model_selection;
use aprender::prelude::*;
use trueno::Matrix;
use trueno::Vector;

pub fn best_c(x: &Matrix, y: &Vector) -> Result<f32> {
    let x01 = MinMaxScaler::new().fit_transform(x)?;
    let best = 0.0;
    for c in [0.01, 0.1, 1.0, 10.0] {
        let clf = LogisticRegression::new().with_c(c).with_max_iter(500);
        let scores = model_selection::cross_val_score(&clf, &x01, y, 5)?;
        println!("{:?} {:?}", c, scores.mean()?);
    }
    Ok(best)
}
