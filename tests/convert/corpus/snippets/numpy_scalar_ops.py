import numpy as np
x = np.ones(4)
y = x * 2
z = 1 - x
w = x / 10
