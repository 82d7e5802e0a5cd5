import numpy as np
circ = 2 * np.pi * r
big = np.inf
