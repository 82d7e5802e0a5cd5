from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
rf = RandomForestClassifier(n_estimators=200, n_jobs=-1)
rfr = RandomForestRegressor()
rf.fit(X, y)
importances = rf.feature_importances_
