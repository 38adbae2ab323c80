//! What an exhibitor is: a company, or a government body, police force or armed-forces unit,
//! university or research institute, trade association or export-promotion body, publisher, or event
//! organiser. Read from the judgements of `curation/exhibitor_kinds.csv` first, then its legal form (a
//! name with "Ltd" or "GmbH" is a company), its names by the rules of `data/exhibitor_kinds.csv`, and
//! last the fairs' organisers (a police force that co-organises a fair stays a police force). Only
//! companies are flagged.

use std::collections::HashMap;

use fairwatch_ingest::Dataset;
use fairwatch_refdata::data_rows;
use fairwatch_resolve::normalise::{name_key, tokens};
use fairwatch_resolve::Resolution;
use serde::Deserialize;

use crate::rules::Matcher;

const RULES: &str = include_str!("../../../data/exhibitor_kinds.csv");
const JUDGEMENTS: &str = include_str!("../../../curation/exhibitor_kinds.csv");

/// The kinds; `as_str` is the id the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExhibitorKind {
    Company,
    Government,
    PoliceMilitary,
    UniversityResearch,
    Association,
    Media,
    Organiser,
}

impl ExhibitorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExhibitorKind::Company => "company",
            ExhibitorKind::Government => "government",
            ExhibitorKind::PoliceMilitary => "police_military",
            ExhibitorKind::UniversityResearch => "university_research",
            ExhibitorKind::Association => "association",
            ExhibitorKind::Media => "media",
            ExhibitorKind::Organiser => "organiser",
        }
    }
}

#[derive(Deserialize)]
struct RuleRow {
    phrase: String,
    unless: String,
    kind: ExhibitorKind,
}

#[derive(Deserialize)]
struct JudgementRow {
    name: String,
    kind: ExhibitorKind,
    note: String,
}

struct KindRule {
    phrase: String,
    matcher: Matcher,
    kind: ExhibitorKind,
}

/// The kind rules, the judgements by name key and the organisers' name keys.
pub(crate) struct Kinds {
    rules: Vec<KindRule>,
    judged: HashMap<String, (ExhibitorKind, String)>,
    organisers: HashMap<String, String>,
}

impl Kinds {
    pub fn new(dataset: &Dataset) -> Kinds {
        let rules = data_rows::<RuleRow>("exhibitor_kinds.csv", RULES)
            .into_iter()
            .map(|row| KindRule {
                matcher: Matcher::new(&row.phrase, &row.unless),
                phrase: row.phrase,
                kind: row.kind,
            })
            .collect();
        let judged = data_rows::<JudgementRow>("../curation/exhibitor_kinds.csv", JUDGEMENTS)
            .into_iter()
            .map(|j| (name_key(&j.name), (j.kind, j.note)))
            .collect();
        let organisers = dataset
            .fairs
            .iter()
            .flat_map(|f| f.organisers.iter())
            .map(|o| (name_key(&o.name), o.name.clone()))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        Kinds {
            rules,
            judged,
            organisers,
        }
    }

    /// The kind of the firm made of `companies` (head first): its head's, with the reason.
    pub fn of(&self, resolution: &Resolution, companies: &[usize]) -> (ExhibitorKind, String) {
        let head = &resolution.companies[companies[0]];
        if let Some((kind, note)) = head.keys().find_map(|k| self.judged.get(k)) {
            return (*kind, format!("judgement (curation/exhibitor_kinds.csv): {note}"));
        }
        if head.jurisdiction.is_some() {
            return (ExhibitorKind::Company, String::new());
        }
        // Its spellings, most frequent first: "Cranfield" is also listed as "Cranfield University".
        head.names
            .iter()
            .find_map(|(name, _)| {
                let words = tokens(name);
                self.rules.iter().find(|r| r.matcher.fires(&words)).map(|r| {
                    (
                        r.kind,
                        format!("{name:?} says \"{}\" (data/exhibitor_kinds.csv)", r.phrase),
                    )
                })
            })
            .or_else(|| {
                let organiser = head.keys().find_map(|k| self.organisers.get(k))?;
                Some((
                    ExhibitorKind::Organiser,
                    format!("organises a fair in the corpus ({organiser})"),
                ))
            })
            .unwrap_or((ExhibitorKind::Company, String::new()))
    }
}
