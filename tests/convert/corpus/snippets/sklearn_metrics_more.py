from sklearn.metrics import classification_report, confusion_matrix, euclidean_distances, roc_auc_score
from sklearn.neighbors import KNeighborsRegressor
from sklearn.decomposition import PCA

reg = KNeighborsRegressor(n_neighbors=3)
reg.fit(X_train, y_train)
pred = reg.predict(X_test)
cm = confusion_matrix(y_test, pred)
print(classification_report(y_test, pred))
auc = roc_auc_score(y_test, scores)
dist = euclidean_distances(X_test, X_train)
pca = PCA(n_components=2)
pca.fit(X_train)
components = pca.components_
ratio = pca.explained_variance_ratio_
