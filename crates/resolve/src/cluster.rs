//! Records to companies: normalise each distinct name once ([`names`]), group records into nodes
//! by name key and legal jurisdiction ([`nodes`], asking [`keys`] what a key says), propose candidate
//! pairs from blocks ([`blocking`], [`compare`]), from names that begin others ([`distinctive`]) and
//! from shared contacts ([`contacts`]), accept them strongest evidence first ([`evidence`]) after the
//! human judgements ([`judged`]) and under the cannot-links and the country rule ([`clusters`]), and
//! build the resulting companies and the links that joined them ([`companies`]) with ids minted from
//! their anchor keys so ids survive rebuilds (`crate::ids`).

mod acquired;
mod blocking;
mod clusters;
mod companies;
mod compare;
mod contacts;
mod distinctive;
mod divisions;
mod evidence;
mod judged;
mod keys;
mod names;
mod nodes;
#[cfg(test)]
mod tests;
mod truncated;

use fairwatch_ingest::{Dataset, Iso2};
use rayon::prelude::*;
use serde::Serialize;

use crate::ids::Id;
use crate::judgements::{Effect, Judgement};
use crate::normalise::RelationKind;
use acquired::acquisition_conflicts;
use clusters::{CannotLink, Clusters, Union};
use compare::{alias_pairs, same_key_without_country_pairs};
pub use contacts::{address_numbers, telephone_numbers};
use contacts::{address_pairs, domain_pairs, telephone_pairs};
use distinctive::{distinctive_name_pairs, dominant_firm_pairs};
pub use divisions::Divisions;
use evidence::{in_acceptance_order, Candidate};
pub use evidence::{Evidence, EvidenceKind, Strength, EVIDENCE};
pub use keys::extends_with_descriptors;
use names::Names;
use nodes::{build_nodes, jurisdiction_conflicts, Node};
use truncated::truncated_name_pairs;

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
    pub id: Id,
    /// The name key (plus `|` and the country, for short keys kept apart by country; plus `|` and the
    /// jurisdiction codes, for a legal entity of a name held mostly by one of another jurisdiction)
    /// the id derives from.
    pub anchor: String,
    /// The most frequent country of its records.
    pub country: Option<Iso2>,
    pub records: usize,
    /// Every spelling with its number of records, most frequent first.
    pub names: Box<[(Box<str>, usize)]>,
    /// The matching keys of its spellings, sorted, or none when the only one is its anchor's (most
    /// companies: a million of them would hold a second copy of every key). Read by [`Company::keys`].
    keys: Box<[Box<str>]>,
    /// Where the legal form of its records exists: the ISO codes (sorted, joined by spaces: "HU",
    /// "AT CH DE") of the node (records of one key) holding most of its records with a form; None
    /// when none ties it to some. Two
    /// companies of one name and disjoint jurisdictions are different legal entities.
    pub jurisdiction: Option<Box<str>>,
}

/// The name key an anchor begins with (before any `|` and the country or jurisdictions after it).
fn anchor_key(anchor: &str) -> &str {
    anchor.split('|').next().unwrap_or(anchor)
}

impl Company {
    /// The most frequent spelling.
    pub fn name(&self) -> &str {
        &self.names[0].0
    }

    /// The key its anchor begins with.
    pub fn anchor_key(&self) -> &str {
        anchor_key(&self.anchor)
    }

    /// The matching keys of its spellings, sorted: what later stages look a name up by.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        let anchor_only = self.keys.is_empty().then(|| self.anchor_key());
        self.keys.iter().map(|k| &**k).chain(anchor_only)
    }
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
    /// The latest year of a fair whose record states it: of two parents a firm's names give, the
    /// later one is its parent now.
    pub latest_year: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub kinds: Vec<RecordKind>,
    /// Index into `companies` for each record of kind `Company`.
    pub record_company: Vec<Option<usize>>,
    pub companies: Vec<Company>,
    pub relations: Vec<Relation>,
    /// Every union that joined two clusters, sorted by company, then spellings, then evidence.
    pub links: Vec<Link>,
    /// What became of each judgement given, in their order; `None` for the verdicts about groups,
    /// which the group stage applies.
    pub judgement_effects: Vec<Option<Effect>>,
}

