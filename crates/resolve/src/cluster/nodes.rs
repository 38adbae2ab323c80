//! Records to nodes: the unit that matching compares and clustering joins. A node holds the records
//! of one name key (and, for keys bound to a country, of one country), so that the many records of a
//! firm are compared once, not pairwise. Where records of one key carry legal forms of disjoint
//! jurisdictions ("GAMMA SAS", "GAMMA ZRT"), they are different legal entities: the key's records
//! are split into one node per jurisdiction set, and a record without a legal form goes to the one its
//! country belongs to.

use std::collections::BTreeMap;

use fairwatch_ingest::Dataset;
use rayon::iter::Either;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::evidence::{DISTINCTIVE_NAME_KEYS, ENGLISH_FORM_COUNTRIES, PRINCIPAL_FORM_SHARE};
use super::keys::{distinct_keys_holding, first_word, is_weak_key, keys_with_word};
use super::names::Names;
use super::RecordKind;
use crate::normalise::{after_chinese_region, jurisdictions_overlap};

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
    /// Whether the key's records carry legal forms of disjoint jurisdictions, so that the key was
    /// split into one node per jurisdiction set.
    pub(super) contested: bool,
    /// The jurisdictions of its records' legal forms: for a node of a contested key, its set (None:
    /// records without a legal form that no single jurisdiction node could take); for another node,
    /// every jurisdiction any of its records' forms allows (None when no record has such a form).
    pub(super) jurisdiction: Option<Vec<String>>,
    /// For a node of a contested key, whether it holds the most records of the key: it keeps the
    /// key's plain anchor (and so its company id), the others add their jurisdiction.
    pub(super) principal: bool,
}

impl Node<'_> {
    /// Whether both countries are known and equal.
    pub(super) fn shares_country(&self, other: &Node) -> bool {
        self.country.is_some() && self.country == other.country
    }

    /// Whether an identical key may join the two: not when either is a node of a contested key
    /// that the other's jurisdiction does not meet (or when either has no jurisdiction to tell).
    pub(super) fn jurisdictions_meet(&self, other: &Node) -> bool {
        if !(self.contested || other.contested) {
            return true;
        }
        match (&self.jurisdiction, &other.jurisdiction) {
            (Some(a), Some(b)) => jurisdictions_overlap(a, b),
            _ => false,
        }
    }

    /// Whether both nodes' legal forms are known and exist in a jurisdiction in common.
    pub(super) fn forms_meet(&self, other: &Node) -> bool {
        matches!((&self.jurisdiction, &other.jurisdiction), (Some(a), Some(b)) if jurisdictions_overlap(a, b))
    }

    /// Whether both nodes' legal forms are known and exist in no jurisdiction in common: a "SAS" is
    /// never a "GmbH", whatever else their names share.
    pub(super) fn forms_disjoint(&self, other: &Node) -> bool {
        matches!((&self.jurisdiction, &other.jurisdiction), (Some(a), Some(b)) if !jurisdictions_overlap(a, b))
    }
}

/// The jurisdictions record `i`'s legal form ties it to. A form that does not exist in the record's
/// own country is a translation ("Croshield Ltd." in Croatia is a d.o.o., "Pro Patria Electronics
/// Ltd." in Hungary a Kft.) and ties it to nothing.
pub(super) fn record_jurisdiction<'a>(dataset: &Dataset, names: &'a Names, i: usize) -> Option<&'a [String]> {
    let jurisdiction = names.of(i).jurisdiction.as_deref()?;
    let holds = |country: &str| jurisdiction.binary_search_by(|c| c.as_str().cmp(country)).is_ok();
    match dataset.records[i].country.iso2.as_deref() {
        Some(country) if !holds(country) => None,
        // Without a country, an English form is as likely a catalogue's translation ("SAVOX
        // COMMUNICATIONS LTD." for Savox Communications Oy) as the firm's own.
        None if ENGLISH_FORM_COUNTRIES.iter().any(|c| holds(c)) => None,
        _ => Some(jurisdiction),
    }
}

