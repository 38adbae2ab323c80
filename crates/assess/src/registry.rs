//! The vendor registry: what sources outside the fairs say a firm sells. Two kinds of rows: the
//! curated registry (`data/vendors.csv`, each row quoting a page that was read) and a published
//! vendor list (digitalfreedom/data-vendors, each row cited at the list's commit and line, its
//! `solution` words read by the `solution` rules of `data/capability_rules.csv`).
//!
//! Companies match a row by the resolver's name keys. A name that is one short or common word
//! ("RCS", "Ability", "Phoenix", "SIO": a word that begins the keys of several firms) needs more than
//! the name when the row gives a country: that country (the company's own), or the list's website
//! domain on the company's records. A list row about one product line of
//! a diversified group (`data/vendor_list_rows.csv`) is weak evidence and says so.

use std::collections::{BTreeSet, HashMap};

use fairwatch_ingest::VendorList;
use fairwatch_refdata::data_rows;
use fairwatch_resolve::domain::{is_generic, registrable_domain};
use fairwatch_resolve::normalise::name_key;
use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::place::CompanyRecords;
use crate::rules::{Confidence, Rules, Strength, Target};
use crate::{Evidence, EvidenceKind, Inputs};

const LIST_ROWS: &str = include_str!("../../../data/vendor_list_rows.csv");

/// The shortest one-word name that matches on the name alone ("RCS", "SIO", "EXFO" need more).
const NAME_WORD_MIN_LETTERS: usize = 5;
/// A one-word name that begins this many company keys or more is a common word ("Gamma", "Phoenix").
const NAME_WORD_MAX_KEYS: usize = 3;

/// One row a company matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`Registry::rows`].
    pub row: usize,
    /// Whether the company carries the row's own name (the entity it is about), not another name
    /// it lists: its headquarters apply to that company only.
    pub principal: bool,
}

/// Where a row comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowSource {
    /// Index into `Rules::vendors`.
    Curated(usize),
    /// A list row: its company as written, what it sells, the URL of the row at its commit, and
    /// the note when the row is about one product line of a diversified group.
    Listed {
        company: String,
        solution: String,
        url: String,
        product_line: Option<String>,
    },
}

/// A registry row ready for matching.
#[derive(Debug, Clone)]
pub struct Row {
    pub source: RowSource,
    /// Name keys: the first is the row's own name.
    keys: Vec<String>,
    /// The country the row gives its vendor (a curated row's `hq`, the list's `country`).
    pub country: Option<String>,
    domain: Option<String>,
    pub capabilities: Vec<(usize, Strength, String)>,
}

impl Row {
    /// The headquarters the row states, if any.
    pub fn headquarters(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Who the row is about and where it says so, for explanations.
    pub fn cited(&self) -> (String, String) {
        match &self.source {
            RowSource::Curated(v) => {
                let vendor = &Rules::get().vendors[*v];
                (vendor.vendor.clone(), vendor.source_url.clone())
            }
            RowSource::Listed { company, url, .. } => (company.clone(), url.clone()),
        }
    }
}

#[derive(Deserialize)]
struct ListRowNote {
    company: String,
    treatment: String,
    why: String,
}

/// Every row, indexed by name key.
#[derive(Debug, Default)]
pub struct Registry {
    pub rows: Vec<Row>,
    by_key: HashMap<String, Vec<usize>>,
    by_domain: HashMap<String, Vec<usize>>,
}

impl Registry {
    /// No rows: what the fairs' own evidence says (leave-registry-out).
    pub fn none() -> Registry {
        Registry::default()
    }

    /// The curated registry, and the list when given.
    pub fn new(list: Option<&VendorList>) -> Registry {
        let mut registry = Registry::default();
        let rules = Rules::get();
        for (v, vendor) in rules.vendors.iter().enumerate() {
            registry.push(Row {
                source: RowSource::Curated(v),
                keys: vendor.names.iter().map(|n| name_key(n)).collect(),
                country: Some(vendor.hq.clone()).filter(|h| !h.is_empty()),
                domain: None,
                capabilities: vendor
                    .capabilities
                    .iter()
                    .map(|&c| (c, strength_of(vendor.confidence), vendor.source_says.clone()))
                    .collect(),
            });
        }
        if let Some(list) = list {
            registry.push_list(list);
        }
        registry
    }

