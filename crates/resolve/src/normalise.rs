//! From a cleaned exhibitor name to the key that matching compares: booth and hall noise removed,
//! corporate relations split off ("X, a Y company", "X (formerly Y)", "X / Y"), transliterated to
//! ASCII, legal forms of many jurisdictions stripped.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use fairwatch_refdata::{data_rows, Countries, CountryMatch};
use serde::Deserialize;

const LEGAL_FORMS: &str = include_str!("../../../data/legal_forms.csv");
const LEGAL_FORM_FAMILIES: &str = include_str!("../../../data/legal_form_families.csv");
const NON_EXHIBITORS: &str = include_str!("../../../data/non_exhibitors.csv");
const WORD_SPELLINGS: &str = include_str!("../../../data/word_spellings.csv");
const CHINESE_PLACES: &str = include_str!("../../../data/chinese_places.csv");

/// How a name relates its company to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// "X, a Y company", "X (part of Y)", "X, a division of Y", national subsidiaries.
    MemberOfGroup,
    /// "X (formerly Y)": a rename.
    FormerlyKnownAs,
    /// "X, formerly a Y company", "X (formerly part of Y)": a membership that ended.
    FormerlyMemberOf,
    /// "X / Y": a shared stand or a pairing of brands.
    JointStand,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::MemberOfGroup => "member_of_group",
            RelationKind::FormerlyKnownAs => "formerly",
            RelationKind::FormerlyMemberOf => "formerly_member_of",
            RelationKind::JointStand => "joint_stand",
        }
    }
}

/// A name split into the company it names and what it says about other companies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    /// The company's name as written, without relation clauses and booth noise.
    pub primary: String,
    /// The matching key of `primary`: an acronym in parentheses or after a dash is left out of it
    /// ("Israel Aircraft Industries (IAI)" -> "israel aircraft industries"), a country in parentheses
    /// stays in it ("Rohde & Schwarz (Australia)" -> "rohde and schwarz australia").
    pub key: String,
    /// Keys of other names the text gives the same company: the acronym, or the spelled-out name
    /// when the acronym comes first ("KEA (Korea Electronics Association)").
    pub aliases: Vec<String>,
    pub relations: Vec<(RelationKind, String)>,
    /// The legal forms stripped from the name, as normalised words, in the order stripped
    /// ("gmbh and co kg"; "ltd sti", "san ve tic" for a Turkish name).
    pub legal_forms: Vec<String>,
    /// The jurisdictions (sorted ISO codes) where the name's legal forms exist: those every form
    /// allows, `data/legal_form_families.csv` spelling out families ("common law"). None when no
    /// form ties the name to particular jurisdictions ("S.A.", "Co.", none at all) or they share none.
    pub jurisdiction: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct FormRow {
    form: String,
    position: String,
    jurisdictions: String,
}

/// A legal form as the words it is written with, and where it exists.
struct Form {
    tokens: Vec<String>,
    /// The tokens joined by single spaces, as a key writes the form ("gmbh co kg").
    written: String,
    /// Sorted ISO codes; None for a form of many jurisdictions ("many", "... and others").
    jurisdiction: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct NonExhibitorRow {
    word: String,
    kind: String,
}

struct Tables {
    /// Legal forms, longest first so "gmbh co kg" wins over "kg".
    end_forms: Vec<Form>,
    /// Indices into `end_forms` by the form's last word, in the order of `end_forms`: only these can
    /// end a name that ends with that word, so stripping looks at a few forms, not all of them.
    end_forms_by_last_word: FxHashMap<String, Vec<usize>>,
    /// The same by the form's first word: only these can begin a key that begins with that word.
    end_forms_by_first_word: FxHashMap<String, Vec<usize>>,
    start_forms: Vec<Form>,
    non_exhibitors: Vec<(Vec<String>, String)>,
    /// One spelling per word ("defense" -> "defence", "havacilik" -> "aviation").
    spellings: FxHashMap<String, String>,
    /// Chinese regions as name-key words ("jiangsu", "xi an"), each with its row in the table (the
    /// first where one is listed twice), and the most words one has.
    chinese_regions: FxHashMap<String, usize>,
    chinese_region_words: usize,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let families: FxHashMap<String, Vec<String>> =
            data_rows::<(String, String)>("legal_form_families.csv", LEGAL_FORM_FAMILIES)
                .into_iter()
                .map(|(family, codes)| (family, codes.split_whitespace().map(str::to_owned).collect()))
                .collect();
        // A form listed twice ("as": Norway and Denmark, and Turkey) exists in both lists' places.
        let mut forms: std::collections::BTreeMap<(bool, Vec<String>), Option<Vec<String>>> =
            Default::default();
        for row in data_rows::<FormRow>("legal_forms.csv", LEGAL_FORMS) {
            let tokens: Vec<String> = row.form.split_whitespace().map(str::to_owned).collect();
            let jurisdiction = form_jurisdiction(&row.jurisdictions, &families);
            forms
                .entry((row.position == "start", tokens))
                .and_modify(|known| {
                    *known = known.take().zip(jurisdiction.clone()).map(|(mut a, b)| {
                        a.extend(b);
                        a.sort_unstable();
                        a.dedup();
                        a
                    })
                })
                .or_insert(jurisdiction);
        }
        let (mut end_forms, mut start_forms) = (Vec::new(), Vec::new());
        for ((start, tokens), jurisdiction) in forms {
            assert!(!tokens.is_empty(), "data/legal_forms.csv: an empty form");
            let form = Form {
                written: tokens.join(" "),
                tokens,
                jurisdiction,
            };
            if start {
                start_forms.push(form);
            } else {
                end_forms.push(form);
            }
        }
        end_forms.sort_by_key(|f| std::cmp::Reverse(f.tokens.len()));
        start_forms.sort_by_key(|f| std::cmp::Reverse(f.tokens.len()));
        let by_word = |word: fn(&[String]) -> Option<&String>| {
            let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
            for (i, form) in end_forms.iter().enumerate() {
                let word = word(&form.tokens).expect("forms are not empty").clone();
                index.entry(word).or_default().push(i);
            }
            index
        };
        let end_forms_by_last_word = by_word(<[String]>::last);
        let end_forms_by_first_word = by_word(<[String]>::first);
        let non_exhibitors = data_rows::<NonExhibitorRow>("non_exhibitors.csv", NON_EXHIBITORS)
            .into_iter()
            .map(|r| (r.word.split_whitespace().map(str::to_owned).collect(), r.kind))
            .collect();
        let spellings: FxHashMap<String, String> =
            data_rows::<(String, String)>("word_spellings.csv", WORD_SPELLINGS)
                .into_iter()
                .collect();
        if let Some(chained) = spellings.values().find(|s| spellings.contains_key(*s)) {
            panic!("data/word_spellings.csv: the spelling {chained:?} is itself respelled");
        }
        let mut chinese_regions: FxHashMap<String, usize> = FxHashMap::default();
        for (row, (place, _level)) in data_rows::<(String, String)>("chinese_places.csv", CHINESE_PLACES)
            .into_iter()
            .enumerate()
        {
            chinese_regions.entry(place).or_insert(row);
        }
        let chinese_region_words = chinese_regions
            .keys()
            .map(|r| r.split(' ').count())
            .max()
            .unwrap_or(0);
        Tables {
            end_forms,
            end_forms_by_last_word,
            end_forms_by_first_word,
            start_forms,
            non_exhibitors,
            spellings,
            chinese_regions,
            chinese_region_words,
        }
    })
}