/// The one country a legal form that is not English ties a name to ("AB" is Swedish, "SpA"
/// Italian): a short name with it is that country's firm wherever it exhibits ("SAAB AB" at a fair in
/// India is the Swedish Saab AB). English forms are too often a catalogue's translation to tell.
fn home_of_form(jurisdiction: Option<&[String]>) -> Option<&str> {
    match jurisdiction? {
        [only] if !ENGLISH_FORM_COUNTRIES.contains(&only.as_str()) => Some(only.as_str()),
        _ => None,
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
    let mut without_region: Vec<Option<&str>> = names
        .infos
        .par_iter()
        .map(|name| after_chinese_region(&name.key))
        .collect();
    let trade_names: FxHashSet<&str> = without_region
        .iter()
        .flatten()
        .map(|rest| first_word(rest))
        .collect();
    let keys = distinct_keys_holding(names.infos.iter().map(|n| n.key.as_str()), &trade_names);
    let keys_with_word = keys_with_word(keys.into_iter(), trade_names.into_iter());
    for rest in &mut without_region {
        *rest = rest.filter(|rest| keys_with_word[first_word(rest)] <= DISTINCTIVE_NAME_KEYS);
    }
    // The rest of the name is bound to China: "Nanjing Arrowhead Products" is no US "Arrowhead
    // Products".
    let matching_key = |i: usize| -> (&str, Option<&str>) {
        let key = info(i).key.as_str();
        let country = records[i].country.iso2.as_deref();
        match without_region[names.name_of[i] as usize] {
            Some(rest) if matches!(country, None | Some("CN")) => (rest, Some("CN")),
            _ if is_weak_key(key) => (key, home_of_form(info(i).jurisdiction.as_deref()).or(country)),
            _ => (key, None),
        }
    };

    // Nodes: records with one key (and, for country-bound keys, one country), found by sorting
    // the records by it.
    let mut keyed: Vec<Keyed> = (0..records.len())
        .into_par_iter()
        .filter(|&i| info(i).kind == RecordKind::Company)
        .map(|i| (matching_key(i), i))
        .collect();
    keyed.par_sort_unstable();
    if bind_by_form(&mut keyed, |i| record_jurisdiction(dataset, names, i)) {
        keyed.par_sort_unstable();
    }
    keyed
        .par_chunk_by(|a, b| a.0 == b.0)
        .flat_map_iter(|run| nodes_of_run(dataset, names, run))
        .collect()
}

/// A record with its matching key (and the country a country-bound key is kept apart by).
type Keyed<'a> = ((&'a str, Option<&'a str>), usize);

/// A weak key's record without a country whose legal form exists in only one of the countries the
/// key's other records are listed in belongs to that country's firm: "MKU PVT. LTD." (India or
/// Pakistan) beside "MKU" in India and "MKU GmbH" in Germany is the Indian MKU. `keyed` is sorted;
/// returns whether any record moved (and so it must be sorted again).
fn bind_by_form<'a>(keyed: &mut [Keyed<'a>], jurisdiction: impl Fn(usize) -> Option<&'a [String]>) -> bool {
    let mut moved = false;
    for run in keyed.chunk_by_mut(|a, b| a.0 .0 == b.0 .0) {
        let unbound = run.iter().take_while(|k| k.0 .1.is_none()).count();
        if unbound == 0 || unbound == run.len() || !is_weak_key(run[0].0 .0) {
            continue;
        }
        let (unbound, bound) = run.split_at_mut(unbound);
        let mut countries: Vec<&str> = bound.iter().filter_map(|k| k.0 .1).collect();
        countries.dedup();
        for ((_, bucket), i) in unbound {
            let Some(codes) = jurisdiction(*i) else {
                continue;
            };
            let mut there = countries.iter().filter(|c| codes.iter().any(|code| code == *c));
            if let (Some(&only), None) = (there.next(), there.next()) {
                *bucket = Some(only);
                moved = true;
            }
        }
    }
    moved
}

