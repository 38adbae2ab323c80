//! Accuracy of the resolution, measured against truths the project builds:
//!
//! * **Domain truth** from the corpus itself: records whose websites share a registrable domain (or its
//!   name under another suffix: `aselsan.com`, `aselsan.com.tr`) are one company. Excluded, so that the truth does not lie: generic domains (`data/generic_domains.csv`),
//!   the fair's own domain (catalogue pages given as websites), group-wide domains (records of one
//!   domain from two or more countries: national subsidiaries share a group's site; or two differently
//!   named entries of one fair's list: divisions under the group's site), and domains shared
//!   by more than 12 distinct names (placeholders, hosting). Exact repeats inside a list and entries that
//!   are not companies are left out.
//! * **Hand-labelled pairs** (`curation/truth_pairs.csv`): names that are or are not the same company,
//!   covering the known traps.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use fairwatch_ingest::Dataset;
use serde::{Deserialize, Serialize};

use crate::cluster::{Link, RecordKind, Resolution};
use crate::domain::{fair_domains, is_generic, registrable_domain};
use crate::metrics::{pairs, score, ClusterScores, Scores};
use crate::normalise::{after_chinese_region, split_name};

/// How the domain truth was built.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DomainTruth {
    /// Record index and its truth label (a domain).
    #[serde(skip)]
    pub items: Vec<(usize, String)>,
    pub records: usize,
    pub domains: usize,
    pub excluded_generic: usize,
    pub excluded_fair_own: usize,
    pub excluded_group_wide: usize,
    pub excluded_crowded: usize,
}

/// The name part of a registrable domain: one firm often registers its name under several suffixes
/// (`aselsan.com`, `aselsan.com.tr`), so the truth keys on `aselsan`.
fn domain_label(domain: &str) -> String {
    let suffix_len = psl::suffix_str(domain).map_or(0, str::len);
    domain[..domain.len().saturating_sub(suffix_len)]
        .trim_end_matches('.')
        .to_owned()
}

/// Builds the domain truth over the records `resolution` calls companies.
pub fn domain_truth(dataset: &Dataset, resolution: &Resolution) -> DomainTruth {
    let own = fair_domains(dataset);
    let mut truth = DomainTruth::default();
    let mut candidates: Vec<(usize, String)> = Vec::new();
    let (mut generic, mut fair_own) = (BTreeSet::new(), BTreeSet::new());
    for (i, r) in dataset.records.iter().enumerate() {
        if r.duplicate_of.is_some() || resolution.kinds[i] != RecordKind::Company {
            continue;
        }
        let Some(domain) = r.details().websites.iter().find_map(|w| registrable_domain(w)) else {
            continue;
        };
        let label = domain_label(&domain);
        if is_generic(&domain) {
            generic.insert(domain);
        } else if own[r.fair].contains(&domain) {
            fair_own.insert(domain);
        } else {
            candidates.push((i, label));
        }
    }
    let mut countries: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut names: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut names_in_one_list: HashMap<(&str, usize), BTreeSet<String>> = HashMap::new();
    for (i, domain) in &candidates {
        let r = &dataset.records[*i];
        if let Some(c) = r.country.iso2.as_deref() {
            countries.entry(domain).or_default().insert(c);
        }
        names.entry(domain).or_default().insert(r.name.as_str());
        names_in_one_list
            .entry((domain, r.fair))
            .or_default()
            .insert(r.name.to_lowercase());
    }
    let mut group_wide: BTreeSet<&str> = countries
        .iter()
        .filter(|(_, c)| c.len() > 1)
        .map(|(d, _)| *d)
        .collect();
    // Two differently named entries of one list sharing a domain are, by the list's own word,
    // two exhibitors: divisions or subsidiaries under the group's site.
    group_wide.extend(
        names_in_one_list
            .iter()
            .filter(|(_, n)| n.len() > 1)
            .map(|((d, _), _)| *d),
    );
    let crowded: BTreeSet<&str> = names
        .iter()
        .filter(|(_, n)| n.len() > 12)
        .map(|(d, _)| *d)
        .collect();
    truth.excluded_generic = generic.len();
    truth.excluded_fair_own = fair_own.len();
    truth.excluded_group_wide = group_wide.len();
    truth.excluded_crowded = crowded.difference(&group_wide).count();
    truth.items = candidates
        .iter()
        .filter(|(_, d)| !group_wide.contains(d.as_str()) && !crowded.contains(d.as_str()))
        .cloned()
        .collect();
    truth.records = truth.items.len();
    truth.domains = truth.items.iter().map(|(_, d)| d).collect::<BTreeSet<_>>().len();
    truth
}

