//! Words of everyday English (`data/everyday_words.csv`, from SCOWL): many unrelated firms take such a
//! word as their name ("Golden", "Premier", "Axon"), so sharing one as a first word is weak evidence of
//! one corporate group, where a coined word ("Rheinmetall", "Teledyne") names one firm. And the words
//! of other languages that begin many unrelated bodies' names (`data/generic_name_words.csv`:
//! "Instituto", "Ministerstvo", "Revista"), which are no evidence of one at all.

use std::sync::OnceLock;

use fairwatch_refdata::data_rows;
use rustc_hash::FxHashSet;

const EVERYDAY_WORDS: &str = include_str!("../../../data/everyday_words.csv");
const GENERIC_NAME_WORDS: &str = include_str!("../../../data/generic_name_words.csv");

/// Whether a word (of a matching key: ASCII, lower case) is a word of everyday English.
pub fn is_everyday_word(word: &str) -> bool {
    static WORDS: OnceLock<FxHashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            data_rows::<(String,)>("everyday_words.csv", EVERYDAY_WORDS)
                .into_iter()
                .map(|(w,)| w)
                .collect()
        })
        .contains(word)
}

/// Whether a word (of a matching key) is one of another language that begins the names of many
/// unrelated bodies: a kind of organisation, or an adjective of nation, place or service.
pub fn is_generic_name_word(word: &str) -> bool {
    static WORDS: OnceLock<FxHashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            data_rows::<(String, String, String)>("generic_name_words.csv", GENERIC_NAME_WORDS)
                .into_iter()
                .map(|(w, ..)| w)
                .collect()
        })
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_and_coined_names() {
        assert!(is_everyday_word("golden") && is_everyday_word("axon") && is_everyday_word("premier"));
        assert!(!is_everyday_word("rheinmetall") && !is_everyday_word("teledyne"));
        assert!(!is_everyday_word("thales") && !is_everyday_word("saab"));
    }

    #[test]
    fn generic_words_of_other_languages() {
        assert!(is_generic_name_word("revista") && is_generic_name_word("ministerstvo"));
        assert!(!is_generic_name_word("rheinmetall") && !is_generic_name_word("inspektorat"));
    }
}
