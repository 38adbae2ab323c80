//! The `assess` stage: companies to findings. For each company it gathers evidence of what it sells
//! (the fairs' categories, its names, the vendor registry, attendance at surveillance-specific events),
//! grades it high / medium / low, places its headquarters, lists where it marketed, and rates whether
//! it proliferates: markets interception/intrusion both to NATO members and to adversary or autocratic
//! states. Every claim keeps the records and sources behind it. The rules are in docs/methodology.md.

pub mod rules;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fairwatch_ingest::{Dataset, Fair};
use fairwatch_refdata::{Countries, Politics, RegimeFor};
use fairwatch_resolve::Resolution;
pub use rules::{Confidence, Rules, Strength, Target};

/// Which records a question is asked of: a window of years and a set of fairs.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Fair series or editions by slug ("milipol-qatar", "milipol-qatar-2012"); empty means all.
    pub fairs: Vec<String>,
}

impl Scope {
    pub fn includes(&self, fair: &Fair) -> bool {
        let year_ok = match fair.year {
            Some(y) => self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t),
            None => self.from.is_none() && self.to.is_none(),
        };
        year_ok
            && (self.fairs.is_empty()
                || self.fairs.iter().any(|f| {
                    let f = f.to_ascii_lowercase();
                    fair.slug == f
                        || fair.slug.strip_prefix(f.as_str()).is_some_and(|rest| {
                            rest.strip_prefix('-')
                                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                        })
                }))
    }
}

/// Settings a user may change.
#[derive(Debug, Clone)]
pub struct Settings {
    /// States whose markets count as adversary markets (default `data/adversaries.csv`).
    pub adversaries: BTreeSet<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            adversaries: Politics::get().default_adversaries().clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceKind {
    /// A category string the fair listed the company under.
    Category,
    /// A word in the company's name.
    Name,
    /// A row of the vendor registry.
    Registry,
    /// Attendance at a surveillance-specific event.
    Event,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Category => "category",
            EvidenceKind::Name => "name",
            EvidenceKind::Registry => "registry",
            EvidenceKind::Event => "event",
        }
    }
}

/// One piece of evidence that a company markets a capability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub strength: Strength,
    /// The exhibitor record it was read from (category, name, event).
    pub record: Option<usize>,
    /// The text that fired: the category string, the name, the registry's statement.
    pub text: String,
    /// The rule phrase, or the registry source URL.
    pub basis: String,
}

#[derive(Debug, Clone)]
pub struct CapabilityFinding {
    pub capability: usize,
    pub confidence: Confidence,
    pub evidence: Vec<Evidence>,
}

/// Where the headquarters is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headquarters {
    pub iso2: String,
    pub reason: String,
}

/// One fair edition at which the company exhibited, with its records.
#[derive(Debug, Clone)]
pub struct Market {
    pub fair: usize,
    pub records: Vec<usize>,
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
    pub fn as_str(self) -> &'static str {
        match self {
            RatingLevel::NoConcern => "no concern found",
            RatingLevel::Unrated => "not rated: host regimes unclassified",
            RatingLevel::Autocracies => "markets to autocracies",
            RatingLevel::NatoAndAutocracies => "markets to NATO and to autocracies",
            RatingLevel::Adversaries => "markets to adversaries",
            RatingLevel::IrresponsibleProliferator => "irresponsible proliferator",
        }
    }
}

/// The proliferation rating of a company flagged for interception/intrusion.
#[derive(Debug, Clone)]
pub struct Rating {
    pub level: RatingLevel,
    pub explanation: String,
    /// Indices into the company's markets behind each part of the rating.
    pub nato_markets: Vec<usize>,
    pub adversary_markets: Vec<usize>,
    pub autocracy_markets: Vec<usize>,
    /// Markets abroad whose host's regime type is not classified in `data/regimes.csv`.
    pub unknown_regime_markets: Vec<usize>,
}

/// Everything fairwatch concludes about one company within a scope.
#[derive(Debug, Clone)]
pub struct CompanyFinding {
    pub company: usize,
    pub capabilities: Vec<CapabilityFinding>,
    /// Highest confidence over the interception/intrusion capabilities; None when not flagged.
    pub confidence: Option<Confidence>,
    pub headquarters: Option<Headquarters>,
    pub markets: Vec<Market>,
    /// Whether it exhibited in a host country on another continent than its headquarters.
    pub outside_home_continent: bool,
    pub rating: Option<Rating>,
}

impl CompanyFinding {
    pub fn flagged(&self) -> bool {
        self.confidence.is_some()
    }
}

