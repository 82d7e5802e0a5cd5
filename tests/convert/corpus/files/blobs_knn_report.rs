//! Converted from blobs_knn_report.py by Batuta 0.1.0: 14 construct(s) mapped, 2 not converted.
//!
//! Classify synthetic blobs with k-nearest neighbours and report on a grid (mglearn style).

use aprender::classification::KNearestNeighbors;
use aprender::datasets;
use aprender::metrics::classification;
use aprender::model_selection;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn make_data(n_samples: usize, seed: u64) -> Result<()> {
    let (x, y) = datasets::make_blobs(n_samples, &{ let (n, p, s): (usize, (f32, f32), u64) = (3 * 2, (-10.0, 10.0), u64::wrapping_mul(seed, 0xD1B54A32D192ED03)); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k)).collect::<Vec<f32>>() }.chunks(2).map(|c| c.to_vec()).collect::<Vec<Vec<f32>>>(), 1.0, seed);
    let rnd: std::cell::Cell<u64> = std::cell::Cell::new(u64::wrapping_mul(seed, 0xD1B54A32D192ED03));
    let noise: trueno::Matrix<f32> = { let (r, c, (p, g)): (usize, usize, ((f32, f32), &std::cell::Cell<u64>)) = (n_samples, 2, ((0.0, 0.3), &rnd)); trueno::Matrix::from_vec(r, c, { let n = r * c; let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + p.1 * (-2.0 * (1.0 - u(2 * k)).ln()).sqrt() * (2.0 * std::f32::consts::PI * u(2 * k + 1)).cos()).collect::<Vec<f32>>() })? };
    // py: return X + noise, y
    Ok(())
}

pub fn decision_grid(model: &KNearestNeighbors, lo: f32, hi: f32) -> Result<Vec<usize>> {
    let line: trueno::Vector<f32> = trueno::Vector::from_vec((0..50).map(|i| lo + (hi - lo) * i as f32 / ((50).max(2) - 1) as f32).collect());
    let (xx, yy) = (trueno::Matrix::from_vec(line.len(), line.len(), (0..line.len() * line.len()).map(|ix| line.as_slice()[ix % line.len()]).collect())?, trueno::Matrix::from_vec(line.len(), line.len(), (0..line.len() * line.len()).map(|ix| line.as_slice()[ix / line.len()]).collect())?);
    let grid: trueno::Matrix<f32> = { let (c0, c1,): (&trueno::Vector<f32>, &trueno::Vector<f32>,) = (&trueno::Vector::from_slice(xx.as_slice()), &trueno::Vector::from_slice(yy.as_slice()),); trueno::Matrix::from_vec(c0.len(), 2, { let cols = [c0.as_slice(), c1.as_slice()]; (0..cols[0].len()).flat_map(|i| cols.iter().map(move |c| c[i])).collect::<Vec<f32>>() })? };
    Ok(model.predict(&aprender::primitives::Matrix::from_vec(grid.rows(), grid.cols(), grid.as_slice().to_vec())?)?)
}

pub fn main() -> Result<()> {
    // py: X, y = make_data(150, 0)
    let x: aprender::primitives::Matrix<f32> = todo!("2 names unpack a value of type ()");
    let y: aprender::primitives::Vector<f32> = todo!("2 names unpack a value of type ()");
    let (x_train, x_test, y_train, y_test) = model_selection::train_test_split(&x, &y, 0.25, Some(0))?;
    let mut knn: KNearestNeighbors = KNearestNeighbors::new(3);
    knn.fit(&x_train, &y_train.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>())?;
    let pred: Vec<usize> = knn.predict(&x_test)?;
    // py: print(confusion_matrix(y_test, pred))
    println!("{}", classification::classification_report(&pred, &y_test.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>()));
    let labels: Vec<usize> = decision_grid(&knn, -10.0, 10.0)?;
    // py: print(np.bincount(labels))
    Ok(())
}

// Not converted:
// - line 29: sklearn.metrics.confusion_matrix: in a statement that was not translated: printing a aprender::primitives::Matrix<usize>
// - line 32: numpy.bincount: in a statement that was not translated: no trueno mapping for numpy.bincount
