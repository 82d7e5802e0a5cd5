import numpy as np
s = np.dot(a, b)
m = np.matmul(A, B)
n = A @ B
