//! Any query string given to `/api/search` (decoded as axum's `Query` decodes it), on an index of
//! firms spelt as the corpus spells them, fair series and editions, and every country: the query is
//! checked as the handler checks it, then searched, never a panic. The hits are at most `limit`, one
//! per target, best first, each at least the similarity shown, the same for the same query; a query
//! without a letter or digit finds nothing.
#![no_main]

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use fairwatch_refdata::Countries;
use fairwatch_resolve::normalise::tokens;
use fairwatch_serve::limits::{self, MAX_PAGE_SIZE};
use fairwatch_serve::search::{HitKind, SearchIndex, Spelling, Target, MIN_SIMILARITY};
use libfuzzer_sys::fuzz_target;

/// Firms by id, each with the spellings the corpus lists them under.
const FIRMS: &[(&str, Option<&str>, &[&str])] = &[
    (
        "fg-1",
        Some("high"),
        &["Cellebrite", "CELLEBRITE LTD", "Cellebrite DI Ltd."],
    ),
    (
        "fg-2",
        Some("high"),
        &["Q Cyber Technologies", "Q-Cyber Technologies Ltd"],
    ),
    (
        "fg-3",
        Some("high"),
        &["HACKING TEAM S.R.L.", "HT SRL Hacking Team"],
    ),
    ("fg-4", None, &["Celebrity Cruises"]),
    (
        "fg-5",
        Some("medium"),
        &["Rohde & Schwarz", "Rohde & Schwarz (Australia)"],
    ),
    ("fg-6", None, &["ALP HAVACILIK SAN. VE TİC. A.Ş.", "Alp Aviation"]),
    ("fg-7", Some("low"), &["北京天融信科技有限公司", "Beijing Topsec"]),
    ("fg-8", None, &["Israel Aircraft Industries (IAI)", "IAI"]),
    ("fg-9", None, &["The the &", "KINGS EXPOMEDIA LTD. 2019"]),
];

/// Fair series with their editions.
const FAIRS: &[(&str, &[(&str, &str)])] = &[
    ("milipol-paris", &[("milipol-paris-2019", "Milipol Paris 2019")]),
    ("milipol-qatar", &[("milipol-qatar-2012", "Milipol Qatar 2012")]),
    ("iss-world", &[("csv:iss-world-2019", "ISS World Europe 2019")]),
];

fn index() -> &'static (SearchIndex, Vec<Target>) {
    static INDEX: OnceLock<(SearchIndex, Vec<Target>)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut targets: Vec<Target> = Vec::new();
        let mut spellings: Vec<Spelling> = Vec::new();
        for (id, confidence, names) in FIRMS {
            let target = targets.len() as u32;
            targets.push((
                HitKind::Firm,
                (*id).into(),
                names[0].into(),
                confidence.map(Into::into),
            ));
            spellings.extend(names.iter().map(|n| (target, (*n).to_owned(), 3)));
        }
        for (series, editions) in FAIRS {
            spellings.push((targets.len() as u32, (*series).into(), 1000));
            targets.push((HitKind::Series, (*series).into(), (*series).into(), None));
            for (slug, name) in *editions {
                spellings.push((targets.len() as u32, (*name).into(), 100));
                targets.push((HitKind::Fair, (*slug).into(), (*name).into(), None));
            }
        }
        for country in Countries::get().all() {
            spellings.push((targets.len() as u32, country.name.clone(), 5000));
            targets.push((HitKind::Country, country.iso2.clone(), country.name.clone(), None));
        }
        (SearchIndex::new(targets.clone(), spellings), targets)
    })
}

fuzz_target!(|query: &[u8]| {
    let params: HashMap<String, String> = form_urlencoded::parse(query).into_owned().collect();
    let Ok(query) = limits::query_text(params.get("q").map(String::as_str)) else {
        return;
    };
    let limit = limits::number(
        "limit",
        params.get("limit").map(String::as_str),
        1..=MAX_PAGE_SIZE as i64,
    );
    let Ok(limit) = limit.map(|l| l.unwrap_or(20) as usize) else {
        return;
    };
    let (index, targets) = index();
    let hits = index.search(&query, limit);
    assert!(hits.len() <= limit);
    if tokens(&query).is_empty() {
        assert!(hits.is_empty(), "{query:?}");
    }
    let mut seen = HashSet::new();
    for (i, hit) in hits.iter().enumerate() {
        assert!((MIN_SIMILARITY..=1.0).contains(&hit.score), "{hit:?}");
        assert!(i == 0 || hits[i - 1].score >= hit.score, "{hits:?}");
        assert!(seen.insert((hit.kind as u8, hit.id.clone())), "twice: {hit:?}");
        let target = targets
            .iter()
            .find(|t| t.0 == hit.kind && t.1 == hit.id)
            .unwrap_or_else(|| panic!("no such target: {hit:?}"));
        assert_eq!(hit.label, target.2);
        assert_eq!(hit.confidence, target.3);
        assert_ne!(hit.matched.as_ref(), Some(&hit.label));
    }
    let again: Vec<(HitKind, String)> = index
        .search(&query, limit)
        .into_iter()
        .map(|h| (h.kind, h.id))
        .collect();
    let first: Vec<(HitKind, String)> = hits.into_iter().map(|h| (h.kind, h.id)).collect();
    assert_eq!(again, first, "{query:?}");
});
