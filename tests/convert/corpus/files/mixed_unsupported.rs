//! Converted from mixed_unsupported.py by Batuta 0.1.0: 0 construct(s) mapped, 3 not converted.

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

// py: def load(path):
// py:     with open(path) as fh:
// py:         return json.load(fh)

// py: def features(frame):
// py:     values = np.asarray(frame)
// py:     squares = [np.sqrt(v) for v in values]
// py:     centered = values - values.mean()
// py:     u, s, vt = np.linalg.svd(centered)
// py:     return centered

// py: def plot(values):
// py:     plt.plot(values)
// py:     plt.show()

// Not converted:
// - line 13: numpy.asarray: the type of frame is not known
// - line 14: numpy.sqrt: the type of values is not known
// - line 16: numpy.linalg.svd: no trueno mapping for numpy.linalg.svd
