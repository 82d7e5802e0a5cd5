//! Converted from kmeans_pipeline.py by Batuta 0.1.0: 9 construct(s) mapped, 0 not converted.
//!
//! Cluster customers with k-means after standardizing their features.

use aprender::cluster::KMeans;
use aprender::preprocessing::StandardScaler;
use aprender::traits::Transformer;
use aprender::traits::UnsupervisedEstimator;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub const N_CLUSTERS: i64 = 4;
pub const SEED: i64 = 42;

pub fn load_features(n_samples: usize) -> Result<trueno::Matrix<f32>> {
    let rng: std::cell::Cell<u64> = std::cell::Cell::new(u64::wrapping_mul(SEED as u64, 0xD1B54A32D192ED03));
    Ok({ let (r, c, (_p, g)): (usize, usize, ((f32, f32), &std::cell::Cell<u64>)) = (n_samples, 3, ((0.0, 1.0), &std::cell::Cell::new(std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))))); trueno::Matrix::from_vec(r, c, { let n = r * c; let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| u(2 * k)).collect::<Vec<f32>>() })? })
}

pub fn cluster(x: &aprender::primitives::Matrix<f32>, k: usize) -> Result<Vec<usize>> {
    let mut scaler: StandardScaler = StandardScaler::new();
    let x_scaled: aprender::primitives::Matrix<f32> = scaler.fit_transform(x)?;
    let mut km: KMeans = KMeans::new(k).with_random_state(SEED as u64);
    let labels: Vec<usize> = { km.fit(&x_scaled)?; km.predict(&x_scaled) };
    Ok(labels)
}

pub fn elbow(x: &aprender::primitives::Matrix<f32>) -> Result<()> {
    for k in (2..8) {
        let mut km: KMeans = KMeans::new(k);
        km.fit(x)?;
        println!("{} {:?}", k, km.inertia());
    }
    Ok(())
}

pub fn main() -> Result<()> {
    let x: aprender::primitives::Matrix<f32> = { let m = &load_features(500)?; aprender::primitives::Matrix::from_vec(m.rows(), m.cols(), m.as_slice().to_vec())? };
    let labels: Vec<usize> = cluster(&x, N_CLUSTERS as usize)?;
    println!("{:?}", labels);
    Ok(())
}
