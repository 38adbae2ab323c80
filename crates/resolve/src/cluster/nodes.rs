//! Records to nodes: the unit that matching compares and clustering joins. A node holds the records
//! of one name key (and, for keys bound to a country, of one country), so that the many records of a
//! firm are compared once, not pairwise.

use std::collections::BTreeMap;

use fairwatch_ingest::Dataset;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::evidence::DISTINCTIVE_NAME_KEYS;
use super::keys::{first_word, is_weak_key, keys_with_word};
use super::names::Names;
use super::RecordKind;
use crate::normalise::after_chinese_region;

pub(super) struct Node<'a> {
    pub(super) key: &'a str,
    /// Keys of the other names its records give it (acronyms, spelled-out names).
    pub(super) aliases: Vec<&'a str>,
    pub(super) compact: String,
    pub(super) country: Option<&'a str>,
    pub(super) weak: bool,
    /// Joins only nodes of its own country: a weak key, or a Chinese firm's name without its
    /// region.
    pub(super) bound: bool,
    pub(super) records: Vec<usize>,
}

impl Node<'_> {
    /// Whether both countries are known and equal.
    pub(super) fn shares_country(&self, other: &Node) -> bool {
        self.country.is_some() && self.country == other.country
    }
}

/// The nodes of `dataset`'s company records, sorted by key (then country).
pub(super) fn build_nodes<'a>(dataset: &'a Dataset, names: &'a Names) -> Vec<Node<'a>> {
    let records = &dataset.records;
    let info = |i: usize| names.of(i);
    // A Chinese firm's name may begin with its region, which the firm drops at will ("Jiangsu
    // Dongrun Safety Technology" / "Dongrun Safety Technology"); the region goes when a distinctive
    // trade name follows it, and stays where it is what tells firms apart ("Beijing Institute of
    // Technology" / "Harbin Institute of Technology").
    let keys_with_word = keys_with_word(names.infos.iter().map(|n| n.key.as_str()));
    let without_region: Vec<Option<&str>> = names
        .infos
        .par_iter()
        .map(|name| {
            after_chinese_region(&name.key)
                .filter(|rest| keys_with_word[first_word(rest)] <= DISTINCTIVE_NAME_KEYS)
        })
        .collect();
    // The rest of the name is bound to China: "Nanjing Arrowhead Products" is no US "Arrowhead
    // Products".
    let matching_key = |i: usize| -> (&str, Option<&str>) {
        let key = info(i).key.as_str();
        let country = records[i].country.iso2.as_deref();
        match without_region[names.name_of[i] as usize] {
            Some(rest) if matches!(country, None | Some("CN")) => (rest, Some("CN")),
            _ if is_weak_key(key) => (key, country),
            _ => (key, None),
        }
    };

    // Nodes: records with one key (and, for country-bound keys, one country).
    let mut node_of: FxHashMap<(&str, Option<&str>), Vec<usize>> = FxHashMap::default();
    for i in 0..records.len() {
        if info(i).kind == RecordKind::Company {
            node_of.entry(matching_key(i)).or_default().push(i);
        }
    }
    let mut node_of: Vec<_> = node_of.into_iter().collect();
    node_of.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    node_of
        .into_iter()
        .map(|((key, bucket), members)| {
            let country = bucket.or_else(|| {
                most_frequent(members.iter().filter_map(|&i| records[i].country.iso2.as_deref()))
            });
            let mut aliases: Vec<&str> = members
                .iter()
                .flat_map(|&i| info(i).aliases.iter().map(String::as_str))
                .collect();
            aliases.sort_unstable();
            aliases.dedup();
            Node {
                key,
                aliases,
                compact: key.replace(' ', ""),
                country,
                weak: is_weak_key(key),
                bound: is_weak_key(key) || bucket.is_some(),
                records: members,
            }
        })
        .collect()
}

/// The nodes (indices into `nodes`, sorted by key) whose key is `key`.
pub(super) fn nodes_of_key(nodes: &[Node], key: &str) -> std::ops::Range<usize> {
    let start = nodes.partition_point(|n| n.key < key);
    start..start + nodes[start..].partition_point(|n| n.key == key)
}

pub(super) fn countries_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Whether two nodes' countries let them be one company: compatible, and the same one when either
/// key is bound to its country.
pub(super) fn may_join(a: &Node, b: &Node) -> bool {
    countries_compatible(a.country, b.country) && (a.shares_country(b) || !(a.bound || b.bound))
}

/// Most frequent value, ties broken by the smallest value, so the choice never depends on order.
pub(super) fn most_frequent<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(v, _)| v)
}
