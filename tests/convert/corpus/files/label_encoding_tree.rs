//! Converted from label_encoding_tree.py by Batuta 0.1.0: 10 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::DecisionTreeClassifier;
use aprender::DecisionTreeRegressor;
use aprender::LabelEncoder;
use aprender::metrics;
use aprender::prelude::*;
use trueno::Matrix;
use trueno::Vector;

pub fn fit_tree(x: &Matrix, labels: &Vector) -> Result<DecisionTreeClassifier> {
    let mut enc = LabelEncoder::new();
    let y = enc.fit_transform(labels)?;
    let mut tree = DecisionTreeClassifier::new().with_max_depth(5).with_random_state(1);
    tree.fit(x, &y)?;
    let pred = tree.predict(x)?;
    println!("{:?} {:?} {:?}", metrics::accuracy_score(&y, &pred)?, metrics::precision_score(&y, &pred)?, metrics::recall_score(&y, &pred)?);
    Ok(tree)
}

pub fn fit_regressor(x: &Matrix, target: &Vector) -> Result<DecisionTreeRegressor> {
    let mut reg = DecisionTreeRegressor::new().with_max_depth(3);
    reg.fit(x, target)?;
    Ok(reg)
}
