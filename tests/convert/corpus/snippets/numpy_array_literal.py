v = np.array([1, 2, 3])
