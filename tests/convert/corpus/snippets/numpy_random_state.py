import numpy as np
rs = np.random.RandomState(0)
labels = rs.randint(0, 5, size=10)
picked = rs.choice(ids, size=3, replace=False)
rs.shuffle(ids)
w = rs.choice(ids, 2, p=weights)
