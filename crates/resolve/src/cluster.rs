//! Records to companies: normalise each distinct name once, group records into nodes by name key,
//! propose candidate pairs from blocks (same compact key, similar keys sharing a block, a shared
//! registrable domain), accept them in a fixed order under the human judgements, and name each
//! resulting company with an id derived from its anchor key so ids survive rebuilds.

use std::collections::{BTreeMap, HashMap};

use fairwatch_ingest::Dataset;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::domain::{is_generic, registrable_domain};
use crate::judgements::{Judgement, Verdict};
use crate::normalise::{after_chinese_region, country_named, non_exhibitor_kind, split_name, RelationKind};

/// What the matcher may look at.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Use website domains as evidence. Evaluation runs with and without it.
    pub use_websites: bool,
}

/// What a record turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Company,
    /// A national pavilion, lounge or meeting point (`data/non_exhibitors.csv`).
    NotACompany(&'static str),
    /// A name with no letters or digits left after cleaning.
    Unnamed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    /// Stable id: derived from the anchor key, so it survives rebuilds, reordering and new data.
    pub id: String,
    /// The most frequent spelling.
    pub name: String,
    /// The name key (plus country, for short keys kept apart by country) the id derives from.
    pub anchor: String,
    /// The most frequent country of its records.
    pub country: Option<String>,
    pub records: usize,
    /// Every spelling with its number of records, most frequent first.
    pub names: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub company: usize,
    pub kind: RelationKind,
    /// The other company, when its name resolves to one.
    pub other: Option<usize>,
    pub other_name: String,
    /// The first record that states it, and how many do.
    pub record: usize,
    pub records: usize,
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub kinds: Vec<RecordKind>,
    /// Index into `companies` for each record of kind `Company`.
    pub record_company: Vec<Option<usize>>,
    pub companies: Vec<Company>,
    pub relations: Vec<Relation>,
}

/// Each distinct name analysed once, and which one each record carries.
struct Names {
    infos: Vec<NameInfo>,
    name_of: Vec<u32>,
}

impl Names {
    fn analyse(dataset: &Dataset) -> Names {
        let mut index_of: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let mut name_of = Vec::with_capacity(dataset.records.len());
        for r in &dataset.records {
            let next = distinct.len() as u32;
            let index = *index_of.entry(r.name.as_str()).or_insert(next);
            if index == next {
                distinct.push(r.name.as_str());
            }
            name_of.push(index);
        }
        Names {
            infos: distinct.par_iter().map(|n| analyse(n)).collect(),
            name_of,
        }
    }

    /// The analysis of record `i`'s name.
    fn of(&self, i: usize) -> &NameInfo {
        &self.infos[self.name_of[i] as usize]
    }
}

struct NameInfo {
    key: String,
    aliases: Vec<String>,
    primary: String,
    relations: Vec<(RelationKind, String)>,
    kind: RecordKind,
}

fn analyse(name: &str) -> NameInfo {
    if let Some(kind) = non_exhibitor_kind(name) {
        return NameInfo {
            key: String::new(),
            aliases: vec![],
            primary: name.to_owned(),
            relations: vec![],
            kind: RecordKind::NotACompany(kind),
        };
    }
    let parts = split_name(name);
    let kind = if parts.key.is_empty() {
        RecordKind::Unnamed
    } else {
        RecordKind::Company
    };
    NameInfo {
        key: parts.key,
        aliases: parts.aliases,
        primary: parts.primary,
        relations: parts.relations,
        kind,
    }
}

const DESCRIPTORS: &str = include_str!("../../../data/descriptor_words.csv");

fn is_descriptor(word: &str) -> bool {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            fairwatch_refdata::data_rows::<(String,)>("descriptor_words.csv", DESCRIPTORS)
                .into_iter()
                .map(|(word,)| word)
                .collect()
        })
        .contains(word)
}

/// Keys too short to merge across countries: "ADS" in Britain and "ADS" in South Africa are different
/// bodies, while "CELLEBRITE" is one firm whatever office registered it.
fn is_weak_key(key: &str) -> bool {
    key.bytes().filter(|b| *b != b' ').count() <= 4
}

struct Node<'a> {
    key: &'a str,
    /// Keys of the other names its records give it (acronyms, spelled-out names).
    aliases: Vec<&'a str>,
    compact: String,
    country: Option<&'a str>,
    weak: bool,
    /// Joins only nodes of its own country: a weak key, or a Chinese firm's name without its
    /// region.
    bound: bool,
    records: Vec<usize>,
}

