//! Pair comparison: which evidence the names of two nodes of one block show that they are one
//! company (the same key, the same letters without spaces, descriptor words added, words reordered,
//! near-identical spelling), within what their countries allow.

use super::keys::{extends_with_descriptors, same_words_reordered};
use super::nodes::{may_join, Node};

/// The evidence the names of `a` and `b` give, as a score, if any.
pub(super) fn compare(a: &Node, b: &Node) -> Option<f64> {
    if a.key == b.key {
        // Country-bound keys stay apart by country, except that records without a country join the
        // key's only country (decided in `resolve`).
        return (!(a.bound || b.bound) || a.shares_country(b)).then_some(1.0);
    }
    if !may_join(a, b) {
        return None;
    }
    if a.compact == b.compact {
        return Some(0.99);
    }
    if extends_with_descriptors(a.key, b.key) || extends_with_descriptors(b.key, a.key) {
        return Some(0.9);
    }
    if a.weak || b.weak {
        return None;
    }
    if same_words_reordered(a.key, b.key) {
        return Some(0.95);
    }
    let shorter = a.compact.len().min(b.compact.len());
    if shorter < 8 {
        return None;
    }
    let similarity = rapidfuzz::distance::indel::normalized_similarity(a.compact.chars(), b.compact.chars());
    (similarity >= 0.93).then_some(similarity)
}
