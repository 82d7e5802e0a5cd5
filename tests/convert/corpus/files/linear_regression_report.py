import numpy as np
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_squared_error, r2_score

X = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]])
y = np.array([3, 3, 7, 7])

ols = LinearRegression()
ols.fit(X, y)
ridge = Ridge(alpha=0.5).fit(X, y)

for model in (ols, ridge):
    pred = model.predict(X)
    print(mean_squared_error(y, pred), r2_score(y, pred))

print(ols.coef_, ols.intercept_)
