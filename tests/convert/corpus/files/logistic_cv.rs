//! Converted from logistic_cv.py by Batuta 0.1.0: 4 construct(s) mapped, 1 not converted.

use aprender::classification::LogisticRegression;
use aprender::model_selection::KFold;
use aprender::model_selection;
use aprender::preprocessing::MinMaxScaler;
use aprender::primitives::Matrix;
use aprender::primitives::Vector;
use aprender::traits::Transformer;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn best_c(x: &Matrix<f32>, y: &Vector<f32>) -> Result<f32> {
    let x01: Matrix<f32> = MinMaxScaler::new().fit_transform(x)?;
    let best: f32 = 0.0;
    for c in vec![0.01, 0.1, 1.0, 10.0].iter().copied() {
        let clf: LogisticRegression = LogisticRegression::new().with_max_iter(500);
        let scores: Vec<f32> = model_selection::cross_val_score(&clf, &x01, y, &KFold::new(5))?;
        // py: print(c, scores.mean())
    }
    Ok(best)
}

// Not converted:
// - line 10: sklearn.linear_model.LogisticRegression(C): argument C has no aprender equivalent; dropped