impl Node<'_> {
    /// Whether both countries are known and equal.
    fn shares_country(&self, other: &Node) -> bool {
        self.country.is_some() && self.country == other.country
    }
}

/// Union-find with cannot-link constraints checked before every union.
struct Clusters<'a> {
    parent: Vec<usize>,
    cannot_link: Vec<(usize, usize)>,
    /// The known countries of each root's records, sorted.
    countries: Vec<Vec<&'a str>>,
}

impl Clusters<'_> {
    /// Whether the clusters of `a` and `b` share a country or either has none known. Evidence short
    /// of an identical name must pass this, so that a record without a country cannot bridge firms
    /// of different countries ("Gamma" in France and Hungary, "Gamma Group International" without a
    /// country, "Gamma Group" in Britain).
    fn countries_meet(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        let (ca, cb) = (&self.countries[ra], &self.countries[rb]);
        ca.is_empty() || cb.is_empty() || ca.iter().any(|c| cb.binary_search(c).is_ok())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        for i in 0..self.cannot_link.len() {
            let (x, y) = self.cannot_link[i];
            let (rx, ry) = (self.find(x), self.find(y));
            if (rx == ra && ry == rb) || (rx == rb && ry == ra) {
                return false;
            }
        }
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[high] = low;
        let mut merged = std::mem::take(&mut self.countries[high]);
        merged.extend_from_slice(&self.countries[low]);
        merged.sort_unstable();
        merged.dedup();
        self.countries[low] = merged;
        true
    }
}

fn countries_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// FNV-1a: a hash fixed by definition, unlike std's, so ids never change with the compiler.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Most frequent value, ties broken by the smallest value, so the choice never depends on order.
fn most_frequent<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(v, _)| v)
}

/// Resolves every record of `dataset` into companies.
pub fn resolve(dataset: &Dataset, judgements: &[Judgement], options: Options) -> Resolution {
    let records = &dataset.records;
    let names = Names::analyse(dataset);
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
    let nodes: Vec<Node> = node_of
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
        .collect();
    let nodes_of_key = |key: &str| -> Vec<usize> {
        let start = nodes.partition_point(|n| n.key < key);
        (start..nodes.len())
            .take_while(|&n| nodes[n].key == key)
            .collect()
    };

    let mut clusters = Clusters {
        parent: (0..nodes.len()).collect(),
        cannot_link: Vec::new(),
        countries: nodes
            .iter()
            .map(|node| {
                let mut countries: Vec<&str> = node
                    .records
                    .iter()
                    .filter_map(|&i| records[i].country.iso2.as_deref())
                    .collect();
                countries.sort_unstable();
                countries.dedup();
                countries
            })
            .collect(),
    };
    let mut forced = Vec::new();
    for j in judgements {
        let left = nodes_of_key(&analyse(&j.left).key);
        let right = nodes_of_key(&analyse(&j.right).key);
        for &a in &left {
            for &b in &right {
                match j.verdict {
                    Verdict::Same => forced.push((a, b)),
                    Verdict::NotSame => clusters.cannot_link.push((a, b)),
                    // Groups are judged by the group stage.
                    Verdict::Unsure | Verdict::SameGroup | Verdict::NotSameGroup => {}
                }
            }
        }
    }
    for (a, b) in forced {
        clusters.union(a, b);
    }

    let mut candidates = candidate_pairs(&nodes);
    // A country-bound key's records without a country belong with its only country, if it has
    // just one.
    for (n, node) in nodes.iter().enumerate() {
        let same_key = nodes_of_key(node.key);
        let without_country = node.records.iter().all(|&i| records[i].country.iso2.is_none());
        if without_country && same_key.len() == 2 {
            let other = if same_key[0] == n {
                same_key[1]
            } else {
                same_key[0]
            };
            if nodes[other].bound {
                candidates.push((1.0, n.min(other), n.max(other)));
            }
        }
    }
    candidates.extend(distinctive_name_pairs(&nodes));
    // "Israel Aircraft Industries (IAI)" joins "IAI" where the countries allow.
    for (n, node) in nodes.iter().enumerate() {
        for alias in &node.aliases {
            for other in nodes_of_key(alias) {
                if other != n && may_join(node, &nodes[other]) {
                    candidates.push((0.92, n.min(other), n.max(other)));
                }
            }
        }
    }
    // A building serves every company of a group, so an address needs close names.
    candidates.extend(shared_contact_pairs(
        dataset,
        &nodes,
        NameAgreement::FirstWord,
        telephone_numbers,
    ));
    candidates.extend(shared_contact_pairs(
        dataset,
        &nodes,
        NameAgreement::Close,
        address_numbers,
    ));
    if options.use_websites {
        candidates.extend(domain_pairs(dataset, &nodes));
    }
    // Strongest evidence first; ties in a fixed order so any input order gives the same clusters.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    candidates.dedup_by(|a, b| (a.1, a.2) == (b.1, b.2));
    for (score, a, b) in candidates {
        if score >= 1.0 || clusters.countries_meet(a, b) {
            clusters.union(a, b);
        }
    }
    for (short, firm) in dominant_firm_pairs(&nodes, &mut clusters) {
        clusters.union(short, firm);
    }

    build_companies(dataset, &names, &nodes, &mut clusters)
}

