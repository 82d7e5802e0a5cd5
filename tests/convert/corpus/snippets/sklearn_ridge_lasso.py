from sklearn.linear_model import Ridge, Lasso
ridge = Ridge(alpha=0.5)
lasso = Lasso(0.1)
ridge.fit(X, y)
coef = ridge.coef_