/// The jurisdictions a `jurisdictions` cell of `data/legal_forms.csv` names, as sorted ISO codes: codes
/// ("DE AT CH"), families ("common law", "EU"), or None for "many", "... and others" and an empty cell.
fn form_jurisdiction(cell: &str, families: &FxHashMap<String, Vec<String>>) -> Option<Vec<String>> {
    let cell = cell.trim();
    if cell.is_empty() || cell == "many" || cell.ends_with("and others") {
        return None;
    }
    let mut codes: Vec<String> = match families.get(cell) {
        Some(codes) => codes.clone(),
        None => cell
            .split_whitespace()
            .flat_map(|word| match families.get(word) {
                Some(codes) => codes.clone(),
                None => {
                    assert!(
                        word.len() == 2 && word.bytes().all(|b| b.is_ascii_uppercase()),
                        "data/legal_forms.csv: {word:?} is neither an ISO code nor a family of data/legal_form_families.csv"
                    );
                    vec![word.to_owned()]
                }
            })
            .collect(),
    };
    codes.sort_unstable();
    codes.dedup();
    Some(codes)
}

/// The jurisdictions every one of `forms` exists in; None when none is particular to some, or they
/// have none in common.
fn jurisdiction_of(forms: &[&Form]) -> Option<Vec<String>> {
    let mut particular = forms.iter().filter_map(|f| f.jurisdiction.as_ref());
    let mut common = particular.next()?.clone();
    for codes in particular {
        common.retain(|c| codes.binary_search(c).is_ok());
    }
    (!common.is_empty()).then_some(common)
}

/// Whether two sorted sets of jurisdiction codes share one.
pub(crate) fn jurisdictions_overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|code| b.binary_search(code).is_ok())
}

/// The word an `&` is read as.
const AMPERSAND: &str = "and";

/// ASCII, lower-case words of a name, with `&` read as [`AMPERSAND`]. One pass over the transliterated text:
/// a word is a run of letters and digits.
pub fn tokens(text: &str) -> Vec<String> {
    // Text already in ASCII (most names) is read as it is, not copied.
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let mut words = Vec::new();
    let mut start = None;
    for (i, byte) in ascii.bytes().enumerate() {
        if byte.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(start) = start.take() {
            words.push(ascii[start..i].to_ascii_lowercase());
        }
        if byte == b'&' {
            words.push(AMPERSAND.to_owned());
        }
    }
    if let Some(start) = start {
        words.push(ascii[start..].to_ascii_lowercase());
    }
    words
}

/// The matching key of a company name: its words without legal forms or a trailing edition year,
/// each in its one spelling (`data/word_spellings.csv`), joined by spaces.
pub fn name_key(name: &str) -> String {
    key_and_forms(name).0
}

/// The matching key of a name and the legal forms stripped from it. Each step can expose work for
/// another ("The the X", "X GmbH 2020": a form before the year), so they repeat until the words stop
/// changing: a key is then its own key, and a key stored or typed back finds the same company.
fn key_and_forms(name: &str) -> (String, Vec<&'static Form>) {
    let tokens = tokens(name);
    let mut words: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let mut forms = Vec::new();
    loop {
        let (kept, stripped) = strip_legal_forms(&words);
        let next = respelled_without_edition(kept);
        forms.extend(stripped);
        if next == words {
            return (words.join(" "), forms);
        }
        words = next;
    }
}

/// `words` each in its one spelling, without a trailing edition year. Spellings are never themselves
/// respelled (checked when the table loads), so a second pass changes nothing.
fn respelled_without_edition<'w>(words: &[&'w str]) -> Vec<&'w str> {
    let spellings = &tables().spellings;
    let mut kept: Vec<&str> = words
        .iter()
        .map(|&w| spellings.get(w).map_or(w, String::as_str))
        .collect();
    if kept.len() > 1 && kept.last().is_some_and(|w| is_edition_year(w)) {
        kept.pop();
    }
    kept
}

/// A year that names an edition of an event ("FIDAE 2024", "DSA 2020"), not a firm: years before
/// 2005 also end firms' names ("Arsenal 2000").
fn is_edition_year(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u16>()
            .is_ok_and(|year| (2005..=2035).contains(&year))
}

/// The words between a leading "the" or legal form and the trailing legal forms.
fn without_legal_forms<'s, 'w>(words: &'s [&'w str]) -> &'s [&'w str] {
    strip_legal_forms(words).0
}

