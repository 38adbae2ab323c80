//! Assessment of the real corpus in `../shared/data/caat` with the published vendor list in
//! `../shared/data/digitalfreedom-vendors`, at group level (the unit reported) and entity level:
//! concrete findings with the file, record and source behind them, exhibitors that are not vendors,
//! and the trap list of surveillance-sounding names that must never be flagged.

use std::path::PathBuf;
use std::sync::OnceLock;

use fairwatch_assess::{
    assess, assess_both, within, Catalogue, Confidence, EvidenceKind, ExhibitorKind, Findings, FirmFinding,
    Inputs, Level, RatingLevel, Registry, Rules, Scope, Settings, Stored,
};
use fairwatch_group::{curated_links, group, Grouping};
use fairwatch_ingest::{read_corpus, read_vendor_list, Dataset};
use fairwatch_resolve::{resolve, Options, Resolution};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Assessed {
    data: Dataset,
    resolution: Resolution,
    grouping: Grouping,
    registry: Registry,
    findings: Findings,
    entities: Findings,
}

impl Assessed {
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            dataset: &self.data,
            resolution: &self.resolution,
            grouping: &self.grouping,
            registry: &self.registry,
        }
    }
}

fn assessed() -> &'static Assessed {
    static ALL: OnceLock<Assessed> = OnceLock::new();
    ALL.get_or_init(|| {
        let data = read_corpus(&repo().join("../shared/data/caat"), false).unwrap();
        let list = read_vendor_list(&repo().join("../shared/data/digitalfreedom-vendors")).unwrap();
        let resolution = resolve(&data, &[], Options { use_websites: true });
        let grouping = group(&data, &resolution, curated_links(), &[]);
        let registry = Registry::new(Some(&list));
        let inputs = Inputs {
            dataset: &data,
            resolution: &resolution,
            grouping: &grouping,
            registry: &registry,
        };
        let findings = assess(inputs, &Scope::default(), &Settings::default());
        let entity_level = Settings {
            level: Level::Entity,
            ..Settings::default()
        };
        let entities = assess(inputs, &Scope::default(), &entity_level);
        Assessed {
            data,
            resolution,
            grouping,
            registry,
            findings,
            entities,
        }
    })
}

/// The firm (in `findings`) holding the company one of whose records is spelled exactly `name`.
fn firm_in<'a>(findings: &'a Findings, name: &str) -> Option<&'a FirmFinding> {
    let a = assessed();
    let record = a.data.records.iter().position(|r| r.name == name)?;
    let company = a.resolution.record_company[record]?;
    findings.firms.iter().find(|f| f.companies.contains(&company))
}

/// The group-level finding of the firm with a record spelled exactly `name`.
fn finding_for(name: &str) -> Option<&'static FirmFinding> {
    firm_in(&assessed().findings, name)
}

/// The records of `finding`'s companies (first of their exact repeats), in corpus order.
fn records_of(finding: &FirmFinding) -> impl Iterator<Item = usize> + Clone + '_ {
    let a = assessed();
    (0..a.data.records.len()).filter(move |&r| {
        a.data.records[r].duplicate_of.is_none()
            && a.resolution.record_company[r].is_some_and(|c| finding.companies.contains(&c))
    })
}

