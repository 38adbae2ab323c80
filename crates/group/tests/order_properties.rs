//! Resolution and grouping do not depend on the order of their input: a corpus read in another order
//! (files renamed, CSV rows sorted, threads finishing in another order) must give the same companies
//! with the same ids holding the same records, and the same groups with the same ids holding the same
//! companies. Ids are what the database, the judgements and researchers' notes point at.
//!
//! Random small datasets are drawn from firms whose names exercise the matcher's rules (spellings,
//! legal forms of several jurisdictions, acronyms, relations stated in names, national subsidiaries,
//! short names, pavilions), with random countries, shared telephones and websites, then shuffled.

use std::collections::{BTreeMap, BTreeSet};

use fairwatch_group::{curated_links, group, Grouping};
use fairwatch_ingest::{CountryValue, Dataset, ExhibitorRecord, Fair, Iso2, Origin, RecordDetails};
use fairwatch_resolve::ids::Id;
use fairwatch_resolve::{resolve, Company, Options, RecordKind, Resolution};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Names with the country they are usually listed in.
const FIRMS: &[(&str, &str)] = &[
    ("CELLEBRITE LTD", "IL"),
    ("Cellebrite", "BR"),
    ("Cellebrite UK Ltd", "GB"),
    ("CELLEBRITE FRANCE SAS", "FR"),
    ("Nexter Systems", "FR"),
    ("NEXTER", "FR"),
    ("GAMMA ZRT", "HU"),
    ("GAMMA SAS", "FR"),
    ("Gamma GmbH", "DE"),
    ("Gamma", "FR"),
    ("Gamma International", "GB"),
    ("Gamma TSE Ltd", "GB"),
    ("FinFisher GmbH", "DE"),
    ("ADS", "GB"),
    ("ADS", "ZA"),
    ("GERMAN PAVILION", "DE"),
    ("ISRAEL AIRCRAFT INDUSTRIES, Ltd (IAI)", "IL"),
    ("IAI", "IL"),
    ("PLASAN SASA LTD.", "IL"),
    ("Plasan", "IL"),
    ("Plasan North America", "US"),
    ("SENSECY (A VERINT COMPANY)", "IL"),
    ("Verint Systems", "IL"),
    ("Rohde & Schwarz", "DE"),
    ("Rohde & Schwarz (Australia)", "AU"),
    ("FN HERSTAL SA", "BE"),
    ("FN", "BE"),
    ("Glenair, Inc.", "US"),
    ("Glenair", "US"),
    ("AREA SYSTEMS UK LTD. / AREA S.P.A.", "GB"),
    ("Hacking Team", "IT"),
    ("HT - Hacking Team", "IT"),
    ("Jiangsu Dongrun Safety Technology Co., Ltd", "CN"),
    ("Dongrun Safety Technology", "CN"),
    ("???", "FR"),
];

const OTHER_COUNTRIES: &[&str] = &["FR", "GB", "DE", "US", "IL", "HU"];
const TELEPHONES: &[&str] = &["+972 4 8315315", "+36 1 234 5678", "+44 20 7946 0000"];
const WEBSITES: &[&str] = &[
    "www.cellebrite.com",
    "gammagroup.com",
    "http://www.rohde-schwarz.com",
];

/// One record: a firm's name, its country (usual, none or another), maybe a telephone and a website.
fn record() -> impl Strategy<Value = ExhibitorRecord> {
    let country = prop_oneof![
        3 => Just(None),
        6 => Just(Some(None)),
        1 => proptest::sample::select(OTHER_COUNTRIES).prop_map(|c| Some(Some(c))),
    ];
    let pick = |items: &'static [&'static str]| {
        proptest::option::weighted(0.2, proptest::sample::select(items).prop_map(str::to_owned))
    };
    (
        proptest::sample::select(FIRMS),
        country,
        pick(TELEPHONES),
        pick(WEBSITES),
    )
        .prop_map(|((name, usual), country, telephone, website)| {
            let iso2 = match country {
                None => None,
                Some(None) => Some(usual),
                Some(Some(other)) => Some(other),
            };
            ExhibitorRecord {
                country: CountryValue {
                    iso2: iso2.map(Iso2::new),
                    raw: None,
                    field: None,
                },
                details: RecordDetails {
                    telephones: telephone.into_iter().collect(),
                    websites: website.into_iter().collect(),
                    ..RecordDetails::default()
                }
                .boxed(),
                ..ExhibitorRecord::new(0, 0, name)
            }
        })
}

