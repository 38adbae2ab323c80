//! Pairwise and B-cubed precision, recall and F1 of a clustering against a truth clustering, both
//! computed from the contingency table in time linear in the number of items.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Scores {
    pub fn new(precision: f64, recall: f64) -> Scores {
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusterScores {
    pub items: usize,
    pub truth_clusters: usize,
    pub predicted_clusters: usize,
    pub truth_pairs: u64,
    pub predicted_pairs: u64,
    pub true_pairs: u64,
    pub pairwise: Scores,
    pub bcubed: Scores,
}

/// How many unordered pairs `n` items make.
pub(crate) fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Scores `(truth, predicted)` labels, one pair per item.
pub fn score<T: Eq + Hash, P: Eq + Hash>(items: impl IntoIterator<Item = (T, P)>) -> ClusterScores {
    let mut cells: HashMap<(T, P), u64> = HashMap::new();
    for (t, p) in items {
        *cells.entry((t, p)).or_default() += 1;
    }
    let mut truth: HashMap<&T, u64> = HashMap::new();
    let mut predicted: HashMap<&P, u64> = HashMap::new();
    for ((t, p), n) in &cells {
        *truth.entry(t).or_default() += n;
        *predicted.entry(p).or_default() += n;
    }
    let items: u64 = truth.values().sum();
    let true_pairs: u64 = cells.values().map(|&n| pairs(n)).sum();
    let truth_pairs: u64 = truth.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: u64 = predicted.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (mut b_precision, mut b_recall) = (0.0, 0.0);
    for ((t, p), &n) in &cells {
        let n2 = (n * n) as f64;
        b_precision += n2 / predicted[p] as f64;
        b_recall += n2 / truth[t] as f64;
    }
    let total = items.max(1) as f64;
    ClusterScores {
        items: items as usize,
        truth_clusters: truth.len(),
        predicted_clusters: predicted.len(),
        truth_pairs,
        predicted_pairs,
        true_pairs,
        pairwise: Scores::new(ratio(true_pairs, predicted_pairs), ratio(true_pairs, truth_pairs)),
        bcubed: Scores::new(b_precision / total, b_recall / total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_imperfect_clusterings() {
        let perfect = score([(1, 'a'), (1, 'a'), (2, 'b')]);
        assert_eq!((perfect.pairwise.f1, perfect.bcubed.f1), (1.0, 1.0));
        // Truth {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
        let s = score([(1, 'a'), (1, 'a'), (1, 'b'), (2, 'b'), (2, 'b')]);
        assert_eq!((s.true_pairs, s.predicted_pairs, s.truth_pairs), (2, 4, 4));
        assert_eq!((s.pairwise.precision, s.pairwise.recall), (0.5, 0.5));
        // B-cubed precision: items 1,2: 1; item 3: 1/3; items 4,5: 2/3 -> (2 + 1/3 + 4/3) / 5.
        assert!((s.bcubed.precision - (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0).abs() < 1e-12);
    }
}
