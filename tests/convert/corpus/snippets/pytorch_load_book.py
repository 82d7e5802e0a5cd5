torch.load(path)
