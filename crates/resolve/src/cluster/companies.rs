//! Clusters to companies: each cluster of nodes becomes a company named by its most frequent
//! spelling and identified by an id minted from its anchor, and the relations its names state
//! ("SENSECY (A VERINT COMPANY)") become relations between companies, never merges.

use std::borrow::Cow;
use std::collections::BTreeMap;

use fairwatch_ingest::{Dataset, ExhibitorRecord, Iso2};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::clusters::Clusters;
use super::names::Names;
use super::nodes::{most_frequent, nodes_of_key, Node};
use super::{Company, Evidence, Link, RecordKind, Relation, Resolution};
use crate::ids::{ids_in_order, Id};
use crate::normalise::{split_name, RelationKind};
use crate::runs::Runs;

/// The nodes of each cluster, clusters in the order of their roots.
struct ClusterNodes {
    by_root: Runs,
    roots: Vec<usize>,
}

impl ClusterNodes {
    /// The clusters' nodes, read from the union-find, which is done with then.
    fn new(mut clusters: Clusters, nodes: usize) -> ClusterNodes {
        let root_of: Vec<usize> = (0..nodes).map(|n| clusters.find(n)).collect();
        let by_root = Runs::new(nodes, root_of.iter().copied().zip(0..));
        ClusterNodes {
            roots: by_root.keys().collect(),
            by_root,
        }
    }

    fn len(&self) -> usize {
        self.roots.len()
    }

    fn of(&self, cluster: usize) -> &[usize] {
        self.by_root.of(self.roots[cluster])
    }
}

/// The key a cluster's company id is minted from: the key of its node of most records (ties to the
/// smallest key), with the country for a country-bound key, and the jurisdiction for a legal entity
/// of one name and another jurisdiction than the key's main one.
fn anchor(nodes: &[Node], cluster: &[usize]) -> String {
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
    if node.contested && !node.principal {
        anchor.push('|');
        anchor.push_str(&node.jurisdiction.as_deref().unwrap_or_default().join(" "));
    }
    anchor
}

/// The company of one cluster (its nodes), with its id and anchor.
fn company(
    records: &[ExhibitorRecord],
    names: &Names,
    nodes: &[Node],
    cluster: &[usize],
    (id, anchor): (Id, String),
) -> Company {
    let record_ids: Cow<[usize]> = match cluster {
        [one] => Cow::Borrowed(&nodes[*one].records),
        _ => cluster
            .iter()
            .flat_map(|&n| nodes[n].records.iter().copied())
            .collect(),
    };
    let spellings = spellings(names, &record_ids);
    // The records' keys, which a node's key need not be (a Chinese firm's without its region).
    let mut keys: Vec<&str> = record_ids.iter().map(|&i| names.of(i).key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let keys = if keys == [super::anchor_key(&anchor)] {
        Box::default()
    } else {
        keys.into_iter().map(Box::from).collect()
    };
    Company {
        id,
        keys,
        anchor,
        country: most_frequent(
            record_ids
                .iter()
                .filter_map(|&i| records[i].country.iso2.as_deref()),
        )
        .map(Iso2::new),
        records: record_ids.len(),
        names: spellings,
        jurisdiction: jurisdiction(nodes, cluster).map(String::into_boxed_str),
    }
}

/// Every spelling of the records with its number of records, most frequent first.
fn spellings(names: &Names, record_ids: &[usize]) -> Box<[(Box<str>, usize)]> {
    if let [one] = record_ids {
        return Box::new([(names.of(*one).primary.as_str().into(), 1)]);
    }
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in record_ids {
        *spellings.entry(names.of(i).primary.as_str()).or_default() += 1;
    }
    let mut spellings: Box<[(Box<str>, usize)]> = spellings.into_iter().map(|(n, c)| (n.into(), c)).collect();
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
    clusters: Clusters,
    joins: &[(usize, usize, Evidence)],
) -> Resolution {
    let records = &dataset.records;
    let clusters = ClusterNodes::new(clusters, nodes.len());
    // Anchors first, for the ids; then the companies, made in the order of their ids.
    let mut anchors: Vec<String> = (0..clusters.len())
        .into_par_iter()
        .map(|c| anchor(nodes, clusters.of(c)))
        .collect();
    let ids = ids_in_order("fw", &anchors.iter().map(String::as_str).collect::<Vec<_>>());
    let cluster_of: Vec<usize> = ids.iter().map(|&(cluster, _)| cluster).collect();
    let named: Vec<(Id, String)> = ids
        .into_iter()
        .map(|(cluster, id)| (id, std::mem::take(&mut anchors[cluster])))
        .collect();
    drop(anchors);
    let companies: Vec<Company> = named
        .into_par_iter()
        .zip(&cluster_of)
        .map(|(named, &cluster)| company(records, names, nodes, clusters.of(cluster), named))
        .collect();

    let mut record_company = vec![None; records.len()];
    for (c, &cluster) in cluster_of.iter().enumerate() {
        for &n in clusters.of(cluster) {
            for &i in &nodes[n].records {
                record_company[i] = Some(c);
            }
        }
    }
    let kinds: Vec<RecordKind> = (0..records.len()).map(|i| names.of(i).kind).collect();
    // The company of a key's node of most records (the first such), for turning a related name
    // into a company.
    let company_of_key = |key: &str| {
        nodes_of_key(nodes, key)
            .max_by(|&a, &b| {
                nodes[a]
                    .records
                    .len()
                    .cmp(&nodes[b].records.len())
                    .then(b.cmp(&a))
            })
            .and_then(|n| record_company[nodes[n].records[0]])
    };
    let mut relations: BTreeMap<(usize, RelationKind, String), Relation> = BTreeMap::new();
    for (i, company) in record_company.iter().enumerate() {
        let (Some(company), info) = (*company, names.of(i)) else {
            continue;
        };
        for (kind, other_name) in &info.relations {
            let other_key = split_name(other_name).key;
            let year = dataset.fairs[records[i].fair].year;
            let other = company_of_key(&other_key).filter(|&c| c != company);
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
