import numpy as np
c = np.subtract(a, b)
d = np.multiply(a, b)
e = np.divide(a, b)
