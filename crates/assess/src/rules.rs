//! The assessment's data: the capability taxonomy, the rules that read categories and names, the
//! vendor registry and the surveillance-specific events, all compiled in from `data/`.

use std::sync::OnceLock;

use fairwatch_refdata::data_rows;
use fairwatch_resolve::normalise::{name_key, tokens};
use serde::Deserialize;

const TAXONOMY: &str = include_str!("../../../data/taxonomy.csv");
const RULES: &str = include_str!("../../../data/capability_rules.csv");
const VENDORS: &str = include_str!("../../../data/vendors.csv");
const EVENTS: &str = include_str!("../../../data/surveillance_events.csv");

/// How much a piece of evidence says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Weak,
    Strong,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Strong => "strong",
        }
    }
}

/// Confidence that a company markets a capability (rules in docs/methodology.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Capability {
    pub id: String,
    pub label: String,
    pub group: String,
    #[serde(deserialize_with = "yes_no")]
    pub scope: bool,
    #[serde(deserialize_with = "yes_no")]
    pub surveillance: bool,
    pub description: String,
}

fn yes_no<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match String::deserialize(d)?.as_str() {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "expected yes or no, got {other:?}"
        ))),
    }
}

/// Consecutive words, the last optionally a prefix (`forensic*`).
#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<String>,
    last_is_prefix: bool,
}

impl Phrase {
    fn parse(text: &str) -> Phrase {
        let last_is_prefix = text.trim_end().ends_with('*');
        Phrase {
            words: tokens(text),
            last_is_prefix,
        }
    }

    fn found_in(&self, words: &[String]) -> bool {
        let n = self.words.len();
        n > 0
            && words.windows(n).any(|window| {
                window.iter().zip(&self.words).enumerate().all(|(i, (w, p))| {
                    if i == n - 1 && self.last_is_prefix {
                        w.starts_with(p.as_str())
                    } else {
                        w == p
                    }
                })
            })
    }
}

/// A phrase and the phrases that cancel it, as a rule row writes them (`unless` separated by `|`).
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    phrase: Phrase,
    unless: Vec<Phrase>,
}

impl Matcher {
    pub(crate) fn new(phrase: &str, unless: &str) -> Matcher {
        Matcher {
            phrase: Phrase::parse(phrase),
            unless: unless
                .split('|')
                .filter(|u| !u.trim().is_empty())
                .map(Phrase::parse)
                .collect(),
        }
    }

    /// Whether the phrase is in `words` and none of its exceptions is.
    pub(crate) fn fires(&self, words: &[String]) -> bool {
        self.phrase.found_in(words) && !self.unless.iter().any(|u| u.found_in(words))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// A category string of a fair's list.
    Category,
    /// An exhibitor's name.
    Name,
    /// The `solution` words of a published vendor list's row.
    Solution,
}

/// One row of `data/capability_rules.csv`.
#[derive(Debug, Clone)]
pub struct Rule {
    pub target: Target,
    /// The phrase as written in the data, quoted in the evidence.
    pub phrase: String,
    pub capability: usize,
    pub strength: Strength,
    matcher: Matcher,
}

/// One row of `data/vendors.csv`: what one source says about one vendor.
#[derive(Debug, Clone)]
pub struct Vendor {
    pub vendor: String,
    /// The names it matches, its own first.
    pub names: Vec<String>,
    pub hq: String,
    pub capabilities: Vec<usize>,
    pub confidence: Confidence,
    pub source_url: String,
    pub source_says: String,
    pub read_on: String,
}

#[derive(Deserialize)]
struct RuleRow {
    applies_to: Target,
    phrase: String,
    unless: String,
    capability: String,
    strength: Strength,
}

#[derive(Deserialize)]
struct VendorRow {
    vendor: String,
    names: String,
    hq: String,
    capabilities: String,
    confidence: Confidence,
    source_url: String,
    source_says: String,
    read_on: String,
}

#[derive(Deserialize)]
struct EventRow {
    event: String,
}

/// All assessment tables, parsed once.
#[derive(Debug)]
pub struct Rules {
    pub capabilities: Vec<Capability>,
    pub rules: Vec<Rule>,
    pub vendors: Vec<Vendor>,
    event_keys: Vec<String>,
}

impl Rules {
    pub fn get() -> &'static Rules {
        static TABLES: OnceLock<Rules> = OnceLock::new();
        TABLES.get_or_init(Rules::load)
    }

