KMeans(n_clusters=3)
