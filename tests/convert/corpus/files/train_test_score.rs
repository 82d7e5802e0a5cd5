//! Converted from train_test_score.py by Batuta 0.1.0: 5 construct(s) mapped, 3 not converted.

use aprender::metrics::classification;
use aprender::model_selection;
use aprender::primitives::Matrix;
use aprender::primitives::Vector;
use aprender::tree::RandomForestClassifier;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn train(x: &Matrix<f32>, y: &Vector<f32>) -> Result<()> {
    let (x_train, x_test, y_train, y_test) = model_selection::train_test_split(x, y, 0.25, Some(0))?;
    let mut clf: RandomForestClassifier = RandomForestClassifier::new(100).with_max_depth(8);
    clf.fit(&x_train, &y_train.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>())?;
    let y_pred: Vec<usize> = clf.predict(&x_test);
    let acc: f32 = classification::accuracy(&y_pred, &y_test.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>());
    // py: f1 = f1_score(y_test, y_pred)
    // py: return acc, f1
    Ok(())
}

pub fn main() -> Result<()> {
    // py: X = np.random.rand(1000, 20)
    let x: Matrix<f32> = todo!("numpy.random.rand: trueno has no random number generator (use the rand crate)");
    // py: y = np.random.rand(1000)
    let y: Vector<f32> = todo!("numpy.random.rand: trueno has no random number generator (use the rand crate)");
    // py: acc, f1 = train(X, y)
    // py: print("accuracy", acc, "f1", f1)
    Ok(())
}

// Not converted:
// - line 13: sklearn.metrics.f1_score: average='binary' (scikit-learn's default is 'binary'); aprender averages 'macro', 'micro' or 'weighted'
// - line 18: numpy.random.rand: trueno has no random number generator (use the rand crate)
// - line 19: numpy.random.rand: trueno has no random number generator (use the rand crate)
