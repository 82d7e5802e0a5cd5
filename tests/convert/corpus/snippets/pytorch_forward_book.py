model.forward(x)
