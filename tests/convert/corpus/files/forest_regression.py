import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import Lasso
from sklearn.metrics import mean_squared_error


def compare(X_train, y_train, X_test, y_test):
    forest = RandomForestRegressor(n_estimators=300, random_state=7)
    lasso = Lasso(alpha=0.01)
    forest.fit(X_train, y_train)
    lasso.fit(X_train, y_train)
    f = mean_squared_error(y_test, forest.predict(X_test))
    l = mean_squared_error(y_test, lasso.predict(X_test))
    return f, l


X = np.random.randn(200, 5)
y = X @ np.ones(5)
print(compare(X, y, X, y))
