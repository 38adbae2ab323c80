//! What name keys say on their own: whether a key is too short to cross countries, which words only
//! describe a firm, how many keys hold a word, and whether one key's words recur in another's. The
//! node, comparison and distinctive-name stages all ask these questions of keys.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalise::country_named;

const DESCRIPTORS: &str = include_str!("../../../../data/descriptor_words.csv");

/// Every descriptor word (`data/descriptor_words.csv`) with the line of business it names, if any.
fn descriptor_words() -> &'static FxHashMap<String, Option<String>> {
    static WORDS: std::sync::OnceLock<FxHashMap<String, Option<String>>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        fairwatch_refdata::data_rows::<(String, String)>("descriptor_words.csv", DESCRIPTORS)
            .into_iter()
            .map(|(word, line)| (word, (!line.is_empty()).then_some(line)))
            .collect()
    })
}

/// Whether a word only describes a firm ("systems", "technologies"; `data/descriptor_words.csv`).
pub(super) fn is_descriptor(word: &str) -> bool {
    descriptor_words().contains_key(word)
}

/// The lines of business (sorted, each once) that descriptor words name, when every word is a
/// descriptor (or the "and" between two) and at least one names a line: "aerospace systems" is
/// aerospace, "defence and aerospace" both, "group" none.
pub(super) fn lines_of_business(words: &str) -> Option<Vec<&'static str>> {
    let mut lines = Vec::new();
    for word in words.split(' ').filter(|&word| word != "and") {
        if let Some(line) = descriptor_words().get(word)? {
            lines.push(line.as_str());
        }
    }
    lines.sort_unstable();
    lines.dedup();
    (!lines.is_empty()).then_some(lines)
}

/// Keys too short to merge across countries: "ADS" in Britain and "ADS" in South Africa are different
/// bodies, while "CELLEBRITE" is one firm whatever office registered it.
pub(super) fn is_weak_key(key: &str) -> bool {
    key.bytes().filter(|b| *b != b' ').count() <= 4
}

/// How many of `keys` (distinct keys) contain each of `words`: a word of few keys names a firm
/// rather than describes one. Only the words asked about are counted, in a map of those alone: the
/// words of a million names would fill one of millions.
pub(super) fn keys_with_word<'a>(
    keys: impl Iterator<Item = &'a str>,
    words: impl Iterator<Item = &'a str>,
) -> FxHashMap<&'a str, usize> {
    let mut counts: FxHashMap<&str, usize> = words.map(|word| (word, 0)).collect();
    for key in keys {
        // Each word once per key, without sorting its words: the first of equal words counts.
        for (n, word) in key.split(' ').enumerate() {
            if let Some(count) = counts.get_mut(word) {
                if !key.split(' ').take(n).any(|earlier| earlier == word) {
                    *count += 1;
                }
            }
        }
    }
    counts
}

/// The distinct keys among `keys` that hold one of `words`: the only ones [`keys_with_word`] needs
/// to count them.
pub(super) fn distinct_keys_holding<'a>(
    keys: impl Iterator<Item = &'a str>,
    words: &FxHashSet<&str>,
) -> FxHashSet<&'a str> {
    keys.filter(|key| key.split(' ').any(|word| words.contains(word)))
        .collect()
}

pub(super) fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

/// Whether every word of `short` occurs in `long`, in the same order, and no word `long` adds names a
/// country other than `home`, the country both names are listed under: "peli products france" is a
/// national subsidiary, a company of its own, while "sofex jordan" listed in Jordan is Sofex.
pub(super) fn extends_in_order(short: &str, long: &str, home: Option<&str>) -> bool {
    let mut long_words = long.split(' ');
    short.split(' ').all(|w| long_words.by_ref().any(|l| l == w))
        && long
            .split(' ')
            .filter(|w| !short.split(' ').any(|s| s == *w))
            .all(|w| country_named(w).is_none_or(|named| Some(named) == home))
}

/// Whether the longer key is the shorter plus descriptor words only ("nexter systems" / "nexter"),
/// and the shorter names something of its own: "china electronics" (a country and a descriptor) is
/// no firm that "china electronics technology group" could be a spelling of.
pub fn extends_with_descriptors(short: &str, long: &str) -> bool {
    // The prefix first: it is asked of every pair of a block, and almost every pair fails it.
    long.strip_prefix(short)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|rest| rest.split(' ').all(is_descriptor))
        && names_something(short)
}

/// Whether a key holds a word that neither describes a firm nor names a country.
pub(super) fn names_something(key: &str) -> bool {
    key.split(' ')
        .any(|word| !is_descriptor(word) && country_named(word).is_none())
}

/// Whether two keys of three words or more hold the same words in another order ("tno defence safety
/// and security" / "tno defence security and safety").
pub(super) fn same_words_reordered(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.bytes().filter(|&c| c == b' ').count() < 2 {
        return false;
    }
    let (mut x, mut y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptor_words_extend_only_a_name_of_its_own() {
        assert!(extends_with_descriptors("nexter", "nexter systems"));
        assert!(
            !extends_with_descriptors("china electronics", "china electronics technology group"),
            "a country and a descriptor name no firm"
        );
        assert!(!extends_with_descriptors("systems", "systems solutions"));
    }

    #[test]
    fn lines_of_business_are_named_by_descriptor_words_only() {
        assert_eq!(lines_of_business("aerospace systems"), Some(vec!["aerospace"]));
        assert_eq!(
            lines_of_business("defense and aerospace"),
            Some(vec!["aerospace", "defence"])
        );
        assert_eq!(lines_of_business("group"), None, "a word that names no line");
        assert_eq!(lines_of_business("marine"), None, "not a descriptor");
    }

    #[test]
    fn long_names_join_with_their_words_reordered() {
        assert!(same_words_reordered(
            "tno defence safety and security",
            "tno defence security and safety"
        ));
        assert!(
            !same_words_reordered("alpha beta", "beta alpha"),
            "two words are too few"
        );
        assert!(!same_words_reordered(
            "tno defence safety and security",
            "tno defence safety and secure"
        ));
    }
}