/// The node of the records of one matching key (`run`, in record order), or, when their legal forms
/// exist in no jurisdiction in common, one node per jurisdiction set.
fn nodes_of_run<'a>(
    dataset: &'a Dataset,
    names: &'a Names,
    run: &[Keyed<'a>],
) -> Either<std::iter::Once<Node<'a>>, std::vec::IntoIter<Node<'a>>> {
    let records = &dataset.records;
    let (key, bucket) = run[0].0;
    let members: Vec<usize> = run.iter().map(|&(_, i)| i).collect();
    let node = |members: Vec<usize>, jurisdiction: Option<Vec<String>>, contested: bool| {
        let country = bucket
            .or_else(|| most_frequent(members.iter().filter_map(|&i| records[i].country.iso2.as_deref())));
        let mut aliases: Vec<&str> = members
            .iter()
            .flat_map(|&i| names.of(i).aliases.iter().map(String::as_str))
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
            contested,
            jurisdiction,
            principal: false,
        }
    };
    let split = split_by_jurisdiction(
        &members,
        |i| record_jurisdiction(dataset, names, i),
        |i| records[i].country.iso2.as_deref(),
        |i| names.of(i).jurisdiction.as_deref(),
    );
    match split {
        None if members.len() == 1 => {
            let jurisdiction = record_jurisdiction(dataset, names, members[0]).map(<[String]>::to_vec);
            Either::Left(std::iter::once(node(members, jurisdiction, false)))
        }
        None => {
            // The few distinct sets first: most records repeat one ("common law" is many codes).
            let mut sets: Vec<&[String]> = members
                .iter()
                .filter_map(|&i| record_jurisdiction(dataset, names, i))
                .collect();
            sets.sort_unstable();
            sets.dedup();
            let mut union: Vec<String> = sets.into_iter().flatten().cloned().collect();
            union.sort_unstable();
            union.dedup();
            let jurisdiction = (!union.is_empty()).then_some(union);
            Either::Left(std::iter::once(node(members, jurisdiction, false)))
        }
        Some(parts) => {
            let mut nodes: Vec<Node> = parts
                .into_iter()
                .map(|(jurisdiction, part)| node(part, jurisdiction.map(<[String]>::to_vec), true))
                .collect();
            let principal = (0..nodes.len())
                .max_by_key(|&n| (nodes[n].records.len(), std::cmp::Reverse(n)))
                .expect("a contested key has nodes");
            nodes[principal].principal = true;
            Either::Right(nodes.into_iter())
        }
    }
}

