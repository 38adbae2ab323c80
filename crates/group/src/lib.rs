//! The `group` stage: companies (legal entities) into the corporate groups people name.
//!
//! The fairs list legal entities and offices ("Cellebrite UK Ltd", "Q Cyber Technologies", "FinFisher
//! GmbH"); journalists and researchers speak of firms ("Cellebrite", "NSO Group", "Gamma Group"). The
//! resolver keeps each legal entity a company; this stage puts every company in exactly one group, from
//! evidence of the kinds in [`evidence::GROUP_EVIDENCE`] (human judgements, the curated groups file,
//! relations stated in names, shared website domains with agreeing names, brands named with a place,
//! shared brand words),
//! accepted strongest first under `not_same_group` judgements. A group keeps its members with the link
//! that brought each in, a headquarters with the reason for it, and an id that survives rebuilds.

mod brands;
mod build;
mod everyday;
pub mod evidence;
mod links;
mod place;
pub mod truth;
mod unions;

use fairwatch_ingest::{Dataset, Iso2};
use fairwatch_resolve::ids::Id;
use fairwatch_resolve::judgements::{Effect, Judgement};
use fairwatch_resolve::Resolution;

pub use evidence::GroupEvidence;
pub use fairwatch_refdata::{curated_links, CuratedKind, CuratedLink};

/// Why a group's headquarters is what it is. Its id (`as_str`) is what the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadquartersReason {
    /// The curated groups file gives the parent's country, from the source it cites.
    CuratedParent,
    /// The records of the company that heads the group (the parent a name or row points to, or the
    /// brand its national entities are named after) give this country most often.
    ParentRecords,
    /// No parent is known; this country holds a majority of the group's records with a country.
    RecordsMajority,
    /// No country holds a majority of the group's records: unknown.
    NoClearMajority,
    /// No record of the group gives a country: unknown.
    NoCountry,
}

impl HeadquartersReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HeadquartersReason::CuratedParent => "curated_parent",
            HeadquartersReason::ParentRecords => "parent_records",
            HeadquartersReason::RecordsMajority => "records_majority",
            HeadquartersReason::NoClearMajority => "no_clear_majority",
            HeadquartersReason::NoCountry => "no_country",
        }
    }
}

/// One company's place in its group.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into `Resolution::companies`.
    pub company: usize,
    /// Whether it heads the group (its parent, or its largest company when no parent is known).
    pub head: bool,
    /// The strongest evidence among the accepted links that touch it; `None` for a group of one.
    pub link: Option<GroupEvidence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable id (`fg-` and a hash of the group's anchor: its curated parent, or its head company's
    /// anchor key), so it survives rebuilds and data updates.
    pub id: Id,
    pub name: Box<str>,
    pub anchor: Box<str>,
    pub headquarters: Option<Iso2>,
    pub headquarters_reason: HeadquartersReason,
    /// Head first, then by company id.
    pub members: Box<[Member]>,
    pub records: usize,
}

/// A piece of evidence between two companies, accepted or refused by a `not_same_group` judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupLink {
    /// The member (or the renamed, or the national entity) ...
    pub from: usize,
    /// ... and the company it links to (its parent, new name, brand, or a peer).
    pub to: usize,
    pub evidence: GroupEvidence,
    /// What shows it: the name clause, the domain, the place, the curated kind and years.
    pub detail: String,
    /// The source read, for curated rows.
    pub source: Option<String>,
    pub accepted: bool,
}

#[derive(Debug, Clone)]
pub struct Grouping {
    /// Sorted by id.
    pub groups: Vec<Group>,
    /// Index into `groups` for each company.
    pub company_group: Vec<usize>,
    pub links: Vec<GroupLink>,
    /// For each judgement given, in order: what it did, when it is about groups.
    pub judgement_effects: Vec<Option<Effect>>,
    /// Curated rows whose member name matches no company (kept for `stats`).
    pub curated_unmatched: Vec<String>,
}

/// Puts every company of `resolution` in exactly one group.
pub fn group(
    dataset: &Dataset,
    resolution: &Resolution,
    curated: &[CuratedLink],
    judgements: &[Judgement],
) -> Grouping {
    let asked = judgements
        .iter()
        .flat_map(|j| [j.left.as_str(), j.right.as_str()])
        .chain(
            curated
                .iter()
                .flat_map(|l| [l.member.as_str(), l.parent.as_str()]),
        );
    let index = links::CompanyIndex::new(resolution, asked);
    let mut proposals = links::Proposals::new(resolution.companies.len());
    let judgement_effects = proposals.judgements(&index, judgements);
    let curated_unmatched = proposals.curated(&index, curated);
    // Dropped once the brands are proposed: the groups are built without it.
    let brands = brands::Brands::new(&index);
    proposals.stated_relations(&brands, resolution);
    proposals.shared_domains(&index, dataset, resolution);
    proposals.national_entities(&brands);
    proposals.divisions(&brands, resolution);
    proposals.shared_brands(&brands);
    drop(brands);
    proposals.same_names_abroad(&index);
    let built = build::groups(dataset, resolution, &index, proposals);
    Grouping {
        judgement_effects: judgement_effects
            .into_iter()
            .zip(&built.refused_judgements)
            .map(|(effect, refused)| match (effect, refused) {
                (Some(Effect::Applied), Some(reason)) => Some(Effect::Overruled {
                    reason: reason.clone(),
                }),
                (effect, _) => effect,
            })
            .collect(),
        groups: built.groups,
        company_group: built.company_group,
        links: built.links,
        curated_unmatched,
    }
}
