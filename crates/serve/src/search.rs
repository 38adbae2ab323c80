//! Search that forgives spelling, across firms (every name a group's entities were listed under), fair
//! series and editions, and countries. Names are keyed as the resolver keys them (legal forms dropped,
//! "hacking team srl" is "hacking team"), candidates come from shared letter trigrams, and are ranked by
//! edit similarity, so "celebrite" finds Cellebrite and "Q-Cyber" finds NSO Group's Q Cyber
//! Technologies. Built once in memory when the server starts.

use std::collections::HashMap;

use fairwatch_resolve::normalise::{name_key, tokens};
use rapidfuzz::distance::levenshtein;
use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

/// Candidates scored per query (the most trigrams shared).
const CANDIDATES: usize = 300;
/// Hits below this similarity (0–1) are not shown.
pub const MIN_SIMILARITY: f64 = 0.5;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Firm,
    Series,
    Fair,
    Country,
}

/// One result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Hit {
    pub kind: HitKind,
    /// Group id, series name, edition slug or ISO code.
    pub id: String,
    /// What to show: the firm's name, the fair's name, the country's name.
    pub label: String,
    /// The spelling that matched, when it is not the label.
    pub matched: Option<String>,
    /// `high` / `medium` / `low` for a flagged firm.
    pub confidence: Option<String>,
    pub score: f64,
}

/// Something a search finds: what it is, its id (group id, series name, edition slug or ISO code),
/// what to show, and the confidence of a flagged firm.
pub type Target = (HitKind, String, String, Option<String>);

/// A name a target is found by: the target's index, the spelling, and its weight (among equal
/// scores the heavier spelling is the one shown, and the heavier target comes first).
pub type Spelling = (u32, String, u32);

struct Entry {
    /// The target it names.
    id: u32,
    key: String,
    spelling: String,
    weight: u32,
}

/// The index.
pub struct SearchIndex {
    /// Targets by id: (kind, id, label, confidence).
    targets: Vec<Target>,
    entries: Vec<Entry>,
    trigrams: HashMap<[u8; 3], Vec<u32>>,
}