/// Whether `words` are the words of a legal form.
fn are_form(words: &[&str], form: &Form) -> bool {
    words.len() == form.tokens.len() && words.iter().zip(&form.tokens).all(|(w, t)| w == t)
}

/// The words between a leading "the" or legal form and the trailing legal forms, and the forms
/// stripped, in the order stripped.
fn strip_legal_forms<'s, 'w>(words: &'s [&'w str]) -> (&'s [&'w str], Vec<&'static Form>) {
    let mut words = words;
    let mut stripped = Vec::new();
    if words.first().is_some_and(|w| *w == "the") && words.len() > 1 {
        words = &words[1..];
    }
    let tables = tables();
    // Strip forms repeatedly ("Foo Co., Ltd." -> "foo"), but never the whole name.
    'strip: loop {
        let ending_here = words
            .last()
            .and_then(|last| tables.end_forms_by_last_word.get(*last))
            .map_or(&[][..], Vec::as_slice);
        for form in ending_here.iter().map(|&i| &tables.end_forms[i]) {
            let n = form.tokens.len();
            if words.len() > n && are_form(&words[words.len() - n..], form) {
                words = &words[..words.len() - form.tokens.len()];
                stripped.push(form);
                continue 'strip;
            }
        }
        // An ampersand left at the end once "& Co." is stripped ("Greene, Tweed & Co." ->
        // "greene tweed and") or where a list cut the name after it ("3D CONTECH GMBH &").
        if words.len() > 1 && words.last() == Some(&AMPERSAND) {
            words = &words[..words.len() - 1];
            continue 'strip;
        }
        for form in &tables.start_forms {
            let n = form.tokens.len();
            if words.len() > n && are_form(&words[..n], form) {
                words = &words[form.tokens.len()..];
                stripped.push(form);
                continue 'strip;
            }
        }
        break;
    }
    (words, stripped)
}

/// The kind of a list entry that is not a company (a national pavilion, a lounge), if it is one. A
/// name with a legal form ("Pavilion Electronics Ltd") is a company whatever its words.
pub fn non_exhibitor_kind(name: &str) -> Option<&'static str> {
    let words = tokens(name);
    let kind = tables()
        .non_exhibitors
        .iter()
        .find(|(phrase, _)| words.windows(phrase.len()).any(|w| w == phrase.as_slice()))
        .map(|(_, kind)| kind.as_str())?;
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    (without_legal_forms(&words).len() == words.len()).then_some(kind)
}

