//! Any string as an exhibitor name: splitting and keying never panic, and a key is its own key.
#![no_main]

use fairwatch_resolve::normalise::{name_key, non_exhibitor_kind, split_name};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    let key = name_key(name);
    assert_eq!(name_key(&key), key, "{name:?}");
    let parts = split_name(name);
    assert_eq!(name_key(&parts.key), parts.key, "{name:?}");
    for (_, other) in &parts.relations {
        let _ = split_name(other);
    }
    let _ = non_exhibitor_kind(name);
});