    fn load() -> Rules {
        let capabilities: Vec<Capability> = data_rows("taxonomy.csv", TAXONOMY);
        let index = |file: &str, id: &str| {
            capabilities
                .iter()
                .position(|c| c.id == id)
                .unwrap_or_else(|| panic!("data/{file}: unknown capability {id:?}"))
        };
        let rules = data_rows::<RuleRow>("capability_rules.csv", RULES)
            .into_iter()
            .map(|row| Rule {
                target: row.applies_to,
                capability: index("capability_rules.csv", &row.capability),
                strength: row.strength,
                matcher: Matcher::new(&row.phrase, &row.unless),
                phrase: row.phrase,
            })
            .collect();
        let mut vendors = Vec::new();
        for row in data_rows::<VendorRow>("vendors.csv", VENDORS) {
            vendors.push(Vendor {
                names: row.names.split('|').map(|n| n.trim().to_owned()).collect(),
                capabilities: row
                    .capabilities
                    .split(';')
                    .map(|c| index("vendors.csv", c.trim()))
                    .collect(),
                vendor: row.vendor,
                hq: row.hq,
                confidence: row.confidence,
                source_url: row.source_url,
                source_says: row.source_says,
                read_on: row.read_on,
            });
        }
        let event_keys = data_rows::<EventRow>("surveillance_events.csv", EVENTS)
            .into_iter()
            .map(|e| name_key(&e.event))
            .collect();
        Rules {
            capabilities,
            rules,
            vendors,
            event_keys,
        }
    }

    /// The capability with this id.
    pub fn capability(&self, id: &str) -> Option<usize> {
        self.capabilities.iter().position(|c| c.id == id)
    }

    /// The rules of `target` that fire on `text`, with their positions in `rules`.
    pub fn matching(&self, target: Target, text: &str) -> impl Iterator<Item = (usize, &Rule)> {
        let words = tokens(text);
        self.rules
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.target == target && r.matcher.fires(&words))
    }

    /// Whether an event name (a CSV list's `event`) is a surveillance-specific event.
    pub fn is_surveillance_event(&self, event: &str) -> bool {
        let key = name_key(event);
        self.event_keys
            .iter()
            .any(|e| key == *e || key.starts_with(&format!("{e} ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(target: Target, text: &str) -> Vec<(String, Strength)> {
        let rules = Rules::get();
        rules
            .matching(target, text)
            .map(|(_, r)| (rules.capabilities[r.capability].id.clone(), r.strength))
            .collect()
    }

    #[test]
    fn every_table_loads_and_refers_to_known_capabilities() {
        let rules = Rules::get();
        assert!(rules
            .capabilities
            .iter()
            .any(|c| c.id == "spyware" && c.scope && c.surveillance));
        assert!(rules
            .capabilities
            .iter()
            .any(|c| c.id == "defensive_cyber" && !c.surveillance));
        assert!(rules.vendors.iter().all(|v| v.source_url.starts_with("http")));
        assert!(rules
            .vendors
            .iter()
            .all(|v| !v.source_says.is_empty() && !v.read_on.is_empty()));
        let countries = fairwatch_refdata::Countries::get();
        assert!(rules
            .vendors
            .iter()
            .all(|v| v.hq.is_empty() || countries.by_iso2(&v.hq).is_some()));
    }

    #[test]
    fn category_rules_read_the_fairs_words() {
        use Strength::*;
        assert_eq!(
            fired(Target::Category, "Interception and jamming"),
            [("sigint_ew".into(), Weak)],
            "ticked by jammer and counter-drone makers"
        );
        assert_eq!(
            fired(Target::Category, "Telephone Interception"),
            [("lawful_interception".into(), Strong)]
        );
        assert!(fired(
            Target::Category,
            "Special Reconnaissance Surveillance and Exploitation (SRSE)"
        )
        .is_empty());
        assert_eq!(
            fired(Target::Category, "Forensics - Mobile Phone"),
            [("mobile_forensics".into(), Strong)]
        );
        assert_eq!(
            fired(Target::Category, "Forensic science services"),
            [("forensic_science".into(), Weak)]
        );
        assert_eq!(fired(Target::Solution, "Trojans"), [("spyware".into(), Strong)]);
        assert_eq!(
            fired(Target::Category, "Location & Tracking"),
            [("location_tracking".into(), Strong)]
        );
        assert!(fired(Target::Category, "Patrol vessels/ interceptors").is_empty());
        assert!(fired(Target::Category, "Asset tracking & management").is_empty());
        assert_eq!(
            fired(Target::Category, "Intrusion detection"),
            [("defensive_cyber".into(), Weak)]
        );
        assert_eq!(
            fired(Target::Category, "Counter surveillance"),
            [("counter_surveillance".into(), Strong)]
        );
    }

    #[test]
    fn surveillance_events_are_recognised_by_name() {
        let rules = Rules::get();
        assert!(rules.is_surveillance_event("ISS World"));
        assert!(rules.is_surveillance_event("ISS World Middle East"));
        assert!(!rules.is_surveillance_event("DSEI"));
    }
}
