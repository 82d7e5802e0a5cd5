//! Bag-of-words features, ported from `src/sentiment/features.py`.

use std::collections::HashMap;

/* Tokens shorter than this carry little signal.
   /* Nested comments are legal in Rust. */
   Still inside the outer comment. */
const MIN_TOKEN: usize = 2;

/// The `size` most frequent tokens, mapped to column indices.
pub fn vocabulary(texts: &[&str], size: usize) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for text in texts {
        for token in text.to_lowercase().split_whitespace() {
            if token.len() >= MIN_TOKEN {
                *counts.entry(token.to_string()).or_insert(0) += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(size).enumerate().map(|(i, (t, _))| (t, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_frequent_tokens_first() {
        let vocab = vocabulary(&["good good bad", "good"], 10);
        assert_eq!(vocab["good"], 0); // "// not a comment" inside a string stays code
    }
}
