import numpy as np

line = np.linspace(-3, 3, 100)
xx, yy = np.meshgrid(line, line)
grid = np.c_[xx.ravel(), yy.ravel()]
both = np.r_[first, second]
ranged = np.r_[0:10]
median = np.percentile(scores, 50)
q = np.quantile(scores, 0.9)
