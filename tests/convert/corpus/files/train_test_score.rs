//! Converted from train_test_score.py by Batuta 0.1.0: 8 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::RandomForestClassifier;
use aprender::metrics;
use aprender::model_selection;
use aprender::prelude::*;
use trueno::Matrix;
use trueno::Vector;

pub fn train(x: &Matrix, y: &Vector) -> Result<(f32, f32)> {
    let (x_train, x_test, y_train, y_test) = model_selection::train_test_split(x, y, 0.25, Some(0))?;
    let mut clf = RandomForestClassifier::new(100).with_max_depth(8);
    clf.fit(&x_train, &y_train)?;
    let y_pred = clf.predict(&x_test)?;
    let acc = metrics::accuracy_score(&y_test, &y_pred)?;
    let f1 = metrics::f1_score(&y_test, &y_pred)?;
    Ok((acc, f1))
}

pub fn main() -> Result<()> {
    let x = Matrix::random_uniform(1000, 20);
    let y = Vector::random_uniform(1000);
    let (acc, f1) = train(&x, &y)?;
    println!("accuracy {:?} f1 {:?}", acc, f1);
    Ok(())
}

// py: if __name__ == "__main__":