fn is_booth_noise(inner: &str) -> bool {
    let first = inner
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ["hall", "booth", "stand", "stall", "halle", "stand no", "pavilion"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
}

/// A stand's code glued to the end of a name by a catalogue's layout: a capital and two or three digits
/// right after a small letter ("Siemens PLM SoftwareB18", "GeoSpectrum Technologies IncC23"). One
/// digit is too short to tell from a name ("TrakM8").
fn without_glued_stand_code(name: &str) -> &str {
    let bytes = name.as_bytes();
    let digits = bytes.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let at = bytes.len() - digits;
    let glued = (2..=3).contains(&digits)
        && at >= 2
        && bytes[at - 1].is_ascii_uppercase()
        && bytes[at - 2].is_ascii_lowercase();
    if glued {
        &name[..at - 1]
    } else {
        name
    }
}

/// Removes "(Hall 1 - booth H1-H22)"-style parentheses, a trailing "- Stand 5" and a stand's code
/// glued to the name.
fn strip_booth_noise(name: &str) -> String {
    let name = without_glued_stand_code(name);
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        if !is_booth_noise(inner) {
            out.push_str(&rest[open..=open + close]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    if let Some(dash) = out.contains('-').then(|| out.rfind(" - ")).flatten() {
        if is_booth_noise(&out[dash + 3..]) {
            out.truncate(dash);
        }
    }
    out.trim().to_owned()
}

/// Phrases that introduce another company, with the relation they state. Matched on lower-case text.
const RELATION_MARKERS: &[(&str, RelationKind)] = &[
    ("formerly known as ", RelationKind::FormerlyKnownAs),
    ("formerly a ", RelationKind::FormerlyMemberOf),
    ("formerly part of ", RelationKind::FormerlyMemberOf),
    ("previously part of ", RelationKind::FormerlyMemberOf),
    ("formerly ", RelationKind::FormerlyKnownAs),
    ("previously ", RelationKind::FormerlyKnownAs),
    ("now part of ", RelationKind::MemberOfGroup),
    ("a company of ", RelationKind::MemberOfGroup),
    ("part of ", RelationKind::MemberOfGroup),
    ("a division of ", RelationKind::MemberOfGroup),
    ("division of ", RelationKind::MemberOfGroup),
    ("a subsidiary of ", RelationKind::MemberOfGroup),
    ("subsidiary of ", RelationKind::MemberOfGroup),
    ("a member of ", RelationKind::MemberOfGroup),
    ("member of ", RelationKind::MemberOfGroup),
    ("an ", RelationKind::MemberOfGroup),
    ("a ", RelationKind::MemberOfGroup),
];

/// "a Verint company" -> ("Verint", relation). Only clauses that end in "company" or "group company"
/// count for the bare "a"/"an" markers, so "a" inside ordinary names is left alone.
fn relation_clause(clause: &str) -> Option<(RelationKind, String)> {
    let lower = clause.to_lowercase();
    let lower = lower.trim();
    for (marker, kind) in RELATION_MARKERS {
        if let Some(rest) = lower.strip_prefix(marker) {
            let original = clause.trim()[marker.len()..].trim();
            let bare_article = matches!(*marker, "a " | "an " | "formerly a ");
            let other = ["group company", "company"].iter().find_map(|suffix| {
                rest.ends_with(suffix)
                    .then(|| &original[..original.len() - suffix.len()])
            });
            return match (bare_article, other) {
                (_, Some(other)) => Some((*kind, other.trim().to_owned())),
                (false, None) => Some((*kind, original.to_owned())),
                (true, None) => None,
            };
        }
    }
    None
}

/// A name with its full-width forms (U+FF01 to U+FF5E, and the ideographic space) as the ASCII they
/// stand for, as Chinese catalogues type punctuation: "ESTABLISHMENT （AVIC CAPE）" has its acronym in
/// parentheses like "ESTABLISHMENT (AVIC CAPE)". Only those: Unicode's whole compatibility form would
/// also rewrite "™" and marks of names shown to people. Most names have none and are not copied.
fn narrow(name: &str) -> Cow<'_, str> {
    let wide = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}';
    if !name.chars().any(wide) {
        return Cow::Borrowed(name);
    }
    name.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            c if wide(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Where `separator` (a mark between spaces, or a comma and a space) first occurs in `text`. The mark
/// is looked for first: most names have none, and finding a character is far cheaper than setting
/// up the search for a string.
fn find_separator(text: &str, separator: &str) -> Option<usize> {
    let mark = separator.trim().chars().next()?;
    text.contains(mark).then(|| text.find(separator)).flatten()
}

/// Splits a cleaned name into its company and the relations it states.
pub fn split_name(name: &str) -> NameParts {
    let mut primary = strip_booth_noise(&narrow(name));
    let mut relations = Vec::new();
    // Parenthesised clauses: "SENSECY (A VERINT COMPANY)", "X (formerly Y)".
    while let (Some(open), true) = (primary.rfind('('), primary.ends_with(')')) {
        let inner = primary[open + 1..primary.len() - 1].to_owned();
        match relation_clause(&inner) {
            Some(relation) => {
                relations.push(relation);
                primary.truncate(open);
                primary = primary.trim().to_owned();
            }
            None => break,
        }
    }
    // Comma or dash clauses: "Cognyte, Formerly a Verint company", "Derco, A Lockheed Martin Company".
    for separator in [", ", " - ", " – ", " | "] {
        if let Some(at) = find_separator(&primary, separator) {
            if let Some(relation) = relation_clause(&primary[at + separator.len()..]) {
                relations.push(relation);
                primary.truncate(at);
            }
        }
    }
    // Joint stands: "AREA SYSTEMS UK LTD. / AREA S.P.A.", "Abaco Systems | AMETEK".
    let mut stand_partner = None;
    if let Some((at, separator)) = [" / ", " | "]
        .iter()
        .find_map(|s| find_separator(&primary, s).map(|at| (at, s)))
    {
        let other = primary[at + separator.len()..].trim().to_owned();
        primary.truncate(at);
        stand_partner = Some(other).filter(|other| !other.is_empty());
    }
    let primary = primary.trim().to_owned();
    let (key, mut aliases, forms) = key_and_aliases(&primary, ASIDES_PASSED_OVER);
    if let Some(other) = stand_partner {
        match restated_key(&key, &forms, &other) {
            Some(other_key) if other_key != key => aliases.push(other_key),
            Some(_) => {}
            None => relations.push((RelationKind::JointStand, other)),
        }
    }
    relations.retain(|(_, other)| !name_key(other).is_empty());
    NameParts {
        primary,
        key,
        aliases,
        relations,
        legal_forms: forms.iter().map(|f| f.written.clone()).collect(),
        jurisdiction: jurisdiction_of(&forms),
    }
}

/// The key of the name after a joint stand's separator when it is the same firm's name said again
/// ("Deschamps Ets / Deschamps SAS", "LAAD DEFENCE & SECURITY / LAAD"): one key is the other or its
/// first words, the words added name no country, and the legal forms share a jurisdiction. "AREA
/// SYSTEMS UK LTD. / AREA S.P.A." (a British and an Italian entity) and "RUAG AMMOTEC / RUAG DEFENCE"
/// (two units) are two firms on one stand; a unit beside its parent ("Siemens Digital Industries
/// Software / Siemens AG") reads as one and takes a judgement.
fn restated_key(key: &str, forms: &[&'static Form], other: &str) -> Option<String> {
    let (other_key, other_forms) = key_and_forms(other);
    let (short, long) = if other_key.len() <= key.len() {
        (other_key.as_str(), key)
    } else {
        (key, other_key.as_str())
    };
    let added = match long.strip_prefix(short)? {
        "" => "",
        rest => rest.strip_prefix(' ')?,
    };
    let forms_meet = match (jurisdiction_of(forms), jurisdiction_of(&other_forms)) {
        (Some(a), Some(b)) => jurisdictions_overlap(&a, &b),
        _ => true,
    };
    (!short.is_empty() && forms_meet && added.split(' ').all(|word| country_named(word).is_none()))
        .then_some(other_key)
}

/// The rest of a key that begins with a Chinese region (`data/chinese_places.csv`): "dongrun safety
/// technology" for "jiangsu dongrun safety technology". None when nothing would be left. Where
/// several regions begin it ("xi", "xi an"), the one listed first.
pub fn after_chinese_region(key: &str) -> Option<&str> {
    let tables = tables();
    // The key's first words, one, two, ... up to the longest region, each followed by a space.
    key.match_indices(' ')
        .take(tables.chinese_region_words)
        .filter_map(|(at, _)| Some((*tables.chinese_regions.get(&key[..at])?, at)))
        .min()
        .map(|(_, at)| &key[at + 1..])
        .filter(|rest| !rest.is_empty())
}

/// Whether the words are exactly one of the Chinese regions of `data/chinese_places.csv`.
pub fn is_chinese_region(words: &str) -> bool {
    tables().chinese_regions.contains_key(words)
}

/// The ISO code of the country key words name ("france", "deutschland", "uk", "united kingdom"), if
/// they name one. Other words of two or three letters are not taken as codes: "de", "in", "and",
/// "can" and "arm" are words of names far more often, while "uk" and "usa" name nothing else.
pub fn country_named(word: &str) -> Option<&'static str> {
    if word.len() <= 3 && !matches!(word, "uk" | "usa") {
        return None;
    }
    match Countries::get().resolve(word) {
        CountryMatch::Country(country) => Some(country.iso2.as_str()),
        _ => None,
    }
}

/// Whether one-word `short` abbreviates `long` by initials: its letters appear in order among the
/// first letters of `long`'s words, starting with the first ("catic" in "china national aero
/// technology import and export corporation").
pub fn abbreviates(short: &str, long: &str) -> bool {
    let initials: Vec<u8> = long.split(' ').filter_map(|w| w.bytes().next()).collect();
    if short.len() < 2 || short.contains(' ') || initials.len() < 2 || initials[0] != short.as_bytes()[0] {
        return false;
    }
    let mut rest = initials.iter();
    short.bytes().all(|letter| rest.any(|&i| i == letter))
}

/// The key of a name and the keys of the other names it gives, from a trailing parenthesis
/// ("X (Y)") or a dash ("NAUDI - National Association of Ukrainian Defense Industries").
fn key_and_aliases(primary: &str, asides_passed_over: usize) -> (String, Vec<String>, Vec<&'static Form>) {
    let whole = || {
        let (key, forms) = key_and_forms(primary);
        (key, Vec::new(), forms)
    };
    let (outside, inside, by_dash) = match (primary.rfind('('), primary.ends_with(')')) {
        (Some(open), true) => (&primary[..open], &primary[open + 1..primary.len() - 1], false),
        _ => match [" - ", " – "]
            .iter()
            .find_map(|d| find_separator(primary, d).map(|at| (&primary[..at], &primary[at + d.len()..])))
        {
            Some((left, right)) => (left, right, true),
            None => {
                let (key, forms) = key_and_forms(primary);
                return match leading_acronym(&key) {
                    Some((acronym, acronym_forms, expansion)) => {
                        // The expansion is keyed as the name it is: a form or "the" it begins with goes.
                        let (expansion, more) = key_and_forms(expansion);
                        let forms = forms.into_iter().chain(acronym_forms).chain(more).collect();
                        (expansion, vec![acronym.to_owned()], forms)
                    }
                    None => (key, Vec::new(), forms),
                };
            }
        },
    };
    let ((outside_key, outside_forms), (inside_key, inside_forms)) =
        (key_and_forms(outside), key_and_forms(inside));
    if outside_key.is_empty() || inside_key.is_empty() {
        return whole();
    }
    // Both parts name this company, so both parts' legal forms are its own.
    let both = || outside_forms.iter().chain(&inside_forms).copied().collect();
    // Initials count legal forms too (the C of CATIC is "Corporation"), but not a leading "the"
    // ("NAUDI - The National Association of Ukrainian Defense Industries").
    let words = |text: &str| {
        let words = tokens(text);
        let start = usize::from(words.len() > 1 && words[0] == "the");
        words[start..].join(" ")
    };
    // An aside spelling the name's initials is its acronym even where it is also a country's code
    // ("BHARAT ELECTRONICS LIMITED (BEL)" is not in Belgium).
    let inside_abbreviates = abbreviates(&inside_key, &words(outside));
    if !by_dash && !inside_abbreviates && matches!(Countries::get().resolve(inside), CountryMatch::Country(_))
    {
        // Keyed again as one name: a code that is also a legal form ("Foo (SE)", "Foo (SA)") is the
        // form, as in "Foo SE", so the key is its own key.
        let (key, more) = key_and_forms(&format!("{outside_key} {inside_key}"));
        let mut forms: Vec<&'static Form> = both();
        forms.extend(more);
        return (key, Vec::new(), forms);
    }
    if abbreviates(&outside_key, &words(inside)) {
        return (inside_key, vec![outside_key], both());
    }
    let short_name = outside_key
        .strip_prefix(&inside_key)
        .is_some_and(|rest| rest.starts_with(' '));
    if inside_abbreviates || short_name {
        return (outside_key, vec![inside_key], both());
    }
    if by_dash {
        whole()
    } else if asides_passed_over > 0 {
        // Other asides ("EURENCO (GROUPE SNPE)", "(Stand Sharer, NBC SYS)") name no company to match;
        // the name before one is read as a name of its own, which may end with an aside that does
        // ("BHARAT ELECTRONICS LIMITED (BEL) (A Govt. of India Enterprise)").
        key_and_aliases(outside.trim_end(), asides_passed_over - 1)
    } else {
        (outside_key, Vec::new(), outside_forms)
    }
}

/// How many trailing asides that name no company a name is read past to the one before them: the
/// corpus's names have two at most ("Cockerill Mechanical Industries (CMI) (CMI Defence)"), and each
/// one read past keys the rest of the name again, which a hostile name of thousands must not make
/// quadratic (or deep).
const ASIDES_PASSED_OVER: usize = 1;

/// "NVTS Night Vision Technology Solutions": a first word spelling the initials of the words after it
/// is an acronym before its expansion, as if written "NVTS (Night Vision Technology Solutions)".
/// Without brackets or a dash to mark it, every word longer than three letters must give its initial
/// (shorter ones, "and", "of" may be skipped). A legal form between the two is the acronym's: "HT SRL
/// Hacking Team" is HT S.r.l., whose name spelt out is Hacking Team. Gives the acronym, that form and
/// the expansion from a name's key.
fn leading_acronym(key: &str) -> Option<(&str, Vec<&'static Form>, &str)> {
    let (acronym, rest) = key.split_once(' ')?;
    let (forms, expansion) = leading_end_forms(rest);
    (acronym.len() >= 2 && expansion.split(' ').count() >= 2 && spells_initials(acronym, expansion))
        .then_some((acronym, forms, expansion))
}

/// The legal forms of the end of a name ("srl", "ltd") that begin `key`, and the words after them.
fn leading_end_forms(key: &str) -> (Vec<&'static Form>, &str) {
    let tables = tables();
    let mut rest = key;
    let mut forms = Vec::new();
    'strip: loop {
        let first = rest.split(' ').next().unwrap_or(rest);
        let beginning_here = tables
            .end_forms_by_first_word
            .get(first)
            .map_or(&[][..], Vec::as_slice);
        for form in beginning_here.iter().map(|&i| &tables.end_forms[i]) {
            if let Some(after) = rest
                .strip_prefix(form.written.as_str())
                .and_then(|r| r.strip_prefix(' '))
            {
                rest = after;
                forms.push(form);
                continue 'strip;
            }
        }
        return (forms, rest);
    }
}

/// Whether `acronym` spells the initials of the words of `expansion` (both keys): every word longer
/// than three letters gives its initial; shorter ones ("and", "of") may be skipped.
pub fn spells_initials(acronym: &str, expansion: &str) -> bool {
    let mut letters = acronym.bytes().peekable();
    for word in expansion.split(' ') {
        if letters.peek() == word.bytes().next().as_ref() {
            letters.next();
        } else if word.len() > 3 {
            return false;
        }
    }
    letters.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's matching key and aliases.
    fn keyed(name: &str) -> (String, Vec<String>) {
        let parts = split_name(name);
        (parts.key, parts.aliases)
    }

    #[test]
    fn keys_ignore_case_accents_punctuation_and_legal_forms() {
        assert_eq!(name_key("CELLEBRITE LTD"), "cellebrite");
        assert_eq!(name_key("Cellebrite DI LTD"), "cellebrite di");
        assert_eq!(name_key("Area S.p.A."), "area");
        assert_eq!(name_key("AREA SPA"), "area");
        assert_eq!(name_key("Hacking Team Srl"), "hacking team");
        assert_eq!(name_key("GAMMA ZRT."), "gamma");
        assert_eq!(
            name_key("HECKLER & KOCH CMBH"),
            "heckler and koch",
            "a misread form"
        );
        assert_eq!(name_key("GMB ARMS"), "gmb arms");
        assert_eq!(name_key("Société Générale S.A.S."), "societe generale");
        assert_eq!(
            name_key("OOO Special Technology Center"),
            "special technology center"
        );
        assert_eq!(name_key("FOO Co., Ltd."), "foo");
        assert_eq!(
            name_key("Hall & Watts Defence Optics Ltd"),
            "hall and watts defence optics"
        );
        assert_eq!(name_key("LTD"), "ltd", "a name that is only a legal form is kept");
        assert_eq!(name_key("Naukowo-Produkcyjne Sp. z o.o."), "naukowo produkcyjne");
        assert_eq!(name_key("KAHLES GESELLSCHAFT MBH"), "kahles");
        assert_eq!(name_key("PLATH GmbH & Co. KG"), "plath");
        assert_eq!(name_key("BINAS DD"), "binas");
    }

    #[test]
    fn an_acronym_before_a_last_aside_is_an_alias() {
        let parts =
            split_name("BHARAT ELECTRONICS LIMITED (BEL) (A Govt. of India Enterprise, Ministry of Defence)");
        assert_eq!(
            (parts.key.as_str(), parts.aliases),
            ("bharat electronics", vec!["bel".to_owned()])
        );
        let parts = split_name("Cockerill Mechanical Industries (CMI) (CMI Defence)");
        assert_eq!(
            (parts.key.as_str(), parts.aliases),
            ("cockerill mechanical industries", vec!["cmi".to_owned()])
        );
        assert_eq!(
            split_name("AL MISEHAL CO. LTD. (TRIMBLE) (MANNAI)").key,
            "al misehal"
        );
        assert_eq!(split_name("EURENCO (GROUPE SNPE)").key, "eurenco");
        // One aside passed over, not thousands: a hostile name is keyed once more, not once per
        // aside, and only its last two asides are left out.
        let hostile = split_name(&format!("Acme{}", " (note)".repeat(10_000)));
        assert_eq!(hostile.key.split(' ').count(), 1 + 9_998);
    }

    #[test]
    fn an_ampersand_left_at_the_end_goes() {
        assert_eq!(name_key("Greene, Tweed & Co. GmbH"), "greene tweed");
        assert_eq!(
            name_key("3D CONTECH GMBH &"),
            "3d contech",
            "a name cut after its '&'"
        );
        assert_eq!(name_key("Rohde & Schwarz"), "rohde and schwarz");
    }

    /// Found by the property tests (tests/normalise_properties.rs): each was a key whose key differed.
    #[test]
    fn a_key_is_its_own_key() {
        assert_eq!(name_key("The the & "), "the");
        assert_eq!(
            name_key("Foo GmbH 2020"),
            "foo",
            "the form before an edition's year goes too"
        );
        assert_eq!(split_name("Foo GmbH 2020").legal_forms, ["gmbh"]);
        let parts = split_name(" SAS A.S. San. ve Tic. S.A.\u{130}");
        assert_eq!(name_key(&parts.key), parts.key);
        // Found by fuzzing (fuzz/fuzz_targets/normalise.rs): "(se)" read as Sweden kept "se" in a key
        // whose own key drops it as Societas Europaea.
        assert_eq!(keyed("Foo Bar (SE)"), ("foo bar".to_owned(), vec![]));
        assert_eq!(split_name("Foo Bar (SE)").legal_forms, ["se"]);
        assert_eq!(
            keyed("Rohde & Schwarz (Australia)").0,
            "rohde and schwarz australia"
        );
    }

    #[test]
    fn a_legal_form_gives_the_jurisdictions_it_exists_in() {
        let of = |name: &str| {
            let parts = split_name(name);
            (parts.legal_forms, parts.jurisdiction.map(|j| j.join(" ")))
        };
        assert_eq!(of("GAMMA SAS"), (vec!["sas".to_owned()], Some("FR".to_owned())));
        assert_eq!(of("Gamma GmbH & Co. KG").1.as_deref(), Some("DE"));
        assert_eq!(of("GAMMA ZRT").1.as_deref(), Some("HU"));
        let common_law = of("Cellebrite Ltd").1.unwrap();
        assert!(common_law.split(' ').any(|c| c == "GB") && common_law.split(' ').any(|c| c == "IL"));
        assert_eq!(
            of("Thales S.A."),
            (vec!["s a".to_owned()], None),
            "S.A. is of many countries"
        );
        assert_eq!(of("Gamma"), (vec![], None));
        assert_eq!(of("Dongrun Co., Ltd").0, ["co ltd"]);
        assert_eq!(
            of("ASELSAN Elektronik San. ve Tic. A.S.").1.as_deref(),
            Some("TR"),
            "the forms' common jurisdiction"
        );
        assert_eq!(
            of("ISRAEL AIRCRAFT INDUSTRIES, Ltd (IAI)").0,
            ["ltd"],
            "the form of the part that names it"
        );
    }

    #[test]
    fn the_written_out_forms_of_russian_and_ukrainian_firms_go_from_either_end() {
        let key = |name: &str| split_name(name).key;
        assert_eq!(
            key("Federal State Unitary Enterprise Rosoboronexport"),
            "rosoboronexport"
        );
        assert_eq!(key("FSUE TsENKI"), key("TsENKI"));
        assert_eq!(key("PZL-Świdnik Joint Stock Company"), key("PZL-Swidnik"));
        assert_eq!(
            key("State Enterprise \"Malyshev Plant\""),
            key("Malyshev Plant SE")
        );
        let ukrainian = |name: &str| {
            split_name(name)
                .jurisdiction
                .is_some_and(|codes| codes.iter().any(|c| c == "UA"))
        };
        assert!(
            ukrainian("Malyshev Plant SE") && ukrainian("State Enterprise Malyshev Plant"),
            "SE is also a Ukrainian state enterprise, not only a European company"
        );
    }

    #[test]
    fn a_turkish_trade_phrase_goes_with_the_legal_form() {
        for name in [
            "SARSILMAZ SİLAH SANAYİ A.Ş.",
            "SARSILMAZ SILAH SAN. A.S.",
            "Sarsilmaz Silah Sanayi ve Ticaret A.S.",
            "SARSILMAZ SİLAH SAN. VE DIŞ TİC. LTD. ŞTİ.",
        ] {
            assert_eq!(name_key(name), "sarsilmaz silah", "{name}");
        }
    }

    #[test]
    fn relations_are_split_off() {
        let parts = split_name("Cognyte, Formerly a Verint company");
        assert_eq!(parts.primary, "Cognyte");
        assert_eq!(
            parts.relations,
            [(RelationKind::FormerlyMemberOf, "Verint".to_owned())]
        );
        let parts = split_name("SENSECY (A VERINT COMPANY)");
        assert_eq!(parts.primary, "SENSECY");
        assert_eq!(
            parts.relations,
            [(RelationKind::MemberOfGroup, "VERINT".to_owned())]
        );
        let parts = split_name("AREA SYSTEMS UK LTD. / AREA S.P.A.");
        assert_eq!(parts.primary, "AREA SYSTEMS UK LTD.");
        assert_eq!(
            parts.relations,
            [(RelationKind::JointStand, "AREA S.P.A.".to_owned())]
        );
        let parts = split_name("Deschamps Ets / Deschamps SAS");
        assert_eq!(parts.key, "deschamps ets");
        assert_eq!(parts.aliases, ["deschamps"], "the firm's name said again");
        assert!(parts.relations.is_empty());
        assert_eq!(
            split_name("RUAG AMMOTEC / RUAG DEFENCE").relations,
            [(RelationKind::JointStand, "RUAG DEFENCE".to_owned())],
            "two units on one stand"
        );
        let parts = split_name("HUTA STALOWA WOLA S.A. | PGZ S.A.");
        assert_eq!(parts.primary, "HUTA STALOWA WOLA S.A.");
        assert_eq!(
            parts.relations,
            [(RelationKind::JointStand, "PGZ S.A.".to_owned())]
        );
        assert_eq!(
            split_name("DTC | A Codan Company").relations,
            [(RelationKind::MemberOfGroup, "Codan".to_owned())]
        );
        let parts = split_name("Derco, A Lockheed Martin Company");
        assert_eq!(
            parts.relations,
            [(RelationKind::MemberOfGroup, "Lockheed Martin".to_owned())]
        );
        let parts = split_name("Turbomeca Australasia Pty Ltd (Part of Safran)");
        assert_eq!(parts.primary, "Turbomeca Australasia Pty Ltd");
        assert_eq!(
            parts.relations,
            [(RelationKind::MemberOfGroup, "Safran".to_owned())]
        );
        assert_eq!(
            split_name("NOKIA Defense (Hall 1 - booth H1-H22)").primary,
            "NOKIA Defense"
        );
        assert_eq!(
            split_name("Siemens PLM SoftwareB18").primary,
            "Siemens PLM Software"
        );
        assert_eq!(
            split_name("GeoSpectrum Technologies IncC23").primary,
            "GeoSpectrum Technologies Inc"
        );
        assert_eq!(split_name("TrakM8").primary, "TrakM8", "one digit: a name");
        assert_eq!(split_name("F-35A").primary, "F-35A");
        assert_eq!(
            split_name("Hacking Team (HT Srl)").primary,
            "Hacking Team (HT Srl)"
        );
        assert!(split_name("Bell Helicopter Textron").relations.is_empty());
    }

    #[test]
    fn acronyms_become_aliases_and_countries_stay_in_the_key() {
        assert_eq!(
            keyed("Hacking Team (HT Srl)"),
            ("hacking team".into(), vec!["ht".into()])
        );
        assert_eq!(
            keyed("AVIC CHINA AERO-POLYTECHNOLOGY ESTABLISHMENT （AVIC CAPE）"),
            keyed("AVIC CHINA AERO-POLYTECHNOLOGY ESTABLISHMENT (AVIC CAPE)"),
            "full-width parentheses are parentheses"
        );
        assert_eq!(
            keyed("ISRAEL AIRCRAFT INDUSTRIES, Ltd (IAI)"),
            ("israel aircraft industries".into(), vec!["iai".into()])
        );
        assert_eq!(
            keyed("KEA (Korea Electronics Association)"),
            ("korea electronics association".into(), vec!["kea".into()])
        );
        assert_eq!(
            keyed("China National Aero-Technology Import & Export Corporation (CATIC)").1,
            ["catic"]
        );
        assert_eq!(
            keyed("NAUDI - The National Association of Ukrainian Defense Industries"),
            (
                "national association of ukrainian defence industries".into(),
                vec!["naudi".into()]
            ),
            "a leading article gives no initial"
        );
        assert_eq!(
            keyed("Otokar Otomotiv ve Savunma Sanayi A.S. (Otokar)"),
            ("otokar automotive and defence".into(), vec!["otokar".into()])
        );
        assert_eq!(
            keyed("NAUDI - National Association of Ukrainian Defense Industries").1,
            ["naudi"]
        );
        assert_eq!(
            keyed("Rohde & Schwarz (Australia)"),
            ("rohde and schwarz australia".into(), vec![])
        );
        assert_eq!(keyed("EURENCO (GROUPE SNPE)"), ("eurenco".into(), vec![]));
        assert_eq!(keyed("Kallman - Worldwide"), ("kallman worldwide".into(), vec![]));
        assert_eq!(keyed("CELLEBRITE LTD"), ("cellebrite".into(), vec![]));
        assert!(!abbreviates("avox", "oxygen forensics"));
        assert!(!abbreviates("gamma", "gamma international"));
    }

    #[test]
    fn a_leading_acronym_before_its_expansion_is_an_alias() {
        assert_eq!(
            keyed("NVTS Night Vision Technology Solutions Inc"),
            ("night vision technology solutions".into(), vec!["nvts".into()])
        );
        assert_eq!(
            keyed("CS COMMUNICATION & SYSTÈMES"),
            ("communication and systems".into(), vec!["cs".into()]),
            "short words may give no initial"
        );
        assert_eq!(keyed("ALP Aviation Systems").0, "alp aviation systems");
        assert_eq!(
            keyed("HT SRL Hacking Team"),
            ("hacking team".into(), vec!["ht".into()]),
            "a legal form after the acronym is the acronym's"
        );
        assert_eq!(keyed("HT SRL — HACKING TEAM").0, "hacking team");
        assert_eq!(
            keyed("ADS Group").0,
            "ads group",
            "one word after it is no expansion"
        );
    }

    #[test]
    fn pavilions_and_lounges_are_not_companies() {
        assert_eq!(non_exhibitor_kind("GERMAN PAVILION"), Some("pavilion"));
        assert_eq!(non_exhibitor_kind("German Meeting Point"), Some("meeting point"));
        assert_eq!(non_exhibitor_kind("ADS LOUNGE"), Some("lounge"));
        assert_eq!(non_exhibitor_kind("Pavilion Electronics Ltd"), None);
        assert_eq!(non_exhibitor_kind("Cellebrite"), None);
        // A respelled word is no legal form.
        assert_eq!(
            non_exhibitor_kind("USA Security and Defense Pavilion"),
            Some("pavilion")
        );
    }

    #[test]
    fn words_take_one_spelling() {
        assert_eq!(name_key("ALP HAVACILIK SAN. VE TİC. A.Ş."), "alp aviation");
        assert_eq!(name_key("Alp Aviation"), "alp aviation");
        assert_eq!(name_key("TNO Defense"), name_key("TNO Defence"));
        assert_eq!(name_key("Öztek Tekstil"), name_key("OZTEK TEXTILE"));
    }

    #[test]
    fn an_edition_year_is_no_part_of_a_name() {
        assert_eq!(name_key("FIDAE 2024"), "fidae");
        assert_eq!(
            name_key("Arsenal 2000"),
            "arsenal 2000",
            "an older year names a firm"
        );
        assert_eq!(name_key("2024"), "2024", "never the whole name");
    }

    #[test]
    fn a_chinese_region_is_the_first_listed_that_begins_the_key() {
        assert_eq!(
            after_chinese_region("jiangsu dongrun safety technology"),
            Some("dongrun safety technology")
        );
        assert_eq!(after_chinese_region("jiangsu"), None);
        assert_eq!(after_chinese_region("dongrun safety technology"), None);
        // Regions are looked up by the key's first words; the region found must be the first of the
        // table that a scan finds.
        let mut listed: Vec<(usize, &str)> = tables()
            .chinese_regions
            .iter()
            .map(|(region, &row)| (row, region.as_str()))
            .collect();
        listed.sort_unstable();
        for &(_, region) in &listed {
            let key = format!("{region} an trade name");
            let scanned = listed
                .iter()
                .find_map(|(_, r)| key.strip_prefix(&format!("{r} ")));
            assert_eq!(after_chinese_region(&key), scanned, "{key}");
        }
    }

    #[test]
    fn the_form_before_an_expansion_is_the_first_a_scan_of_every_form_finds() {
        // Forms before an expansion are looked up by their first word (a table built once); the
        // first of them to begin the key must be the first of all forms to.
        let tables = tables();
        for form in &tables.end_forms {
            let key = format!("{} night vision", form.written);
            let scanned = tables
                .end_forms
                .iter()
                .find(|f| {
                    key.strip_prefix(f.written.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
                })
                .expect("the form itself begins the key");
            let (forms, _) = leading_end_forms(&key);
            assert_eq!(forms[0].written, scanned.written, "{key}");
        }
    }

    #[test]
    fn the_form_stripped_is_the_longest_that_ends_the_name() {
        // Stripping looks only at the forms ending with the name's last word (a table built once);
        // it must strip what a scan of every form, longest first, strips.
        let tables = tables();
        for form in &tables.end_forms {
            for before in [&["acme"][..], &["acme", "co"], &["acme", "gmbh", "and"]] {
                let words: Vec<&str> = before
                    .iter()
                    .copied()
                    .chain(form.tokens.iter().map(String::as_str))
                    .collect();
                let scanned = tables
                    .end_forms
                    .iter()
                    .find(|f| {
                        let n = f.tokens.len();
                        words.len() > n && words[words.len() - n..] == f.tokens[..]
                    })
                    .expect("the form itself ends the name");
                let (_, stripped) = strip_legal_forms(&words);
                assert_eq!(stripped[0].written, scanned.written, "{words:?}");
            }
        }
    }
}
