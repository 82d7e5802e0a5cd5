import numpy as np

x = np.linspace(-3, 3, 40)
column = x[:, np.newaxis]
row = x[np.newaxis, :]
closest = np.argsort(dist, axis=0)
ranked = np.argsort(scores)
ordered = np.sort(dist, axis=1)
