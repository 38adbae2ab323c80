//! Writes `data/everyday_words.csv`: the words of everyday English (the lower-case entries of SCOWL's
//! American and British English word lists, as Debian's `wamerican` and `wbritish` install them in
//! /usr/share/dict) that begin at least `BRAND_MIN_KEYS` company keys of the corpus, the only words
//! the shared-brand rule asks about.
//!
//! cargo run --release -p fairwatch-group --example everyday_words -- ../shared/data/caat > data/everyday_words.csv

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fairwatch_group::evidence::{BRAND_MIN_KEYS, BRAND_MIN_LETTERS_EVER};
use fairwatch_ingest::read_corpus;
use fairwatch_resolve::normalise::name_key;
use fairwatch_resolve::{resolve, Options};

const WORD_LISTS: &[&str] = &[
    "/usr/share/dict/american-english",
    "/usr/share/dict/british-english",
];

const HEADER: &str = "\
# Words of everyday English that begin company names of the fair corpus. Many unrelated firms take such
# a word as their name (\"Golden\", \"Premier\", \"Axon\", \"Vector\"), so a shared first word that is one of
# these is weak evidence of a corporate group (crates/group/src/evidence.rs, EVERYDAY_BRAND_SHARE).
# From SCOWL (Spell Checker Oriented Word Lists, http://wordlist.sourceforge.net/, version 2020.12.07,
# as Debian's packages wamerican and wbritish install it): the lower-case entries (capitalised ones are
# names) of letters only, written as matching keys, of three letters or more, that begin at least three
# distinct company keys of the CAAT corpus snapshot of 2026-12-01 (fewer keys make no brand word, so no
# other word is ever asked about). English only: the French, Dutch and Spanish lists would add the
# names of large groups (\"siemens\", \"tata\", \"volvo\") and split them.
# Written by crates/group/examples/everyday_words.rs; run it again when the corpus changes.
# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell
# these word lists, the associated scripts, the output created from the scripts, and its documentation
# for any purpose is hereby granted without fee, provided that the above copyright notice appears in
# all copies and that both that copyright notice and this permission notice appear in supporting
# documentation. Kevin Atkinson makes no representations about the suitability of this array for any
# purpose. It is provided \"as is\" without express or implied warranty.
word";

fn main() {
    let source = std::env::args().nth(1).expect("the corpus folder");
    let dataset = read_corpus(Path::new(&source), false).expect("the corpus reads");
    let resolution = resolve(&dataset, &[], Options { use_websites: true });
    let keys: BTreeSet<&str> = resolution
        .companies
        .iter()
        .flat_map(fairwatch_resolve::Company::keys)
        .collect();
    let mut leads: BTreeMap<&str, usize> = BTreeMap::new();
    for key in keys {
        *leads.entry(key.split(' ').next().unwrap_or(key)).or_default() += 1;
    }
    let mut words = BTreeSet::new();
    for path in WORD_LISTS {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for word in text.lines().map(str::trim) {
            // Lower-case entries are common words; capitalised ones are names ("Thales", "Paris").
            let key = name_key(word);
            let everyday = word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
                && key.len() >= BRAND_MIN_LETTERS_EVER;
            if everyday && leads.get(key.as_str()).is_some_and(|&n| n >= BRAND_MIN_KEYS) {
                words.insert(key);
            }
        }
    }
    println!("{HEADER}");
    for word in words {
        println!("{word}");
    }
}
