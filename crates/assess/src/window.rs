//! Findings for any window — years, fairs, adversary list — from the stored assessment of the whole
//! corpus, so that `report` and `serve` answer from the database alone. `build` keeps every firm's
//! evidence per record (a name's per fair edition) and its markets per edition. A window keeps the
//! evidence of its records (registry and list rows always), the markets of its editions, and grades,
//! places and rates again with the same rules; a firm's kind and headquarters come from all its
//! records and do not change with the window. So [`within`] gives what [`crate::assess`] gives on the
//! corpus for that scope (tested here, and end to end against `report --source`).

use std::collections::{BTreeMap, BTreeSet};

use crate::catalogue::Catalogue;
use crate::{
    conclude, grade, place, shown, Evidence, ExhibitorKind, Facts, Findings, Headquarters, Level, Scope,
    Settings,
};

/// The assessment of the whole corpus as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub level: Level,
    pub firms: Vec<StoredFirm>,
}

/// One firm of [`Stored`]: what does not depend on the window, and the evidence and markets that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFirm {
    pub id: String,
    pub name: String,
    /// Its companies (indices into [`Catalogue::companies`]), head first.
    pub companies: Vec<usize>,
    pub kind: ExhibitorKind,
    pub kind_reason: String,
    pub headquarters: Headquarters,
    /// Each capability (index into the rules' capabilities) with all its evidence, in order.
    pub capabilities: Vec<(usize, Vec<Evidence>)>,
    /// Each fair edition it exhibited at (index into [`Catalogue::editions`]) with its records there.
    pub markets: Vec<(usize, usize)>,
}

impl Stored {
    /// What is kept of the findings of the whole corpus.
    pub fn of(findings: &Findings) -> Stored {
        Stored {
            level: findings.settings.level,
            firms: findings
                .firms
                .iter()
                .map(|f| StoredFirm {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    companies: f.companies.clone(),
                    kind: f.kind,
                    kind_reason: f.kind_reason.clone(),
                    headquarters: f.headquarters.clone(),
                    capabilities: f
                        .capabilities
                        .iter()
                        .map(|c| (c.capability, c.evidence.clone()))
                        .collect(),
                    markets: f.markets.iter().map(|m| (m.fair, m.records)).collect(),
                })
                .collect(),
        }
    }
}

/// The findings of `scope` with `adversaries` as the adversary list, from the stored assessment.
pub fn within(
    stored: &Stored,
    catalogue: &Catalogue,
    scope: &Scope,
    adversaries: &BTreeSet<String>,
) -> Findings {
    let settings = Settings {
        adversaries: adversaries.clone(),
        level: stored.level,
    };
    let in_scope: Vec<bool> = catalogue
        .editions
        .iter()
        .map(|e| scope.includes_edition(&e.slug, e.year))
        .collect();
    let firms = stored
        .firms
        .iter()
        .filter_map(|firm| firm_within(firm, catalogue, &in_scope, &settings))
        .collect();
    let fairs: Vec<usize> = (0..in_scope.len()).filter(|&f| in_scope[f]).collect();
    let records = fairs.iter().map(|&f| catalogue.editions[f].company_records).sum();
    Findings {
        scope: scope.clone(),
        settings,
        firms,
        fairs,
        records,
    }
}

fn firm_within(
    firm: &StoredFirm,
    catalogue: &Catalogue,
    in_scope: &[bool],
    settings: &Settings,
) -> Option<crate::FirmFinding> {
    let markets: Vec<_> = firm
        .markets
        .iter()
        .filter(|(fair, _)| in_scope[*fair])
        .map(|&(fair, records)| {
            let edition = &catalogue.editions[fair];
            place::market(fair, edition.host.clone(), edition.year, records, settings)
        })
        .collect();
    if markets.is_empty() {
        return None;
    }
    let kept = |e: &&Evidence| e.record.is_none_or(|r| in_scope[catalogue.records[r].fair]);
    let evidence: BTreeMap<usize, Vec<Evidence>> = firm
        .capabilities
        .iter()
        .map(|(capability, all)| (*capability, all.iter().filter(kept).cloned().collect::<Vec<_>>()))
        .filter(|(_, evidence)| !evidence.is_empty())
        .collect();
    let capabilities = grade::capabilities(evidence);
    if !shown(firm.kind, &capabilities) {
        return None;
    }
    Some(conclude(
        Facts {
            id: firm.id.clone(),
            name: firm.name.clone(),
            companies: firm.companies.clone(),
            kind: firm.kind,
            kind_reason: firm.kind_reason.clone(),
            capabilities,
            headquarters: firm.headquarters.clone(),
            markets,
        },
        &|fair| catalogue.editions[fair].name.as_str(),
    ))
}
