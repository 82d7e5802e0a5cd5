import numpy as np

rows = np.stack([a, b])
cols = np.column_stack((a, b))
also_cols = np.stack([a, b], axis=1)
missing = np.isnan(a)
finite = np.isfinite(a)
same = np.allclose(a, b)
roughly = np.allclose(a, b, atol=1e-3)
near = np.isclose(a, b)
