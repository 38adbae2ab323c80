//! Pair comparison: which evidence the names of two nodes show that they are one
//! company (the same key, the same letters without spaces, descriptor words added, words reordered,
//! near-identical spelling, an alias), within what their countries allow.

use super::evidence::{
    Candidate, Evidence, DOMINANT_MIN_RECORDS, DOMINANT_SHARE, NEAR_IDENTICAL_MIN_LETTERS,
    NEAR_IDENTICAL_SIMILARITY,
};
use super::keys::{extends_with_descriptors, same_words_reordered};
use crate::normalise::country_named;
use fairwatch_ingest::Dataset;

use super::nodes::{key_runs, may_join, nodes_of_key, Node};

/// The evidence the names of nodes `a` and `b` give that they are one company, if any.
pub(super) fn compare(nodes: &[Node], a: usize, b: usize) -> Option<Candidate> {
    let (x, y) = (&nodes[a], &nodes[b]);
    match evidence(x, y)? {
        Evidence::NearIdentical => Some(Candidate::near_identical(similarity(x, y), a, b)),
        evidence => Some(Candidate::new(evidence, a, b)),
    }
}

/// Whether a word one key has and the other lacks names a country neither is listed in: "tencate
/// advanced armour uk" is the group's British entity, not a misspelling of "tencate advanced armor",
/// however alike the letters. A word the other key holds the start of is no added country ("ethiopia
/// mro" / "ethiopian mro").
fn names_another_country(a: &Node, b: &Node) -> bool {
    let listed = |country: &str| a.country == Some(country) || b.country == Some(country);
    let adds_country = |key: &str, other: &str| {
        key.split(' ').any(|word| {
            !other.split(' ').any(|w| w.starts_with(word))
                && country_named(word).is_some_and(|named| !listed(named))
        })
    };
    adds_country(a.key, b.key) || adds_country(b.key, a.key)
}

/// The indel similarity of two nodes' compact keys.
pub(super) fn similarity(a: &Node, b: &Node) -> f64 {
    rapidfuzz::distance::indel::normalized_similarity(a.compact.chars(), b.compact.chars())
}

fn evidence(a: &Node, b: &Node) -> Option<Evidence> {
    if a.key == b.key {
        // Country-bound keys stay apart by country, except that records without a country join the
        // key's only country (decided in `resolve`).
        // Nor do legal entities of disjoint jurisdictions ("GAMMA SAS", "GAMMA ZRT").
        return ((!(a.bound || b.bound) || a.shares_country(b)) && a.jurisdictions_meet(b))
            .then_some(Evidence::SameKey);
    }
    // Nor do names whose legal forms exist in no jurisdiction in common ("HackingTeam S.r.l." /
    // "Hacking Team SAS").
    if a.forms_disjoint(b) {
        return None;
    }
    // The same letters cross countries like an identical key: "L3 Harris", listed mostly in
    // Britain, is "L3Harris", listed mostly in the US; but not into one of the legal entities a key
    // was split into ("AGUSTAWESTLAND NV" is no "Agusta Westland").
    if a.compact == b.compact {
        let across = !(a.bound || b.bound) && a.jurisdictions_meet(b);
        return (across || may_join(a, b)).then_some(Evidence::SameCompactKey);
    }
    if !may_join(a, b) {
        return None;
    }
    if extends_with_descriptors(a.key, b.key) || extends_with_descriptors(b.key, a.key) {
        return Some(Evidence::DescriptorWords);
    }
    if a.weak || b.weak {
        return None;
    }
    if same_words_reordered(a.key, b.key) {
        return Some(Evidence::ReorderedWords);
    }
    let shorter = a.compact.len().min(b.compact.len());
    if shorter < NEAR_IDENTICAL_MIN_LETTERS {
        return None;
    }
    (similarity(a, b) >= NEAR_IDENTICAL_SIMILARITY && !names_another_country(a, b))
        .then_some(Evidence::NearIdentical)
}

/// A country-bound key's records without a country belong with its only country, if it has just
/// one ("ADS" without a country and "ADS" in Britain, when no other country has an "ADS"), or with
/// the country whose node holds nearly all the key's listed records ([`DOMINANT_SHARE`], at least
/// [`DOMINANT_MIN_RECORDS`]: a bare "SAAB" beside 179 Swedish and a few French, Emirati and US
/// listings is Saab AB); records split off by a legal form of other jurisdictions ("Era Corporation"
/// beside "ERA a.s."), or, beside several countries, with a form that does not exist in the chosen
/// one ("SEA srl"), stay apart.
pub(super) fn same_key_without_country_pairs(dataset: &Dataset, nodes: &[Node]) -> Vec<Candidate> {
    let has_country = |node: &Node| {
        node.records
            .iter()
            .any(|&i| dataset.records[i].country.iso2.is_some())
    };
    let mut pairs = Vec::new();
    for same_key in key_runs(nodes).filter(|run| run.len() > 1) {
        let with_country: Vec<usize> = same_key.clone().filter(|&m| has_country(&nodes[m])).collect();
        let listed = |m: usize| nodes[m].records.len();
        let total: usize = with_country.iter().map(|&m| listed(m)).sum();
        let Some(other) = with_country
            .iter()
            .copied()
            .max_by_key(|&m| (listed(m), std::cmp::Reverse(m)))
            .filter(|&m| {
                with_country.len() == 1
                    || (listed(m) >= DOMINANT_MIN_RECORDS
                        && listed(m) as f64 >= DOMINANT_SHARE * total as f64)
            })
        else {
            continue;
        };
        for n in same_key.filter(|&n| !has_country(&nodes[n])) {
            let node = &nodes[n];
            let form_exists_there = match (&node.jurisdiction, nodes[other].country) {
                (Some(codes), Some(country)) if node.contested || with_country.len() > 1 => {
                    codes.iter().any(|c| c == country)
                }
                _ => true,
            };
            if nodes[other].bound && form_exists_there {
                pairs.push(Candidate::new(Evidence::SameKeyWithoutCountry, n, other));
            }
        }
    }
    pairs
}

/// "Israel Aircraft Industries (IAI)" and "IAI", where the countries allow. Where the alias names
/// several legal entities the countries allow (the nodes of a contested key: "Siemens AG", "Siemens
/// Ltd."), only a legal form of the same jurisdiction tells which one it is.
pub(super) fn alias_pairs(nodes: &[Node]) -> Vec<Candidate> {
    let mut pairs = Vec::new();
    for (n, node) in nodes.iter().enumerate() {
        for alias in &node.aliases {
            let named: Vec<usize> = nodes_of_key(nodes, alias)
                .filter(|&other| other != n && may_join(node, &nodes[other]))
                .collect();
            let several = named.len() > 1 && named.iter().any(|&other| nodes[other].contested);
            for other in named {
                if !several || node.forms_meet(&nodes[other]) {
                    pairs.push(Candidate::new(Evidence::Alias, n, other));
                }
            }
        }
    }
    pairs
}