/// Share of a country's records under names beginning with a short name that one firm must hold for
/// the short name to be taken as that firm's ("FN" in Belgium, where FN Herstal holds nearly every
/// "FN ..." record), and the fewest records it must hold. Set on the domain truth and by reading the
/// merges each adds: 0.8 and 1 add 252 merges (recall +0.006, precision -0.001, about a quarter of
/// them wrong: "JD" / "JD'C Innovation"); 0.9 and 3 add 90, nearly all right, for recall +0.005.
const DOMINANT_SHARE: f64 = 0.9;
const DOMINANT_MIN_RECORDS: usize = 3;

/// A short one-word name (an acronym: "FN", "TNO") and the company that, after clustering, holds
/// nearly all the records of its country whose names begin with that word ("FN Herstal"): short names
/// are too common to join on their own, but within one country they usually mean the firm that
/// dominates their longer spellings.
fn dominant_firm_pairs(nodes: &[Node], clusters: &mut Clusters) -> Vec<(usize, usize)> {
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
            pairs.push((n, firm));
        }
    }
    pairs
}

/// Blocks larger than this are split by a longer prefix of the compact key, so that a common first
/// word ("global", "advanced") does not make the comparisons grow with the square of the corpus.
const MAX_BLOCK: usize = 400;

/// Splits `members` into blocks of nodes whose compact keys share their first `length` bytes,
/// lengthening the prefix of any block still too large.
fn refine_block(nodes: &[Node], members: Vec<usize>, length: usize, blocks: &mut Vec<Vec<usize>>) {
    let longest = members.iter().map(|&n| nodes[n].compact.len()).max().unwrap_or(0);
    if members.len() <= MAX_BLOCK || length >= longest {
        blocks.push(members);
        return;
    }
    let mut by_prefix: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for n in members {
        let compact = nodes[n].compact.as_str();
        by_prefix
            .entry(&compact[..length.min(compact.len())])
            .or_default()
            .push(n);
    }
    for (_, sub) in by_prefix {
        refine_block(nodes, sub, length + 4, blocks);
    }
}

/// Pairs of nodes worth merging, with a score: equal keys across countries (strong keys only), equal
/// compact keys ("hackingteam"), and near-identical keys within blocks of a shared first word or a
/// shared compact prefix.
fn candidate_pairs(nodes: &[Node]) -> Vec<(f64, usize, usize)> {
    // Keys are ASCII, so byte prefixes are character prefixes.
    let mut by_first_word: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_prefix: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let first_word = node.key.split(' ').next().unwrap_or(node.key);
        by_first_word.entry(first_word).or_default().push(i);
        by_prefix
            .entry(&node.compact[..node.compact.len().min(6)])
            .or_default()
            .push(i);
    }
    let mut block_list = Vec::new();
    for (word, members) in by_first_word {
        refine_block(nodes, members, word.len() + 4, &mut block_list);
    }
    for (_, members) in by_prefix {
        refine_block(nodes, members, 10, &mut block_list);
    }
    block_list.sort_unstable();
    block_list
        .par_iter()
        .flat_map_iter(|block| {
            let mut found = Vec::new();
            for (x, &a) in block.iter().enumerate() {
                for &b in &block[x + 1..] {
                    if let Some(score) = pair_score(&nodes[a], &nodes[b]) {
                        found.push((score, a.min(b), a.max(b)));
                    }
                }
            }
            found
        })
        .collect()
}

/// At most this many distinct keys may contain a one-word name for it to count as distinctive. Set on
/// the domain truth (2: F1 0.814, 4: 0.825, 6: 0.830, 10: 0.828 with websites hidden), where larger
/// values start to cost precision.
const DISTINCTIVE_WORD_KEYS: usize = 5;

