//! Converted from dbscan_outliers.py by Batuta 0.1.0: 5 construct(s) mapped, 0 not converted.

use aprender::cluster::DBSCAN;
use aprender::preprocessing::StandardScaler;
use aprender::primitives::Matrix;
use aprender::traits::Transformer;
use aprender::traits::UnsupervisedEstimator;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn outliers(points: &Matrix<f32>, eps: f32) -> Result<Vec<usize>> {
    let scaled: Matrix<f32> = StandardScaler::new().fit_transform(points)?;
    let db: DBSCAN = { let mut estimator_ = DBSCAN::new(eps, 10); estimator_.fit(&scaled)?; estimator_ };
    let labels: Vec<i32> = db.labels().clone();
    let noise: Vec<usize> = labels.iter().copied().enumerate().filter(|&(i, label)| label == -1).map(|(i, label)| i).collect::<Vec<usize>>();
    Ok(noise)
}
