from sklearn.svm import SVC
from sklearn.pipeline import make_pipeline
clf = make_pipeline(SVC(kernel='rbf'))
