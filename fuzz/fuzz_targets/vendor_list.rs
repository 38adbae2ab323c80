//! Any text given as the published vendor list's `vendors.csv`: rows or a problem, never a panic;
//! every row has a company, and a country that is two upper-case ASCII letters (an ISO code) or none.
#![no_main]

use fairwatch_ingest::parse_vendor_list;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(vendors) = parse_vendor_list(text, "vendors.csv") {
        for vendor in &vendors {
            assert!(!vendor.company.is_empty());
            let alpha2 = |c: &String| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
            assert!(vendor.country.as_ref().is_none_or(alpha2), "{vendor:?}");
        }
    }
});
