import numpy as np
rng = np.random.default_rng(42)
np.random.seed(0)
noise = np.random.randn(100)