    fn push_list(&mut self, list: &VendorList) {
        let notes: HashMap<String, ListRowNote> = data_rows::<ListRowNote>("vendor_list_rows.csv", LIST_ROWS)
            .into_iter()
            .map(|n| (n.company.clone(), n))
            .collect();
        let rules = Rules::get();
        for vendor in &list.vendors {
            let note = notes.get(&vendor.company);
            if note.is_some_and(|n| n.treatment == "not_a_vendor_row") {
                continue;
            }
            let product_line = note
                .filter(|n| n.treatment == "product_line")
                .map(|n| n.why.clone());
            let capabilities = rules
                .matching(Target::Solution, &vendor.solution)
                .map(|(_, rule)| {
                    let strength = if product_line.is_some() {
                        Strength::Weak
                    } else {
                        rule.strength
                    };
                    (rule.capability, strength, rule.phrase.clone())
                })
                .collect();
            self.push(Row {
                source: RowSource::Listed {
                    company: vendor.company.clone(),
                    solution: vendor.solution.clone(),
                    url: list.row_url(vendor),
                    product_line,
                },
                keys: list_names(&vendor.company).iter().map(|n| name_key(n)).collect(),
                country: vendor.country.clone(),
                domain: registrable_domain(&vendor.website).filter(|d| !is_generic(d)),
                capabilities,
            });
        }
    }

    fn push(&mut self, row: Row) {
        let at = self.rows.len();
        for key in row.keys.iter().filter(|k| !k.is_empty()) {
            let rows = self.by_key.entry(key.clone()).or_default();
            if !rows.contains(&at) {
                rows.push(at);
            }
        }
        if let Some(domain) = &row.domain {
            self.by_domain.entry(domain.clone()).or_default().push(at);
        }
        self.rows.push(row);
    }

    /// How many distinct vendors the rows are about: rows that share a name are one vendor.
    pub fn vendors(&self) -> usize {
        let mut parent: Vec<usize> = (0..self.rows.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for rows in self.by_key.values() {
            for pair in rows.windows(2) {
                let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
                parent[a] = b;
            }
        }
        (0..self.rows.len())
            .filter(|&i| root(&mut parent, i) == i)
            .count()
    }

    /// The rows naming company `c`, each once.
    pub(crate) fn rows_naming(&self, lookup: &Lookup, c: usize) -> Vec<Match> {
        let company = &lookup.inputs.resolution.companies[c];
        let mut found: Vec<Match> = Vec::new();
        let mut add = |row: usize, principal: bool| match found.iter_mut().find(|m| m.row == row) {
            Some(m) => m.principal |= principal,
            None => found.push(Match { row, principal }),
        };
        let domains = OnceDomains::new(lookup, c);
        for key in company.keys() {
            for &row in self.by_key.get(key).map_or(&[][..], Vec::as_slice) {
                let r = &self.rows[row];
                if lookup.is_common_word(key)
                    && r.country.is_some()
                    && r.country.as_deref() != company.country.as_deref()
                    && !r.domain.as_ref().is_some_and(|d| domains.get().contains(d))
                {
                    continue;
                }
                add(row, r.keys.first().map(String::as_str) == Some(key));
            }
        }
        if !self.by_domain.is_empty() {
            for domain in domains.get() {
                for &row in self.by_domain.get(domain).map_or(&[][..], Vec::as_slice) {
                    let first = |k: &str| k.split(' ').next().unwrap_or("").to_owned();
                    let agree = self.rows[row]
                        .keys
                        .iter()
                        .any(|k| company.keys().any(|ck| first(ck) == first(k)));
                    if agree {
                        add(row, false);
                    }
                }
            }
        }
        found.sort_by_key(|m| m.row);
        found
    }

    /// The evidence a row matched by `company` gives, per capability.
    pub fn evidence(&self, found: &Match, company: usize) -> Vec<(usize, Evidence)> {
        let row = &self.rows[found.row];
        let (who, url) = row.cited();
        row.capabilities
            .iter()
            .map(|(capability, strength, says)| {
                let (kind, text) = match &row.source {
                    RowSource::Curated(_) => (EvidenceKind::Registry, format!("{who}: {says}")),
                    RowSource::Listed {
                        solution,
                        product_line,
                        ..
                    } => (
                        EvidenceKind::VendorList,
                        match product_line {
                            Some(why) => format!(
                                "{who}: listed by digitalfreedom/data-vendors as selling \"{solution}\"; {why}"
                            ),
                            None => format!("{who}: listed by digitalfreedom/data-vendors as selling \"{solution}\""),
                        },
                    ),
                };
                (
                    *capability,
                    Evidence {
                        kind,
                        strength: *strength,
                        company,
                        record: None,
                        text,
                        basis: url.clone(),
                    },
                )
            })
            .collect()
    }
}

fn strength_of(confidence: Confidence) -> Strength {
    match confidence {
        Confidence::High => Strength::Strong,
        _ => Strength::Weak,
    }
}

/// The names a list's company cell gives: "ARCADIA aka ARC4DIA", "VERINT (formerly: Comverse
/// Infosys)", "EXFO / NetHawk", "ATIS systems GmbH (ATIS UHER)"; the first is the row's own.
fn list_names(cell: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (main, aside) = match cell.split_once('(') {
        Some((main, rest)) => (main, Some(rest.trim_end_matches(')'))),
        None => (cell, None),
    };
    for part in main.split(" aka ").flat_map(|p| p.split(" / ")) {
        names.push(part.trim().to_owned());
    }
    if let Some(aside) = aside {
        let aside = aside.trim();
        let aside = aside
            .strip_prefix("formerly:")
            .or_else(|| aside.strip_prefix("formerly"))
            .unwrap_or(aside);
        names.push(aside.trim().to_owned());
    }
    names.retain(|n| !n.is_empty());
    names
}

/// What matching needs to know of the corpus: how many company keys begin with each word, and
/// every record of each company.
pub(crate) struct Lookup<'a> {
    inputs: Inputs<'a>,
    first_words: HashMap<&'a str, usize>,
    records: &'a CompanyRecords,
}

impl<'a> Lookup<'a> {
    pub fn new(inputs: Inputs<'a>, records: &'a CompanyRecords) -> Lookup<'a> {
        // Only the rows' one-word keys are asked about: the distinct company keys beginning with
        // one of those are all that is counted.
        let first_word = |key: &'a str| key.split(' ').next().unwrap_or(key);
        let asked: FxHashSet<&str> = inputs
            .registry
            .by_key
            .keys()
            .map(String::as_str)
            .filter(|key| !key.contains(' '))
            .collect();
        let keys: FxHashSet<&str> = inputs
            .resolution
            .companies
            .iter()
            .flat_map(fairwatch_resolve::Company::keys)
            .filter(|key| asked.contains(first_word(key)))
            .collect();
        let mut first_words: HashMap<&str, usize> = HashMap::new();
        for key in keys {
            *first_words.entry(first_word(key)).or_default() += 1;
        }
        Lookup {
            inputs,
            first_words,
            records,
        }
    }