/// The records of one key split by the jurisdictions of their legal forms, when two of those share
/// no jurisdiction (None otherwise: the key is one node). A record without a legal form that ties it
/// to a jurisdiction goes to its [`home_set`] ("Glenair" in the US, or "Glenair, Inc." without a
/// country, beside "Glenair GmbH" and "GLENAIR INC" in the US: the US firm's). The rest (no country
/// any set holds, no telling form) go to the principal set, the one that took most records so far,
/// when it took more than [`PRINCIPAL_FORM_SHARE`] of them (a bare "Glenair" is the firm's principal
/// entity), else form a part of their own (jurisdiction None). `form` is a record's form's
/// jurisdictions, whatever its country. Parts in order of their jurisdiction, None first.
#[allow(clippy::type_complexity)]
fn split_by_jurisdiction<'a>(
    members: &[usize],
    jurisdiction: impl Fn(usize) -> Option<&'a [String]>,
    country: impl Fn(usize) -> Option<&'a str>,
    form: impl Fn(usize) -> Option<&'a [String]>,
) -> Option<Vec<(Option<&'a [String]>, Vec<usize>)>> {
    // Most keys have records of one jurisdiction set or none: nothing to split, found in one pass.
    let mut first: Option<&[String]> = None;
    let several = members.iter().filter_map(|&i| jurisdiction(i)).any(|j| {
        let seen = *first.get_or_insert(j);
        seen != j
    });
    if !several {
        return None;
    }
    let mut parts: BTreeMap<Option<&[String]>, Vec<usize>> = BTreeMap::new();
    for &i in members {
        if let Some(j) = jurisdiction(i) {
            parts.entry(Some(j)).or_default().push(i);
        }
    }
    let sets: Vec<&[String]> = parts.keys().flatten().copied().collect();
    let contested = sets
        .iter()
        .enumerate()
        .any(|(x, a)| sets[x + 1..].iter().any(|b| !jurisdictions_overlap(a, b)));
    if !contested {
        return None;
    }
    let mut taken: Vec<usize> = sets.iter().map(|j| parts[&Some(*j)].len()).collect();
    let formed = taken.clone();
    let mut orphans = Vec::new();
    for &i in members.iter().filter(|&&i| jurisdiction(i).is_none()) {
        match home_set(&sets, &formed, country(i), form(i)) {
            Some(s) => {
                taken[s] += 1;
                parts.entry(Some(sets[s])).or_default().push(i);
            }
            None => orphans.push(i),
        }
    }
    let principal = (0..sets.len())
        .max_by_key(|&s| (taken[s], std::cmp::Reverse(s)))
        .filter(|&s| taken[s] as f64 > PRINCIPAL_FORM_SHARE * taken.iter().sum::<usize>() as f64);
    if !orphans.is_empty() {
        parts
            .entry(principal.map(|s| sets[s]))
            .or_default()
            .extend(orphans);
    }
    for part in parts.values_mut() {
        part.sort_unstable();
    }
    Some(parts.into_iter().collect())
}

/// The jurisdiction set (index into `sets`, with `formed` records each) that a record without a
/// form tying it to one belongs to: the largest set holding its country; without a country, the only
/// set its form (English, so tying it to nothing on its own) meets.
fn home_set(
    sets: &[&[String]],
    formed: &[usize],
    country: Option<&str>,
    form: Option<&[String]>,
) -> Option<usize> {
    match country {
        Some(country) => (0..sets.len())
            .filter(|&s| {
                sets[s]
                    .binary_search_by(|code| code.as_str().cmp(country))
                    .is_ok()
            })
            .max_by_key(|&s| (formed[s], std::cmp::Reverse(s))),
        None => {
            let form = form?;
            let mut meeting = (0..sets.len()).filter(|&s| jurisdictions_overlap(sets[s], form));
            meeting.next().filter(|_| meeting.next().is_none())
        }
    }
}

/// Pairs of nodes of one key whose jurisdictions are disjoint: different legal entities, which no
/// evidence short of a human judgement may join.
pub(super) fn jurisdiction_conflicts(nodes: &[Node]) -> Vec<(usize, usize)> {
    let mut conflicts = Vec::new();
    for same_key in key_runs(nodes).filter(|run| run.len() > 1) {
        for a in same_key.clone() {
            for b in a + 1..same_key.end {
                if nodes[a].contested && nodes[b].contested && nodes[a].forms_disjoint(&nodes[b]) {
                    conflicts.push((a, b));
                }
            }
        }
    }
    conflicts
}

/// The nodes (sorted by key) of each key in turn, as ranges of indices: a walk, where looking each
/// key up would compare strings at every step of a binary search.
pub(super) fn key_runs<'n>(nodes: &'n [Node]) -> impl Iterator<Item = std::ops::Range<usize>> + 'n {
    nodes.chunk_by(|a, b| a.key == b.key).scan(0, |start, run| {
        let range = *start..*start + run.len();
        *start = range.end;
        Some(range)
    })
}

/// The nodes (indices into `nodes`, sorted by key) whose key is `key`.
pub(super) fn nodes_of_key(nodes: &[Node], key: &str) -> std::ops::Range<usize> {
    let start = nodes.partition_point(|n| n.key < key);
    start..start + nodes[start..].partition_point(|n| n.key == key)
}

