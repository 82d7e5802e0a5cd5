import json
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt


def load(path):
    with open(path) as fh:
        return json.load(fh)


def features(frame):
    values = np.asarray(frame)
    squares = [np.sqrt(v) for v in values]
    centered = values - values.mean()
    u, s, vt = np.linalg.svd(centered)
    return centered


def plot(values):
    plt.plot(values)
    plt.show()
