//! Reads the real corpus in `../shared/data/caat` (beside the checkout) and checks exact counts and
//! specific records with their provenance.

use std::path::PathBuf;
use std::sync::OnceLock;

use fairwatch_ingest::{read_corpus, read_corpus_with, Dataset, ReadError};

fn corpus() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/caat");
        read_corpus(&root, false).expect("the shared corpus reads without errors")
    })
}

#[test]
fn counts_match_the_publisher() {
    let data = corpus();
    assert_eq!(data.fairs.len(), 1851);
    assert_eq!(data.fairs.iter().filter(|f| f.has_exhibitor_list).count(), 578);
    assert_eq!(data.records.len(), 222_845);
    assert_eq!(
        data.records.iter().filter(|r| r.duplicate_of.is_some()).count(),
        3249
    );
    assert_eq!(
        data.fairs.iter().filter(|f| f.exhibitor_list_incomplete).count(),
        1
    );
    assert_eq!(
        data.fairs.iter().filter(|f| !f.delegations.is_empty()).count(),
        52
    );
    assert!(data.problems.is_empty());
}

#[test]
fn every_fair_with_location_information_has_a_host_country() {
    for fair in &corpus().fairs {
        if fair.host_country.raw.is_some() || fair.address.is_some() {
            assert!(
                fair.host_country.iso2.is_some(),
                "{}: {:?}",
                fair.slug,
                fair.host_country
            );
        }
    }
}

#[test]
fn country_values_resolve_or_are_reported() {
    let data = corpus();
    let with_country = data.records.iter().filter(|r| r.country.iso2.is_some()).count();
    // About 62% of records carry a country in a field or an address.
    assert!(with_country * 100 / data.records.len() >= 60, "{with_country}");
    let unresolved: usize = data.countries.unresolved.values().sum();
    assert!(unresolved < 40, "{:#?}", data.countries.unresolved);
    assert!(data
        .countries
        .not_a_country
        .contains_key(&("exhibitor.country".into(), "Europe".into())));
}

#[test]
fn spot_checks_with_provenance() {
    let data = corpus();
    let fair_index = data
        .fairs
        .iter()
        .position(|f| f.slug == "milipol-paris-2019")
        .unwrap();
    let fair = &data.fairs[fair_index];
    assert_eq!(fair.file, "data/milipol-paris-2019.json");
    assert_eq!(fair.host_country.iso2.as_deref(), Some("FR"));
    assert_eq!(fair.year, Some(2019));
    assert_eq!(
        fair.exhibitor_list_url.as_deref(),
        Some("https://en.milipol.com/Catalogue-2019/Liste-des-exposants")
    );
    assert_eq!(
        fair.exhibitor_list_date.as_deref(),
        Some("2021-03-11T13:33:03+00:00")
    );
    let first = data.records.iter().find(|r| r.fair == fair_index).unwrap();
    assert_eq!(
        (first.position, first.name.as_str()),
        (0, "360 VISION TECHNOLOGY")
    );
    assert_eq!(first.country.iso2.as_deref(), Some("GB"));
    assert_eq!(first.country.field, Some("address"));
    assert_eq!(first.details().websites, ["http://www.360visiontechnology.com"]);

    // mspo-2018 repeats 622 firms as 1,522 rows.
    let mspo = data.fairs.iter().position(|f| f.slug == "mspo-2018").unwrap();
    let rows: Vec<_> = data.records.iter().filter(|r| r.fair == mspo).collect();
    assert_eq!(rows.len(), 1522);
    assert_eq!(rows.iter().filter(|r| r.duplicate_of.is_none()).count(), 622);

    // Zero-width spaces are cleaned out of names, and the raw name is kept.
    let wmi = data
        .records
        .iter()
        .find(|r| r.name_raw().starts_with("WEAPONS MANUFACTURE\u{200b}"))
        .unwrap();
    assert_eq!(wmi.name, "WEAPONS MANUFACTURE INDUSTRIES COMPANY LIMITED (WMI)");
    assert_eq!(data.fairs[wmi.fair].slug, "asian-defense-security-2022");
}

#[test]
fn streaming_hands_over_each_fair_in_file_order_with_its_records() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/caat");
    let mut seen: Vec<(String, usize)> = Vec::new();
    let streamed = read_corpus_with(&root, false, |d: &Dataset| -> Result<(), ReadError> {
        assert_eq!(d.fairs.len(), seen.len() + 1, "one fair per call");
        seen.push((d.fairs.last().unwrap().slug.clone(), d.records.len()));
        Ok(())
    })
    .unwrap();
    let whole = corpus();
    assert_eq!(seen.len(), 1851);
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "file-name order");
    // When a fair is handed over, the records read so far are exactly those of it and its predecessors.
    for (i, (slug, records_so_far)) in seen.iter().enumerate() {
        assert_eq!(slug, &whole.fairs[i].slug);
        let expected = whole.records.partition_point(|r| r.fair <= i);
        assert_eq!(*records_so_far, expected, "{slug}");
    }
    assert_eq!(streamed.records.len(), whole.records.len());
    assert_eq!(streamed.records[1000].name_raw(), whole.records[1000].name_raw());
}

#[test]
fn a_consumer_error_stops_the_reading() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/caat");
    let mut calls = 0;
    let result = read_corpus_with(&root, false, |_| {
        calls += 1;
        if calls == 3 {
            Err(ReadError::NoCorpus("consumer gave up".into()))
        } else {
            Ok(())
        }
    });
    assert!(matches!(result, Err(ReadError::NoCorpus(_))));
    assert_eq!(calls, 3);
}
