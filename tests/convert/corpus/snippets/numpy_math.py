import numpy as np
y = np.exp(x)
l = np.log(y)
r = np.sqrt(np.abs(x))
