//! The `assess` stage: firms to findings. A firm is a corporate group (the unit people name) or, at
//! [`Level::Entity`], one legal entity. For each firm it says what kind of exhibitor it is, gathers
//! evidence of what it sells (the fairs' categories, its names, the curated registry, published vendor
//! lists, attendance at surveillance-specific events), grades it high / medium / low, places its
//! headquarters, lists where it marketed, and rates whether it proliferates: markets
//! interception/intrusion both to NATO members and to adversary or autocratic states. Every claim
//! keeps the records and sources behind it. The rules are in docs/methodology.md.

pub mod catalogue;
mod gather;
pub mod grade;
pub mod kind;
mod place;
mod rating;
pub mod registry;
pub mod rules;
pub mod window;

use std::collections::BTreeSet;

use fairwatch_group::Grouping;
use fairwatch_ingest::{Dataset, Fair};
use fairwatch_refdata::{Countries, Politics, RegimeFor};
use fairwatch_resolve::Resolution;
use rayon::prelude::*;

pub use catalogue::{Catalogue, Edition, RecordPlace};
pub use kind::ExhibitorKind;
pub use place::HeadquartersReason;
pub use registry::Registry;
pub use rules::{Confidence, Rules, Strength, Target};
pub use window::{within, Stored, StoredFirm};

/// Which records a question is asked of: a window of years and a set of fairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Fair series or editions by slug ("milipol-qatar", "milipol-qatar-2012"); empty means all.
    pub fairs: Vec<String>,
}

impl Scope {
    pub fn includes(&self, fair: &Fair) -> bool {
        self.includes_edition(&fair.slug, fair.year)
    }

    /// Whether the edition of this slug and year is in scope.
    pub fn includes_edition(&self, slug: &str, year: Option<i32>) -> bool {
        let year_ok = match year {
            Some(y) => self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t),
            None => self.from.is_none() && self.to.is_none(),
        };
        year_ok
            && (self.fairs.is_empty()
                || self.fairs.iter().any(|f| {
                    let f = f.to_ascii_lowercase();
                    slug == f
                        || slug.strip_prefix(f.as_str()).is_some_and(|rest| {
                            rest.strip_prefix('-')
                                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                        })
                }))
    }
}

/// What is rated: the corporate group (the firm people name) or each legal entity on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    #[default]
    Group,
    Entity,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Group => "group",
            Level::Entity => "entity",
        }
    }
}

/// Settings a user may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// States whose markets count as adversary markets (default `data/adversaries.csv`).
    pub adversaries: BTreeSet<String>,
    pub level: Level,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            adversaries: Politics::get().default_adversaries().clone(),
            level: Level::Group,
        }
    }
}

/// What a piece of evidence is; `as_str` is the id the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A category string the fair listed the company under.
    Category,
    /// A word in the company's name.
    Name,
    /// A row of the curated registry (`data/vendors.csv`).
    Registry,
    /// A row of a published vendor list (digitalfreedom/data-vendors).
    VendorList,
    /// Attendance at a surveillance-specific event.
    Event,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Category => "category",
            EvidenceKind::Name => "name",
            EvidenceKind::Registry => "registry",
            EvidenceKind::VendorList => "vendor_list",
            EvidenceKind::Event => "event",
        }
    }
}

/// One piece of evidence that a firm markets a capability. Evidence read from records is kept per
/// record (a name's once per fair edition), so that the findings of a window are the stored findings'
/// evidence from that window's records ([`window`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub strength: Strength,
    /// The legal entity (index into `Resolution::companies`) it is about: its record's company, or the
    /// company a registry or list row named. A group's finding says through which entity it holds.
    pub company: usize,
    /// The exhibitor record it was read from (category, name, event).
    pub record: Option<usize>,
    /// The text that fired: the category string, the name, the registry's or the list's statement.
    pub text: String,
    /// The rule phrase, or the source URL (a registry row's page; a list row at its commit).
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityFinding {
    pub capability: usize,
    /// None: evidence too thin to flag (kept and shown all the same).
    pub confidence: Option<Confidence>,
    pub evidence: Vec<Evidence>,
}

/// Where the headquarters is (None: unknown) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headquarters {
    pub iso2: Option<String>,
    pub reason: HeadquartersReason,
    /// What decided it: the registry row and its source, the share of records.
    pub detail: String,
}