/// The findings for a scope: every company with evidence of a surveillance capability.
#[derive(Debug, Clone)]
pub struct Findings {
    pub scope: Scope,
    pub settings: Settings,
    pub companies: Vec<CompanyFinding>,
    /// Fair editions in scope.
    pub fairs: Vec<usize>,
    /// Company records in scope.
    pub records: usize,
}

/// Assesses every company of `resolution` on the records in `scope`.
pub fn assess(dataset: &Dataset, resolution: &Resolution, scope: &Scope, settings: &Settings) -> Findings {
    let rules = Rules::get();
    let in_scope: Vec<bool> = dataset.fairs.iter().map(|f| scope.includes(f)).collect();
    // Attendance at a surveillance-specific event is evidence of lawful interception.
    let surveillance_event: Vec<bool> = dataset
        .fairs
        .iter()
        .map(|f| rules.is_surveillance_event(&f.series))
        .collect();
    let lawful_interception = rules.capability("lawful_interception");
    // Every record of each company (headquarters look at all of them), and those in scope.
    let mut all_records_of: Vec<Vec<usize>> = vec![Vec::new(); resolution.companies.len()];
    let mut records_of: Vec<Vec<usize>> = vec![Vec::new(); resolution.companies.len()];
    for (i, company) in resolution.record_company.iter().enumerate() {
        if let Some(c) = company {
            all_records_of[*c].push(i);
            if in_scope[dataset.records[i].fair] && dataset.records[i].duplicate_of.is_none() {
                records_of[*c].push(i);
            }
        }
    }
    let mut category_cache: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut companies = Vec::new();
    for (c, records) in records_of.iter().enumerate() {
        if records.is_empty() {
            continue;
        }
        let mut evidence: BTreeMap<usize, Vec<Evidence>> = BTreeMap::new();
        let mut seen_names = BTreeSet::new();
        for &r in records {
            let record = &dataset.records[r];
            for category in &record.categories {
                let fired = category_cache.entry(category.as_str()).or_insert_with(|| {
                    rules
                        .matching(Target::Category, category)
                        .map(|(i, _)| i)
                        .collect()
                });
                for &rule in fired.iter() {
                    let rule = &rules.rules[rule];
                    evidence.entry(rule.capability).or_default().push(Evidence {
                        kind: EvidenceKind::Category,
                        strength: rule.strength,
                        record: Some(r),
                        text: category.clone(),
                        basis: rule.phrase.clone(),
                    });
                }
            }
            if seen_names.insert(record.name.as_str()) {
                for (_, rule) in rules.matching(Target::Name, &record.name) {
                    evidence.entry(rule.capability).or_default().push(Evidence {
                        kind: EvidenceKind::Name,
                        strength: rule.strength,
                        record: Some(r),
                        text: record.name.clone(),
                        basis: rule.phrase.clone(),
                    });
                }
            }
            if let (true, Some(cap)) = (surveillance_event[record.fair], lawful_interception) {
                evidence.entry(cap).or_default().push(Evidence {
                    kind: EvidenceKind::Event,
                    strength: Strength::Weak,
                    record: Some(r),
                    text: dataset.fairs[record.fair].name.clone(),
                    basis: "surveillance-specific event (data/surveillance_events.csv)".into(),
                });
            }
        }
        let company = &resolution.companies[c];
        let vendors: BTreeSet<usize> = company
            .names
            .iter()
            .flat_map(|(name, _)| rules.vendors_named(name).iter().copied())
            .collect();
        for &v in &vendors {
            let vendor = &rules.vendors[v];
            for &cap in &vendor.capabilities {
                evidence.entry(cap).or_default().push(Evidence {
                    kind: EvidenceKind::Registry,
                    strength: Strength::Strong,
                    record: None,
                    text: format!("{}: {}", vendor.vendor, vendor.source_says),
                    basis: vendor.source_url.clone(),
                });
            }
        }
        if evidence.is_empty() {
            continue;
        }
        let capabilities: Vec<CapabilityFinding> = evidence
            .into_iter()
            .map(|(capability, evidence)| CapabilityFinding {
                capability,
                confidence: grade(dataset, &vendors, capability, &evidence),
                evidence,
            })
            .collect();
        let confidence = capabilities
            .iter()
            .filter(|f| rules.capabilities[f.capability].scope)
            .map(|f| f.confidence)
            .max();
        if capabilities
            .iter()
            .all(|f| !rules.capabilities[f.capability].surveillance)
        {
            continue;
        }
        let headquarters = headquarters(dataset, &all_records_of[c], &vendors);
        let markets = markets(dataset, records, settings);
        let home_continent = headquarters
            .as_ref()
            .and_then(|h| Countries::get().by_iso2(&h.iso2))
            .map(|c| c.continent.as_str());
        let outside_home_continent = home_continent.is_some_and(|home| {
            markets.iter().any(|m| {
                m.host
                    .as_deref()
                    .and_then(|h| Countries::get().by_iso2(h))
                    .is_some_and(|h| h.continent != home)
            })
        });
        let rating = confidence.map(|confidence| {
            rate(
                dataset,
                &markets,
                headquarters.as_ref().map(|h| h.iso2.as_str()),
                confidence,
            )
        });
        companies.push(CompanyFinding {
            company: c,
            capabilities,
            confidence,
            headquarters,
            markets,
            outside_home_continent,
            rating,
        });
    }
    let fairs = (0..dataset.fairs.len()).filter(|&f| in_scope[f]).collect();
    Findings {
        scope: scope.clone(),
        settings: settings.clone(),
        companies,
        fairs,
        records: records_of.iter().map(Vec::len).sum(),
    }
}

