//! Converted from kmeans_pipeline.py by Batuta 0.1.0: 7 construct(s) mapped, 2 not converted.
//!
//! Cluster customers with k-means after standardizing their features.

use aprender::cluster::KMeans;
use aprender::preprocessing::StandardScaler;
use aprender::primitives::Matrix;
use aprender::traits::Transformer;
use aprender::traits::UnsupervisedEstimator;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub const N_CLUSTERS: i64 = 4;
pub const SEED: i64 = 42;

// py: def load_features(n_samples):
// py:     rng = np.random.default_rng(SEED)
// py:     return np.random.rand(n_samples, 3)

pub fn cluster(x: &Matrix<f32>, k: usize) -> Result<Vec<usize>> {
    let mut scaler: StandardScaler = StandardScaler::new();
    let x_scaled: Matrix<f32> = scaler.fit_transform(x)?;
    let mut km: KMeans = KMeans::new(k).with_random_state(SEED as u64);
    let labels: Vec<usize> = { km.fit(&x_scaled)?; km.predict(&x_scaled) };
    Ok(labels)
}

pub fn elbow(x: &Matrix<f32>) -> Result<()> {
    for k in (2..8) {
        let mut km: KMeans = KMeans::new(k);
        km.fit(x)?;
        println!("{} {}", k, km.inertia());
    }
    Ok(())
}

pub fn main() -> Result<()> {
    // py: X = load_features(500)
    let x: Matrix<f32> = todo!("load_features is not converted");
    let labels: Vec<usize> = cluster(&x, N_CLUSTERS as usize)?;
    println!("{:?}", labels);
    Ok(())
}

// Not converted:
// - line 11: numpy.random.default_rng: trueno has no random number generator (use the rand crate)
// - line 12: numpy.random.rand: trueno has no random number generator (use the rand crate)
