import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, f1_score


def train(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    clf = RandomForestClassifier(n_estimators=100, max_depth=8)
    clf.fit(X_train, y_train)
    y_pred = clf.predict(X_test)
    acc = accuracy_score(y_test, y_pred)
    f1 = f1_score(y_test, y_pred)
    return acc, f1


def main():
    X = np.random.rand(1000, 20)
    y = np.random.rand(1000)
    acc, f1 = train(X, y)
    print("accuracy", acc, "f1", f1)


if __name__ == "__main__":
    main()
