//! Properties of the text cleaner on arbitrary input. Every name, address and category the database
//! stores went through it, and reports and terminals print them: no control character and no
//! bidirectional control may survive (a U+202E in a company name reverses what a reader sees), the
//! result is one line in NFC with single spaces, and cleaning clean text changes nothing.

use fairwatch_ingest::clean::{clean_multiline, clean_text, for_terminal};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use unicode_normalization::is_nfc;

/// The bidirectional marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters and entities the cleaner has rules for, mixed into random text.
const PIECES: &[&str] = &[
    "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}",
    "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{0000}", "\u{0007}", "\u{001B}", "\u{007F}",
    "\u{0085}", "\u{009B}", "\t", "\n", "\r", "\u{000B}", "\u{000C}", "\u{00A0}", "\u{2028}", "\u{00AD}",
    "\u{200B}", "\u{FEFF}", "\u{0301}", "\u{0327}", "e", "C", " ", "  ", "&amp;", "&lt;", "&#x202E;",
    "&#8238;", "&#0;", "&#x7;", "&#x85;", "&#x2066;", "&rlm;", "&lrm;", "&nbsp;", "&shy;", "&", "&#", "&#x",
    ";",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        proptest::sample::select(PIECES).prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..32).prop_map(|pieces| pieces.concat())
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
    #![proptest_config(config(4096))]

    #[test]
    fn clean_text_leaves_no_control_and_no_bidi_control(raw in text()) {
        let clean = clean_text(&raw);
        let bad = clean.chars().find(|&c| c.is_control() || is_bidi_control(c));
        prop_assert!(bad.is_none(), "{:?} left in {:?}", bad, clean);
    }

    #[test]
    fn clean_text_is_one_nfc_line_with_single_spaces(raw in text()) {
        let clean = clean_text(&raw);
        prop_assert!(is_nfc(&clean), "{:?}", clean);
        prop_assert!(!clean.starts_with(' ') && !clean.ends_with(' ') && !clean.contains("  "), "{:?}", clean);
        prop_assert!(!clean.chars().any(|c| c.is_whitespace() && c != ' '), "{:?}", clean);
    }

    /// Entities are decoded once ("&amp;lt;" is the text "&lt;"; only an ampersand encoded twice is
    /// one "&"), so only text without `&` is expected to be a fixed point.
    #[test]
    fn cleaning_clean_text_changes_nothing(raw in text().prop_map(|t| t.replace('&', ""))) {
        let clean = clean_text(&raw).into_owned();
        prop_assert_eq!(clean_text(&clean), clean.as_str());
    }

    /// What reaches a terminal holds no control and no bidi control, and says where each was.
    #[test]
    fn terminal_text_leaves_no_control_and_no_bidi_control(raw in text()) {
        let shown = for_terminal(&raw);
        let bad = shown.chars().find(|&c| c.is_control() || is_bidi_control(c));
        prop_assert!(bad.is_none(), "{:?} left in {:?}", bad, shown);
        let escaped = raw.chars().filter(|&c| c.is_control() || is_bidi_control(c)).count();
        prop_assert!(shown.matches("\\u{").count() >= escaped, "{:?}", shown);
    }

    #[test]
    fn clean_multiline_lines_are_clean_and_non_empty(raw in text()) {
        let clean = clean_multiline(&raw);
        prop_assert!(!clean.starts_with('\n') && !clean.ends_with('\n') && !clean.contains("\n\n"), "{:?}", clean);
        for line in clean.lines() {
            prop_assert!(!line.chars().any(|c| c.is_control() || is_bidi_control(c)), "{:?}", clean);
        }
    }
}

#[test]
fn arbitrary_unicode_strings_leave_no_control() {
    // The property above on proptest's own string strategy too, which draws from every plane.
    proptest!(config(2048), |(raw in any::<String>())| {
        prop_assert!(!clean_text(&raw).chars().any(|c| c.is_control() || is_bidi_control(c)));
        prop_assert!(!for_terminal(&raw).chars().any(|c| c.is_control() || is_bidi_control(c)));
    });
}