/// High: the registry says so with a source describing the product, or the fairs listed the company
/// under a strong category in two or more editions. Medium: a registry listing among an industry, a
/// strong category in one edition, or a strong word in its name. Low: weak evidence only.
fn grade(
    dataset: &Dataset,
    vendors: &BTreeSet<usize>,
    capability: usize,
    evidence: &[Evidence],
) -> Confidence {
    let rules = Rules::get();
    let registry = vendors
        .iter()
        .map(|&v| &rules.vendors[v])
        .filter(|v| v.capabilities.contains(&capability))
        .map(|v| v.confidence)
        .max();
    let strong_editions: BTreeSet<usize> = evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Category && e.strength == Strength::Strong)
        .filter_map(|e| e.record.map(|r| dataset.records[r].fair))
        .collect();
    let strong_name = evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Name && e.strength == Strength::Strong);
    if registry == Some(Confidence::High) || strong_editions.len() >= 2 {
        Confidence::High
    } else if registry.is_some() || strong_editions.len() == 1 || strong_name {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

/// The registry's headquarters when a matching vendor row states one; otherwise the country most of the
/// company's records give.
fn headquarters(dataset: &Dataset, all_records: &[usize], vendors: &BTreeSet<usize>) -> Option<Headquarters> {
    let rules = Rules::get();
    if let Some(vendor) = vendors
        .iter()
        .map(|&v| &rules.vendors[v])
        .find(|v| !v.hq.is_empty())
    {
        return Some(Headquarters {
            iso2: vendor.hq.clone(),
            reason: format!("vendor registry: {} ({})", vendor.vendor, vendor.source_url),
        });
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let total = all_records.len();
    for &r in all_records {
        if let Some(iso2) = dataset.records[r].country.iso2.as_deref() {
            *counts.entry(iso2).or_default() += 1;
        }
    }
    let (iso2, n) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    Some(Headquarters {
        iso2: (*iso2).to_owned(),
        reason: format!("country given on {n} of its {total} exhibitor records"),
    })
}

fn markets(dataset: &Dataset, records: &[usize], settings: &Settings) -> Vec<Market> {
    let politics = Politics::get();
    let mut by_fair: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &r in records {
        by_fair.entry(dataset.records[r].fair).or_default().push(r);
    }
    by_fair
        .into_iter()
        .map(|(fair, records)| {
            let f = &dataset.fairs[fair];
            let host = f.host_country.iso2.clone();
            let year = f.year;
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
        })
        .collect()
}

/// Rates where a flagged company marketed, counting only fairs outside its home country.
fn rate(dataset: &Dataset, markets: &[Market], home: Option<&str>, confidence: Confidence) -> Rating {
    let abroad: Vec<usize> = (0..markets.len())
        .filter(|&m| markets[m].host.as_deref().is_some_and(|h| Some(h) != home))
        .collect();
    let pick = |keep: &dyn Fn(&Market) -> bool| -> Vec<usize> {
        abroad.iter().copied().filter(|&m| keep(&markets[m])).collect()
    };
    let nato_markets = pick(&|m| m.nato);
    let adversary_markets = pick(&|m| m.adversary);
    let autocracy_markets = pick(&|m| !m.adversary && !m.nato && m.autocracy());
    let unknown_regime_markets = pick(&|m| !m.adversary && !m.nato && m.regime.is_none());
    let level = match (
        !nato_markets.is_empty(),
        !adversary_markets.is_empty(),
        !autocracy_markets.is_empty(),
    ) {
        (true, true, _) => RatingLevel::IrresponsibleProliferator,
        (false, true, _) => RatingLevel::Adversaries,
        (true, false, true) => RatingLevel::NatoAndAutocracies,
        (false, false, true) => RatingLevel::Autocracies,
        _ if !unknown_regime_markets.is_empty() => RatingLevel::Unrated,
        _ => RatingLevel::NoConcern,
    };
    let list = |ms: &[usize]| -> String {
        let names: Vec<String> = ms.iter().map(|&m| describe(dataset, &markets[m])).collect();
        const SHOWN: usize = 6;
        if names.len() > SHOWN {
            format!("{} and {} more", names[..SHOWN].join(", "), names.len() - SHOWN)
        } else {
            names.join(", ")
        }
    };
    let mut parts = vec![format!(
        "Flagged for interception/intrusion with {} confidence.",
        confidence.as_str()
    )];
    if !nato_markets.is_empty() {
        parts.push(format!(
            "Exhibited in NATO member states at {} fair(s): {}.",
            nato_markets.len(),
            list(&nato_markets)
        ));
    }
    if !adversary_markets.is_empty() {
        parts.push(format!(
            "Exhibited in states on the adversary list at {} fair(s): {}.",
            adversary_markets.len(),
            list(&adversary_markets)
        ));
    }
    if !autocracy_markets.is_empty() {
        parts.push(format!(
            "Exhibited in other autocracies (Regimes of the World) at {} fair(s): {}.",
            autocracy_markets.len(),
            list(&autocracy_markets)
        ));
    }
    if !unknown_regime_markets.is_empty() {
        parts.push(format!(
            "{} fair(s) abroad are in countries whose regime type fairwatch has not classified: {}.",
            unknown_regime_markets.len(),
            list(&unknown_regime_markets)
        ));
    }
    if abroad.is_empty() {
        parts.push("No fair outside its home country in scope.".into());
    }
    Rating {
        level,
        explanation: parts.join(" "),
        nato_markets,
        adversary_markets,
        autocracy_markets,
        unknown_regime_markets,
    }
}

/// "Milipol Qatar 2012 (QA)".
pub fn describe(dataset: &Dataset, market: &Market) -> String {
    let fair = &dataset.fairs[market.fair];
    match &market.host {
        Some(h) => format!("{} ({h})", fair.name),
        None => fair.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fairwatch_ingest::{CountryValue, ExhibitorRecord, Origin};
    use fairwatch_resolve::{resolve, Options};

    fn fair(slug: &str, year: i32, host: &str) -> Fair {
        Fair {
            name: slug.replace('-', " "),
            series: slug.rsplit_once('-').unwrap().0.into(),
            edition: year.to_string(),
            year: Some(year),
            host_country: CountryValue {
                iso2: Some(host.into()),
                raw: None,
                field: None,
            },
            has_exhibitor_list: true,
            ..Fair::new(slug.into(), Origin::Caat, format!("data/{slug}.json"))
        }
    }

    fn record(fair: usize, name: &str, country: &str, categories: &[&str]) -> ExhibitorRecord {
        ExhibitorRecord {
            country: CountryValue {
                iso2: Some(country.into()),
                raw: None,
                field: None,
            },
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            ..ExhibitorRecord::new(fair, 0, name)
        }
    }

    fn dataset() -> Dataset {
        Dataset {
            fairs: vec![
                fair("expo-paris-2019", 2019, "FR"),
                fair("expo-moscow-2019", 2019, "RU"),
                fair("expo-doha-2020", 2020, "QA"),
                // Monaco has no Regimes of the World series, so its fairs stay "regime unknown".
                fair("expo-monaco-2018", 2018, "MC"),
            ],
            records: vec![
                record(0, "Acme Intercept Ltd", "DE", &["Telephone interception"]),
                record(1, "Acme Intercept Ltd", "DE", &["Telephone interception"]),
                record(0, "Widget Forensic Labs", "GB", &["Forensic science services"]),
                record(2, "Widget Forensic Labs", "GB", &[]),
                record(0, "Plain Boats", "FR", &["Patrol vessels/ interceptors"]),
                record(0, "Shield Cyber", "GB", &["Cyber security"]),
                record(2, "HACKING TEAM S.R.L.", "IT", &[]),
                record(3, "Tap Systems Srl", "IT", &["Telephone interception"]),
            ],
            ..Dataset::default()
        }
    }

    fn finding<'a>(
        findings: &'a Findings,
        resolution: &Resolution,
        name: &str,
    ) -> Option<&'a CompanyFinding> {
        findings
            .companies
            .iter()
            .find(|f| resolution.companies[f.company].name == name)
    }

    #[test]
    fn grades_capabilities_and_rates_proliferation_with_evidence() {
        let data = dataset();
        let resolution = resolve(&data, &[], Options { use_websites: true });
        let findings = assess(&data, &resolution, &Scope::default(), &Settings::default());

        let acme = finding(&findings, &resolution, "Acme Intercept Ltd").expect("Acme is flagged");
        assert_eq!(
            acme.confidence,
            Some(Confidence::High),
            "strong category in two editions"
        );
        let rating = acme.rating.as_ref().unwrap();
        assert_eq!(rating.level, RatingLevel::IrresponsibleProliferator);
        assert!(
            rating.explanation.contains("expo moscow 2019 (RU)"),
            "{}",
            rating.explanation
        );
        assert_eq!(acme.headquarters.as_ref().unwrap().iso2, "DE");
        assert!(
            !acme.outside_home_continent,
            "Paris and Moscow are in Europe like Germany"
        );
        let evidence = &acme.capabilities[0].evidence;
        assert!(evidence
            .iter()
            .all(|e| e.record.is_some() && e.text == "Telephone interception"));

        let widget = finding(&findings, &resolution, "Widget Forensic Labs").unwrap();
        assert_eq!(
            widget.confidence,
            Some(Confidence::Low),
            "weak category and weak name only"
        );
        assert!(widget.outside_home_continent, "Doha is in Asia");

        let hacking_team = finding(&findings, &resolution, "HACKING TEAM S.R.L.").unwrap();
        assert_eq!(hacking_team.confidence, Some(Confidence::High));
        assert!(hacking_team
            .headquarters
            .as_ref()
            .unwrap()
            .reason
            .starts_with("vendor registry"));
        let rating = hacking_team.rating.as_ref().unwrap();
        assert_eq!(
            rating.level,
            RatingLevel::Autocracies,
            "Qatar is a closed autocracy"
        );
        assert!(rating.explanation.contains("(QA)"), "{}", rating.explanation);

        let tap = finding(&findings, &resolution, "Tap Systems Srl").unwrap();
        let rating = tap.rating.as_ref().unwrap();
        assert_eq!(
            rating.level,
            RatingLevel::Unrated,
            "never 'no concern' on an unknown regime"
        );
        assert_eq!(rating.unknown_regime_markets.len(), 1);

        assert!(
            finding(&findings, &resolution, "Plain Boats").is_none(),
            "interceptor boats are no evidence"
        );
        assert!(
            finding(&findings, &resolution, "Shield Cyber").is_none(),
            "defensive cyber alone is not surveillance"
        );
    }

    #[test]
    fn scope_limits_years_and_fairs() {
        let data = dataset();
        let resolution = resolve(&data, &[], Options { use_websites: true });
        let paris_only = Scope {
            fairs: vec!["expo-paris".into()],
            ..Scope::default()
        };
        let findings = assess(&data, &resolution, &paris_only, &Settings::default());
        let acme = finding(&findings, &resolution, "Acme Intercept Ltd").unwrap();
        assert_eq!(acme.confidence, Some(Confidence::Medium), "one edition in scope");
        assert_eq!(acme.markets.len(), 1);
        let later = Scope {
            from: Some(2020),
            ..Scope::default()
        };
        let findings = assess(&data, &resolution, &later, &Settings::default());
        assert!(finding(&findings, &resolution, "Acme Intercept Ltd").is_none());
        assert!(!Scope {
            fairs: vec!["expo".into()],
            ..Scope::default()
        }
        .includes(&data.fairs[0]));
    }

    #[test]
    fn adversary_list_is_a_setting() {
        let data = dataset();
        let resolution = resolve(&data, &[], Options { use_websites: true });
        let settings = Settings {
            adversaries: ["QA".to_owned()].into(),
        };
        let findings = assess(&data, &resolution, &Scope::default(), &settings);
        let acme = finding(&findings, &resolution, "Acme Intercept Ltd").unwrap();
        assert_eq!(
            acme.rating.as_ref().unwrap().level,
            RatingLevel::NatoAndAutocracies,
            "Russia is no longer listed as an adversary but is still an electoral autocracy"
        );
        let ht = finding(&findings, &resolution, "HACKING TEAM S.R.L.").unwrap();
        assert_eq!(ht.rating.as_ref().unwrap().level, RatingLevel::Adversaries);
    }
}
