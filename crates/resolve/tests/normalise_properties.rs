//! Properties of name normalisation on arbitrary text: a key is a fixed point of the normaliser
//! (normalising a key again gives the key), so a key stored in the database, or typed back in by a
//! researcher, finds the same company; and nothing scraped, however hostile (controls, bidirectional
//! overrides, unpaired brackets, legal forms and years in odd places), makes it panic.

use fairwatch_resolve::normalise::{name_key, split_name, tokens};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Pieces that the normaliser treats specially, so random names hit its rules and not only its
/// fast path: legal forms, "the", edition years, relation markers, brackets, separators, booth
/// noise, controls, bidirectional controls and letters that change length when lower-cased.
const PIECES: &[&str] = &[
    "the",
    "The ",
    "gmbh",
    " GmbH",
    " Ltd",
    " Co.,",
    " Ltd.",
    " S.A.",
    " SAS",
    " A.S.",
    " San. ve Tic.",
    " Inc",
    " & ",
    " and ",
    " 2020",
    " 2021",
    " 1999",
    " (",
    ")",
    " (IAI)",
    " - ",
    ", ",
    " / ",
    " | ",
    " – ",
    "a ",
    " company",
    "formerly ",
    " part of ",
    "(Hall 1)",
    " (SE)",
    " (Australia)",
    " - Stand 5",
    "Jiangsu ",
    "İ",
    "ß",
    "ﬁ",
    "Ω",
    "\u{202E}",
    "\u{2066}",
    "\u{200F}",
    "\u{061C}",
    "\u{0000}",
    "\u{0007}",
    "\n",
    "\t",
    "\u{00AD}",
    "\u{0301}",
    "Cellebrite",
    "NEXTER",
    "Systems",
    "Defence",
    "defense",
    "Havacılık",
];

/// A name made of random characters and of `PIECES`.
fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        proptest::sample::select(PIECES).prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// A key's shape: lower-case ASCII letters and digits in words joined by single spaces.
fn is_key_shaped(key: &str) -> bool {
    key.split(' ')
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        || key.is_empty()
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
    #![proptest_config(config(2048))]

    #[test]
    fn a_name_key_is_its_own_key(text in name()) {
        let key = name_key(&text);
        prop_assert!(is_key_shaped(&key), "{key:?}");
        prop_assert_eq!(name_key(&key), key);
    }

    #[test]
    fn tokens_of_tokens_are_the_tokens(text in name()) {
        let words = tokens(&text);
        prop_assert_eq!(tokens(&words.join(" ")), words);
    }

    #[test]
    fn the_key_of_a_split_name_is_its_own_key(text in name()) {
        let parts = split_name(&text);
        prop_assert!(is_key_shaped(&parts.key), "{:?}", parts.key);
        prop_assert_eq!(name_key(&parts.key), parts.key.clone());
        for alias in &parts.aliases {
            prop_assert!(is_key_shaped(alias), "{alias:?}");
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let _ = split_name(&text);
        prop_assert_eq!(name_key(&name_key(&text)), name_key(&text));
    }
}