/// The same for the first word of a name of several words, whose other words must recur in order in
/// the longer name: a stronger signal, so the word may be commoner (5: F1 0.861, 10: 0.864, 20: 0.868,
/// 40: 0.869 with websites hidden; 20 keeps precision within 0.004 of 5).
const DISTINCTIVE_NAME_KEYS: usize = 20;

/// A name whose first word is distinctive (it occurs in few keys at all, so it names a firm rather
/// than describes one) joins the longer names of the same country that begin with that word and
/// contain all its words in order: "plasan" / "plasan sasa", "garanti kompozit" / "garanti giyim
/// kompozit teknolojileri". A first word found in these two keys only ("hologarde" / "hologarde drone
/// detection") needs no shared country, only compatible ones.
fn distinctive_name_pairs(nodes: &[Node]) -> Vec<(f64, usize, usize)> {
    let keys_with_word = keys_with_word(nodes.iter().map(|n| n.key));
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
                    let only_pair = firms_with_word <= 2
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
                    pairs.extend(group.iter().map(|&(a, b)| (0.85, a.min(b), a.max(b))));
                }
            }
        }
        start = end;
    }
    pairs
}

/// How many distinct keys contain each word: a word of few keys names a firm rather than describes
/// one.
fn keys_with_word<'a>(keys: impl Iterator<Item = &'a str>) -> FxHashMap<&'a str, usize> {
    let distinct: rustc_hash::FxHashSet<&str> = keys.collect();
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for key in distinct {
        let mut words: Vec<&str> = key.split(' ').collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            *counts.entry(word).or_default() += 1;
        }
    }
    counts
}

fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

/// Whether every word of `short` occurs in `long`, in the same order, and no word `long` adds names a
/// country other than `home`, the country both names are listed under: "peli products france" is a
/// national subsidiary, a company of its own, while "sofex jordan" listed in Jordan is Sofex.
fn extends_in_order(short: &str, long: &str, home: Option<&str>) -> bool {
    let mut long_words = long.split(' ');
    short.split(' ').all(|w| long_words.by_ref().any(|l| l == w))
        && long
            .split(' ')
            .filter(|w| !short.split(' ').any(|s| s == *w))
            .all(|w| country_named(w).is_none_or(|named| Some(named) == home))
}

/// Whether the longer key is the shorter plus descriptor words only ("nexter systems" / "nexter").
fn extends_with_descriptors(short: &str, long: &str) -> bool {
    long.strip_prefix(short)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|rest| rest.split(' ').all(is_descriptor))
}

/// Whether two nodes' countries let them be one company: compatible, and the same one when either
/// key is bound to its country.
fn may_join(a: &Node, b: &Node) -> bool {
    countries_compatible(a.country, b.country) && (a.shares_country(b) || !(a.bound || b.bound))
}

