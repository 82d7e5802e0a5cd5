import numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression


def fit_line(X, y):
    model = LinearRegression()
    model.fit(X, y)
    return model.predict(X)


def classify(features: list[float], threshold: float) -> int:
    count = 0
    for f in features:
        if f > threshold:
            count += 1
    return count


X = np.array([[1.0, 2.0], [3.0, 4.0]])
y = np.array([1.0, 2.0])
pred = fit_line(X, y)
clf = LogisticRegression()
clf.fit(X, y)
labels = clf.predict(X)
data = np.loadtxt("data.csv")
mean = data.mean()
print("mean", mean, classify([0.5, 1.5], 1.0))
