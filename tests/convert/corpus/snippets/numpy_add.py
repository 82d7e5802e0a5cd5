np.add(a, b)
