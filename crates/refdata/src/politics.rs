//! Who a country was, politically, in a given year: alliance memberships, the default list of US/NATO
//! adversaries, and the Regimes of the World classification. All from `data/`, each with its sources.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::countries::data_rows;

const ALLIANCES: &str = include_str!("../../../data/alliances.csv");
const ADVERSARIES: &str = include_str!("../../../data/adversaries.csv");
const REGIMES: &str = include_str!("../../../data/regimes.csv");

/// Regimes of the World (Lührmann, Tannenberg and Lindberg 2018).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    ClosedAutocracy,
    ElectoralAutocracy,
    ElectoralDemocracy,
    LiberalDemocracy,
}

impl Regime {
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::ClosedAutocracy => "closed autocracy",
            Regime::ElectoralAutocracy => "electoral autocracy",
            Regime::ElectoralDemocracy => "electoral democracy",
            Regime::LiberalDemocracy => "liberal democracy",
        }
    }

    pub fn is_autocracy(self) -> bool {
        matches!(self, Regime::ClosedAutocracy | Regime::ElectoralAutocracy)
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A regime looked up for a year, and whether the table covers that year or the value was carried
/// forward from the last classified year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegimeFor {
    pub regime: Regime,
    pub year: i32,
    pub carried_forward: bool,
}

#[derive(Deserialize)]
struct AllianceRow {
    alliance: String,
    iso2: String,
    joined: i32,
    left: Option<i32>,
}

#[derive(Deserialize)]
struct CodeRow {
    iso2: String,
}

#[derive(Deserialize)]
struct RegimeRow {
    iso2: String,
    from: i32,
    to: i32,
    regime: Regime,
}

/// The political reference tables.
#[derive(Debug)]
pub struct Politics {
    alliances: HashMap<(String, String), (i32, Option<i32>)>,
    adversaries: BTreeSet<String>,
    regimes: HashMap<String, Vec<(i32, i32, Regime)>>,
}

impl Politics {
    pub fn get() -> &'static Politics {
        static TABLES: OnceLock<Politics> = OnceLock::new();
        TABLES.get_or_init(Politics::load)
    }

    fn load() -> Politics {
        let alliances = data_rows::<AllianceRow>("alliances.csv", ALLIANCES)
            .into_iter()
            .map(|r| ((r.alliance, r.iso2), (r.joined, r.left)))
            .collect();
        let adversaries = data_rows::<CodeRow>("adversaries.csv", ADVERSARIES)
            .into_iter()
            .map(|r| r.iso2)
            .collect();
        let mut regimes: HashMap<String, Vec<(i32, i32, Regime)>> = HashMap::new();
        for row in data_rows::<RegimeRow>("regimes.csv", REGIMES) {
            regimes
                .entry(row.iso2)
                .or_default()
                .push((row.from, row.to, row.regime));
        }
        for runs in regimes.values_mut() {
            runs.sort_unstable();
        }
        Politics {
            alliances,
            adversaries,
            regimes,
        }
    }

    /// Whether `iso2` belonged to `alliance` ("NATO", "EU", "FVEY") in `year`.
    pub fn member(&self, alliance: &str, iso2: &str, year: i32) -> bool {
        self.alliances
            .get(&(alliance.to_owned(), iso2.to_owned()))
            .is_some_and(|&(joined, left)| joined <= year && left.is_none_or(|l| year <= l))
    }

    /// The documented default adversary list (`data/adversaries.csv`).
    pub fn default_adversaries(&self) -> &BTreeSet<String> {
        &self.adversaries
    }

    /// The regime of `iso2` in `year`; after the last classified year the last value is carried
    /// forward (and marked so). None when the country or year is not classified.
    pub fn regime(&self, iso2: &str, year: i32) -> Option<RegimeFor> {
        let runs = self.regimes.get(iso2)?;
        if let Some(&(_, _, regime)) = runs.iter().find(|&&(from, to, _)| from <= year && year <= to) {
            return Some(RegimeFor {
                regime,
                year,
                carried_forward: false,
            });
        }
        let &(_, last, regime) = runs.last()?;
        (year > last).then_some(RegimeFor {
            regime,
            year: last,
            carried_forward: true,
        })
    }
}

