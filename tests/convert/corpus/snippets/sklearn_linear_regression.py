LinearRegression()
