//! What the brand evidence asks of the companies' names: how many keys begin with a word or a pair
//! of words and how many hold it later, the records under each first word, and from these whether a
//! word or a phrase is a firm's brand. Made from the company index for the proposals that need it and
//! dropped before the groups are built: on a large list it is the largest part of what the stage
//! knows of the names.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::everyday::{is_everyday_word, is_generic_name_word};
use crate::evidence::{
    ABROAD_SHORT_MIN_LETTERS, ABROAD_SHORT_MIN_RECORDS, BRAND_LEAD_RATIO, BRAND_MIN_KEYS, BRAND_MIN_LETTERS,
    BRAND_MIN_LETTERS_EVER, EVERYDAY_BRAND_SHARE, SHORT_BRAND_LEAD_RATIO, SHORT_BRAND_MIN_KEYS,
};
use crate::links::{first_word, CompanyIndex};
use crate::place::names_a_place;

/// Where phrases stand in the companies' keys, for telling brands from words that describe.
pub struct Brands<'i, 'a> {
    pub index: &'i CompanyIndex<'a>,
    /// Keys beginning with a phrase (its first word, or first two words: `(word, next or "")`), and
    /// keys holding it later.
    leads: PhraseCounts<'a>,
    insides: PhraseCounts<'a>,
    /// The records of the companies whose key begins with a word.
    records_by_first_word: FxHashMap<&'a str, usize>,
}

impl<'i, 'a> Brands<'i, 'a> {
    pub fn new(index: &'i CompanyIndex<'a>) -> Brands<'i, 'a> {
        let keys: Vec<&str> = index.all_keys().collect();
        let (leads, insides) = phrase_positions(&keys);
        let mut records_by_first_word = FxHashMap::default();
        for (key, records) in index.keys.iter().zip(&index.records) {
            *records_by_first_word.entry(first_word(key)).or_default() += records;
        }
        Brands {
            index,
            leads,
            insides,
            records_by_first_word,
        }
    }

