//! Assessment of the real corpus in `../shared/data/caat`: concrete findings with the file and record
//! behind them, and the trap list of surveillance-sounding names that must never be flagged.

use std::path::PathBuf;
use std::sync::OnceLock;

use fairwatch_assess::{
    assess, CompanyFinding, Confidence, EvidenceKind, Findings, RatingLevel, Rules, Scope, Settings,
};
use fairwatch_ingest::{read_corpus, Dataset};
use fairwatch_resolve::{resolve, Options, Resolution};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Assessed {
    data: Dataset,
    resolution: Resolution,
    findings: Findings,
}

fn assessed() -> &'static Assessed {
    static ALL: OnceLock<Assessed> = OnceLock::new();
    ALL.get_or_init(|| {
        let data = read_corpus(&repo().join("../shared/data/caat"), false).unwrap();
        let resolution = resolve(&data, &[], Options { use_websites: true });
        let findings = assess(&data, &resolution, &Scope::default(), &Settings::default());
        Assessed {
            data,
            resolution,
            findings,
        }
    })
}

/// The finding of the company one of whose records is spelled exactly `name`.
fn finding_for(name: &str) -> Option<&'static CompanyFinding> {
    let a = assessed();
    let record = a.data.records.iter().position(|r| r.name == name)?;
    let company = a.resolution.record_company[record]?;
    a.findings.companies.iter().find(|f| f.company == company)
}

/// The record of `company` at fair edition `slug`: (file, position, name).
fn record_at(finding: &CompanyFinding, slug: &str) -> (String, u32, String) {
    let a = assessed();
    let market = finding
        .markets
        .iter()
        .find(|m| a.data.fairs[m.fair].slug == slug)
        .unwrap_or_else(|| panic!("no market at {slug}"));
    let r = &a.data.records[market.records[0]];
    (a.data.fairs[market.fair].file.clone(), r.position, r.name.clone())
}

#[test]
fn hacking_team_at_milipol_qatar_2012_is_flagged_from_the_registry() {
    let ht = finding_for("HACKING TEAM").expect("Hacking Team is assessed");
    assert_eq!(ht.confidence, Some(Confidence::High));
    let rules = Rules::get();
    let spyware = ht
        .capabilities
        .iter()
        .find(|c| rules.capabilities[c.capability].id == "spyware")
        .expect("spyware capability");
    assert!(spyware.evidence.iter().any(|e| e.kind == EvidenceKind::Registry
        && e.basis
            == "https://privacyinternational.org/blog/1463/hacking-team-spyware-sold-us-dea-and-us-army"));
    assert_eq!(
        record_at(ht, "milipol-qatar-2012"),
        (
            "data/milipol-qatar-2012.json".to_owned(),
            79,
            "HACKING TEAM".to_owned()
        )
    );
    assert_eq!(ht.headquarters.as_ref().unwrap().iso2, "IT");
    assert!(ht.outside_home_continent, "Doha is in Asia, Milan in Europe");
    // Qatar 2012 is among the autocracy markets behind the rating (the explanation names only the
    // first six fairs of each kind).
    let rating = ht.rating.as_ref().unwrap();
    assert!(
        rating
            .autocracy_markets
            .iter()
            .any(|&m| assessed().data.fairs[ht.markets[m].fair].slug == "milipol-qatar-2012"),
        "{}",
        rating.explanation
    );
}

#[test]
fn cleartrail_marketed_interception_at_three_milipol_qatar_editions() {
    let ct = finding_for("CLEARTRAIL TECHNOLOGIES PVT LTD").expect("ClearTrail is assessed");
    assert_eq!(ct.confidence, Some(Confidence::High));
    assert_eq!(ct.headquarters.as_ref().unwrap().iso2, "IN");
    assert_eq!(
        record_at(ct, "milipol-qatar-2012"),
        (
            "data/milipol-qatar-2012.json".to_owned(),
            34,
            "CLEARTRAIL TECHNOLOGIES PVT LTD".to_owned()
        )
    );
    let qatar = ct
        .markets
        .iter()
        .filter(|m| m.host.as_deref() == Some("QA"))
        .count();
    assert!(qatar >= 3, "2004, 2012 and 2022 editions: {qatar}");
}

