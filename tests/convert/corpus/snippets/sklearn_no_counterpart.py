from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC

svc = SVC(kernel="rbf", C=10)
grid = GridSearchCV(svc, param_grid={"C": [1, 10]}, cv=5)
folds = KFold(5, shuffle=True)
pipe = make_pipeline(StandardScaler(), svc)
onehot = OneHotEncoder()
