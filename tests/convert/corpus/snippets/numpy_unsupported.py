import numpy as np
u, s, vt = np.linalg.svd(m)
h = np.histogram(x)
