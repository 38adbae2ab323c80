//! Reports: the four questions of the 2021 Atlantic Council study answered from the findings of a
//! scope, plus trends by year. [`Report::build`] gathers the answers into plain data (what the JSON
//! output is); [`render`] turns them into Markdown, self-contained HTML with SVG charts, or CSV.

pub mod charts;
mod render;

/// The stylesheet of the report's HTML and of the web pages.
pub const STYLE: &str = include_str!("style.css");

use std::collections::{BTreeMap, BTreeSet};

use fairwatch_assess::{Catalogue, Confidence, EvidenceKind, Findings, FirmFinding, RatingLevel, Rules};
use serde::Serialize;

pub use render::{context, render, Format, TEMPLATES};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub scope: ScopeInfo,
    pub counts: Counts,
    /// Question 1: firms marketing interception/intrusion, strongest first.
    pub firms: Vec<Firm>,
    /// Question 2: share of flagged firms with a known headquarters that exhibited on another continent.
    pub outside_home_continent: Share,
    /// Question 3: fairs and host countries by number of high/medium-confidence firms.
    pub fairs: Vec<Tally>,
    pub host_countries: Vec<Tally>,
    /// Question 4: flagged firms that exhibited in adversary states; proliferators first.
    pub adversary_markets: Vec<String>,
    pub trends: Vec<YearTrend>,
    pub limits: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScopeInfo {
    /// `group` (corporate groups, the default) or `entity` (each legal entity).
    pub level: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub fairs: Vec<String>,
    pub fair_editions: usize,
    pub company_records: usize,
    pub adversaries: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub flagged: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub irresponsible_proliferators: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Share {
    pub firms: usize,
    pub with_headquarters: usize,
    /// Flagged firms whose headquarters is unknown (no clear majority, no country): not in the share.
    pub unknown_headquarters: usize,
    pub percent: f64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Tally {
    pub key: String,
    pub label: String,
    pub high_medium_firms: usize,
    pub editions: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct YearTrend {
    pub year: i32,
    pub high_medium_firms: usize,
    pub at_adversary_fairs: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Firm {
    pub id: String,
    pub name: String,
    /// Its legal entities (companies), head first.
    pub entities: Vec<String>,
    /// The entities whose evidence flags it, when not its head alone ("Elettronica" through "CY4GATE").
    pub through: Vec<String>,
    /// `high`, `medium` or `low`.
    #[schema(value_type = String)]
    pub confidence: Confidence,
    pub capabilities: Vec<String>,
    pub headquarters: Option<String>,
    /// Why: `registry`, `curated_parent`, `parent_records`, `records_majority`, `no_clear_majority`,
    /// `no_country`, with what decided it.
    pub headquarters_reason: String,
    pub headquarters_detail: String,
    /// UN M49 region and sub-region of the headquarters ("Europe", "Western Europe").
    pub home_region: Option<String>,
    pub home_subregion: Option<String>,
    pub home_continent: Option<String>,
    pub outside_home_continent: bool,
    pub fairs: usize,
    pub host_countries: Vec<String>,
    /// The rating's id (`irresponsible_proliferator`) and its words.
    pub rating_id: String,
    pub rating: String,
    pub explanation: String,
    pub evidence: Vec<EvidenceLine>,
}

/// One piece of evidence with the file and place it came from.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EvidenceLine {
    /// The legal entity it is about.
    pub entity: String,
    pub capability: String,
    pub kind: String,
    pub strength: String,
    pub text: String,
    pub basis: String,
    pub fair: Option<String>,
    pub file: Option<String>,
    /// Position of the record in its file's exhibitor list (0-based).
    pub position: Option<u32>,
}

/// Evidence lines kept per firm in reports (the database keeps all of them).
const EVIDENCE_SHOWN: usize = 8;

impl Firm {
    /// Its name, with the entities it is flagged through when they are not its head
    /// ("Elettronica (through CY4GATE S.p.A.)").
    pub fn shown_name(&self) -> String {
        if self.through.is_empty() {
            self.name.clone()
        } else {
            format!("{} (through {})", self.name, self.through.join(", "))
        }
    }
}

impl Report {
    /// The report of `findings`, whose indices point into `catalogue`.
    pub fn build(catalogue: &Catalogue, findings: &Findings) -> Report {
        let rules = Rules::get();
        let mut flagged: Vec<(usize, &FirmFinding)> = findings
            .firms
            .iter()
            .enumerate()
            .filter(|(_, c)| c.flagged())
            .collect();
        flagged.sort_by_key(|(_, c)| {
            (
                std::cmp::Reverse(c.confidence),
                std::cmp::Reverse(c.markets.len()),
                c.name.clone(),
            )
        });
        let count = |level: Confidence| {
            flagged
                .iter()
                .filter(|(_, c)| c.confidence == Some(level))
                .count()
        };
        let firms: Vec<Firm> = flagged.iter().map(|(_, c)| firm(catalogue, c)).collect();

        let with_hq: Vec<&FirmFinding> = flagged
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| c.headquarters.iso2.is_some())
            .collect();
        let outside = with_hq.iter().filter(|c| c.outside_home_continent).count();
        let outside_home_continent = Share {
            firms: outside,
            with_headquarters: with_hq.len(),
            unknown_headquarters: flagged.len() - with_hq.len(),
            percent: if with_hq.is_empty() {
                0.0
            } else {
                100.0 * outside as f64 / with_hq.len() as f64
            },
        };

        let strong: Vec<&(usize, &FirmFinding)> = flagged
            .iter()
            .filter(|(_, c)| c.confidence >= Some(Confidence::Medium))
            .collect();
        let mut by_series: BTreeMap<String, (String, BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
        let mut by_host: BTreeMap<String, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
        let mut by_year: BTreeMap<i32, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
        for (firm_index, c) in strong.iter().map(|(i, c)| (*i, *c)) {
            for m in &c.markets {
                let fair = &catalogue.editions[m.fair];
                let series = series_key(&fair.slug);
                let entry = by_series
                    .entry(series)
                    .or_insert_with(|| (fair.series.clone(), BTreeSet::new(), BTreeSet::new()));
                entry.1.insert(firm_index);
                entry.2.insert(m.fair);
                if let Some(host) = &m.host {
                    let entry = by_host.entry(host.clone()).or_default();
                    entry.0.insert(firm_index);
                    entry.1.insert(m.fair);
                }
                if let Some(year) = m.year {
                    let entry = by_year.entry(year).or_default();
                    entry.0.insert(firm_index);
                    if m.adversary {
                        entry.1.insert(firm_index);
                    }
                }
            }
        }
        let mut fairs: Vec<Tally> = by_series
            .into_iter()
            .map(|(key, (label, firms, editions))| Tally {
                key,
                label,
                high_medium_firms: firms.len(),
                editions: editions.len(),
            })
            .collect();
        fairs.sort_by(|a, b| {
            b.high_medium_firms
                .cmp(&a.high_medium_firms)
                .then(a.key.cmp(&b.key))
        });
        let countries = fairwatch_refdata::Countries::get();
        let mut host_countries: Vec<Tally> = by_host
            .into_iter()
            .map(|(key, (firms, editions))| Tally {
                label: countries
                    .by_iso2(&key)
                    .map_or_else(|| key.clone(), |c| c.name.clone()),
                key,
                high_medium_firms: firms.len(),
                editions: editions.len(),
            })
            .collect();
        host_countries.sort_by(|a, b| {
            b.high_medium_firms
                .cmp(&a.high_medium_firms)
                .then(a.key.cmp(&b.key))
        });
        let trends = by_year
            .into_iter()
            .map(|(year, (all, adversary))| YearTrend {
                year,
                high_medium_firms: all.len(),
                at_adversary_fairs: adversary.len(),
            })
            .collect();

        let mut adversary: Vec<&Firm> = firms
            .iter()
            .zip(&flagged)
            .filter(|(_, (_, c))| c.rating.as_ref().is_some_and(|r| !r.adversary_markets.is_empty()))
            .map(|(f, _)| f)
            .collect();
        adversary.sort_by_key(|f| {
            (
                f.rating_id != RatingLevel::IrresponsibleProliferator.id(),
                std::cmp::Reverse(f.confidence),
            )
        });
        let proliferators = flagged
            .iter()
            .filter(|(_, c)| {
                c.rating
                    .as_ref()
                    .is_some_and(|r| r.level == RatingLevel::IrresponsibleProliferator)
            })
            .count();

        let unclassified: BTreeSet<&str> = flagged
            .iter()
            .filter_map(|(_, c)| c.rating.as_ref().map(|r| (c, r)))
            .flat_map(|(c, r)| {
                r.unknown_regime_markets
                    .iter()
                    .filter_map(|&m| c.markets[m].host.as_deref())
            })
            .collect();
        let mut limits = vec![
            "Evidence is what fairs published and what the vendor registry's sources say; a firm absent here may still sell surveillance technology, and a flag is a lead to check, not a verdict.".to_owned(),
            format!("{} capabilities are read from category strings, which only some fairs publish.", rules.capabilities.len()),
        ];
        if !unclassified.is_empty() {
            limits.push(format!(
                "Regime type not yet classified for {} host countries of flagged firms ({}); their fairs count as neither democracy nor autocracy.",
                unclassified.len(),
                unclassified.iter().copied().collect::<Vec<_>>().join(", ")
            ));
        }

        Report {
            scope: ScopeInfo {
                level: findings.settings.level.as_str().to_owned(),
                from: findings.scope.from,
                to: findings.scope.to,
                fairs: findings.scope.fairs.clone(),
                fair_editions: findings.fairs.len(),
                company_records: findings.records,
                adversaries: findings.settings.adversaries.iter().cloned().collect(),
            },
            counts: Counts {
                flagged: flagged.len(),
                high: count(Confidence::High),
                medium: count(Confidence::Medium),
                low: count(Confidence::Low),
                irresponsible_proliferators: proliferators,
            },
            adversary_markets: adversary.iter().map(|f| f.id.clone()).collect(),
            firms,
            outside_home_continent,
            fairs,
            host_countries,
            trends,
            limits,
        }
    }

    pub fn firm(&self, id: &str) -> Option<&Firm> {
        self.firms.iter().find(|f| f.id == id)
    }

    /// The firms of question 4, in the order of `adversary_markets`.
    pub fn adversary_firms(&self) -> impl Iterator<Item = &Firm> {
        self.adversary_markets.iter().filter_map(|id| self.firm(id))
    }
}

/// "milipol-qatar-2012" → "milipol-qatar"; "csv:iss-world-2019" → "csv:iss-world".
pub fn series_key(slug: &str) -> String {
    match slug.rsplit_once('-') {
        Some((series, year)) if year.bytes().all(|b| b.is_ascii_digit()) => series.to_owned(),
        _ => slug.to_owned(),
    }
}

fn firm(catalogue: &Catalogue, c: &FirmFinding) -> Firm {
    let rules = Rules::get();
    let home = c
        .headquarters
        .iso2
        .as_deref()
        .and_then(|h| fairwatch_refdata::Countries::get().by_iso2(h));
    // The capabilities it is flagged for; evidence too thin to flag stays in the database.
    let in_scope: Vec<_> = c
        .capabilities
        .iter()
        .filter(|f| rules.capabilities[f.capability].scope && f.confidence.is_some())
        .collect();
    let through: BTreeSet<usize> = in_scope
        .iter()
        .flat_map(|f| f.evidence.iter().map(|e| e.company))
        .collect();
    // In the firm's own order of entities (head first), whichever catalogue the indices are from.
    let through: Vec<String> = if through.iter().all(|&e| e == c.companies[0]) {
        Vec::new()
    } else {
        c.companies
            .iter()
            .filter(|e| through.contains(e))
            .map(|&e| catalogue.companies[e].clone())
            .collect()
    };
    let mut evidence = Vec::new();
    // Strongest first: registry, then strong categories, so the lines shown are the ones that count.
    let mut lines: Vec<(&fairwatch_assess::CapabilityFinding, &fairwatch_assess::Evidence)> = in_scope
        .iter()
        .flat_map(|f| f.evidence.iter().map(move |e| (*f, e)))
        .collect();
    lines.sort_by_key(|(_, e)| {
        (
            !matches!(e.kind, EvidenceKind::Registry | EvidenceKind::VendorList),
            std::cmp::Reverse(e.strength),
        )
    });
    for (f, e) in lines.into_iter().take(EVIDENCE_SHOWN) {
        let record = e.record.map(|r| catalogue.records[r]);
        let fair = record.map(|r| &catalogue.editions[r.fair]);
        evidence.push(EvidenceLine {
            entity: catalogue.companies[e.company].clone(),
            capability: rules.capabilities[f.capability].id.clone(),
            kind: e.kind.as_str().to_owned(),
            strength: e.strength.as_str().to_owned(),
            text: e.text.clone(),
            basis: e.basis.clone(),
            fair: fair.map(|f| f.slug.clone()),
            file: fair.map(|f| f.file.clone()),
            position: record.map(|r| r.position),
        });
    }
    let hosts: BTreeSet<String> = c.markets.iter().filter_map(|m| m.host.clone()).collect();
    let rating = c.rating.as_ref();
    Firm {
        id: c.id.clone(),
        name: c.name.clone(),
        entities: c
            .companies
            .iter()
            .map(|&m| catalogue.companies[m].clone())
            .collect(),
        through,
        confidence: c.confidence.unwrap_or(Confidence::Low),
        capabilities: in_scope
            .iter()
            .map(|f| rules.capabilities[f.capability].id.clone())
            .collect(),
        headquarters: c.headquarters.iso2.clone(),
        headquarters_reason: c.headquarters.reason.as_str().to_owned(),
        headquarters_detail: c.headquarters.detail.clone(),
        home_region: home.map(|h| h.region.clone()),
        home_subregion: home.map(|h| h.subregion.clone()),
        home_continent: home.map(|h| h.continent.clone()),
        outside_home_continent: c.outside_home_continent,
        fairs: c.markets.len(),
        host_countries: hosts.into_iter().collect(),
        rating_id: rating.map_or("", |r| r.level.id()).to_owned(),
        rating: rating.map_or("", |r| r.level.label()).to_owned(),
        explanation: rating.map_or_else(String::new, |r| r.explanation.clone()),
        evidence,
    }
}
