model.fit(X, y)
