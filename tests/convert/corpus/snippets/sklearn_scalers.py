from sklearn.preprocessing import StandardScaler, MinMaxScaler
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)
mm = MinMaxScaler()
X01 = mm.fit(X).transform(X)
