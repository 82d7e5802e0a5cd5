//! Converted from label_encoding_tree.py by Batuta 0.1.0: 7 construct(s) mapped, 4 not converted.

use aprender::preprocessing::LabelEncoder;
use aprender::primitives::Matrix;
use aprender::primitives::Vector;
use aprender::tree::DecisionTreeClassifier;
use aprender::tree::DecisionTreeRegressor;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn fit_tree(x: &Matrix<f32>, labels: &[String]) -> Result<DecisionTreeClassifier> {
    let mut enc: LabelEncoder<String> = LabelEncoder::new();
    let y: Vec<usize> = enc.fit_transform(labels);
    let mut tree: DecisionTreeClassifier = DecisionTreeClassifier::new().with_max_depth(5);
    tree.fit(x, &y)?;
    let pred: Vec<usize> = tree.predict(x);
    // py: print(accuracy_score(y, pred), precision_score(y, pred), recall_score(y, pred))
    Ok(tree)
}

pub fn fit_regressor(x: &Matrix<f32>, target: &Vector<f32>) -> Result<DecisionTreeRegressor> {
    let mut reg: DecisionTreeRegressor = DecisionTreeRegressor::new().with_max_depth(3);
    reg.fit(x, target)?;
    Ok(reg)
}

// Not converted:
// - line 9: sklearn.tree.DecisionTreeClassifier(random_state): argument random_state has no aprender equivalent; dropped
// - line 12: sklearn.metrics.accuracy_score: in a statement that was not translated: average='binary' (scikit-learn's default is 'binary'); aprender averages 'macro', 'micro' or 'weighted'
// - line 12: sklearn.metrics.precision_score: in a statement that was not translated: average='binary' (scikit-learn's default is 'binary'); aprender averages 'macro', 'micro' or 'weighted'
// - line 12: sklearn.metrics.recall_score: in a statement that was not translated: average='binary' (scikit-learn's default is 'binary'); aprender averages 'macro', 'micro' or 'weighted'
