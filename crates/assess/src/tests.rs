//! The assessment on a small made-up corpus: grading, rating, scope, settings and levels.

use super::*;
use fairwatch_group::group;
use fairwatch_ingest::{CountryValue, ExhibitorRecord, Iso2, Origin, RecordDetails};
use fairwatch_resolve::{resolve, Options};

/// Resolves, groups and assesses `data`.
fn run(data: &Dataset, scope: &Scope, settings: &Settings) -> (Resolution, Findings) {
    let resolution = resolve(data, &[], Options { use_websites: true });
    let grouping = group(data, &resolution, &[], &[]);
    let registry = Registry::new(None);
    let inputs = Inputs {
        dataset: data,
        resolution: &resolution,
        grouping: &grouping,
        registry: &registry,
    };
    let findings = assess(inputs, scope, settings);
    (resolution, findings)
}

fn fair(slug: &str, year: i32, host: &str) -> Fair {
    Fair {
        name: slug.replace('-', " "),
        series: slug.rsplit_once('-').unwrap().0.into(),
        edition: year.to_string(),
        year: Some(year),
        host_country: CountryValue {
            iso2: Some(Iso2::new(host)),
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
            iso2: Some(Iso2::new(country)),
            raw: None,
            field: None,
        },
        details: RecordDetails {
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            ..RecordDetails::default()
        }
        .boxed(),
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
            record(
                0,
                "Acme Intercept Ltd",
                "DE",
                &["Telephone interception", "Communication monitoring"],
            ),
            record(1, "Acme Intercept Ltd", "DE", &["Telephone interception"]),
            record(0, "Widget Forensic Labs", "GB", &["Forensic science services"]),
            record(2, "Widget Forensic Labs", "GB", &[]),
            record(0, "Plain Boats", "FR", &["Patrol vessels/ interceptors"]),
            record(0, "Shield Cyber", "GB", &["Cyber security"]),
            record(2, "HACKING TEAM S.R.L.", "IT", &[]),
            record(
                3,
                "Tap Systems Srl",
                "IT",
                &["Telephone interception", "Lawful interception"],
            ),
            record(
                0,
                "Metropolitan Police Service",
                "GB",
                &["Telephone interception", "Lawful interception"],
            ),
            record(
                2,
                "Recon Optics",
                "US",
                &["Special Reconnaissance Surveillance and Exploitation"],
            ),
            record(
                2,
                "Jam Tech",
                "CN",
                &["Interception and jamming", "Telephone interception"],
            ),
        ],
        ..Dataset::default()
    }
}

fn finding<'a>(findings: &'a Findings, _resolution: &Resolution, name: &str) -> Option<&'a FirmFinding> {
    findings.firms.iter().find(|f| f.name == name)
}

#[test]
fn grades_capabilities_and_rates_proliferation_with_evidence() {
    let data = dataset();
    let (resolution, findings) = run(&data, &Scope::default(), &Settings::default());

    let acme = finding(&findings, &resolution, "Acme Intercept Ltd").expect("Acme is flagged");
    assert_eq!(
        acme.confidence,
        Some(Confidence::Low),
        "two distinct strong headings, no registry row"
    );
    let rating = acme.rating.as_ref().unwrap();
    assert_eq!(rating.level, RatingLevel::IrresponsibleProliferator);
    assert!(
        rating.explanation.contains("expo moscow 2019 (RU)"),
        "{}",
        rating.explanation
    );
    assert_eq!(acme.headquarters.iso2.as_deref(), Some("DE"));
    assert!(
        !acme.outside_home_continent,
        "Paris and Moscow are in Europe like Germany"
    );
    let evidence = &acme.capabilities[0].evidence;
    assert!(evidence.iter().all(|e| e.record.is_some()
        && ["Telephone interception", "Communication monitoring"].contains(&e.text.as_str())));

    assert!(
        finding(&findings, &resolution, "Widget Forensic Labs").is_none(),
        "forensic science is not surveillance"
    );
    let police = finding(&findings, &resolution, "Metropolitan Police Service").unwrap();
    assert_eq!(police.kind, ExhibitorKind::PoliceMilitary);
    assert_eq!(police.confidence, None, "a police force is never a vendor");
    assert!(
        finding(&findings, &resolution, "Recon Optics").is_none_or(|f| !f.flagged()),
        "exploitation in a reconnaissance heading is not an exploit"
    );
    let jam = finding(&findings, &resolution, "Jam Tech").unwrap();
    assert_eq!(
        jam.confidence, None,
        "'Interception and jamming' is not interception evidence"
    );

    let hacking_team = finding(&findings, &resolution, "HACKING TEAM S.R.L.").unwrap();
    assert_eq!(hacking_team.confidence, Some(Confidence::High));
    assert_eq!(hacking_team.headquarters.reason, HeadquartersReason::Registry);
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
    let paris_only = Scope {
        fairs: vec!["expo-paris".into()],
        ..Scope::default()
    };
    let (resolution, findings) = run(&data, &paris_only, &Settings::default());
    let acme = finding(&findings, &resolution, "Acme Intercept Ltd").unwrap();
    assert_eq!(
        acme.confidence,
        Some(Confidence::Low),
        "its two headings are at Paris"
    );
    assert_eq!(acme.markets.len(), 1);
    let later = Scope {
        from: Some(2020),
        ..Scope::default()
    };
    let (resolution, findings) = run(&data, &later, &Settings::default());
    assert!(finding(&findings, &resolution, "Acme Intercept Ltd").is_none());
    assert!(!Scope {
        fairs: vec!["expo".into()],
        ..Scope::default()
    }
    .includes(&data.fairs[0]));
}

