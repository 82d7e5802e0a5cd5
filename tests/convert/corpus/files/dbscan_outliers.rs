//! Converted from dbscan_outliers.py by Batuta 0.1.0: 5 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::DBSCAN;
use aprender::StandardScaler;
use aprender::prelude::*;
use trueno::Matrix;
use trueno::Vector;

pub fn outliers(points: &Matrix, eps: f32) -> Result<Vector> {
    let scaled = StandardScaler::new().fit_transform(points)?;
    let mut db = DBSCAN::new(eps, 10);
    db.fit(&scaled)?;
    let labels = db.labels();
    let noise = labels.iter().enumerate().filter(|&(i, label)| label == -1).map(|(i, label)| i).collect::<Vec<_>>();
    Ok(noise)
}
