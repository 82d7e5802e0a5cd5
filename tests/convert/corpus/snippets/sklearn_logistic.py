from sklearn.linear_model import LogisticRegression
clf = LogisticRegression(max_iter=1000, C=0.5)
clf.fit(X_train, y_train)
proba = clf.predict_proba(X_test)