fn pair_score(a: &Node, b: &Node) -> Option<f64> {
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

/// Whether two keys of three words or more hold the same words in another order ("tno defence safety
/// and security" / "tno defence security and safety").
fn same_words_reordered(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.bytes().filter(|&c| c == b' ').count() < 2 {
        return false;
    }
    let (mut x, mut y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// Pairs of nodes whose records share a registrable domain, when the names are compatible too: a
/// domain alone chains unrelated firms (shared hosting, placeholders, group-wide sites).
fn domain_pairs(dataset: &Dataset, nodes: &[Node]) -> Vec<(f64, usize, usize)> {
    shared_contact_pairs(dataset, nodes, NameAgreement::FirstWord, |record| {
        record
            .websites
            .iter()
            .filter_map(|w| registrable_domain(w).filter(|d| !is_generic(d)))
            .collect()
    })
}

/// Telephone numbers as their last eight digits, which survive the many ways catalogues write
/// country and area codes ("+44 (0)1234 567890", "01234 567890"); a text may hold several.
fn telephone_numbers(record: &fairwatch_ingest::ExhibitorRecord) -> Vec<String> {
    record
        .telephones
        .iter()
        .flat_map(|text| text.split(|c: char| c.is_alphabetic() || ",;/".contains(c)))
        .filter_map(|part| {
            let digits: String = part.chars().filter(char::is_ascii_digit).collect();
            (digits.len() >= 8).then(|| digits[digits.len() - 8..].to_owned())
        })
        .collect()
}

/// A postal address as the numbers in it (house number, postcode, suite), which survive the many ways
/// catalogues lay an address out and spell its street; an address with fewer than two numbers is
/// too vague to tell one firm's door from its neighbours'.
fn address_numbers(record: &fairwatch_ingest::ExhibitorRecord) -> Vec<String> {
    let Some(address) = &record.address else {
        return Vec::new();
    };
    let mut numbers: Vec<String> = crate::normalise::tokens(address)
        .into_iter()
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() < 2 {
        return Vec::new();
    }
    vec![numbers.join(" ")]
}

/// How alike two names must be for a shared contact to join them.
#[derive(Clone, Copy)]
enum NameAgreement {
    /// The same first word, or compact keys at least 0.8 alike (websites, telephones).
    FirstWord,
    /// Compact keys at least 0.8 alike, or one name's words in order in the other: companies of one
    /// group share a building and a first word ("Teledyne FLIR", "Teledyne Marine").
    Close,
}

/// Pairs of nodes whose records share a contact (a website domain, a telephone number, an address),
/// when the names agree too: a contact alone chains unrelated firms (shared hosting, placeholders,
/// group-wide sites, an agent's number, a business park).
fn shared_contact_pairs(
    dataset: &Dataset,
    nodes: &[Node],
    agreement: NameAgreement,
    contacts: impl Fn(&fairwatch_ingest::ExhibitorRecord) -> Vec<String>,
) -> Vec<(f64, usize, usize)> {
    let mut by_contact: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, node) in nodes.iter().enumerate() {
        for &i in &node.records {
            for contact in contacts(&dataset.records[i]) {
                by_contact.entry(contact).or_default().push(n);
            }
        }
    }
    let mut pairs = Vec::new();
    for members in by_contact.values_mut() {
        members.sort_unstable();
        members.dedup();
        if members.len() > 12 {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (na, nb) = (&nodes[a], &nodes[b]);
                let alike =
                    rapidfuzz::distance::indel::normalized_similarity(na.compact.chars(), nb.compact.chars())
                        >= 0.8;
                let agree = alike
                    || match agreement {
                        NameAgreement::FirstWord => first_word(na.key) == first_word(nb.key),
                        NameAgreement::Close => {
                            let home = na.country.filter(|_| na.shares_country(nb));
                            extends_in_order(na.key, nb.key, home) || extends_in_order(nb.key, na.key, home)
                        }
                    };
                if agree && countries_compatible(na.country, nb.country) {
                    pairs.push((0.95, a, b));
                }
            }
        }
    }
    pairs
}

fn build_companies(dataset: &Dataset, names: &Names, nodes: &[Node], clusters: &mut Clusters) -> Resolution {
    let records = &dataset.records;
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        members.entry(clusters.find(n)).or_default().push(n);
    }
    let mut companies: Vec<(Company, Vec<usize>)> = members
        .into_values()
        .map(|cluster| {
            let anchor_node = cluster
                .iter()
                .max_by(|&&a, &&b| {
                    nodes[a]
                        .records
                        .len()
                        .cmp(&nodes[b].records.len())
                        .then(nodes[b].key.cmp(nodes[a].key))
                })
                .copied()
                .expect("clusters are not empty");
            let node = &nodes[anchor_node];
            let anchor = match (node.bound, node.country) {
                (true, Some(country)) => format!("{}|{country}", node.key),
                _ => node.key.to_owned(),
            };
            let record_ids: Vec<usize> = cluster
                .iter()
                .flat_map(|&n| nodes[n].records.iter().copied())
                .collect();
            let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in &record_ids {
                *spellings.entry(names.of(i).primary.as_str()).or_default() += 1;
            }
            let mut spellings: Vec<(String, usize)> =
                spellings.into_iter().map(|(n, c)| (n.to_owned(), c)).collect();
            spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let company = Company {
                id: String::new(),
                name: spellings[0].0.clone(),
                anchor,
                country: most_frequent(
                    record_ids
                        .iter()
                        .filter_map(|&i| records[i].country.iso2.as_deref()),
                )
                .map(str::to_owned),
                records: record_ids.len(),
                names: spellings,
            };
            (company, record_ids)
        })
        .collect();
    companies.sort_by(|a, b| a.0.anchor.cmp(&b.0.anchor));
    let mut used = std::collections::HashSet::new();
    for (company, _) in &mut companies {
        let mut salt = 0u32;
        loop {
            let seed = if salt == 0 {
                company.anchor.clone()
            } else {
                format!("{}#{salt}", company.anchor)
            };
            let id = format!("fw-{:012x}", stable_hash(&seed) & 0xffff_ffff_ffff);
            if used.insert(id.clone()) {
                company.id = id;
                break;
            }
            salt += 1;
        }
    }
    companies.sort_by(|a, b| a.0.id.cmp(&b.0.id));

    let mut record_company = vec![None; records.len()];
    for (c, (_, ids)) in companies.iter().enumerate() {
        for &i in ids {
            record_company[i] = Some(c);
        }
    }
    let kinds: Vec<RecordKind> = (0..records.len()).map(|i| names.of(i).kind).collect();
    let companies: Vec<Company> = companies.into_iter().map(|(c, _)| c).collect();

    // The company each key belongs to, for turning a related name into a company.
    let mut company_of_key: HashMap<&str, (usize, usize)> = HashMap::new();
    for node in nodes {
        if let Some(c) = record_company[node.records[0]] {
            let entry = company_of_key.entry(node.key).or_insert((c, 0));
            if node.records.len() > entry.1 {
                *entry = (c, node.records.len());
            }
        }
    }
    let mut relations: BTreeMap<(usize, RelationKind, String), Relation> = BTreeMap::new();
    for (i, company) in record_company.iter().enumerate() {
        let (Some(company), info) = (*company, names.of(i)) else {
            continue;
        };
        for (kind, other_name) in &info.relations {
            let other_key = split_name(other_name).key;
            let other = company_of_key
                .get(other_key.as_str())
                .map(|&(c, _)| c)
                .filter(|&c| c != company);
            relations
                .entry((company, *kind, other_key))
                .and_modify(|rel| rel.records += 1)
                .or_insert(Relation {
                    company,
                    kind: *kind,
                    other,
                    other_name: other_name.clone(),
                    record: i,
                    records: 1,
                });
        }
    }
    Resolution {
        kinds,
        record_company,
        companies,
        relations: relations.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fairwatch_ingest::{CountryValue, ExhibitorRecord};

    fn record(name: &str, country: Option<&str>) -> ExhibitorRecord {
        ExhibitorRecord {
            country: CountryValue {
                iso2: country.map(str::to_owned),
                raw: None,
                field: None,
            },
            ..ExhibitorRecord::new(0, 0, name)
        }
    }

    fn dataset(names: &[(&str, Option<&str>)]) -> Dataset {
        Dataset {
            records: names.iter().map(|(n, c)| record(n, *c)).collect(),
            ..Dataset::default()
        }
    }

    fn judgement(left: &str, right: &str, verdict: Verdict) -> Judgement {
        Judgement {
            left: left.into(),
            right: right.into(),
            verdict,
            author: "t".into(),
            date: "d".into(),
            note: String::new(),
        }
    }

    fn same(resolution: &Resolution, a: usize, b: usize) -> bool {
        resolution.record_company[a] == resolution.record_company[b]
    }

    #[test]
    fn spellings_merge_and_traps_stay_apart() {
        let data = dataset(&[
            ("CELLEBRITE LTD", Some("IL")),
            ("Cellebrite", Some("BR")),
            ("Nexter Systems", Some("FR")),
            ("NEXTER", Some("FR")),
            ("GAMMA ZRT", Some("HU")),
            ("Gamma International", Some("GB")),
            ("ADS", Some("GB")),
            ("ADS", Some("ZA")),
            ("GERMAN PAVILION", None),
        ]);
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(same(&r, 0, 1), "one firm whatever office registered it");
        assert!(same(&r, 2, 3), "descriptor words");
        assert!(!same(&r, 4, 5));
        assert!(!same(&r, 6, 7), "short names stay apart by country");
        assert_eq!(r.kinds[8], RecordKind::NotACompany("pavilion"));
        assert_eq!(r.record_company[8], None);
    }

    #[test]
    fn judgements_override_the_matcher_and_ids_stay_stable() {
        let data = dataset(&[
            ("Nexter Systems", Some("FR")),
            ("NEXTER", Some("FR")),
            ("KNDS France", Some("FR")),
        ]);
        let plain = resolve(&data, &[], Options { use_websites: false });
        let judged = resolve(
            &data,
            &[
                judgement("NEXTER", "Nexter Systems", Verdict::NotSame),
                judgement("Nexter", "KNDS France", Verdict::Same),
            ],
            Options { use_websites: false },
        );
        assert!(same(&plain, 0, 1) && !same(&plain, 1, 2));
        assert!(!same(&judged, 0, 1) && same(&judged, 1, 2));
        // Adding an unrelated company changes no existing id.
        let mut more = Dataset {
            records: data.records.clone(),
            ..Dataset::default()
        };
        more.records.push(record("Cellebrite", None));
        let again = resolve(&more, &[], Options { use_websites: false });
        for c in &plain.companies {
            assert!(again.companies.iter().any(|d| d.id == c.id), "{c:?}");
        }
    }

    #[test]
    fn acronyms_and_distinctive_short_names_join() {
        let data = dataset(&[
            ("ISRAEL AIRCRAFT INDUSTRIES, Ltd (IAI)", Some("IL")),
            ("IAI", Some("IL")),
            ("IAI", Some("IN")),
            ("PLASAN SASA LTD.", Some("IL")),
            ("Plasan", Some("IL")),
            ("Plasan North America", Some("US")),
            ("Global", Some("US")),
            ("Global Ordnance", Some("US")),
            ("Global Ordnance Supply", Some("US")),
            ("Global Aviation Group", Some("US")),
            ("Global Radar", Some("US")),
            ("Global Eye", Some("US")),
            ("Global Tactical", Some("US")),
        ]);
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(same(&r, 0, 1), "an acronym in parentheses is an alias");
        assert!(!same(&r, 0, 2), "a weak alias stays within its country");
        assert!(same(&r, 3, 4), "a distinctive one-word name joins what it begins");
        assert!(!same(&r, 4, 5), "but not across countries");
        assert!((7..13).all(|i| !same(&r, 6, i)), "a common word names no firm");
    }

    #[test]
    fn a_name_with_a_distinctive_first_word_joins_longer_names_holding_its_words() {
        let mut data = dataset(&[
            ("GARANTI KOMPOZIT", Some("TR")),
            (
                "GARANTI Giyim Kompozit Teknolojileri Sanayi ve Ticaret A.S.",
                Some("TR"),
            ),
            ("Garanti Tekstil", Some("TR")),
            ("Peli Products", Some("DE")),
            ("Peli Products Sweden", Some("DE")),
            ("Altay Savunma", Some("TR")),
            ("Altay Yazilim Savunma", Some("TR")),
            ("Sofex", Some("JO")),
            ("Sofex Jordan", Some("JO")),
            ("Hologarde", None),
            ("Hologarde Drone Detection", Some("FR")),
            ("Ultrak", None),
            ("Ultrak UK", None),
        ]);
        // Make "altay" a word of many keys, so it only names a firm together with a second word.
        for (i, extra) in ["Altay A", "Altay B", "Altay C", "Altay D", "Altay E"]
            .iter()
            .enumerate()
        {
            data.records
                .push(record(extra, Some(if i % 2 == 0 { "KZ" } else { "RU" })));
        }
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(same(&r, 0, 1), "its words recur in order");
        assert!(!same(&r, 0, 2) && !same(&r, 1, 2), "another word is another firm");
        assert!(!same(&r, 3, 4), "a country added names a national subsidiary");
        assert!(!same(&r, 5, 6), "a descriptor is no second naming word");
        assert!(
            same(&r, 7, 8),
            "the country it is listed in names the firm itself"
        );
        assert!(same(&r, 9, 10), "a word of these two names only needs no country");
        assert!(!same(&r, 11, 12), "a national subsidiary stays apart");
    }

    #[test]
    fn a_chinese_region_before_a_distinctive_trade_name_is_dropped_within_china() {
        let mut data = dataset(&[
            ("Jiangsu Dongrun Safety Technology Co., Ltd", Some("CN")),
            ("Dongrun Safety Technology", Some("CN")),
            ("Nanjing Arrowhead Products Co. Ltd", None),
            ("Arrowhead Products", Some("US")),
            ("Beijing Institute of Technology", Some("CN")),
            ("Harbin Institute of Technology", Some("CN")),
            ("Shenzhen Droview Technology Co., Ltd", None),
            ("DroView", Some("CN")),
        ]);
        // "institute" names no firm: it is a word of many keys.
        for n in 0..=DISTINCTIVE_NAME_KEYS {
            data.records.push(record(&format!("Institute {n}"), Some("FR")));
        }
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(same(&r, 0, 1), "the region is no part of the trade name");
        assert!(
            !same(&r, 2, 3),
            "a name that begins with a Chinese region is a Chinese firm's"
        );
        assert!(!same(&r, 4, 5), "the region is what tells these apart");
        assert!(same(&r, 6, 7), "the trade name is distinctive");
    }

    #[test]
    fn a_short_name_joins_the_firm_that_dominates_its_country() {
        let mut names = vec![("FN", Some("BE")), ("FN", Some("US"))];
        names.extend([("FN HERSTAL SA", Some("BE")); 9]);
        names.push(("FN Herstal and Frequentis", Some("BE")));
        // Too many "FN" names elsewhere for "FN" to be a distinctive word.
        names.extend([
            ("FN America", Some("US")),
            ("FN Manufacturing", Some("US")),
            ("FN UK", Some("GB")),
            ("FN Nouvelle", Some("FR")),
        ]);
        names.extend([
            ("JD", Some("FR")),
            ("JD Alpha", Some("FR")),
            ("JD Alpha", Some("FR")),
        ]);
        names.extend([("JD Beta", Some("FR")), ("JD Beta", Some("FR"))]);
        let r = resolve(&dataset(&names), &[], Options { use_websites: false });
        assert!(same(&r, 0, 2), "FN Herstal holds most Belgian FN names");
        assert!(!same(&r, 1, 2), "not in another country");
        assert!(!same(&r, 16, 17) && !same(&r, 16, 19), "no JD firm dominates");
    }

    #[test]
    fn long_names_join_with_their_words_reordered() {
        assert!(same_words_reordered(
            "tno defence safety and security",
            "tno defence security and safety"
        ));
        assert!(
            !same_words_reordered("alpha beta", "beta alpha"),
            "two words are too few"
        );
        assert!(!same_words_reordered(
            "tno defence safety and security",
            "tno defence safety and secure"
        ));
    }

    #[test]
    fn a_shared_address_joins_close_names_only() {
        let mut data = dataset(&[
            ("Bharat Dynamics Ltd.", Some("IN")),
            ("Bharat Dyanmics Limited", Some("IN")),
            ("Teledyne FLIR", Some("US")),
            ("Teledyne Marine", Some("US")),
            ("Vista Outdoor", Some("US")),
        ]);
        let address = |street: &str| Some(format!("Plot 4, {street}\nHyderabad\n500058\nIndia"));
        data.records[0].address = address("Kanchanbagh");
        data.records[1].address = address("Kanchanbagh");
        data.records[2].address = Some("27700 SW Parkway Ave\nWilsonville, OR 97070".into());
        data.records[3].address = Some("27700 SW Parkway Avenue\nWilsonville OR 97070\nUSA".into());
        data.records[4].address = Some("1 Vista Way\nAnoka".into());
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(same(&r, 0, 1), "one address, one firm misspelt");
        assert!(!same(&r, 2, 3), "one building, two companies of a group");
        assert_eq!(address_numbers(&data.records[2]), ["27700 97070"]);
        assert_eq!(address_numbers(&data.records[3]), ["27700 97070"]);
        assert!(
            address_numbers(&data.records[4]).is_empty(),
            "one number is too vague"
        );
    }

    #[test]
    fn a_shared_telephone_joins_compatible_names_only() {
        let mut data = dataset(&[
            ("Elbit Systems Land", Some("IL")),
            ("ELBIT LAND", Some("IL")),
            ("Rafael", Some("IL")),
        ]);
        data.records[0].telephones = vec!["+972 (0)4 831 5315".into()];
        data.records[1].telephones = vec!["04-8315315 Fax: 04-8315000".into()];
        data.records[2].telephones = vec!["+972 4 8315315".into()];
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(same(&r, 0, 1), "one number, similar names");
        assert!(!same(&r, 0, 2), "one number, unrelated names");
        assert_eq!(telephone_numbers(&data.records[1]), ["48315315", "48315000"]);
    }

    #[test]
    fn a_record_without_a_country_bridges_no_countries() {
        let data = dataset(&[
            ("GAMMA ZRT", Some("HU")),
            ("Gamma Group International", None),
            ("Gamma Group", Some("GB")),
        ]);
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(!same(&r, 0, 2), "{:?}", r.companies);
        assert!(
            same(&r, 0, 1) || same(&r, 1, 2),
            "the country-less record still joins one of them"
        );
    }

    #[test]
    fn relations_come_from_names() {
        let data = dataset(&[("SENSECY (A VERINT COMPANY)", Some("IL")), ("VERINT", Some("IL"))]);
        let r = resolve(&data, &[], Options { use_websites: false });
        assert!(!same(&r, 0, 1));
        assert_eq!(r.relations.len(), 1);
        let relation = &r.relations[0];
        assert_eq!(relation.kind, RelationKind::MemberOfGroup);
        assert_eq!(
            (relation.company, relation.other),
            (r.record_company[0].unwrap(), r.record_company[1])
        );
    }
}