fn trigrams(key: &str) -> Vec<[u8; 3]> {
    let padded: Vec<u8> = format!("  {key} ").bytes().collect();
    let mut out: Vec<[u8; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The key a query or a name is matched on: the resolver's name key, else its plain words.
fn search_key(text: &str) -> String {
    let key = name_key(text);
    if key.is_empty() {
        tokens(text).join(" ")
    } else {
        key
    }
}

impl SearchIndex {
    /// Reads every name to search from the database.
    pub fn build(conn: &Connection) -> rusqlite::Result<SearchIndex> {
        let mut targets: Vec<Target> = Vec::new();
        let mut spellings: Vec<Spelling> = Vec::new();
        let mut group_target: HashMap<String, u32> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT g.id, g.name, a.confidence, g.records FROM corporate_group g
             LEFT JOIN assessment a ON a.level = 'group' AND a.firm_id = g.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            group_target.insert(id.clone(), targets.len() as u32);
            targets.push((HitKind::Firm, id, r.get(1)?, r.get(2)?));
        }
        let mut stmt = conn.prepare(
            "SELECT m.group_id, n.name, n.records FROM company_name n JOIN group_member m USING (company_id)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let group: String = r.get(0)?;
            let name: String = r.get(1)?;
            let weight: i64 = r.get(2)?;
            spellings.push((group_target[&group], name, weight as u32));
        }
        fairs_and_countries(conn, &mut targets, &mut spellings)?;
        Ok(SearchIndex::new(targets, spellings))
    }

    /// The index of `targets` found by `spellings`, which are scored in the order given.
    pub fn new(targets: Vec<Target>, spellings: impl IntoIterator<Item = Spelling>) -> SearchIndex {
        let mut index = SearchIndex {
            targets,
            entries: Vec::new(),
            trigrams: HashMap::new(),
        };
        for (target, spelling, weight) in spellings {
            assert!(
                (target as usize) < index.targets.len(),
                "spelling {spelling:?} of no target"
            );
            index.entry(target, spelling, weight);
        }
        index.index_trigrams();
        index
    }

    fn entry(&mut self, target: u32, spelling: String, weight: u32) {
        let key = search_key(&spelling);
        if key.is_empty() {
            return;
        }
        self.entries.push(Entry {
            id: target,
            key,
            spelling,
            weight,
        });
    }

    fn index_trigrams(&mut self) {
        for (e, entry) in self.entries.iter().enumerate() {
            for t in trigrams(&entry.key) {
                self.trigrams.entry(t).or_default().push(e as u32);
            }
        }
    }

    /// The best `limit` hits for `query`, one per target, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let key = search_key(query);
        if key.is_empty() {
            return Vec::new();
        }
        let candidates = self.candidates(&key);
        let mut best: HashMap<u32, (f64, u32)> = HashMap::new();
        for e in candidates {
            let entry = &self.entries[e as usize];
            let score = similarity(&key, &entry.key);
            if score < MIN_SIMILARITY {
                continue;
            }
            let slot = best.entry(entry.id).or_insert((0.0, e));
            let current = &self.entries[slot.1 as usize];
            if score > slot.0 || (score == slot.0 && entry.weight > current.weight) {
                *slot = (score, e);
            }
        }
        let mut hits: Vec<(f64, u32, u32)> = best.into_iter().map(|(t, (s, e))| (s, t, e)).collect();
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(self.rank(b.2).cmp(&self.rank(a.2)))
                .then(a.1.cmp(&b.1))
        });
        hits.into_iter()
            .take(limit)
            .map(|(score, t, e)| self.hit(score, t, e))
            .collect()
    }

    /// The entries sharing the most trigrams with `key`, counted in a reused array (no hashing).
    fn candidates(&self, key: &str) -> Vec<u32> {
        thread_local! {
            static COUNTS: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        COUNTS.with(|counts| {
            let mut counts = counts.borrow_mut();
            counts.resize(self.entries.len(), 0);
            let mut touched: Vec<u32> = Vec::new();
            for g in trigrams(key) {
                for &e in self.trigrams.get(&g).map_or(&[][..], Vec::as_slice) {
                    let n = &mut counts[e as usize];
                    if *n == 0 {
                        touched.push(e);
                    }
                    *n += 1;
                }
            }
            let mut ranked: Vec<(u16, u32)> = touched.iter().map(|&e| (counts[e as usize], e)).collect();
            for &e in &touched {
                counts[e as usize] = 0;
            }
            let n = ranked.len().min(CANDIDATES);
            if n > 0 && n < ranked.len() {
                ranked.select_nth_unstable_by(n - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            }
            ranked.truncate(n);
            ranked.into_iter().map(|(_, e)| e).collect()
        })
    }

    /// Flagged firms and bigger targets first among equal scores.
    fn rank(&self, e: u32) -> (bool, u32) {
        let entry = &self.entries[e as usize];
        let flagged = self.targets[entry.id as usize].3.is_some();
        (flagged, entry.weight)
    }

    fn hit(&self, score: f64, target: u32, entry: u32) -> Hit {
        let (kind, id, label, confidence) = &self.targets[target as usize];
        let spelling = &self.entries[entry as usize].spelling;
        Hit {
            kind: *kind,
            id: id.clone(),
            label: label.clone(),
            matched: (spelling != label).then(|| spelling.clone()),
            confidence: confidence.clone(),
            score: (score * 1000.0).round() / 1000.0,
        }
    }
}

/// The fair series, editions and countries to search, after the firms.
fn fairs_and_countries(
    conn: &Connection,
    targets: &mut Vec<Target>,
    spellings: &mut Vec<Spelling>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT series, count(*) FROM fair GROUP BY series")?;
    let series: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, editions) in series {
        spellings.push((targets.len() as u32, name.clone(), 1000 + editions as u32));
        targets.push((HitKind::Series, name.clone(), name, None));
    }
    let mut stmt = conn.prepare("SELECT slug, name FROM fair")?;
    let fairs: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (slug, name) in fairs {
        spellings.push((targets.len() as u32, name.clone(), 100));
        targets.push((HitKind::Fair, slug, name, None));
    }
    let mut stmt = conn.prepare("SELECT iso2, name FROM country")?;
    let countries: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (iso2, name) in countries {
        spellings.push((targets.len() as u32, name.clone(), 5000));
        targets.push((HitKind::Country, iso2, name, None));
    }
    Ok(())
}

/// Edit similarity of two keys, also of the query against the name's beginning ("q cyber" in "q
/// cyber technologies"): a prefix match counts almost as much as the whole name.
fn similarity(query: &str, key: &str) -> f64 {
    let whole = levenshtein::normalized_similarity(query.chars(), key.chars());
    let head: String = key.chars().take(query.chars().count()).collect();
    let prefix = levenshtein::normalized_similarity(query.chars(), head.chars()) * 0.95;
    whole.max(
        if head.len() < key.len() && key.as_bytes().get(head.len()) == Some(&b' ') {
            prefix
        } else {
            prefix * 0.9
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[(&str, &str, Option<&str>)]) -> SearchIndex {
        let targets = names
            .iter()
            .map(|(id, name, confidence)| {
                let confidence = confidence.map(str::to_owned);
                (HitKind::Firm, (*id).to_owned(), (*name).to_owned(), confidence)
            })
            .collect();
        let spellings = names
            .iter()
            .enumerate()
            .map(|(t, (_, name, _))| (t as u32, (*name).to_owned(), 1));
        SearchIndex::new(targets, spellings)
    }

    #[test]
    fn misspellings_and_legal_forms_find_the_firm() {
        let index = index(&[
            ("fg-1", "Cellebrite", Some("high")),
            ("fg-2", "Q Cyber Technologies", Some("high")),
            ("fg-3", "HACKING TEAM S.R.L.", Some("high")),
            ("fg-4", "Celebrity Cruises", None),
        ]);
        assert_eq!(index.search("celebrite", 5)[0].id, "fg-1");
        assert_eq!(index.search("Q-Cyber", 5)[0].id, "fg-2");
        assert_eq!(index.search("hacking team srl", 5)[0].id, "fg-3");
        assert!(index.search("", 5).is_empty());
        assert!(index.search("zzzzzz", 5).is_empty());
    }
}