#[test]
fn telephone_interception_category_at_security_and_policing_is_strong_evidence() {
    let a = assessed();
    let sm = finding_for("Smith Myers Communications Ltd").expect("Smith Myers is assessed");
    assert_eq!(sm.confidence, Some(Confidence::High));
    let evidence: Vec<_> = sm
        .capabilities
        .iter()
        .flat_map(|c| &c.evidence)
        .filter(|e| e.kind == EvidenceKind::Category && e.text == "Telephone Interception")
        .collect();
    let editions: std::collections::BTreeSet<&str> = evidence
        .iter()
        .map(|e| a.data.fairs[a.data.records[e.record.unwrap()].fair].file.as_str())
        .collect();
    assert!(editions.len() >= 2, "{editions:?}");
    assert!(
        editions.iter().all(|f| f.starts_with("data/security-policing-")),
        "{editions:?}"
    );
}

#[test]
fn firms_at_fairs_in_nato_and_adversary_states_are_irresponsible_proliferators() {
    let a = assessed();
    let proliferators: Vec<&CompanyFinding> = a
        .findings
        .companies
        .iter()
        .filter(|f| {
            f.rating
                .as_ref()
                .is_some_and(|r| r.level == RatingLevel::IrresponsibleProliferator)
        })
        .collect();
    assert!(!proliferators.is_empty());
    for p in proliferators {
        let rating = p.rating.as_ref().unwrap();
        assert!(p.flagged());
        assert!(rating.nato_markets.iter().all(|&m| p.markets[m].nato));
        let adversary = &p.markets[rating.adversary_markets[0]];
        assert!(["CN", "RU", "IR", "KP"].contains(&adversary.host.as_deref().unwrap()));
        assert!(
            rating.explanation.contains("adversary list"),
            "{}",
            rating.explanation
        );
    }
}

#[test]
fn trap_names_are_never_flagged() {
    #[derive(serde::Deserialize)]
    struct Trap {
        name: String,
        why: String,
    }
    let text = std::fs::read_to_string(repo().join("curation/assessment_traps.csv")).unwrap();
    let traps: Vec<Trap> = fairwatch_refdata::data_rows("assessment_traps.csv", &text);
    assert!(traps.len() >= 9);
    for trap in traps {
        let a = assessed();
        assert!(
            a.data.records.iter().any(|r| r.name == trap.name),
            "{} is in the corpus",
            trap.name
        );
        let flagged = finding_for(&trap.name).is_some_and(CompanyFinding::flagged);
        assert!(!flagged, "{} must not be flagged ({})", trap.name, trap.why);
    }
}

#[test]
fn the_study_window_has_flagged_firms_at_every_confidence_and_is_deterministic() {
    let a = assessed();
    let window = Scope {
        from: Some(2000),
        to: Some(2021),
        fairs: vec![],
    };
    let first = assess(&a.data, &a.resolution, &window, &Settings::default());
    let second = assess(&a.data, &a.resolution, &window, &Settings::default());
    let count = |f: &Findings, c: Confidence| f.companies.iter().filter(|x| x.confidence == Some(c)).count();
    for c in [Confidence::High, Confidence::Medium, Confidence::Low] {
        assert!(count(&first, c) > 0, "{c:?}");
        assert_eq!(count(&first, c), count(&second, c));
    }
    assert!(first
        .fairs
        .iter()
        .all(|&f| a.data.fairs[f].year.is_some_and(|y| (2000..=2021).contains(&y))));
}

/// Every fair in the corpus with a host country and a year has a regime type, except in Monaco (not in
/// the Regimes of the World export) and in years the export itself leaves out.
#[test]
fn every_host_country_and_year_in_the_corpus_has_a_regime_type() {
    let politics = fairwatch_refdata::Politics::get();
    let missing: Vec<String> = assessed()
        .data
        .fairs
        .iter()
        .filter_map(|f| Some((f.host_country.iso2.as_deref()?, f.year?, &f.slug)))
        .filter(|&(host, year, _)| host != "MC" && politics.regime(host, year).is_none())
        .map(|(host, year, slug)| format!("{slug} ({host} {year})"))
        .collect();
    assert!(missing.is_empty(), "no regime type for {missing:?}");
}
