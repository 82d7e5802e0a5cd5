//! Converted from torch_tensor_ops.py by Batuta 0.1.0: 10 construct(s) mapped, 0 not converted.
//!
//! Tensor arithmetic of a small classifier head, written with torch functions.

use realizar::Tensor;
use realizar::layers;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn head(n_rows: i64) -> Result<(Tensor<f32>, Tensor<f32>, Tensor<f32>, Tensor<f32>, Tensor<f32>)> {
    let x: Tensor<f32> = Tensor::from_vec(vec![n_rows as usize, 8], { let v = { let (n, p, s): (usize, (f32, f32), u64) = (2 * ((n_rows as usize) * 8), (0.0, 1.0), std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k)).collect::<Vec<f32>>() }; (0..v.len() / 2).map(|k| (-2.0 * (1.0 - v[2 * k]).ln()).sqrt() * (2.0 * std::f32::consts::PI * v[2 * k + 1]).cos()).collect::<Vec<f32>>() })?;
    let hidden: Tensor<f32> = { let t = &x; Tensor::from_vec(t.shape().to_vec(), t.data().iter().map(|&v| v.max(0.0)).collect())? };
    let scaled: Tensor<f32> = { let t = &{ let t = &hidden; Tensor::from_vec(t.shape().to_vec(), vec![0.0f32; t.size()])? }; Tensor::from_vec(t.shape().to_vec(), t.data().iter().map(|&v| v.exp()).collect())? };
    let probs: Tensor<f32> = { let t = &hidden; Tensor::from_vec(t.shape().to_vec(), t.data().chunks(*t.shape().last().unwrap_or(&1)).flat_map(|r| { let m = r.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)); let z: f32 = r.iter().map(|&v| (v - m).exp()).sum(); r.iter().map(|&v| (v - m).exp() / z).collect::<Vec<f32>>() }).collect())? };
    let log_probs: Tensor<f32> = { let t = &hidden; assert_eq!(t.ndim(), 2, "dim 1 must be the last axis"); Tensor::from_vec(t.shape().to_vec(), t.data().chunks(*t.shape().last().unwrap_or(&1)).flat_map(|r| { let m = r.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)); let z: f32 = r.iter().map(|&v| (v - m).exp()).sum(); r.iter().map(|&v| v - m - z.ln()).collect::<Vec<f32>>() }).collect())? };
    let flat: Tensor<f32> = { let t = &Tensor::from_vec(vec![2, 3, 4], { let (n, p, s): (usize, (f32, f32), u64) = (2 * 3 * 4, (0.0, 1.0), std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k)).collect::<Vec<f32>>() })?; Tensor::from_vec({ let s = t.shape(); let mut v = s[..1].to_vec(); v.push(s[1..].iter().product()); v }, t.data().to_vec())? };
    let smooth: Tensor<f32> = layers::gelu(&Tensor::from_vec(vec![2, 4], vec![1.0f32; 2 * 4])?)?;
    Ok((scaled, probs, log_probs, flat, smooth))
}
