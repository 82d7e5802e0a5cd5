from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import MinMaxScaler


def best_c(X, y):
    X01 = MinMaxScaler().fit_transform(X)
    best = 0.0
    for c in [0.01, 0.1, 1.0, 10.0]:
        clf = LogisticRegression(C=c, max_iter=500)
        scores = cross_val_score(clf, X01, y, cv=5)
        print(c, scores.mean())
    return best
