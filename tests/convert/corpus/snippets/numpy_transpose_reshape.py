import numpy as np
m = np.reshape(v, (3, 2))
mt = np.transpose(m)
mt2 = m.transpose()
