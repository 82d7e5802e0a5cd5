//! Converted from blobs_knn_report.py by Batuta 0.1.0: 17 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::KNeighborsClassifier;
use aprender::datasets;
use aprender::metrics;
use aprender::model_selection;
use aprender::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::Distribution;
use rand_distr::Normal;
use trueno::Matrix;
use trueno::Vector;

// py: """Classify synthetic blobs with k-nearest neighbours and report on a grid (mglearn style)."""

pub fn make_data(n_samples: usize, seed: usize) -> Result<(Matrix, Vector)> {
    let (x, y) = datasets::make_blobs(n_samples, 2, 3, 1.0, Some(seed))?;
    let mut rnd = StdRng::seed_from_u64(seed);
    let noise = Matrix::from_vec(n_samples, 2, Normal::new(0.0, 0.3)?.sample_iter(&mut rnd).take(n_samples * 2).collect())?;
    Ok((x.add(&noise)?, y))
}

pub fn decision_grid(model: &mut impl Estimator, lo: f32, hi: f32) -> Result<Vector> {
    let line = Vector::linspace(lo, hi, 50);
    let (xx, yy) = Matrix::meshgrid(&line, &line)?;
    let grid = Matrix::column_stack(&[&xx.flatten(), &yy.flatten()])?;
    Ok(model.predict(&grid)?)
}

pub fn main() -> Result<()> {
    let (x, y) = make_data(150, 0)?;
    let (x_train, x_test, y_train, y_test) = model_selection::train_test_split(&x, &y, 0.25, Some(0))?;
    let mut knn = KNeighborsClassifier::new(3);
    knn.fit(&x_train, &y_train)?;
    let pred = knn.predict(&x_test)?;
    println!("{:?}", metrics::confusion_matrix(&y_test, &pred)?);
    println!("{}", metrics::classification_report(&y_test, &pred)?);
    let labels = decision_grid(&mut knn, -10.0, 10.0)?;
    println!("{:?}", labels.bincount());
    Ok(())
}