/// Scores a resolution against the domain truth.
pub fn score_against(truth: &DomainTruth, resolution: &Resolution) -> ClusterScores {
    score(
        truth
            .items
            .iter()
            .map(|(i, domain)| (domain.as_str(), resolution.record_company[*i])),
    )
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TruthPair {
    pub left: String,
    pub right: String,
    pub same: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairOutcome {
    #[serde(flatten)]
    pub pair: TruthPair,
    /// None when a name is not in the data.
    pub predicted_same: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairScores {
    pub pairs: usize,
    pub missing: usize,
    pub scores: Scores,
    pub outcomes: Vec<PairOutcome>,
}

pub fn load_truth_pairs(path: &Path) -> Result<Vec<TruthPair>, String> {
    load_labelled(path)
}

/// Reads a hand-labelled CSV file (`#` lines are comments); a row that does not read names its line.
pub fn load_labelled<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    reader
        .deserialize()
        .map(|r: Result<T, csv::Error>| {
            r.map_err(|e| format!("{}:{}: {e}", path.display(), e.position().map_or(0, |p| p.line())))
        })
        .collect()
}

/// Scores the hand-labelled pairs: a pair is predicted "same" when the records spelled exactly as
/// its two names fall in one company.
pub fn score_pairs(dataset: &Dataset, resolution: &Resolution, pairs: &[TruthPair]) -> PairScores {
    let mut company_of_name: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for (i, r) in dataset.records.iter().enumerate() {
        company_of_name
            .entry(r.name.as_str())
            .or_insert(resolution.record_company[i]);
    }
    let outcomes: Vec<PairOutcome> = pairs
        .iter()
        .map(|p| {
            let left = company_of_name.get(p.left.as_str()).copied().flatten();
            let right = company_of_name.get(p.right.as_str()).copied().flatten();
            PairOutcome {
                pair: p.clone(),
                predicted_same: left.zip(right).map(|(l, r)| l == r),
            }
        })
        .collect();
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for o in &outcomes {
        match (o.pair.same, o.predicted_same) {
            (true, Some(true)) => tp += 1.0,
            (false, Some(true)) => fp += 1.0,
            (true, Some(false)) => fn_ += 1.0,
            _ => {}
        }
    }
    let precision = if tp + fp == 0.0 { 1.0 } else { tp / (tp + fp) };
    let recall = if tp + fn_ == 0.0 { 1.0 } else { tp / (tp + fn_) };
    PairScores {
        pairs: outcomes.len(),
        missing: outcomes.iter().filter(|o| o.predicted_same.is_none()).count(),
        scores: Scores::new(precision, recall),
        outcomes,
    }
}

/// One way the resolution disagrees with the domain truth, for a curator to look at.
#[derive(Debug, Clone, Serialize)]
pub struct TruthError {
    /// The truth label (a domain's name part) or the predicted company's id.
    pub label: String,
    /// Pairs of truth records the resolution splits (for a split) or wrongly joins (for a merge).
    pub pairs: u64,
    /// The pieces: distinct names in each predicted company (split) or each truth domain (merge).
    pub parts: Vec<Vec<String>>,
    /// For a merge, what joined each later part to the first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub joined_by: Vec<MergePath>,
}

/// How a false merge came about: the links on the shortest path, inside the company, from the nodes
/// of its first truth part to those of another.
#[derive(Debug, Clone, Serialize)]
pub struct MergePath {
    /// The part reached (an index into `TruthError::parts`; the path starts at part 0).
    pub part: usize,
    /// A name key that records of both parts have: they are one node, no link between them.
    pub shared_key: Option<String>,
    /// The links, from part 0's side to the other part's.
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TruthErrors {
    /// Truth domains whose records the resolution puts in several companies, most missed pairs first.
    pub splits: Vec<TruthError>,
    /// Companies that hold records of several truth domains, most false pairs first.
    pub merges: Vec<TruthError>,
}

/// The `limit` worst splits and merges against the domain truth.
pub fn worst_errors(
    dataset: &Dataset,
    truth: &DomainTruth,
    resolution: &Resolution,
    limit: usize,
) -> TruthErrors {
    // outer label -> inner label -> names and record count
    type Table<'a> = BTreeMap<String, BTreeMap<String, (BTreeSet<&'a str>, usize)>>;
    let (mut by_truth, mut by_company): (Table, Table) = Default::default();
    for (i, domain) in &truth.items {
        let Some(c) = resolution.record_company[*i] else {
            continue;
        };
        let company = resolution.companies[c].id.to_string();
        let name = dataset.records[*i].name.as_str();
        for (table, outer, inner) in [
            (&mut by_truth, domain, &company),
            (&mut by_company, &company, domain),
        ] {
            let cell = table
                .entry(outer.clone())
                .or_default()
                .entry(inner.clone())
                .or_default();
            cell.0.insert(name);
            cell.1 += 1;
        }
    }
    let worst = |table: Table| {
        let mut errors: Vec<TruthError> = table
            .into_iter()
            .filter(|(_, parts)| parts.len() > 1)
            .map(|(label, parts)| {
                let total: usize = parts.values().map(|p| p.1).sum();
                let within: u64 = parts.values().map(|p| pairs(p.1 as u64)).sum();
                TruthError {
                    label,
                    pairs: pairs(total as u64) - within,
                    parts: parts
                        .into_values()
                        .map(|(names, _)| names.into_iter().map(str::to_owned).collect())
                        .collect(),
                    joined_by: Vec::new(),
                }
            })
            .collect();
        errors.sort_by(|a, b| b.pairs.cmp(&a.pairs).then(a.label.cmp(&b.label)));
        errors.truncate(limit);
        errors
    };
    let mut merges = worst(by_company);
    for merge in &mut merges {
        let Ok(company) = resolution
            .companies
            .binary_search_by(|c| c.id.as_str().cmp(&merge.label))
        else {
            continue;
        };
        let first = name_keys(&merge.parts[0]);
        merge.joined_by = (1..merge.parts.len())
            .map(|part| {
                path_between(
                    company_links(resolution, company),
                    &first,
                    &name_keys(&merge.parts[part]),
                    part,
                )
            })
            .collect();
    }
    TruthErrors {
        splits: worst(by_truth),
        merges,
    }
}

/// The accepted links of one company (links are sorted by company).
fn company_links(resolution: &Resolution, company: usize) -> &[Link] {
    let start = resolution.links.partition_point(|l| l.company < company);
    let links = &resolution.links[start..];
    &links[..links.partition_point(|l| l.company == company)]
}

/// Why two spellings are in one company: the chain of links inside `company` between them.
pub fn why_joined(resolution: &Resolution, company: usize, left: &str, right: &str) -> MergePath {
    let (from, to) = (name_keys(&[left.to_owned()]), name_keys(&[right.to_owned()]));
    path_between(company_links(resolution, company), &from, &to, 1)
}

/// The name keys a spelling may be matched under: its key, and its key without a leading Chinese
/// region.
fn keys_of(name: &str) -> Vec<String> {
    let key = split_name(name).key;
    let rest = after_chinese_region(&key).map(str::to_owned);
    std::iter::once(key).chain(rest).collect()
}

fn name_keys(names: &[String]) -> BTreeSet<String> {
    names.iter().flat_map(|n| keys_of(n)).collect()
}

/// The shortest chain of `links` (one company's) from a spelling of keys `from` to one of keys `to`.
fn path_between(links: &[Link], from: &BTreeSet<String>, to: &BTreeSet<String>, part: usize) -> MergePath {
    if let Some(shared) = from.intersection(to).next() {
        return MergePath {
            part,
            shared_key: Some(shared.clone()),
            links: Vec::new(),
        };
    }
    let touches =
        |spelling: &str, keys: &BTreeSet<String>| keys_of(spelling).iter().any(|k| keys.contains(k));
    // Breadth-first from every spelling of the first part; `reached` holds the link that led there.
    let mut reached: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::new();
    for link in links {
        for spelling in [link.left.as_str(), link.right.as_str()] {
            if touches(spelling, from) && !reached.contains_key(spelling) {
                reached.insert(spelling, None);
                queue.push_back(spelling);
            }
        }
    }
    while let Some(at) = queue.pop_front() {
        if touches(at, to) {
            let mut path = Vec::new();
            let mut here = at;
            while let Some(Some(l)) = reached.get(here) {
                let link = &links[*l];
                path.push(link.clone());
                here = if link.left == here {
                    &link.right
                } else {
                    &link.left
                };
            }
            path.reverse();
            return MergePath {
                part,
                shared_key: None,
                links: path,
            };
        }
        for (l, link) in links.iter().enumerate() {
            let next = if link.left == at {
                link.right.as_str()
            } else if link.right == at {
                link.left.as_str()
            } else {
                continue;
            };
            if !reached.contains_key(next) {
                reached.insert(next, Some(l));
                queue.push_back(next);
            }
        }
    }
    MergePath {
        part,
        shared_key: None,
        links: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Evidence;

    fn link(left: &str, right: &str, evidence: Evidence) -> Link {
        Link {
            company: 0,
            left: left.into(),
            right: right.into(),
            evidence,
        }
    }

    #[test]
    fn a_false_merge_is_explained_by_the_links_between_its_parts() {
        let links = [
            link("Acme Defence", "Acme Defence Systems", Evidence::DescriptorWords),
            link("Acme Defence Systems", "Zenith Arms", Evidence::SharedTelephone),
            link("Other", "Zenith Arms", Evidence::SharedAddress),
        ];
        let keys = |names: &[&str]| name_keys(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
        let path = path_between(&links, &keys(&["ACME DEFENCE LTD"]), &keys(&["Zenith Arms"]), 1);
        assert_eq!(path.shared_key, None);
        assert_eq!(path.links, links[..2]);
        let same = path_between(&links, &keys(&["Acme Defence"]), &keys(&["ACME DEFENCE GmbH"]), 1);
        assert_eq!(same.shared_key.as_deref(), Some("acme defence"));
    }
}
