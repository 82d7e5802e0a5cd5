//! Converted from mixed_unsupported.py by Batuta 0.1.0: 4 construct(s) mapped, 1 not converted.

use anyhow::Result;
use trueno::Vector;

// py: import json
// py: import pandas as pd
// py: import matplotlib.pyplot as plt

// py: def load(path):
// py:     with open(path) as fh:
// py:         return json.load(fh)

pub fn features(frame: &Vector) -> Result<Vector> {
    let values = Vector::from_slice(frame);
    let squares = values.iter().map(|v| v.sqrt()?).collect::<Vec<_>>();
    let centered = values.sub_scalar(values.mean()?)?;
    let (u, s, vt) = todo!("numpy.linalg.svd: no Trueno mapping for numpy.linalg.svd");
    Ok(centered)
}

// py: def plot(values):
// py:     plt.plot(values)
// py:     plt.show()

// Not converted:
// - line 16: numpy.linalg.svd: no Trueno mapping for numpy.linalg.svd
