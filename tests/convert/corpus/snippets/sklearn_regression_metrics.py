from sklearn.metrics import mean_squared_error, r2_score
mse = mean_squared_error(y_true, y_hat)
r2 = r2_score(y_true, y_hat)
