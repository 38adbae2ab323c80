//! Any bytes given as a corpus fair file: the reader returns its one fair or a problem naming the
//! file, never panics, and the names it keeps are clean text (no control characters).
#![no_main]

use fairwatch_ingest::{parse_fair_file, ExhibitorRecord};
use libfuzzer_sys::fuzz_target;

fn assert_clean(text: &str) {
    assert!(!text.chars().any(char::is_control), "{text:?}");
}

fn check(record: &ExhibitorRecord) {
    assert_clean(&record.name);
    let details = record.details();
    details
        .aliases
        .iter()
        .chain(&details.categories)
        .for_each(|t| assert_clean(t));
}

fuzz_target!(|bytes: &[u8]| {
    match parse_fair_file(bytes, "data/fuzz-2020.json") {
        Ok(dataset) => {
            assert_eq!(dataset.fairs.len(), 1);
            assert_eq!(dataset.fairs[0].slug, "fuzz-2020");
            assert_clean(&dataset.fairs[0].name);
            dataset.records.iter().for_each(check);
        }
        Err(problem) => assert_eq!(problem.file, "data/fuzz-2020.json"),
    }
});