/// One fair edition at which the firm exhibited, with the number of its records there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Market {
    pub fair: usize,
    pub records: usize,
    pub host: Option<String>,
    pub year: Option<i32>,
    pub nato: bool,
    pub adversary: bool,
    pub regime: Option<RegimeFor>,
}

impl Market {
    fn autocracy(&self) -> bool {
        self.regime.is_some_and(|r| r.regime.is_autocracy())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RatingLevel {
    /// Marketed only in its home country or in democracies not on the adversary list.
    NoConcern,
    /// Marketed abroad only in NATO states and countries whose regime type is not classified yet:
    /// no rating can be given on the data.
    Unrated,
    /// Marketed in autocracies (not on the adversary list), not in NATO states.
    Autocracies,
    /// Marketed both in NATO states and in autocracies not on the adversary list.
    NatoAndAutocracies,
    /// Marketed in adversary states, not in NATO states.
    Adversaries,
    /// Marketed both in NATO states and in adversary states: the study's "irresponsible proliferator".
    IrresponsibleProliferator,
}

impl RatingLevel {
    /// Every level, gravest first.
    pub const ALL: [RatingLevel; 6] = [
        RatingLevel::IrresponsibleProliferator,
        RatingLevel::Adversaries,
        RatingLevel::NatoAndAutocracies,
        RatingLevel::Autocracies,
        RatingLevel::Unrated,
        RatingLevel::NoConcern,
    ];

    /// The stable id the database stores.
    pub fn id(self) -> &'static str {
        match self {
            RatingLevel::NoConcern => "no_concern",
            RatingLevel::Unrated => "unrated",
            RatingLevel::Autocracies => "autocracies",
            RatingLevel::NatoAndAutocracies => "nato_and_autocracies",
            RatingLevel::Adversaries => "adversaries",
            RatingLevel::IrresponsibleProliferator => "irresponsible_proliferator",
        }
    }

    /// The words shown to people.
    pub fn label(self) -> &'static str {
        match self {
            RatingLevel::NoConcern => "no concern found",
            RatingLevel::Unrated => "not rated: host regimes unclassified",
            RatingLevel::Autocracies => "markets to autocracies",
            RatingLevel::NatoAndAutocracies => "markets to NATO and to autocracies",
            RatingLevel::Adversaries => "markets to adversaries",
            RatingLevel::IrresponsibleProliferator => "irresponsible proliferator",
        }
    }

    /// The level a stored id names.
    pub fn from_id(id: &str) -> Option<RatingLevel> {
        RatingLevel::ALL.into_iter().find(|l| l.id() == id)
    }
}

/// The proliferation rating of a firm flagged for interception/intrusion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub level: RatingLevel,
    pub explanation: String,
    /// Indices into the firm's markets behind each part of the rating.
    pub nato_markets: Vec<usize>,
    pub adversary_markets: Vec<usize>,
    pub autocracy_markets: Vec<usize>,
    /// Markets abroad whose host's regime type is not classified in `data/regimes.csv`.
    pub unknown_regime_markets: Vec<usize>,
}

/// Everything fairwatch concludes about one firm within a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirmFinding {
    /// The group's id (`fg-…`) or, at entity level, the company's id (`fw-…`).
    pub id: String,
    pub name: String,
    /// Its companies (indices into `Resolution::companies`), head first.
    pub companies: Vec<usize>,
    pub kind: ExhibitorKind,
    /// Why it is of that kind (the rule or judgement), empty for a company.
    pub kind_reason: String,
    pub capabilities: Vec<CapabilityFinding>,
    /// Highest confidence over the interception/intrusion capabilities; None when not flagged
    /// (also for every exhibitor that is not a company).
    pub confidence: Option<Confidence>,
    pub headquarters: Headquarters,
    pub markets: Vec<Market>,
    /// Whether it exhibited in a host country on another continent than its headquarters.
    pub outside_home_continent: bool,
    pub rating: Option<Rating>,
}

impl FirmFinding {
    pub fn flagged(&self) -> bool {
        self.confidence.is_some()
    }
}

/// The findings for a scope: every firm with evidence of a surveillance capability, or that is
/// not a company (kept so that it is shown as what it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findings {
    pub scope: Scope,
    pub settings: Settings,
    pub firms: Vec<FirmFinding>,
    /// Fair editions in scope.
    pub fairs: Vec<usize>,
    /// Company records in scope.
    pub records: usize,
}

