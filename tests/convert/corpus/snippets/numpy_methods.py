import numpy as np
x = np.arange(6)
m = x.reshape(2, 3)
t = m.T
total = m.sum()
col_means = m.mean(axis=0)
