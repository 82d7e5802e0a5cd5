import numpy as np
z = np.zeros(10)
o = np.ones((3, 4))
f = np.full(5, 0.5)
