//! Converted from numpy_sampling_shapes.py by Batuta 0.1.0: 26 construct(s) mapped, 0 not converted.
//!
//! Sample data the way scikit-learn's examples do, then sort, join and reshape it.

use aprender::datasets;
use trueno::Vector;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn noisy_sine(n_samples: i64, seed: i64) -> Result<(trueno::Matrix<f32>, Vector<f32>)> {
    let rng: std::cell::Cell<u64> = std::cell::Cell::new(u64::wrapping_mul(seed as u64, 0xD1B54A32D192ED03));
    let x: Vector<f32> = Vector::from_vec({ let mut v: Vec<f32> = Vector::from_vec({ let (n, (_p, g)): (usize, ((f32, f32), &std::cell::Cell<u64>)) = (n_samples as usize, ((0.0, 1.0), &rng)); let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| u(2 * k)).collect::<Vec<f32>>() }).scale(5.0)?.as_slice().to_vec(); v.sort_by(|a, b| a.total_cmp(b)); v });
    let noise: Vector<f32> = Vector::from_vec({ let (n, (p, g)): (usize, ((f32, f32), &std::cell::Cell<u64>)) = (n_samples as usize, ((0.0, 0.1), &rng)); let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + p.1 * (-2.0 * (1.0 - u(2 * k)).ln()).sqrt() * (2.0 * std::f32::consts::PI * u(2 * k + 1)).cos()).collect::<Vec<f32>>() });
    let y: Vector<f32> = x.sin()?.add(&noise)?;
    Ok((trueno::Matrix::from_vec(x.len(), 1, x.as_slice().to_vec())?, y))
}

pub fn grids() -> Result<(trueno::Matrix<f32>, trueno::Matrix<f32>, trueno::Matrix<f32>, Vector<f32>)> {
    let a: trueno::Matrix<f32> = { let (r, c, (p, g)): (usize, usize, ((f32, f32), &std::cell::Cell<u64>)) = (20, 2, ((-4.0, 4.0), &std::cell::Cell::new(std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))))); trueno::Matrix::from_vec(r, c, { let n = r * c; let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(2 * k)).collect::<Vec<f32>>() })? };
    let b: trueno::Matrix<f32> = { let (r, c, (p, g)): (usize, usize, ((f32, f32), &std::cell::Cell<u64>)) = (10, 2, ((0.0, 1.0), &std::cell::Cell::new(std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new()))))); trueno::Matrix::from_vec(r, c, { let n = r * c; let s: u64 = g.get(); g.set(s.wrapping_add((2 * n as u64).wrapping_mul(0x9E3779B97F4A7C15))); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + p.1 * (-2.0 * (1.0 - u(2 * k)).ln()).sqrt() * (2.0 * std::f32::consts::PI * u(2 * k + 1)).cos()).collect::<Vec<f32>>() })? };
    let stacked: trueno::Matrix<f32> = trueno::Matrix::from_vec(a.rows() + b.rows(), a.cols(), [a.as_slice(), b.as_slice()].concat())?;
    let by_column: trueno::Matrix<f32> = trueno::Matrix::from_vec(stacked.rows(), stacked.cols(), { let (r, c, mut d) = (stacked.rows(), stacked.cols(), stacked.as_slice().to_vec()); for i in 0..c { let mut v: Vec<f32> = (0..r).map(|j| d[j * c + i]).collect(); v.sort_by(|a, b| a.total_cmp(b)); for (j, x) in v.into_iter().enumerate() { d[j * c + i] = x; } } d })?;
    let line: Vector<f32> = Vector::from_vec((0..50).map(|i| -4.0 + (5.0 - -4.0) * i as f32 / ((50).max(2) - 1) as f32).collect());
    let (xx, yy) = (trueno::Matrix::from_vec(line.len(), line.len(), (0..line.len() * line.len()).map(|ix| line.as_slice()[ix % line.len()]).collect())?, trueno::Matrix::from_vec(line.len(), line.len(), (0..line.len() * line.len()).map(|ix| line.as_slice()[ix / line.len()]).collect())?);
    let alphas: Vector<f32> = Vector::from_vec((0..20).map(|i| f32::powf(10.0, -10.0 + (-2.0 - -10.0) * i as f32 / ((20).max(2) - 1) as f32)).collect());
    Ok((by_column, xx, yy, alphas))
}

pub fn joins() -> Result<(Vector<f32>, Vector<f32>, trueno::Matrix<f32>, Vector<f32>, Vector<f32>)> {
    let left: Vector<f32> = Vector::from_slice(&[3.0, 1.0, 2.0, 3.0]);
    let right: Vector<f32> = Vector::from_slice(&[2.0, 5.0]);
    let ends: Vector<f32> = Vector::from_vec([left.as_slice(), right.as_slice()].concat());
    let rows: Vector<f32> = Vector::from_vec([left.as_slice(), right.as_slice()].concat());
    let cols: trueno::Matrix<f32> = { let (c0, c1,): (&Vector<f32>, &Vector<f32>,) = (&left, &left,); trueno::Matrix::from_vec(c0.len(), 2, { let cols = [c0.as_slice(), c1.as_slice()]; (0..cols[0].len()).flat_map(|i| cols.iter().map(move |c| c[i])).collect::<Vec<f32>>() })? };
    let distinct: Vector<f32> = Vector::from_vec({ let mut v: Vec<f32> = ends.as_slice().to_vec(); v.sort_by(|a, b| a.total_cmp(b)); v.dedup(); v });
    let only_left: Vector<f32> = Vector::from_vec({ let (sa, sb) = (left.as_slice(), right.as_slice()); let mut v: Vec<f32> = sa.iter().copied().filter(|x| !sb.contains(x)).collect(); v.sort_by(|a, b| a.total_cmp(b)); v.dedup(); v });
    Ok((ends, rows, cols, distinct, only_left))
}

pub fn blobs() -> Result<(aprender::primitives::Matrix<f32>, Vec<usize>, aprender::primitives::Matrix<f32>, Vec<usize>)> {
    let (x_2, y) = datasets::make_blobs(40, &{ let (n, p, s): (usize, (f32, f32), u64) = (2 * 2, (-10.0, 10.0), u64::wrapping_mul(6, 0xD1B54A32D192ED03)); let u = |k: u64| -> f32 { let mut z = s.wrapping_add((k + 1).wrapping_mul(0x9E3779B97F4A7C15)); z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9); z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB); ((z ^ (z >> 31)) >> 40) as f32 / 16777216.0 }; (0..n as u64).map(|k| p.0 + (p.1 - p.0) * u(k)).collect::<Vec<f32>>() }.chunks(2).map(|c| c.to_vec()).collect::<Vec<Vec<f32>>>(), 1.0, 6);
    let (x2, y2) = datasets::make_blobs(30, &[vec![-2.0], vec![2.0]], 0.5, std::hash::Hasher::finish(&std::hash::BuildHasher::build_hasher(&std::collections::hash_map::RandomState::new())));
    Ok((x_2, y, x2, y2))
}
