import sklearn.linear_model as lm
from sklearn.cluster import KMeans as KM
model = lm.LinearRegression()
clusters = KM(5)
