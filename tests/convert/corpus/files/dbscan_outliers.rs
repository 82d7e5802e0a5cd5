//! Converted from dbscan_outliers.py by Batuta 0.1.0: 2 construct(s) mapped, 1 not converted.

use aprender::preprocessing::StandardScaler;
use aprender::primitives::Matrix;
use aprender::traits::Transformer;
use aprender::traits::UnsupervisedEstimator;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn outliers(points: &Matrix<f32>, eps: f32) -> Result<()> {
    let scaled: Matrix<f32> = StandardScaler::new().fit_transform(points)?;
    // py: db = DBSCAN(eps=eps, min_samples=10).fit(scaled)
    // py: labels = db.labels_
    // py: noise = [i for i, label in enumerate(labels) if label == -1]
    // py: return noise
    Ok(())
}

// Not converted:
// - line 8: sklearn.cluster.DBSCAN: in a statement that was not translated: the value has no type to bind
