from sklearn.preprocessing import LabelEncoder
le = LabelEncoder()
y_codes = le.fit_transform(labels)
back = le.inverse_transform(y_codes)
