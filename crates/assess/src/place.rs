//! Where a firm is and where it marketed. Headquarters: a registry row's country applies to the
//! entity the row is about (its own name), never to its subsidiaries; a group's headquarters is its
//! parent's (the group stage's, which curated parents and the head's records decide); otherwise the
//! records' countries decide only with a clear majority, else it is unknown with the reason.

use std::collections::BTreeMap;

use fairwatch_ingest::Dataset;
use fairwatch_refdata::Politics;
use fairwatch_resolve::runs::Runs;
use fairwatch_resolve::Resolution;

use fairwatch_group::evidence::HEADQUARTERS_MAJORITY;
use fairwatch_group::HeadquartersReason as GroupReason;

use crate::registry::Match;
use crate::{Firm, Headquarters, Inputs, Market, Settings};

/// Why a firm's headquarters is what it is; `as_str` is the id the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadquartersReason {
    /// A registry or list row about the firm's head entity states it.
    Registry,
    /// As the group stage decides it (curated parent, parent's records, records' majority, or
    /// unknown), for a group or for one entity's own records.
    Records(GroupReason),
}

impl HeadquartersReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HeadquartersReason::Registry => "registry",
            HeadquartersReason::Records(reason) => reason.as_str(),
        }
    }
}

/// Every record of each company, and those in scope (first of their repeats only): each list one
/// table of records sorted by company, with where each company's run begins (a vector per company
/// would cost a million allocations on a large list).
pub(crate) struct CompanyRecords {
    all: Runs,
    in_scope: Runs,
}

impl CompanyRecords {
    pub fn all(&self, company: usize) -> &[usize] {
        self.all.of(company)
    }

    pub fn in_scope(&self, company: usize) -> &[usize] {
        self.in_scope.of(company)
    }

    /// Every record in scope, by company.
    pub fn all_in_scope(&self) -> &[usize] {
        self.in_scope.values()
    }

    pub fn in_scope_count(&self) -> usize {
        self.in_scope.values().len()
    }
}

pub(crate) fn records_by_company(
    dataset: &Dataset,
    resolution: &Resolution,
    in_scope: &[bool],
) -> CompanyRecords {
    let companies = resolution.companies.len();
    let with_company =
        || (resolution.record_company.iter().enumerate()).filter_map(|(i, company)| Some(((*company)?, i)));
    let kept = with_company().filter(|&(_, i)| {
        let record = &dataset.records[i];
        in_scope[record.fair] && record.duplicate_of.is_none()
    });
    CompanyRecords {
        all: Runs::new(companies, with_company()),
        in_scope: Runs::new(companies, kept),
    }
}

pub(crate) fn headquarters(
    inputs: Inputs,
    records: &CompanyRecords,
    unit: &Firm,
    principal_rows: &[(usize, Match)],
) -> Headquarters {
    let head = unit.companies[0];
    let stated = principal_rows.iter().find_map(|(company, found)| {
        let row = &inputs.registry.rows[found.row];
        (*company == head).then(|| row.headquarters().map(|hq| (hq, row.cited())))?
    });
    if let Some((iso2, (who, url))) = stated {
        return Headquarters {
            iso2: Some(iso2.to_owned()),
            reason: HeadquartersReason::Registry,
            detail: format!("{who} ({url})"),
        };
    }
    match unit.group.map(|g| &inputs.grouping.groups[g]) {
        Some(group) if unit.companies.len() > 1 => from_group(group),
        _ => majority(
            inputs.dataset,
            unit.companies
                .iter()
                .flat_map(|&c| records.all(c).iter().copied()),
        ),
    }
}

fn from_group(group: &fairwatch_group::Group) -> Headquarters {
    let detail = match group.headquarters_reason {
        GroupReason::CuratedParent => format!("the parent of {} in data/groups.csv", group.name),
        GroupReason::ParentRecords => format!("the records of {}, which heads the group", group.name),
        _ => format!("the records of the group's {} companies", group.members.len()),
    };
    Headquarters {
        iso2: group.headquarters.as_deref().map(str::to_owned),
        reason: HeadquartersReason::Records(group.headquarters_reason),
        detail,
    }
}

/// The country most records give, if it holds a clear majority of those with a country.
fn majority(dataset: &Dataset, records: impl Iterator<Item = usize>) -> Headquarters {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for r in records {
        total += 1;
        if let Some(iso2) = dataset.records[r].country.iso2.as_deref() {
            *counts.entry(iso2).or_default() += 1;
        }
    }
    let with_country: usize = counts.values().sum();
    let Some((iso2, n)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
        return Headquarters {
            iso2: None,
            reason: HeadquartersReason::Records(GroupReason::NoCountry),
            detail: format!("none of its {total} records gives a country"),
        };
    };
    let detail = format!("{iso2} on {n} of its {with_country} records with a country ({total} records)");
    if *n as f64 > HEADQUARTERS_MAJORITY * with_country as f64 {
        Headquarters {
            iso2: Some((*iso2).to_owned()),
            reason: HeadquartersReason::Records(GroupReason::RecordsMajority),
            detail,
        }
    } else {
        Headquarters {
            iso2: None,
            reason: HeadquartersReason::Records(GroupReason::NoClearMajority),
            detail,
        }
    }
}

pub(crate) fn markets(dataset: &Dataset, records: &[usize], settings: &Settings) -> Vec<Market> {
    let mut by_fair: BTreeMap<usize, usize> = BTreeMap::new();
    for &r in records {
        *by_fair.entry(dataset.records[r].fair).or_default() += 1;
    }
    by_fair
        .into_iter()
        .map(|(fair, records)| {
            let f = &dataset.fairs[fair];
            market(
                fair,
                f.host_country.iso2.as_deref().map(str::to_owned),
                f.year,
                records,
                settings,
            )
        })
        .collect()
}

/// The firm's market at one fair edition: the host's NATO membership and regime type that year, and
/// whether the settings count the host as an adversary.
pub(crate) fn market(
    fair: usize,
    host: Option<String>,
    year: Option<i32>,
    records: usize,
    settings: &Settings,
) -> Market {
    let politics = Politics::get();
    let (nato, regime) = match (host.as_deref(), year) {
        (Some(h), Some(y)) => (politics.member("NATO", h, y), politics.regime(h, y)),
        _ => (false, None),
    };
    let adversary = host.as_ref().is_some_and(|h| settings.adversaries.contains(h));
    Market {
        fair,
        records,
        host,
        year,
        nato,
        adversary,
        regime,
    }
}
