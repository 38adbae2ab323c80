//! Names that begin other names. A distinctive first word names a firm ("Plasan" / "Plasan Sasa"),
//! and a short name usually means the firm that dominates its longer spellings in its country ("FN" /
//! "FN Herstal" in Belgium): evidence that neither an identical key nor a similar spelling gives.

use std::collections::BTreeMap;

use super::clusters::Clusters;
use super::evidence::{
    Candidate, Evidence, DISTINCTIVE_NAME_KEYS, DISTINCTIVE_PAIR_KEYS, DISTINCTIVE_WORD_KEYS,
    DOMINANT_MIN_RECORDS, DOMINANT_SHARE,
};
use super::keys::{extends_in_order, first_word, is_descriptor, keys_with_word};
use super::nodes::{countries_compatible, key_runs, Node};

/// A name whose first word is distinctive (it occurs in few keys at all, so it names a firm rather
/// than describes one) joins the longer names of the same country that begin with that word and
/// contain all its words in order: "plasan" / "plasan sasa", "garanti kompozit" / "garanti giyim
/// kompozit teknolojileri". A first word found in these two keys only ("hologarde" / "hologarde drone
/// detection") needs no shared country, only compatible ones.
pub(super) fn distinctive_name_pairs(nodes: &[Node]) -> Vec<Candidate> {
    // Nodes are sorted by key: the first of each run is a distinct key.
    let keys = key_runs(nodes).map(|run| nodes[run.start].key);
    let keys_with_word = keys_with_word(keys, key_runs(nodes).map(|run| first_word(nodes[run.start].key)));
    let mut pairs = Vec::new();
    let mut start = 0;
    while start < nodes.len() {
        // Keys are sorted, so "word" and every "word ..." form one run.
        let word = first_word(nodes[start].key);
        let end = start + nodes[start..].partition_point(|m| first_word(m.key) == word);
        let firms_with_word = keys_with_word[word];
        if firms_with_word <= DISTINCTIVE_NAME_KEYS {
            // (shorter node, longer node) in order of the shorter.
            let mut found: Vec<(usize, usize)> = Vec::new();
            for a in start..end {
                let short = &nodes[a];
                // "altay savunma" (Altay Defence) is one naming word: "altay yazilim savunma" is
                // another Altay.
                let naming_words = short.key.split(' ').filter(|w| !is_descriptor(w)).count();
                let limit = if naming_words > 1 {
                    DISTINCTIVE_NAME_KEYS
                } else {
                    DISTINCTIVE_WORD_KEYS
                };
                if firms_with_word > limit {
                    continue;
                }
                for (b, long) in nodes.iter().enumerate().take(end).skip(start) {
                    // A weaker signal than a whole name, so both countries must be known and
                    // equal: a node without one would bridge firms of different countries
                    // ("Gamma" in France and Hungary). A word of these two keys alone cannot bridge.
                    let only_pair = firms_with_word <= DISTINCTIVE_PAIR_KEYS
                        && !short.bound
                        && !long.bound
                        && countries_compatible(short.country, long.country);
                    if short.key.len() < long.key.len()
                        && (short.shares_country(long) || only_pair)
                        && extends_in_order(short.key, long.key, short.country)
                    {
                        found.push((a, b));
                    }
                }
            }
            // A short key ("jd") that begins two firms' names ("jd alpha", "jd beta") names neither;
            // `dominant_firm_pairs` may still give it to the firm that dominates its country.
            for group in found.chunk_by(|x, y| x.0 == y.0) {
                let short = &nodes[group[0].0];
                let ambiguous = short.weak
                    && group.iter().any(|&(_, b)| {
                        group.iter().any(|&(_, c)| {
                            let (x, y) = (nodes[b].key, nodes[c].key);
                            x != y && !extends_in_order(x, y, None) && !extends_in_order(y, x, None)
                        })
                    });
                if !ambiguous {
                    pairs.extend(
                        group
                            .iter()
                            .map(|&(a, b)| Candidate::new(Evidence::DistinctiveName, a, b)),
                    );
                }
            }
        }
        start = end;
    }
    pairs
}

/// A short one-word name (an acronym: "FN", "TNO") and the company that, after clustering, holds
/// nearly all the records of its country whose names begin with that word ("FN Herstal"): short names
/// are too common to join on their own, but within one country they usually mean the firm that
/// dominates their longer spellings.
pub(super) fn dominant_firm_pairs(nodes: &[Node], clusters: &mut Clusters) -> Vec<Candidate> {
    let mut pairs = Vec::new();
    for (n, node) in nodes.iter().enumerate() {
        let Some(country) = node.country.filter(|_| node.weak && !node.key.contains(' ')) else {
            continue;
        };
        let start = nodes.partition_point(|m| m.key <= node.key);
        let mut records_by_firm: BTreeMap<usize, usize> = BTreeMap::new();
        for other in nodes[start..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.key.starts_with(node.key))
        {
            let (m, other) = (start + other.0, other.1);
            if other.key.as_bytes().get(node.key.len()) == Some(&b' ') && other.country == Some(country) {
                *records_by_firm.entry(clusters.find(m)).or_default() += other.records.len();
            }
        }
        let total: usize = records_by_firm.values().sum();
        let Some((&firm, &held)) = records_by_firm
            .iter()
            .max_by_key(|(&firm, &held)| (held, std::cmp::Reverse(firm)))
        else {
            continue;
        };
        if held >= DOMINANT_MIN_RECORDS
            && held as f64 >= DOMINANT_SHARE * total as f64
            && firm != clusters.find(n)
        {
            pairs.push(Candidate::new(Evidence::DominantFirm, n, firm));
        }
    }
    pairs
}
