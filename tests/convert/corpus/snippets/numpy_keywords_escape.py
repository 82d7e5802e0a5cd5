import numpy as np
type = np.zeros(3)
match = type + 1
XTrain = np.ones(3)
