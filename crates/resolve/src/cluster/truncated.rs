//! Names a catalogue cut short. Fixed-width fields and hand abbreviation leave the last word of a
//! long name unfinished ("Pacific Northwest Defense Coa", "Aerospace Industries Assoc", "World Fuel
//! Services Aust"): every word but the last is the full name's, and the last begins the full name's
//! last word. Neither an identical key nor a close spelling finds them, since the cut removes many
//! letters.

use super::evidence::{Candidate, Evidence, TRUNCATED_MIN_WORDS};
use super::nodes::{key_runs, may_join, Node};

/// Pairs of a cut name and the one name it can be the start of: a key of at least
/// [`TRUNCATED_MIN_WORDS`] words whose last word of two letters or more is cut mid-word, and exactly
/// one longer key of as many words that completes it (a cut that several names complete, as "l 3
/// communication" does "l 3 communications" and its units, is left alone).
pub(super) fn truncated_name_pairs(nodes: &[Node]) -> Vec<Candidate> {
    let mut pairs = Vec::new();
    for run in key_runs(nodes) {
        let short = nodes[run.start].key;
        let words = short.split(' ').count();
        let last = short.rsplit(' ').next().unwrap_or(short);
        if words < TRUNCATED_MIN_WORDS || last.len() < 2 {
            continue;
        }
        // Keys are sorted: every key beginning with `short` follows it, and most keys begin none.
        let beginning = nodes[run.end..]
            .iter()
            .take_while(|n| n.key.starts_with(short))
            .count();
        let completions: Vec<usize> = (run.end..run.end + beginning)
            .filter(|&m| completes(short, nodes[m].key, words))
            .collect();
        let Some(&first) = completions.first() else {
            continue;
        };
        if completions.iter().any(|&m| nodes[m].key != nodes[first].key) {
            continue;
        }
        for a in run.clone() {
            for &b in &completions {
                if may_join(&nodes[a], &nodes[b]) && !nodes[a].forms_disjoint(&nodes[b]) {
                    pairs.push(Candidate::new(Evidence::Truncated, a, b));
                }
            }
        }
    }
    pairs
}

/// Whether `long` (which begins with `short`) finishes `short`'s last word and adds no word.
fn completes(short: &str, long: &str, words: usize) -> bool {
    long.as_bytes()
        .get(short.len())
        .is_some_and(|next| next.is_ascii_alphanumeric())
        && long.split(' ').count() == words
}

#[cfg(test)]
mod tests {
    use super::completes;

    #[test]
    fn a_cut_last_word_is_completed_by_the_full_name_only() {
        let short = "pacific northwest defence coa";
        assert!(completes(short, "pacific northwest defence coalition", 4));
        assert!(
            !completes(short, "pacific northwest defence coa group", 4),
            "a word added, not finished"
        );
        assert!(!completes(short, "pacific northwest defence coalition pndc", 4));
    }
}
