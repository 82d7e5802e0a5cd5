import numpy as np

idx = np.random.permutation(len(X))
shuffled = np.random.permutation(labels)
r = np.random.random((10, 2))
k = np.random.randint(0, 10)
np.random.shuffle(ids)
rs = np.random.RandomState(0)
perm = rs.permutation(20)
