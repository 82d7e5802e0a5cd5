"""Fit a polynomial curve with a scikit-learn Pipeline (the underfitting / overfitting example)."""

import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures


def fit_curve(X: np.ndarray, y: np.ndarray, degree: int):
    polynomial_features = PolynomialFeatures(degree=degree, include_bias=False)
    linear_regression = LinearRegression()
    pipeline = Pipeline([("polynomial_features", polynomial_features), ("linear_regression", linear_regression)])
    pipeline.fit(X, y)
    return pipeline.predict(X)