/// Reads an adversary list a user supplies (the columns of `data/adversaries.csv`).
pub fn parse_adversaries(name: &str, text: &str) -> Result<BTreeSet<String>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut codes = BTreeSet::new();
    for (i, row) in reader.deserialize::<CodeRow>().enumerate() {
        let row = row.map_err(|e| format!("{name}: row {}: {e}", i + 1))?;
        codes.insert(adversary_code(&row.iso2).map_err(|e| format!("{name}: row {}: {e}", i + 1))?);
    }
    Ok(codes)
}

/// Reads adversary codes given one by one (`--adversary CN`, a form field of `CN, RU`).
pub fn adversary_codes<'a>(
    name: &str,
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeSet<String>, String> {
    codes
        .into_iter()
        .map(|code| adversary_code(code).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// One ISO 3166 alpha-2 code, trimmed and upper-cased, that the country table knows.
fn adversary_code(code: &str) -> Result<String, String> {
    let code = code.trim().to_ascii_uppercase();
    match crate::Countries::get().by_iso2(&code) {
        Some(_) => Ok(code),
        None => Err(format!(
            "{:?} is not an ISO 3166 alpha-2 code",
            code.chars().take(20).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_follows_accession_and_exit() {
        let p = Politics::get();
        assert!(p.member("NATO", "FR", 1990));
        assert!(!p.member("NATO", "FI", 2022));
        assert!(p.member("NATO", "FI", 2023));
        assert!(!p.member("NATO", "PL", 1998));
        assert!(p.member("EU", "GB", 2020));
        assert!(!p.member("EU", "GB", 2021));
        assert!(p.member("FVEY", "NZ", 2000));
        assert!(!p.member("NATO", "QA", 2022));
    }

    #[test]
    fn default_adversaries_are_the_four_of_the_threat_assessment() {
        let names: Vec<&str> = Politics::get()
            .default_adversaries()
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(names, ["CN", "IR", "KP", "RU"]);
    }

    #[test]
    fn regimes_are_looked_up_by_year_and_carried_forward_visibly() {
        let p = Politics::get();
        assert_eq!(p.regime("AR", 1980).unwrap().regime, Regime::ClosedAutocracy);
        assert_eq!(p.regime("AR", 2000).unwrap().regime, Regime::ElectoralDemocracy);
        let later = p.regime("AT", 2025).unwrap();
        assert!(later.carried_forward);
        assert_eq!((later.regime, later.year), (Regime::ElectoralDemocracy, 2022));
        assert_eq!(p.regime("AR", 1900), None);
        assert_eq!(p.regime("ZZ", 2000), None);
        // A year the source leaves out stays unknown rather than being bridged.
        assert_eq!(p.regime("BD", 1978), None);
        assert_eq!(p.regime("QA", 2012).unwrap().regime, Regime::ClosedAutocracy);
    }

    #[test]
    fn regime_runs_are_ordered_and_never_overlap() {
        for (iso2, runs) in &Politics::get().regimes {
            assert!(
                crate::Countries::get().by_iso2(iso2).is_some(),
                "regimes.csv: unknown country {iso2}"
            );
            for &(from, to, _) in runs {
                assert!(from <= to, "regimes.csv: {iso2} {from}-{to} runs backwards");
            }
            for pair in runs.windows(2) {
                assert!(
                    pair[0].1 < pair[1].0,
                    "regimes.csv: {iso2} runs overlap: {pair:?}"
                );
            }
        }
    }

    #[test]
    fn user_adversary_lists_are_checked() {
        let ok = parse_adversaries("list.csv", "iso2\nby\nSY\n").unwrap();
        assert_eq!(ok.into_iter().collect::<Vec<_>>(), ["BY", "SY"]);
        let err = parse_adversaries("list.csv", "iso2\nXX\n").unwrap_err();
        assert!(err.contains("list.csv: row 1"), "{err}");
    }
}
