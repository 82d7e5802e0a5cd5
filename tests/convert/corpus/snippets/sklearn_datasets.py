from sklearn.datasets import load_digits, load_iris, make_blobs, make_classification, make_regression

X, y = make_blobs(centers=2, random_state=4, n_samples=30)
Xc, yc = make_classification(200, 5, n_informative=3, random_state=0)
Xr, yr = make_regression(n_samples=50, n_features=1, noise=10.0)
Xb, yb = make_blobs(n_samples=200, cluster_std=[1.0, 2.5, 0.5], random_state=170)
iris = load_iris()
Xi, yi = load_iris(return_X_y=True)
digits = load_digits()