/// The nodes a judged name stands for: those of its key, less, when its legal form ties it to some
/// jurisdictions, the nodes of a contested key that are of other jurisdictions or of none.
pub(super) fn nodes_of_name(nodes: &[Node], key: &str, jurisdiction: Option<&[String]>) -> Vec<usize> {
    nodes_of_key(nodes, key)
        .filter(|&n| {
            let node = &nodes[n];
            match (node.contested, jurisdiction) {
                (true, Some(j)) => node
                    .jurisdiction
                    .as_ref()
                    .is_some_and(|own| jurisdictions_overlap(own, j)),
                _ => true,
            }
        })
        .collect()
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
/// Most nodes and companies have one record, or records that agree: those are counted without a map.
pub(super) fn most_frequent<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut values = values.into_iter();
    let first = values.next()?;
    let mut same = 1;
    let Some(other) = values.by_ref().find(|&v| {
        same += usize::from(v == first);
        v != first
    }) else {
        return Some(first);
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::from([(first, same), (other, 1)]);
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::{most_frequent, split_by_jurisdiction};

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_bare_name_goes_to_the_entity_of_its_country_or_form_else_to_the_principal_one() {
        let (german, american) = (codes(&["AT", "CH", "DE"]), codes(&["CA", "US"]));
        // "Glenair GmbH" (DE) x3; "GLENAIR INC" (US) x2; "Glenair" in the US x2; "Glenair, Inc."
        // without a country; a bare "Glenair" without a country.
        let jurisdiction = |i: usize| match i {
            0..=2 => Some(german.as_slice()),
            3 | 4 => Some(american.as_slice()),
            _ => None,
        };
        let country = |i: usize| match i {
            0..=2 => Some("DE"),
            3..=6 => Some("US"),
            _ => None,
        };
        let form = |i: usize| (i == 7).then_some(american.as_slice()).or(jurisdiction(i));
        let parts = split_by_jurisdiction(&[0, 1, 2, 3, 4, 5, 6, 7, 8], jurisdiction, country, form).unwrap();
        assert_eq!(
            parts,
            vec![
                (Some(german.as_slice()), vec![0, 1, 2]),
                (Some(american.as_slice()), vec![3, 4, 5, 6, 7, 8]),
            ],
            "the US entity took more records than the German one formed: it is the principal"
        );
    }

    #[test]
    fn without_a_principal_entity_a_bare_name_stands_alone_and_no_part_is_empty() {
        // "GAMMA SAS", "GAMMA ZRT", "Gamma GmbH", a bare "Gamma": it could be any of them.
        let sets = [codes(&["FR"]), codes(&["HU"]), codes(&["AT", "CH", "DE"])];
        let jurisdiction = |i: usize| sets.get(i).map(Vec::as_slice);
        let parts = split_by_jurisdiction(&[0, 1, 2, 3], jurisdiction, |_| None, jurisdiction).unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[0], (None, vec![3]));
        let parts = split_by_jurisdiction(&[0, 1, 2], jurisdiction, |_| None, jurisdiction).unwrap();
        assert_eq!(parts.len(), 3, "{parts:?}");
    }

    #[test]
    fn the_most_frequent_value_wins_and_a_tie_goes_to_the_smallest() {
        assert_eq!(most_frequent([]), None);
        assert_eq!(most_frequent(["FR"]), Some("FR"));
        assert_eq!(most_frequent(["FR", "FR", "FR"]), Some("FR"));
        assert_eq!(most_frequent(["FR", "DE", "DE"]), Some("DE"));
        assert_eq!(most_frequent(["FR", "FR", "DE", "DE"]), Some("DE"));
        assert_eq!(most_frequent(["GB", "FR", "FR", "GB", "GB"]), Some("GB"));
    }
}
