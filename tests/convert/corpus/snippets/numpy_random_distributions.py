import numpy as np

rnd = np.random.RandomState(42)
X = rnd.normal(size=(100, 2))
noise = rnd.normal(0, 0.5, 30)
x = rnd.uniform(-3, 3, size=n_samples)
jitter = np.random.normal()