/// The record of `firm` at fair edition `slug`: (file, position, name).
fn record_at(finding: &FirmFinding, slug: &str) -> (String, u32, String) {
    let a = assessed();
    let r = records_of(finding)
        .find(|&r| a.data.fairs[a.data.records[r].fair].slug == slug)
        .unwrap_or_else(|| panic!("no market at {slug}"));
    let r = &a.data.records[r];
    (a.data.fairs[r.fair].file.clone(), r.position, r.name.clone())
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
    assert_eq!(ht.headquarters.iso2.as_deref(), Some("IT"));
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
    assert_eq!(ct.headquarters.iso2.as_deref(), Some("IN"));
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
fn telephone_interception_at_security_and_policing_is_strong_evidence_but_flags_only_with_more() {
    let a = assessed();
    let sm = finding_for("Smith Myers Communications Ltd").expect("Smith Myers is assessed");
    let evidence: Vec<_> = sm
        .capabilities
        .iter()
        .flat_map(|c| &c.evidence)
        .filter(|e| e.kind == EvidenceKind::Category && e.text == "Telephone Interception")
        .collect();
    assert!(evidence
        .iter()
        .all(|e| e.strength == fairwatch_assess::Strength::Strong));
    let editions: std::collections::BTreeSet<&str> = evidence
        .iter()
        .map(|e| a.data.fairs[a.data.records[e.record.unwrap()].fair].file.as_str())
        .collect();
    assert!(editions.len() >= 2, "{editions:?}");
    assert!(
        editions.iter().all(|f| f.starts_with("data/security-policing-")),
        "{editions:?}"
    );
    assert!(
        sm.flagged(),
        "the published list names Smith Myers, the fairs' headings agree"
    );
}

#[test]
fn a_vendor_whose_records_carry_no_categories_is_flagged_through_the_published_list() {
    let a = assessed();
    let aqsacom = finding_for("AQSACOM").expect("Aqsacom is assessed");
    let records = records_of(aqsacom);
    assert!(records.clone().count() > 0);
    assert!(records
        .into_iter()
        .all(|r| a.data.records[r].details().categories.is_empty()));
    assert_eq!(aqsacom.confidence, Some(Confidence::Medium));
    let row = aqsacom
        .capabilities
        .iter()
        .flat_map(|c| &c.evidence)
        .find(|e| e.kind == EvidenceKind::VendorList)
        .expect("list evidence");
    assert!(
        row.basis.starts_with(
            "https://github.com/digitalfreedom/data-vendors/blob/cd15c69e76aedb6ca4b244191cafc77a770005d1/vendors.csv#L"
        ),
        "cites the list at its commit and row: {}",
        row.basis
    );
    assert!(
        row.text.contains("AQSACOM") && row.text.contains("digitalfreedom"),
        "{}",
        row.text
    );
}

#[test]
fn a_product_line_row_of_a_diversified_group_is_weak_and_says_so() {
    let huawei = finding_for("Huawei").expect("Huawei is assessed");
    assert_eq!(huawei.confidence, Some(Confidence::Low));
    let row = huawei
        .capabilities
        .iter()
        .flat_map(|c| &c.evidence)
        .find(|e| e.kind == EvidenceKind::VendorList)
        .unwrap();
    assert_eq!(row.strength, fairwatch_assess::Strength::Weak);
    assert!(row.text.contains("one product line"), "{}", row.text);
}

#[test]
fn a_police_force_and_a_forensic_science_supplier_are_not_flagged() {
    let police = finding_for("ROYAL MALAYSIA POLICE").expect("kept as what it is");
    assert_eq!(
        police.kind,
        ExhibitorKind::PoliceMilitary,
        "{}",
        police.kind_reason
    );
    assert!(!police.flagged());
    // MD TECH lists "Forensic science services" and "Detection and analysis of latent traces".
    let md = finding_for("MD TECH");
    assert!(md.is_none_or(|f| !f.flagged()));
    let forensic_science = Rules::get().capability("forensic_science").unwrap();
    assert!(!Rules::get().capabilities[forensic_science].surveillance);
}

#[test]
fn a_subsidiary_keeps_its_own_headquarters_and_the_group_its_parents() {
    let a = assessed();
    let finfisher = firm_in(&a.entities, "FinFisher GmbH").expect("FinFisher GmbH is assessed");
    assert_eq!(
        finfisher.headquarters.iso2.as_deref(),
        Some("DE"),
        "{:?}",
        finfisher.headquarters
    );
    let gamma = finding_for("FinFisher GmbH").expect("in the Gamma group");
    assert_eq!(gamma.name, "Gamma Group");
    assert_eq!(
        gamma.headquarters.iso2.as_deref(),
        Some("GB"),
        "{:?}",
        gamma.headquarters
    );
    assert!(gamma.companies.len() >= 3, "the group, not four separate firms");
    let gammas = a
        .findings
        .firms
        .iter()
        .filter(|f| f.flagged() && f.name.to_lowercase().contains("gamma"))
        .count();
    assert_eq!(gammas, 1, "Gamma counts once");
}

#[test]
fn the_registry_covers_at_least_two_hundred_vendors() {
    let a = assessed();
    assert!(a.registry.vendors() >= 200, "{} vendors", a.registry.vendors());
}

#[test]
fn without_the_registry_the_fairs_alone_still_flag_some_vendors() {
    let a = assessed();
    let none = Registry::none();
    let fairs_only = assess(
        Inputs {
            registry: &none,
            ..a.inputs()
        },
        &Scope::default(),
        &Settings::default(),
    );
    let flagged = fairs_only.firms.iter().filter(|f| f.flagged()).count();
    assert!(flagged > 0);
    assert!(fairs_only
        .firms
        .iter()
        .filter(|f| f.flagged())
        .all(|f| f.confidence == Some(Confidence::Low)));
}

#[test]
fn firms_at_fairs_in_nato_and_adversary_states_are_irresponsible_proliferators() {
    let a = assessed();
    let proliferators: Vec<&FirmFinding> = a
        .findings
        .firms
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
        let flagged = finding_for(&trap.name).is_some_and(FirmFinding::flagged);
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
    let first = assess(a.inputs(), &window, &Settings::default());
    let second = assess(a.inputs(), &window, &Settings::default());
    let count = |f: &Findings, c: Confidence| f.firms.iter().filter(|x| x.confidence == Some(c)).count();
    for c in [Confidence::High, Confidence::Medium, Confidence::Low] {
        assert!(count(&first, c) > 0, "{c:?}");
        assert_eq!(count(&first, c), count(&second, c));
    }
    assert!(first
        .fairs
        .iter()
        .all(|&f| a.data.fairs[f].year.is_some_and(|y| (2000..=2021).contains(&y))));
}

/// The build assesses both levels in one pass, giving a company alone in its group its group's
/// finding; that must be what assessing each level on its own gives, in the whole corpus and in a window.
#[test]
fn both_levels_in_one_pass_are_each_level_assessed_alone() {
    let a = assessed();
    let (groups, entities) = assess_both(a.inputs(), &Scope::default(), &Settings::default());
    assert_eq!(format!("{groups:?}"), format!("{:?}", a.findings));
    assert_eq!(format!("{entities:?}"), format!("{:?}", a.entities));
    let window = Scope {
        from: Some(2010),
        to: Some(2015),
        fairs: vec![],
    };
    let entity_level = Settings {
        level: Level::Entity,
        ..Settings::default()
    };
    let (groups, entities) = assess_both(a.inputs(), &window, &entity_level);
    let alone = |settings: &Settings| format!("{:?}", assess(a.inputs(), &window, settings));
    assert_eq!(format!("{groups:?}"), alone(&Settings::default()));
    assert_eq!(format!("{entities:?}"), alone(&entity_level));
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

#[test]
fn windows_of_the_stored_findings_equal_the_assessment_of_each_window() {
    let a = assessed();
    let catalogue = Catalogue::of(&a.data, &a.resolution);
    let windows = [
        Scope {
            from: Some(2000),
            to: Some(2021),
            ..Scope::default()
        },
        Scope {
            fairs: vec!["milipol-paris".into(), "milipol-qatar-2012".into()],
            ..Scope::default()
        },
    ];
    for (all, level) in [(&a.findings, Level::Group), (&a.entities, Level::Entity)] {
        let stored = Stored::of(all);
        assert_eq!(
            within(&stored, &catalogue, &Scope::default(), &all.settings.adversaries),
            *all
        );
        for scope in &windows {
            let settings = Settings {
                level,
                ..Settings::default()
            };
            let direct = assess(a.inputs(), scope, &settings);
            let window = within(&stored, &catalogue, scope, &settings.adversaries);
            assert_eq!(window.firms.len(), direct.firms.len(), "{level:?} {scope:?}");
            assert!(
                window == direct,
                "{level:?} {scope:?}: the window differs from the assessment"
            );
        }
    }
}
