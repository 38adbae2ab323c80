//! Clusters to companies: each cluster of nodes becomes a company named by its most frequent
//! spelling and identified by an id minted from its anchor, and the relations its names state
//! ("SENSECY (A VERINT COMPANY)") become relations between companies, never merges.

use std::collections::BTreeMap;

use fairwatch_ingest::{Dataset, ExhibitorRecord};
use rustc_hash::FxHashMap;

use super::clusters::Clusters;
use super::names::Names;
use super::nodes::{most_frequent, Node};
use super::{Company, Evidence, Link, RecordKind, Relation, Resolution};
use crate::ids::assign_ids;
use crate::normalise::{split_name, RelationKind};

/// The company of one cluster (its nodes) and its records.
fn company(
    records: &[ExhibitorRecord],
    names: &Names,
    nodes: &[Node],
    cluster: &[usize],
) -> (Company, Vec<usize>) {
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
    let mut anchor = match (node.bound, node.country) {
        (true, Some(country)) => format!("{}|{country}", node.key),
        _ => node.key.to_owned(),
    };
    // Legal entities of one name and other jurisdictions than the key's main one.
    if node.contested && !node.principal {
        anchor.push('|');
        anchor.push_str(&node.jurisdiction.as_deref().unwrap_or_default().join(" "));
    }
    let record_ids: Vec<usize> = cluster
        .iter()
        .flat_map(|&n| nodes[n].records.iter().copied())
        .collect();
    let spellings = spellings(names, &record_ids);
    // The records' keys, which a node's key need not be (a Chinese firm's without its region).
    let mut keys: Vec<&str> = record_ids.iter().map(|&i| names.of(i).key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let keys = keys.into_iter().map(str::to_owned).collect();
    let company = Company {
        id: String::new(),
        name: spellings[0].0.clone(),
        keys,
        anchor,
        country: most_frequent(
            record_ids
                .iter()
                .filter_map(|&i| records[i].country.iso2.as_deref()),
        )
        .map(str::to_owned),
        records: record_ids.len(),
        names: spellings,
        jurisdiction: jurisdiction(nodes, cluster),
    };
    (company, record_ids)
}

/// Every spelling of the records with its number of records, most frequent first.
fn spellings(names: &Names, record_ids: &[usize]) -> Vec<(String, usize)> {
    if let [one] = record_ids {
        return vec![(names.of(*one).primary.clone(), 1)];
    }
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in record_ids {
        *spellings.entry(names.of(i).primary.as_str()).or_default() += 1;
    }
    let mut spellings: Vec<(String, usize)> = spellings.into_iter().map(|(n, c)| (n.to_owned(), c)).collect();
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    spellings
}

/// The jurisdiction of the node holding most of the cluster's records with a form (by node: a
/// node's records share its key, and mostly their forms).
fn jurisdiction(nodes: &[Node], cluster: &[usize]) -> Option<String> {
    if let [one] = cluster {
        return nodes[*one].jurisdiction.as_deref().map(|codes| codes.join(" "));
    }
    let mut counts: BTreeMap<&[String], usize> = BTreeMap::new();
    for &n in cluster {
        if let Some(codes) = nodes[n].jurisdiction.as_deref() {
            *counts.entry(codes).or_default() += nodes[n].records.len();
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(codes, _)| codes.join(" "))
}

/// The companies of the clusters, their relations, and the links of `joins` (the unions made, with
/// their evidence).
pub(super) fn build_companies(
    dataset: &Dataset,
    names: &Names,
    nodes: &[Node],
    clusters: &mut Clusters,
    joins: &[(usize, usize, Evidence)],
) -> Resolution {
    let records = &dataset.records;
    // Each cluster's nodes, clusters in the order of their roots: a sort, not a map of a million
    // small vectors.
    let mut by_root: Vec<(usize, usize)> = (0..nodes.len()).map(|n| (clusters.find(n), n)).collect();
    by_root.sort_unstable();
    let by_root: Vec<usize> = by_root.into_iter().map(|(_, n)| n).collect();
    let roots: Vec<usize> = by_root.iter().map(|&n| clusters.find(n)).collect();
    let mut companies: Vec<(Company, Vec<usize>)> = Vec::new();
    let mut start = 0;
    while start < by_root.len() {
        let end = start + roots[start..].partition_point(|&r| r == roots[start]);
        companies.push(company(records, names, nodes, &by_root[start..end]));
        start = end;
    }
    assign_ids(&mut companies, "fw", |(c, _)| &c.anchor, |(c, _), id| c.id = id);

    let mut record_company = vec![None; records.len()];
    for (c, (_, ids)) in companies.iter().enumerate() {
        for &i in ids {
            record_company[i] = Some(c);
        }
    }
    let kinds: Vec<RecordKind> = (0..records.len()).map(|i| names.of(i).kind).collect();
    let companies: Vec<Company> = companies.into_iter().map(|(c, _)| c).collect();

    // The company each key belongs to, for turning a related name into a company.
    let mut company_of_key: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
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
            let year = dataset.fairs[records[i].fair].year;
            let other = company_of_key
                .get(other_key.as_str())
                .map(|&(c, _)| c)
                .filter(|&c| c != company);
            relations
                .entry((company, *kind, other_key))
                .and_modify(|rel| {
                    rel.records += 1;
                    rel.latest_year = rel.latest_year.max(year);
                })
                .or_insert(Relation {
                    company,
                    kind: *kind,
                    other,
                    other_name: other_name.clone(),
                    record: i,
                    records: 1,
                    latest_year: year,
                });
        }
    }
    // Each joined node's most frequent spelling, found once: a popular node takes part in many joins.
    let mut spellings: FxHashMap<usize, String> = FxHashMap::default();
    let mut spelling = |n: usize| {
        spellings
            .entry(n)
            .or_insert_with(|| {
                most_frequent(nodes[n].records.iter().map(|&i| names.of(i).primary.as_str()))
                    .unwrap_or(nodes[n].key)
                    .to_owned()
            })
            .clone()
    };
    let mut links: Vec<Link> = joins
        .iter()
        .filter_map(|&(a, b, evidence)| {
            let company = record_company[nodes[a].records[0]]?;
            Some(Link {
                company,
                left: spelling(a),
                right: spelling(b),
                evidence,
            })
        })
        .collect();
    links.sort_by(|x, y| {
        (x.company, &x.left, &x.right, x.evidence).cmp(&(y.company, &y.left, &y.right, y.evidence))
    });
    Resolution {
        kinds,
        record_company,
        companies,
        relations: relations.into_values().collect(),
        links,
        judgement_effects: Vec::new(),
    }
}