/// Records numbered by position (their identity across orders), and the same records shuffled.
fn datasets() -> impl Strategy<Value = (Vec<ExhibitorRecord>, Vec<ExhibitorRecord>)> {
    proptest::collection::vec(record(), 1..=40)
        .prop_map(|mut records| {
            for (i, r) in records.iter_mut().enumerate() {
                r.position = i as u32;
            }
            records
        })
        .prop_flat_map(|records| (Just(records.clone()), Just(records).prop_shuffle()))
}

/// The records as the list of one fair edition.
fn dataset(records: Vec<ExhibitorRecord>) -> Dataset {
    let fair = Fair::new("order-2020".into(), Origin::Caat, "data/order-2020.json".into());
    Dataset {
        fairs: vec![fair],
        records,
        ..Dataset::default()
    }
}

/// Each company, whole, with the positions of its records; and each record's kind by position.
type Companies = (BTreeMap<Id, (Company, BTreeSet<u32>)>, BTreeMap<u32, RecordKind>);

fn companies(data: &Dataset, resolution: &Resolution) -> Companies {
    let mut by_id: BTreeMap<Id, (Company, BTreeSet<u32>)> = resolution
        .companies
        .iter()
        .map(|c| (c.id, (c.clone(), BTreeSet::new())))
        .collect();
    for (record, company) in data.records.iter().zip(&resolution.record_company) {
        if let Some(c) = company {
            let id = &resolution.companies[*c].id;
            by_id
                .get_mut(id)
                .expect("a company of the resolution")
                .1
                .insert(record.position);
        }
    }
    let kinds = data
        .records
        .iter()
        .map(|r| r.position)
        .zip(resolution.kinds.iter().copied())
        .collect();
    (by_id, kinds)
}

/// Each group's id, name and headquarters with the ids of its companies.
fn groups(
    resolution: &Resolution,
    grouping: &Grouping,
) -> BTreeSet<(Id, String, Option<Iso2>, BTreeSet<Id>)> {
    grouping
        .groups
        .iter()
        .map(|g| {
            let members = g
                .members
                .iter()
                .map(|m| resolution.companies[m.company].id)
                .collect();
            (g.id, g.name.to_string(), g.headquarters, members)
        })
        .collect()
}

/// `cases` cases; a failing case is kept beside this file (`*.proptest-regressions`) and replayed
/// first on the next run.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn companies_do_not_depend_on_record_order((records, shuffled) in datasets()) {
        let (data, other) = (dataset(records), dataset(shuffled));
        for use_websites in [false, true] {
            let options = Options { use_websites };
            let (a, b) = (resolve(&data, &[], options), resolve(&other, &[], options));
            prop_assert_eq!(companies(&data, &a), companies(&other, &b));
        }
    }

    #[test]
    fn groups_do_not_depend_on_record_order((records, shuffled) in datasets()) {
        let (data, other) = (dataset(records), dataset(shuffled));
        let options = Options { use_websites: true };
        let (a, b) = (resolve(&data, &[], options), resolve(&other, &[], options));
        let curated = curated_links();
        let (ga, gb) = (group(&data, &a, curated, &[]), group(&other, &b, curated, &[]));
        prop_assert_eq!(groups(&a, &ga), groups(&b, &gb));
    }
}
