import numpy as np
x = np.array([3.0, 1.0, 2.0])
print(np.sum(x), np.mean(x), np.max(x), np.min(x), np.std(x))
