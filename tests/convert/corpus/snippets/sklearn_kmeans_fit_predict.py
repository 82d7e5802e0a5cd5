from sklearn.cluster import KMeans
km = KMeans(n_clusters=4, random_state=0)
labels = km.fit_predict(X)
centers = km.cluster_centers_