/// What the assessment reads: the records, their companies and groups, and the registry.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub dataset: &'a Dataset,
    pub resolution: &'a Resolution,
    pub grouping: &'a Grouping,
    pub registry: &'a Registry,
}

/// Assesses every firm of the chosen level on the records in `scope`.
pub fn assess(inputs: Inputs, scope: &Scope, settings: &Settings) -> Findings {
    let units = match settings.level {
        Level::Group => group_units(inputs),
        Level::Entity => (0..inputs.resolution.companies.len()).map(Unit::Entity).collect(),
    };
    let (firms, in_scope) = assess_units(inputs, scope, settings, units);
    in_scope.findings(firms.into_iter().flatten().map(|f| *f).collect(), scope, settings)
}

/// The findings at group level and at entity level (whatever `settings.level` says), the same as
/// [`assess`] gives at each. A company alone in its group is that group's firm, so it is assessed
/// once and its group's finding is its own, under its id and name.
pub fn assess_both(inputs: Inputs, scope: &Scope, settings: &Settings) -> (Findings, Findings) {
    let grouping = inputs.grouping;
    let alone = |c: usize| grouping.groups[grouping.company_group[c]].members.len() == 1;
    let companies = inputs.resolution.companies.len();
    let mut units = group_units(inputs);
    let groups = units.len();
    units.extend((0..companies).filter(|&c| !alone(c)).map(Unit::Entity));
    let (mut group_firms, in_scope) = assess_units(inputs, scope, settings, units);
    let mut shared = group_firms.split_off(groups).into_iter();
    let entity_firms = (0..companies)
        .filter_map(|c| match alone(c) {
            true => group_firms[grouping.company_group[c]]
                .as_ref()
                .map(|finding| as_entity(inputs, c, finding)),
            false => shared
                .next()
                .expect("one unit for each company sharing its group")
                .map(|f| *f),
        })
        .collect();
    let at = |level: Level| Settings {
        level,
        ..settings.clone()
    };
    let entities = in_scope.findings(entity_firms, scope, &at(Level::Entity));
    let group_firms = group_firms.into_iter().flatten().map(|f| *f).collect();
    (in_scope.findings(group_firms, scope, &at(Level::Group)), entities)
}

/// The finding of a group of one company, as that company's.
fn as_entity(inputs: Inputs, company: usize, group_finding: &FirmFinding) -> FirmFinding {
    let entity = &inputs.resolution.companies[company];
    FirmFinding {
        id: entity.id.to_string(),
        name: entity.name().to_owned(),
        ..group_finding.clone()
    }
}

/// A firm to assess: a group or one legal entity, by index. What it is made of is looked up when it
/// is assessed ([`Firm`]), so that a million firms that come to nothing cost no copies of their ids
/// and names.
#[derive(Clone, Copy)]
enum Unit {
    Group(usize),
    Entity(usize),
}

/// A firm being assessed: its id, name, companies (head first) and, for a group, its index.
struct Firm<'a> {
    id: &'a str,
    name: &'a str,
    companies: Vec<usize>,
    group: Option<usize>,
}

impl Unit {
    fn firm(self, inputs: Inputs) -> Firm {
        match self {
            Unit::Group(g) => {
                let group = &inputs.grouping.groups[g];
                Firm {
                    id: &group.id,
                    name: &group.name,
                    companies: group.members.iter().map(|m| m.company).collect(),
                    group: Some(g),
                }
            }
            Unit::Entity(c) => {
                let company = &inputs.resolution.companies[c];
                Firm {
                    id: &company.id,
                    name: company.name(),
                    companies: vec![c],
                    group: None,
                }
            }
        }
    }
}

fn group_units(inputs: Inputs) -> Vec<Unit> {
    (0..inputs.grouping.groups.len()).map(Unit::Group).collect()
}

/// What a scope holds.
struct InScope {
    /// Fair editions in scope.
    fairs: Vec<usize>,
    /// Company records in scope.
    records: usize,
}

impl InScope {
    fn findings(&self, firms: Vec<FirmFinding>, scope: &Scope, settings: &Settings) -> Findings {
        Findings {
            scope: scope.clone(),
            settings: settings.clone(),
            firms,
            fairs: self.fairs.clone(),
            records: self.records,
        }
    }
}

