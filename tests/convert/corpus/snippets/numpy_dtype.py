import numpy as np
w = np.zeros((2, 2), dtype=np.float32)
v = np.array([1, 2], dtype=np.float64)
