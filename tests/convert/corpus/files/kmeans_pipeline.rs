//! Converted from kmeans_pipeline.py by Batuta 0.1.0: 9 construct(s) mapped, 0 not converted.

use anyhow::Result;
use aprender::KMeans;
use aprender::StandardScaler;
use aprender::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;
use trueno::Matrix;
use trueno::Vector;

const N_CLUSTERS: usize = 4;
const SEED: usize = 42;

pub fn load_features(n_samples: usize) -> Result<Matrix> {
    let mut rng = StdRng::seed_from_u64(SEED);
    Ok(Matrix::random_uniform(n_samples, 3))
}

pub fn cluster(x: &Matrix, k: usize) -> Result<Vector> {
    let mut scaler = StandardScaler::new();
    let x_scaled = scaler.fit_transform(x)?;
    let mut km = KMeans::new(k).with_random_state(SEED);
    let labels = km.fit_predict(&x_scaled)?;
    Ok(labels)
}

pub fn elbow(x: &Matrix) -> Result<()> {
    for k in 2..8 {
        let mut km = KMeans::new(k);
        km.fit(x)?;
        println!("{:?} {:?}", k, km.inertia());
    }
    Ok(())
}

fn main() -> Result<()> {
    // py: """Cluster customers with k-means after standardizing their features."""
    // py: if __name__ == "__main__":
    let x = load_features(500)?;
    let labels = cluster(&x, N_CLUSTERS)?;
    println!("{:?}", labels);
    Ok(())
}