/// One accepted union: the evidence that joined two nodes (records of one name key) of a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Index into `Resolution::companies`.
    pub company: usize,
    /// The most frequent spelling of each of the two nodes joined.
    pub left: String,
    pub right: String,
    pub evidence: Evidence,
}

/// Resolves every record of `dataset` into companies.
pub fn resolve(dataset: &Dataset, judgements: &[Judgement], options: Options) -> Resolution {
    let names = Names::analyse(dataset);
    let nodes = build_nodes(dataset, &names);
    let divisions = Divisions::new(nodes.iter().map(|node| (node.key, node.country)));
    // A division joins its brand's group, never its brand's company, whatever the names' evidence.
    let apart = |a: usize, b: usize| divisions.apart(nodes[a].key, nodes[b].key);

    // Candidates are found while the judgements are applied: neither reads the other.
    let ((mut clusters, mut joins, judgement_effects), candidates) = rayon::join(
        || judged_clusters(dataset, &nodes, judgements),
        || candidate_pairs(dataset, &nodes, options),
    );
    for Candidate { evidence, a, b, .. } in in_acceptance_order(candidates) {
        if (evidence.crosses_countries() || clusters.countries_meet(a, b))
            && !apart(a, b)
            && clusters.union(a, b) == Union::Joined
        {
            joins.push((a, b, evidence));
        }
    }
    for Candidate { evidence, a, b, .. } in dominant_firm_pairs(&nodes, &mut clusters) {
        if !apart(a, b) && clusters.union(a, b) == Union::Joined {
            joins.push((a, b, evidence));
        }
    }

    let mut resolution = companies::build_companies(dataset, &names, &nodes, clusters, &joins);
    resolution.judgement_effects = judgement_effects;
    resolution
}

/// Every union made so far, with its evidence, in the order made.
type Joins = Vec<(usize, usize, Evidence)>;

/// One cluster per node, with the known countries of its records, after the human judgements (the
/// unions they made, and what became of each) and then the cannot-links of one key's disjoint
/// jurisdictions and of bought firms renamed under their buyer's brand ([`acquired`]).
fn judged_clusters<'a>(
    dataset: &'a Dataset,
    nodes: &[Node],
    judgements: &[Judgement],
) -> (Clusters<'a>, Joins, Vec<Option<Effect>>) {
    let records = &dataset.records;
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
    let mut joins = Joins::new();
    let judgement_effects = judged::apply(judgements, nodes, &mut clusters, &mut joins);
    // After the judgements, which may join them.
    for (a, b) in jurisdiction_conflicts(nodes) {
        clusters.cannot_link(a, b, CannotLink::Jurisdictions);
    }
    for (a, b) in acquisition_conflicts(nodes) {
        clusters.cannot_link(a, b, CannotLink::Acquisition);
    }
    (clusters, joins, judgement_effects)
}

/// The candidate pairs of every kind of evidence but the dominant firm's (which reads the clusters
/// they make), each kind found on a core of its own: none reads another.
fn candidate_pairs(dataset: &Dataset, nodes: &[Node], options: Options) -> Vec<Candidate> {
    type Finder<'n> = Box<dyn Fn() -> Vec<Candidate> + Sync + 'n>;
    let mut finders: Vec<Finder> = vec![
        Box::new(|| blocking::candidate_pairs(nodes)),
        Box::new(|| same_key_without_country_pairs(dataset, nodes)),
        Box::new(|| distinctive_name_pairs(nodes)),
        Box::new(|| alias_pairs(nodes)),
        Box::new(|| truncated_name_pairs(nodes)),
        Box::new(|| telephone_pairs(dataset, nodes)),
        Box::new(|| address_pairs(dataset, nodes)),
    ];
    if options.use_websites {
        finders.push(Box::new(|| domain_pairs(dataset, nodes)));
    }
    finders.par_iter().flat_map_iter(|find| find()).collect()
}
