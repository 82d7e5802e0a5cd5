//! Converted from blobs_knn_report.py by Batuta 0.1.0: 6 construct(s) mapped, 7 not converted.
//!
//! Classify synthetic blobs with k-nearest neighbours and report on a grid (mglearn style).

use aprender::classification::KNearestNeighbors;
use aprender::metrics::classification;
use aprender::model_selection;
use aprender::primitives::Matrix;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

// py: def make_data(n_samples, seed):
// py:     X, y = make_blobs(n_samples=n_samples, centers=3, random_state=seed)
// py:     rnd = np.random.RandomState(seed)
// py:     noise = rnd.normal(0, 0.3, size=(n_samples, 2))
// py:     return X + noise, y

// note: the type of `model` is not known from annotations or use; `()` stands in for it
pub fn decision_grid(_model: (), lo: f32, hi: f32) -> Result<()> {
    let line: trueno::Vector<f32> = trueno::Vector::from_vec((0..50).map(|i| lo + (hi - lo) * i as f32 / ((50).max(2) - 1) as f32).collect());
    // py: xx, yy = np.meshgrid(line, line)
    // py: grid = np.c_[xx.ravel(), yy.ravel()]
    // py: return model.predict(grid)
    Ok(())
}

pub fn main() -> Result<()> {
    // py: X, y = make_data(150, 0)
    let x: Matrix<f32> = todo!("make_data is not converted");
    let y: aprender::primitives::Vector<f32> = todo!("make_data is not converted");
    let (x_train, x_test, y_train, y_test) = model_selection::train_test_split(&x, &y, 0.25, Some(0))?;
    let mut knn: KNearestNeighbors = KNearestNeighbors::new(3);
    knn.fit(&x_train, &y_train.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>())?;
    let pred: Vec<usize> = knn.predict(&x_test)?;
    // py: print(confusion_matrix(y_test, pred))
    println!("{}", classification::classification_report(&pred, &y_test.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>()));
    // py: labels = decision_grid(knn, -10, 10)
    // py: print(np.bincount(labels))
    Ok(())
}

// Not converted:
// - line 10: sklearn.datasets.make_blobs: aprender's make_blobs takes the centers' coordinates (&[Vec<f32>]), not a count
// - line 11: numpy.random.RandomState: trueno has no random number generator (use the rand crate)
// - line 18: numpy.meshgrid: trueno has no meshgrid
// - line 29: sklearn.metrics.confusion_matrix: in a statement that was not translated: printing a aprender::primitives::Matrix<usize>
// - line 32: numpy.bincount: in a statement that was not translated: no trueno mapping for numpy.bincount
// - line 12: numpy.random.RandomState.normal: in a statement kept as Python: the type of rnd is not known
// - line 19: numpy.c_: in a statement kept as Python: no trueno mapping for numpy.c_
