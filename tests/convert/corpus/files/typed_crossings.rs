//! Converted from typed_crossings.py by Batuta 0.1.0: 8 construct(s) mapped, 1 not converted.

use aprender::classification::LogisticRegression;
use aprender::linear_model::LinearRegression;
use aprender::traits::Estimator;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn fit_line(x: &aprender::primitives::Matrix<f32>, y: &aprender::primitives::Vector<f32>) -> Result<aprender::primitives::Vector<f32>> {
    let mut model: LinearRegression = LinearRegression::new();
    model.fit(x, y)?;
    Ok(model.predict(x))
}

pub fn classify(features: &[f32], threshold: f32) -> Result<i64> {
    let mut count: i64 = 0;
    for f in features.iter().copied() {
        if f > threshold {
            count += 1;
        }
    }
    Ok(count)
}

pub fn main() -> Result<()> {
    let x: trueno::Matrix<f32> = trueno::Matrix::from_vec(2, 2, vec![1.0, 2.0, 3.0, 4.0])?;
    let y: trueno::Vector<f32> = trueno::Vector::from_slice(&[1.0, 2.0]);
    let pred: aprender::primitives::Vector<f32> = fit_line(&aprender::primitives::Matrix::from_vec(x.rows(), x.cols(), x.as_slice().to_vec())?, &aprender::primitives::Vector::from_slice(y.as_slice()))?;
    let mut clf: (LogisticRegression, f32) = (LogisticRegression::new(), 1.0);
    { let (x_, y_): (&aprender::primitives::Matrix<f32>, &[usize]) = (&aprender::primitives::Matrix::from_vec(x.rows(), x.cols(), x.as_slice().to_vec())?, &y.as_slice().iter().map(|&v| v as usize).collect::<Vec<usize>>()); clf.0 = clf.0.clone().with_l2_penalty(1.0 / (clf.1 * x_.n_rows() as f32)); clf.0.fit(x_, y_)?; };
    let labels: Vec<usize> = clf.0.predict(&aprender::primitives::Matrix::from_vec(x.rows(), x.cols(), x.as_slice().to_vec())?);
    // py: data = np.loadtxt("data.csv")
    // py: mean = data.mean()
    // py: print("mean", mean, classify([0.5, 1.5], 1.0))
    Ok(())
}

// Not converted:
// - line 25: numpy.loadtxt: trueno reads no files: parse the data (csv crate) into a Vec<f32>
