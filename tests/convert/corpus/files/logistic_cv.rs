//! Converted from logistic_cv.py by Batuta 0.1.0: 3 construct(s) mapped, 1 not converted.

use aprender::classification::LogisticRegression;
use aprender::preprocessing::MinMaxScaler;
use aprender::primitives::Matrix;
use aprender::traits::Transformer;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

// note: the type of `y` is not known from annotations or use; `()` stands in for it
pub fn best_c(x: &Matrix<f32>, _y: ()) -> Result<f32> {
    let x01: Matrix<f32> = MinMaxScaler::new().fit_transform(x)?;
    let best: f32 = 0.0;
    for c in vec![0.01, 0.1, 1.0, 10.0].iter().copied() {
        let clf: (LogisticRegression, f32) = (LogisticRegression::new().with_max_iter(500), c);
        // py: scores = cross_val_score(clf, X01, y, cv=5)
        // py: print(c, scores.mean())
    }
    Ok(best)
}

// Not converted:
// - line 11: sklearn.model_selection.cross_val_score: LogisticRegression(C) has the L2 penalty 1 / (C * n_samples), which depends on the rows each fit sees; aprender's cross-validation fits a model configured beforehand (penalty=None, unregularised, is mapped)