    /// Whether a key is one word that is short or begins the keys of several companies.
    fn is_common_word(&self, key: &str) -> bool {
        !key.contains(' ')
            && (key.chars().filter(char::is_ascii_alphabetic).count() < NAME_WORD_MIN_LETTERS
                || self.first_words.get(key).copied().unwrap_or(0) >= NAME_WORD_MAX_KEYS)
    }
}

/// A company's registrable website domains, read from its records when first asked for.
struct OnceDomains<'a, 'b> {
    lookup: &'b Lookup<'a>,
    company: usize,
    domains: std::cell::OnceCell<BTreeSet<String>>,
}

impl<'a, 'b> OnceDomains<'a, 'b> {
    fn new(lookup: &'b Lookup<'a>, company: usize) -> OnceDomains<'a, 'b> {
        OnceDomains {
            lookup,
            company,
            domains: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &BTreeSet<String> {
        self.domains.get_or_init(|| {
            self.lookup
                .records
                .all(self.company)
                .iter()
                .flat_map(|&r| self.lookup.inputs.dataset.records[r].details().websites.iter())
                .filter_map(|w| registrable_domain(w))
                .filter(|d| !is_generic(d))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_give_every_name_the_row_spells() {
        assert_eq!(list_names("ARCADIA aka ARC4DIA"), ["ARCADIA", "ARC4DIA"]);
        assert_eq!(
            list_names("VERINT (formerly: Comverse Infosys)"),
            ["VERINT", "Comverse Infosys"]
        );
        assert_eq!(list_names("EXFO / NetHawk"), ["EXFO", "NetHawk"]);
        assert_eq!(
            list_names("ATIS systems GmbH (ATIS UHER)"),
            ["ATIS systems GmbH", "ATIS UHER"]
        );
    }
}