    /// The brand family of a company: the first word of its key where that word is a brand word
    /// ("sikorsky"), else its whole key (a first word such as "general" names no one firm).
    pub fn family(&self, company: usize) -> &'a str {
        let key = self.index.keys[company];
        let word = first_word(key);
        if self.is_brand_word(word) {
            word
        } else {
            key
        }
    }

    /// Whether the companies named by exactly this word hold `ABROAD_SHORT_MIN_RECORDS` records or
    /// more, and at least `EVERYDAY_BRAND_SHARE` of the records under names beginning with it: one
    /// firm known at many fairs ("mbda", "moog", "nammo"), not a first name or a foreign word that
    /// several firms begin with ("otto", "renk").
    fn is_known_firm(&self, word: &str) -> bool {
        let named = self.index.named_records(word);
        let beginning = self.records_by_first_word.get(word).copied().unwrap_or(0);
        named >= ABROAD_SHORT_MIN_RECORDS && named as f64 >= EVERYDAY_BRAND_SHARE * beginning as f64
    }

    /// Whether a word names a firm rather than describes many: it begins at least `BRAND_MIN_KEYS`
    /// keys and appears inside far fewer (a short word: many more keys, almost never inside), and it
    /// names no place or nationality.
    pub fn is_brand_word(&self, word: &str) -> bool {
        let lead = self.leads.get(&(word, "")).copied().unwrap_or(0);
        let inside = self.insides.get(&(word, "")).copied().unwrap_or(0);
        // Asked only of short words: the long ones need no known firm behind them.
        let counts_as_long = word.len() >= BRAND_MIN_LETTERS
            || (word.len() >= ABROAD_SHORT_MIN_LETTERS
                && !is_everyday_word(word)
                && self.is_known_firm(word));
        let (min_keys, ratio) = if counts_as_long {
            (BRAND_MIN_KEYS, BRAND_LEAD_RATIO)
        } else {
            (SHORT_BRAND_MIN_KEYS, SHORT_BRAND_LEAD_RATIO)
        };
        word.len() >= BRAND_MIN_LETTERS_EVER
            && lead >= min_keys
            && inside * ratio <= lead
            && !names_a_place(word)
            && !is_generic_name_word(word)
    }

    /// The first two words of a key, when they begin at least `BRAND_MIN_KEYS` keys and the second
    /// names no place: the brand a name of an everyday first word is taken to begin with.
    pub fn brand_phrase<'k>(&self, key: &'k str) -> Option<&'k str> {
        let (first, second, phrase) = first_two_words(key)?;
        let leads = self.leads.get(&(first, second)).copied().unwrap_or(0);
        (leads >= BRAND_MIN_KEYS && !names_a_place(second)).then_some(phrase)
    }

    /// The first two words of a key whose first word is no brand word, when the two name a known
    /// firm: they begin at least `BRAND_MIN_KEYS` keys and appear inside at most one for every
    /// `BRAND_LEAD_RATIO`, neither names a place, and the companies named by the two words alone hold
    /// at least `ABROAD_SHORT_MIN_RECORDS` records ("general dynamics", "bae systems", "rolls royce").
    /// Two words are rarely shared by chance, but a pair that only begins keys ("embassy of", "bei
    /// jing") names no firm: the records under the bare pair are what show one.
    pub fn known_firm_phrase<'k>(&self, key: &'k str) -> Option<&'k str> {
        let (first, second, phrase) = first_two_words(key)?;
        let lead = self.leads.get(&(first, second)).copied().unwrap_or(0);
        if lead < BRAND_MIN_KEYS || names_a_place(first) || names_a_place(second) {
            return None;
        }
        let inside = self.insides.get(&(first, second)).copied().unwrap_or(0);
        (inside * BRAND_LEAD_RATIO <= lead && self.index.named_records(phrase) >= ABROAD_SHORT_MIN_RECORDS)
            .then_some(phrase)
    }

    /// Whether a brand of one or more words names one firm: its first word is a brand word, or its
    /// first two words begin far more keys than they appear inside ("general dynamics").
    pub fn is_distinctive_brand(&self, brand: &str) -> bool {
        let words: Vec<&str> = brand.split(' ').collect();
        if self.is_brand_word(words[0]) {
            return true;
        }
        let Some(second) = words.get(1) else {
            return false;
        };
        let phrase = (words[0], *second);
        let lead = self.leads.get(&phrase).copied().unwrap_or(0);
        let inside = self.insides.get(&phrase).copied().unwrap_or(0);
        lead > 0 && inside * BRAND_LEAD_RATIO <= lead && !names_a_place(words[0])
    }
}

/// Counts of phrases (a word, or a word and the next) by where they stand in keys.
type PhraseCounts<'a> = FxHashMap<(&'a str, &'a str), usize>;

/// How often each word and pair of words begins a key, and how often one that begins some key appears
/// later in one (only those are ever asked: a brand begins keys; counting every inner word of a
/// million names would cost more than all the rest).
fn phrase_positions<'a>(keys: &[&'a str]) -> (PhraseCounts<'a>, PhraseCounts<'a>) {
    let mut leads: PhraseCounts<'a> = FxHashMap::default();
    for key in keys {
        let mut words = key.split(' ');
        let first = words.next().unwrap_or(key);
        *leads.entry((first, "")).or_default() += 1;
        if let Some(second) = words.next() {
            *leads.entry((first, second)).or_default() += 1;
        }
    }
    let mut insides: PhraseCounts<'a> = FxHashMap::default();
    let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
    for key in keys {
        let words: Vec<&str> = key.split(' ').collect();
        seen.clear();
        for i in 1..words.len() {
            let pair = words.get(i + 1).map(|next| (words[i], *next));
            for phrase in [Some((words[i], "")), pair].into_iter().flatten() {
                if leads.contains_key(&phrase) && seen.insert(phrase) {
                    *insides.entry(phrase).or_default() += 1;
                }
            }
        }
    }
    (leads, insides)
}

/// A key's first two words, and the phrase they make together, when it has two.
fn first_two_words(key: &str) -> Option<(&str, &str, &str)> {
    let mut words = key.splitn(3, ' ');
    let (first, second) = (words.next()?, words.next()?);
    Some((first, second, &key[..first.len() + 1 + second.len()]))
}