/// The finding of each unit (None: nothing to report of it, as for nearly all), in their order,
/// assessed on every core; and what the scope holds. Findings are boxed: a unit without one costs
/// a pointer, not a finding's worth of empty fields.
fn assess_units(
    inputs: Inputs,
    scope: &Scope,
    settings: &Settings,
    units: Vec<Unit>,
) -> (Vec<Option<Box<FirmFinding>>>, InScope) {
    let dataset = inputs.dataset;
    let in_scope: Vec<bool> = dataset.fairs.iter().map(|f| scope.includes(f)).collect();
    let records = place::records_by_company(dataset, inputs.resolution, &in_scope);
    let kinds = kind::Kinds::new(dataset);
    let gatherer = gather::Gatherer::new(inputs, &records);
    let firms = units
        .into_par_iter()
        .map(|unit| {
            assess_firm(inputs, &gatherer, &kinds, &records, unit.firm(inputs), settings).map(Box::new)
        })
        .collect();
    let held = InScope {
        fairs: (0..dataset.fairs.len()).filter(|&f| in_scope[f]).collect(),
        records: records.in_scope_count(),
    };
    (firms, held)
}

fn assess_firm(
    inputs: Inputs,
    gatherer: &gather::Gatherer,
    kinds: &kind::Kinds,
    records: &place::CompanyRecords,
    unit: Firm,
    settings: &Settings,
) -> Option<FirmFinding> {
    let in_scope: Vec<usize> = unit
        .companies
        .iter()
        .flat_map(|&c| records.in_scope(c).iter().copied())
        .collect();
    if in_scope.is_empty() {
        return None;
    }
    let (kind, kind_reason) = kinds.of(inputs.resolution, &unit.companies);
    let gathered = gatherer.gather(&unit.companies, &in_scope);
    if !shown(kind, &gathered.capabilities) {
        return None;
    }
    let headquarters = place::headquarters(inputs, records, &unit, &gathered.principal_rows);
    let markets = place::markets(inputs.dataset, &in_scope, settings);
    Some(conclude(
        Facts {
            id: unit.id.to_owned(),
            name: unit.name.to_owned(),
            companies: unit.companies,
            kind,
            kind_reason,
            capabilities: gathered.capabilities,
            headquarters,
            markets,
        },
        &|fair| inputs.dataset.fairs[fair].name.as_str(),
    ))
}

/// Whether a firm is kept in the findings: a company with evidence of a surveillance capability, or
/// any exhibitor that is not a company (shown as what it is).
fn shown(kind: ExhibitorKind, capabilities: &[CapabilityFinding]) -> bool {
    let rules = Rules::get();
    kind != ExhibitorKind::Company
        || capabilities
            .iter()
            .any(|f| rules.capabilities[f.capability].surveillance)
}

/// What is known of a firm in a scope before it is concluded on.
struct Facts {
    id: String,
    name: String,
    companies: Vec<usize>,
    kind: ExhibitorKind,
    kind_reason: String,
    capabilities: Vec<CapabilityFinding>,
    headquarters: Headquarters,
    markets: Vec<Market>,
}

/// The firm's flag (companies only), its reach beyond its home continent and its rating; `fair_name`
/// names the fairs the rating cites.
fn conclude<'a>(facts: Facts, fair_name: &dyn Fn(usize) -> &'a str) -> FirmFinding {
    let confidence = match facts.kind {
        ExhibitorKind::Company => grade::firm_confidence(&facts.capabilities),
        _ => None,
    };
    let home = facts.headquarters.iso2.as_deref();
    let rating = confidence.map(|confidence| rating::rate(fair_name, &facts.markets, home, confidence));
    FirmFinding {
        outside_home_continent: outside_home_continent(&facts.headquarters, &facts.markets),
        id: facts.id,
        name: facts.name,
        companies: facts.companies,
        kind: facts.kind,
        kind_reason: facts.kind_reason,
        capabilities: facts.capabilities,
        confidence,
        headquarters: facts.headquarters,
        markets: facts.markets,
        rating,
    }
}

fn outside_home_continent(headquarters: &Headquarters, markets: &[Market]) -> bool {
    let countries = Countries::get();
    let home = headquarters
        .iso2
        .as_deref()
        .and_then(|h| countries.by_iso2(h))
        .map(|c| c.continent.as_str());
    home.is_some_and(|home| {
        markets.iter().any(|m| {
            m.host
                .as_deref()
                .and_then(|h| countries.by_iso2(h))
                .is_some_and(|h| h.continent != home)
        })
    })
}

#[cfg(test)]
mod tests;