#[test]
fn a_window_of_the_stored_findings_is_the_assessment_of_that_window() {
    let data = dataset();
    let scopes = [
        Scope::default(),
        Scope {
            from: Some(2019),
            to: Some(2019),
            ..Scope::default()
        },
        Scope {
            from: Some(2020),
            ..Scope::default()
        },
        Scope {
            fairs: vec!["expo-paris".into(), "expo-doha-2020".into()],
            ..Scope::default()
        },
        Scope {
            from: Some(2030),
            ..Scope::default()
        },
    ];
    let lists: [BTreeSet<String>; 2] = [Settings::default().adversaries, ["QA".to_owned()].into()];
    for level in [Level::Group, Level::Entity] {
        let all = Settings {
            level,
            ..Settings::default()
        };
        let (resolution, findings) = run(&data, &Scope::default(), &all);
        let stored = Stored::of(&findings);
        let catalogue = Catalogue::of(&data, &resolution);
        for scope in &scopes {
            for adversaries in &lists {
                let settings = Settings {
                    adversaries: adversaries.clone(),
                    level,
                };
                let (_, direct) = run(&data, scope, &settings);
                assert_eq!(
                    within(&stored, &catalogue, scope, adversaries),
                    direct,
                    "{level:?} {scope:?} {adversaries:?}"
                );
            }
        }
    }
}

#[test]
fn adversary_list_is_a_setting() {
    let data = dataset();
    let settings = Settings {
        adversaries: ["QA".to_owned()].into(),
        ..Settings::default()
    };
    let (resolution, findings) = run(&data, &Scope::default(), &settings);
    let acme = finding(&findings, &resolution, "Acme Intercept Ltd").unwrap();
    assert_eq!(
        acme.rating.as_ref().unwrap().level,
        RatingLevel::NatoAndAutocracies,
        "Russia is no longer listed as an adversary but is still an electoral autocracy"
    );
    let ht = finding(&findings, &resolution, "HACKING TEAM S.R.L.").unwrap();
    assert_eq!(ht.rating.as_ref().unwrap().level, RatingLevel::Adversaries);
}

#[test]
fn a_common_word_in_a_published_list_needs_the_lists_country() {
    let mut data = dataset();
    data.records.push(record(0, "RCS", "FR", &[]));
    data.records.push(record(1, "RCS", "FR", &[]));
    data.records.push(record(2, "Rcs Spa", "IT", &[]));
    let list = fairwatch_ingest::VendorList {
        file: "vendors.csv".into(),
        commit: Some("cd15c69e76aedb6ca4b244191cafc77a770005d1".into()),
        vendors: vec![fairwatch_ingest::ListedVendor {
            line: 7,
            company: "RCS".into(),
            website: String::new(),
            solution: "Lawful Interception".into(),
            country: Some("IT".into()),
        }],
    };
    let resolution = resolve(&data, &[], Options { use_websites: true });
    let grouping = group(&data, &resolution, &[], &[]);
    let registry = Registry::new(Some(&list));
    let inputs = Inputs {
        dataset: &data,
        resolution: &resolution,
        grouping: &grouping,
        registry: &registry,
    };
    let findings = assess(inputs, &Scope::default(), &Settings::default());
    let listed = |f: &FirmFinding| {
        f.capabilities
            .iter()
            .flat_map(|c| &c.evidence)
            .any(|e| e.kind == EvidenceKind::VendorList)
    };
    let italian = findings
        .firms
        .iter()
        .find(|f| f.name == "Rcs Spa")
        .expect("the Italian RCS");
    assert!(listed(italian));
    assert_eq!(italian.confidence, Some(Confidence::Medium));
    assert_eq!(italian.headquarters.iso2.as_deref(), Some("IT"));
    assert!(
        findings
            .firms
            .iter()
            .filter(|f| f.name == "RCS")
            .all(|f| !listed(f)),
        "the French RCS is another firm"
    );
}
