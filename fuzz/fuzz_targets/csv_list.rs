//! Any bytes given as a researcher's CSV list: a dataset or a problem naming the file, never a panic;
//! every record points at a fair of the dataset and has a name.
#![no_main]

use fairwatch_ingest::parse_csv_list;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(dataset) = parse_csv_list(bytes, "fuzz.csv") {
        for record in &dataset.records {
            assert!(record.fair < dataset.fairs.len());
            assert!(!record.name.is_empty());
        }
    }
});
