//! A company named by a brand and a place ("cellebrite uk", "verint systems asia pacific", "thales
//! australia") is that brand's entity for the place: the resolver keeps it a company of its own, and
//! this module finds the brand so the group stage can join it to the brand's group.

use std::sync::OnceLock;

use fairwatch_refdata::data_rows;
use fairwatch_resolve::normalise::{country_named, is_chinese_region};
use rustc_hash::FxHashSet;

const PLACE_WORDS: &str = include_str!("../../../data/place_words.csv");

/// Regions and cities, and demonyms, of `data/place_words.csv`, as matching keys.
fn places() -> &'static (FxHashSet<String>, FxHashSet<String>) {
    static PLACES: OnceLock<(FxHashSet<String>, FxHashSet<String>)> = OnceLock::new();
    PLACES.get_or_init(|| {
        let rows = data_rows::<(String, String, Option<usize>)>("place_words.csv", PLACE_WORDS);
        let (demonyms, places) = rows
            .into_iter()
            .partition::<Vec<_>, _>(|(_, kind, _)| kind == "demonym");
        let words =
            |rows: Vec<(String, String, Option<usize>)>| rows.into_iter().map(|(w, _, _)| w).collect();
        (words(places), words(demonyms))
    })
}

/// Whether a word names a place or a nationality rather than a firm: a country, region, city,
/// demonym ("indian") or a Chinese region that begins Chinese firms' names ("shenzhen").
pub fn names_a_place(word: &str) -> bool {
    is_place(word) || places().1.contains(word) || is_chinese_region(word)
}

/// Whether the words name a country ("uk", "india", "united states of america", as the resolver
/// reads country words) or a region or city of the place table.
fn is_place(words: &str) -> bool {
    places().0.contains(words) || country_named(words).is_some()
}

/// Splits a matching key into its brand and the place that ends it, trying the longest place first
/// (up to four words: "united states of america"). The brand keeps at least one word.
pub fn brand_and_place(key: &str) -> Option<(&str, &str)> {
    let fourth_last_space = key.rmatch_indices(' ').take(4).last()?.0;
    key[fourth_last_space..]
        .match_indices(' ')
        .map(|(at, _)| fourth_last_space + at)
        .map(|at| (&key[..at], &key[at + 1..]))
        .find(|(_, place)| is_place(place))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_and_places() {
        assert_eq!(brand_and_place("cellebrite uk"), Some(("cellebrite", "uk")));
        assert_eq!(
            brand_and_place("verint systems asia pacific"),
            Some(("verint systems", "asia pacific"))
        );
        assert_eq!(brand_and_place("thales australia"), Some(("thales", "australia")));
        assert_eq!(
            brand_and_place("general dynamics united kingdom"),
            Some(("general dynamics", "united kingdom"))
        );
        assert_eq!(
            brand_and_place("airbus deutschland"),
            Some(("airbus", "deutschland"))
        );
        assert_eq!(brand_and_place("cellebrite"), None);
        assert_eq!(brand_and_place("uk"), None, "a place alone names no brand");
        assert_eq!(brand_and_place("gamma sa"), None, "a legal form is no place");
        assert_eq!(brand_and_place("rohde and schwarz"), None);
    }

    #[test]
    fn places_and_nationalities_are_no_brands() {
        assert!(names_a_place("shenzhen") && names_a_place("indian") && names_a_place("europe"));
        assert!(names_a_place("germany"));
        assert!(!names_a_place("thales") && !names_a_place("rheinmetall"));
    }
}
