from sklearn.preprocessing import LabelEncoder
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from sklearn.metrics import accuracy_score, precision_score, recall_score


def fit_tree(X, labels):
    enc = LabelEncoder()
    y = enc.fit_transform(labels)
    tree = DecisionTreeClassifier(max_depth=5, random_state=1)
    tree.fit(X, y)
    pred = tree.predict(X)
    print(accuracy_score(y, pred), precision_score(y, pred), recall_score(y, pred))
    return tree


def fit_regressor(X, target):
    reg = DecisionTreeRegressor(max_depth=3)
    reg.fit(X, target)
    return reg
