from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
tree = DecisionTreeClassifier(max_depth=3)
reg = DecisionTreeRegressor(min_samples_leaf=5)
tree.fit(X, y)
reg.fit(X, y)
