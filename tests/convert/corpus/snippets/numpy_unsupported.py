import numpy as np
u, s, vt = np.linalg.svd(m)
idx = np.where(x > 0)
