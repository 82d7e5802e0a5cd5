//! Converted from train_test_score.py by Batuta 0.1.0: 7 construct(s) mapped, 1 not converted.

use aprender::metrics::classification;
use aprender::model_selection;
use aprender::tree::RandomForestClassifier;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn train(x: &aprender::primitives::Matrix<f32>, y: &aprender::primitives::Vector<f32>) -> Result<()> {
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
    let x: trueno::Matrix<f32> = { let (r, c, (_p, g)): (usize, usize, ((f32, f32), &std::cell::Cell<u64>)) = (1000, 20, ((0.0, 1.0), &std::cell::Cell::new(std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))))); trueno::Matrix::from_vec(r, c, { let n = r * c; let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| u(2 * k)).collect::<Vec<f32>>() })? };
    let y: trueno::Vector<f32> = trueno::Vector::from_vec({ let (n, (_p, g)): (usize, ((f32, f32), &std::cell::Cell<u64>)) = (1000, ((0.0, 1.0), &std::cell::Cell::new(std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))))); let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| u(2 * k)).collect::<Vec<f32>>() });
    // py: acc, f1 = train(X, y)
    // py: print("accuracy", acc, "f1", f1)
    Ok(())
}

// Not converted:
// - line 13: sklearn.metrics.f1_score: average='binary' (scikit-learn's default is 'binary'); aprender averages 'macro', 'micro' or 'weighted'
