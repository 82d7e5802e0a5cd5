import numpy as np
xs = np.arange(10)
ys = np.arange(1, 2, 0.25)
grid = np.linspace(0, 1, num=11)
