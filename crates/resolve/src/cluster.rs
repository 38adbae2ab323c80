//! Records to companies: normalise each distinct name once ([`names`]), group records into nodes
//! by name key ([`nodes`]), propose candidate pairs from blocks ([`blocking`], [`compare`]), from
//! names that begin others ([`distinctive`]) and from shared contacts ([`contacts`]), accept them in a
//! fixed order under the human judgements ([`clusters`]), and build the resulting companies
//! ([`companies`]) with ids minted from their anchor keys so ids survive rebuilds ([`ids`]).

mod blocking;
mod clusters;
mod companies;
mod compare;
mod contacts;
mod distinctive;
mod ids;
mod keys;
mod names;
mod nodes;
#[cfg(test)]
mod tests;

use fairwatch_ingest::Dataset;

use crate::judgements::{Judgement, Verdict};
use crate::normalise::RelationKind;
use clusters::Clusters;
use contacts::{address_numbers, domain_pairs, shared_contact_pairs, telephone_numbers, NameAgreement};
use distinctive::{distinctive_name_pairs, dominant_firm_pairs};
use names::{analyse, Names};
use nodes::{build_nodes, may_join, nodes_of_key};

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

/// Resolves every record of `dataset` into companies.
pub fn resolve(dataset: &Dataset, judgements: &[Judgement], options: Options) -> Resolution {
    let records = &dataset.records;
    let names = Names::analyse(dataset);
    let nodes = build_nodes(dataset, &names);

    let mut clusters = Clusters::new(
        nodes
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
    );
    let mut forced = Vec::new();
    for j in judgements {
        let left = nodes_of_key(&nodes, &analyse(&j.left).key);
        let right = nodes_of_key(&nodes, &analyse(&j.right).key);
        for a in left {
            for b in right.clone() {
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

    let mut candidates = blocking::candidate_pairs(&nodes);
    // A country-bound key's records without a country belong with its only country, if it has
    // just one.
    for (n, node) in nodes.iter().enumerate() {
        let same_key = nodes_of_key(&nodes, node.key);
        let without_country = node.records.iter().all(|&i| records[i].country.iso2.is_none());
        if without_country && same_key.len() == 2 {
            let other = if same_key.start == n {
                same_key.start + 1
            } else {
                same_key.start
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
            for other in nodes_of_key(&nodes, alias) {
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

    companies::build_companies(dataset, &names, &nodes, &mut clusters)
}
