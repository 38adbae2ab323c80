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
mod evidence;
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
use contacts::{address_pairs, domain_pairs, telephone_pairs};
use distinctive::{distinctive_name_pairs, dominant_firm_pairs};
use evidence::{in_acceptance_order, Candidate};
pub use evidence::{Evidence, EvidenceKind, Strength, EVIDENCE};
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
                candidates.push(Candidate::new(Evidence::SameKeyWithoutCountry, n, other));
            }
        }
    }
    candidates.extend(distinctive_name_pairs(&nodes));
    // "Israel Aircraft Industries (IAI)" joins "IAI" where the countries allow.
    for (n, node) in nodes.iter().enumerate() {
        for alias in &node.aliases {
            for other in nodes_of_key(&nodes, alias) {
                if other != n && may_join(node, &nodes[other]) {
                    candidates.push(Candidate::new(Evidence::Alias, n, other));
                }
            }
        }
    }
    candidates.extend(telephone_pairs(dataset, &nodes));
    candidates.extend(address_pairs(dataset, &nodes));
    if options.use_websites {
        candidates.extend(domain_pairs(dataset, &nodes));
    }
    for candidate in in_acceptance_order(candidates) {
        let (a, b) = (candidate.a, candidate.b);
        if candidate.evidence.crosses_countries() || clusters.countries_meet(a, b) {
            clusters.union(a, b);
        }
    }
    for candidate in dominant_firm_pairs(&nodes, &mut clusters) {
        clusters.union(candidate.a, candidate.b);
    }

    companies::build_companies(dataset, &names, &nodes, &mut clusters)
}
