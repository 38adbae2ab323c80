//! Proposed links between companies, one function per kind of evidence: each looks at the companies
//! (their keys, spellings, domains and stated relations) and proposes pairs; `build` accepts them in
//! the order of [`crate::evidence::GROUP_EVIDENCE`].

use fairwatch_ingest::Dataset;
use fairwatch_resolve::domain::{fair_domains, is_generic, registrable_domain};
use fairwatch_resolve::judgements::{Effect, Judgement, Verdict};
use fairwatch_resolve::normalise::{split_name, RelationKind};
use fairwatch_resolve::runs::Runs;
use fairwatch_resolve::{Divisions, Relation, Resolution};
use std::collections::BTreeMap;

use rayon::prelude::*;
use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::brands::Brands;
use crate::everyday::is_everyday_word;
use crate::evidence::{
    GroupEvidence, ABROAD_SHORT_MIN_LETTERS, ABROAD_SHORT_MIN_RECORDS, BRAND_MIN_LETTERS, CLOSE_NAMES,
    DOMAIN_MAX_COMPANIES, EVERYDAY_BRAND_SHARE,
};
use crate::place::{brand_and_place, names_a_place};
use fairwatch_refdata::CuratedLink;

/// What the proposals need to know of each company.
pub struct CompanyIndex<'a> {
    /// The matching key each company is anchored on.
    pub keys: Vec<&'a str>,
    /// Companies by every spelling's matching key, and by the spellings in lower case that the
    /// judgements and the curated file name (the only names looked up).
    by_key: CompaniesByKey<'a>,
    by_spelling: FxHashMap<String, Vec<usize>>,
    /// Each company's number of records.
    pub records: Vec<usize>,
}

/// For each brand family ([`Brands::family`]) whose companies' names state membership of
/// parents of two first words or more, the relation naming the parent stated latest (the year of the
/// latest fair; then the most records; then the first stated).
fn latest_stated_parents<'r>(
    brands: &Brands<'_, 'r>,
    resolution: &'r Resolution,
) -> FxHashMap<&'r str, &'r Relation> {
    let index = brands.index;
    let mut parents: FxHashMap<&str, Vec<&Relation>> = FxHashMap::default();
    for relation in &resolution.relations {
        if let (RelationKind::MemberOfGroup, Some(_)) = (relation.kind, relation.other) {
            parents
                .entry(brands.family(relation.company))
                .or_default()
                .push(relation);
        }
    }
    let parent_word = |r: &Relation| first_word(index.keys[r.other.expect("kept with a parent")]);
    parents
        .into_iter()
        .filter(|(_, stated)| stated.iter().any(|&r| parent_word(r) != parent_word(stated[0])))
        .filter_map(|(family, stated)| {
            let latest = stated
                .into_iter()
                .max_by_key(|r| (r.latest_year, r.records, std::cmp::Reverse(r.record)))?;
            Some((family, latest))
        })
        .collect()
}

fn push_unique<K: Eq + std::hash::Hash>(map: &mut FxHashMap<K, Vec<usize>>, key: K, company: usize) {
    let list = map.entry(key).or_default();
    if list.last() != Some(&company) {
        list.push(company);
    }
}

/// Companies by key, each key's in the order given: a run per key ([`Runs`]), not a vector per key
/// (a million keys from a large list).
struct CompaniesByKey<'a> {
    run_of: FxHashMap<&'a str, usize>,
    companies: Runs,
}

impl<'a> CompaniesByKey<'a> {
    /// From (key, company) pairs, no pair twice.
    fn new(pairs: impl Iterator<Item = (&'a str, usize)>) -> CompaniesByKey<'a> {
        let mut run_of: FxHashMap<&str, usize> = FxHashMap::default();
        let runs: Vec<(usize, usize)> = pairs
            .map(|(key, company)| {
                let next = run_of.len();
                (*run_of.entry(key).or_insert(next), company)
            })
            .collect();
        CompaniesByKey {
            companies: Runs::new(run_of.len(), runs.iter().copied()),
            run_of,
        }
    }

    fn get(&self, key: &str) -> Option<&[usize]> {
        Some(self.companies.of(*self.run_of.get(key)?))
    }

    fn contains_key(&self, key: &str) -> bool {
        self.run_of.contains_key(key)
    }

    /// Each key with its companies, in no particular order.
    fn runs(&self) -> impl Iterator<Item = (&'a str, &[usize])> + '_ {
        self.run_of
            .iter()
            .map(|(&key, &run)| (key, self.companies.of(run)))
    }
}

/// A hash of a text as lower-cased, computed without lower-casing it into a new string: a spelling
/// whose hash no asked name has is not asked for.
fn lower_case_hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for c in chars {
        hasher.write_u32(u32::from(c));
    }
    hasher.finish()
}

impl<'a> CompanyIndex<'a> {
    /// The index of `resolution`'s companies, able to look up the names in `asked` by their exact
    /// spelling (any other name by its matching key).
    pub fn new<'n>(resolution: &'a Resolution, asked: impl IntoIterator<Item = &'n str>) -> CompanyIndex<'a> {
        let asked: FxHashSet<String> = asked.into_iter().map(|n| n.trim().to_lowercase()).collect();
        let asked_hashes: FxHashSet<u64> = asked.iter().map(|a| lower_case_hash(a.chars())).collect();
        let mut by_spelling = FxHashMap::default();
        let keys: Vec<&str> = resolution
            .companies
            .iter()
            .map(fairwatch_resolve::Company::anchor_key)
            .collect();
        for (c, company) in resolution.companies.iter().enumerate() {
            for (spelling, _) in &company.names {
                let lower = || spelling.chars().flat_map(char::to_lowercase);
                if asked_hashes.contains(&lower_case_hash(lower())) {
                    let lower: String = lower().collect();
                    if asked.contains(&lower) {
                        push_unique(&mut by_spelling, lower, c);
                    }
                }
            }
        }
        let by_key = CompaniesByKey::new(resolution.companies.iter().zip(&keys).enumerate().flat_map(
            |(c, (company, &anchor))| {
                let others = company.keys().filter(move |&k| k != anchor);
                std::iter::once(anchor).chain(others).map(move |key| (key, c))
            },
        ));
        CompanyIndex {
            keys,
            by_key,
            by_spelling,
            records: resolution.companies.iter().map(|c| c.records).collect(),
        }
    }

    /// Every key a company is known by, each once, in no particular order.
    pub fn all_keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.by_key.runs().map(|(key, _)| key)
    }

    /// The companies a name given by a person means: those with that exact spelling, else those
    /// with its matching key.
    pub fn lookup(&self, name: &str) -> &[usize] {
        self.by_spelling
            .get(&name.trim().to_lowercase())
            .map(Vec::as_slice)
            .or_else(|| self.by_key.get(split_name(name).key.as_str()))
            .unwrap_or_default()
    }

    /// The companies known by a key.
    fn companies_keyed(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_key.get(key).unwrap_or_default().iter().copied()
    }

    /// Whether some company's name reads as exactly this key.
    pub fn names_a_company(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The records of the companies whose anchor key is exactly `key`.
    pub fn named_records(&self, key: &str) -> usize {
        self.by_key
            .get(key)
            .unwrap_or_default()
            .iter()
            .filter(|&&c| self.keys[c] == key)
            .map(|&c| self.records[c])
            .sum()
    }

    /// Whether a brand word names one firm, given the companies whose names begin with it: a coined
    /// word does ("rheinmetall", "teledyne"); a word of everyday English only when the companies named
    /// by that word alone (one firm's legal entities, or firms of one short name kept apart by country)
    /// hold at least `EVERYDAY_BRAND_SHARE` of their records ("siemens", but not "golden", "premier" or
    /// "axon", whose firms are many).
    pub fn word_names_one_firm(&self, word: &str, companies: &[usize]) -> bool {
        if !is_everyday_word(word) {
            return true;
        }
        // Named by the word: anchored on it, not merely spelt so once ("Spectra" is one spelling of
        // Spectra Group, which does not make "spectra" its brand over Spectra Watermakers).
        let named_records = self.named_records(word);
        let others: usize = companies
            .iter()
            .filter(|&&c| self.keys[c] != word)
            .map(|&c| self.records[c])
            .sum();
        named_records > 0 && named_records as f64 >= EVERYDAY_BRAND_SHARE * (named_records + others) as f64
    }
}

fn company_domains(dataset: &Dataset, resolution: &Resolution) -> Vec<Vec<String>> {
    let own = fair_domains(dataset);
    let found: Vec<(usize, String)> = dataset
        .records
        .par_iter()
        .zip(&resolution.record_company)
        .filter_map(|(record, company)| Some((record, (*company)?)))
        .flat_map_iter(|(record, c)| {
            record
                .details()
                .websites
                .iter()
                .filter_map(|w| {
                    registrable_domain(w).filter(|d| !is_generic(d) && !own[record.fair].contains(d))
                })
                .map(move |d| (c, d))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut domains = vec![Vec::new(); resolution.companies.len()];
    for (c, d) in found {
        if !domains[c].contains(&d) {
            domains[c].push(d);
        }
    }
    domains
}

/// One proposed link.
pub struct Proposal {
    pub from: usize,
    pub to: usize,
    pub evidence: GroupEvidence,
    pub detail: String,
    pub source: Option<String>,
    /// Whether `to` heads the group `from` joins (a parent, a brand) rather than being a peer.
    pub to_is_head: bool,
    /// The judgement it comes from, so a refusal can be reported.
    pub judgement: Option<usize>,
    /// Companies that must already share one group for the link to hold (a brand's companies).
    pub all_of: Vec<usize>,
    /// False for history: a curated link that ended, a stated membership that ended.
    pub current: bool,
}

pub struct Proposals<'a> {
    pub list: Vec<Proposal>,
    pub forbidden: Vec<(usize, usize)>,
    /// The curated parent (row index into `curated`) of each company that has one.
    pub curated_parent: Vec<Option<usize>>,
    pub curated: &'a [CuratedLink],
    pub judgements: usize,
}

impl<'a> Proposals<'a> {
    pub fn new(companies: usize) -> Proposals<'a> {
        Proposals {
            list: Vec::new(),
            forbidden: Vec::new(),
            curated_parent: vec![None; companies],
            curated: &[],
            judgements: 0,
        }
    }

    fn propose(&mut self, from: usize, to: usize, evidence: GroupEvidence, detail: String) -> &mut Proposal {
        self.list.push(Proposal {
            from,
            to,
            evidence,
            detail,
            source: None,
            to_is_head: false,
            judgement: None,
            all_of: Vec::new(),
            current: true,
        });
        self.list.last_mut().expect("just pushed")
    }

    /// Proposes that company `c` joins the group of the companies `named` (a brand's), headed by
    /// the first, if there are any.
    fn propose_to_all(&mut self, c: usize, named: Vec<usize>, evidence: GroupEvidence, detail: String) {
        if let Some(&first) = named.first() {
            let proposal = self.propose(c, first, evidence, detail);
            proposal.to_is_head = true;
            proposal.all_of = named;
        }
    }

    /// `same_group` judgements propose links, `not_same_group` ones forbid them; gives each group
    /// judgement's effect so far (a refusal is found later, when links are accepted).
    pub fn judgements(&mut self, index: &CompanyIndex, judgements: &[Judgement]) -> Vec<Option<Effect>> {
        self.judgements = judgements.len();
        let mut effects = Vec::with_capacity(judgements.len());
        for (i, j) in judgements.iter().enumerate() {
            if !j.verdict.is_about_groups() {
                effects.push(None);
                continue;
            }
            let (left, right) = (index.lookup(&j.left).to_vec(), index.lookup(&j.right).to_vec());
            let missing = [(&left, &j.left), (&right, &j.right)]
                .into_iter()
                .find(|(found, _)| found.is_empty())
                .map(|(_, name)| name.clone());
            if let Some(name) = missing {
                effects.push(Some(Effect::NameNotFound { name }));
                continue;
            }
            if j.verdict == Verdict::NotSameGroup && left.iter().any(|l| right.contains(l)) {
                effects.push(Some(Effect::Overruled {
                    reason: "the two names are one legal entity".into(),
                }));
                continue;
            }
            for &l in &left {
                for &r in &right {
                    if j.verdict == Verdict::NotSameGroup {
                        self.forbidden.push((l, r));
                    } else {
                        self.propose(l, r, GroupEvidence::Judgement, j.note.clone())
                            .judgement = Some(i);
                    }
                }
            }
            effects.push(Some(Effect::Applied));
        }
        effects
    }

    /// Rows of the curated groups file; gives the member names that match no company.
    pub fn curated(&mut self, index: &CompanyIndex, rows: &'a [CuratedLink]) -> Vec<String> {
        self.curated = rows;
        let mut unmatched = Vec::new();
        let mut first_member: FxHashMap<String, usize> = FxHashMap::default();
        for (row, link) in rows.iter().enumerate() {
            let members = index.lookup(&link.member).to_vec();
            if members.is_empty() {
                unmatched.push(link.member.clone());
                continue;
            }
            let parent = index.lookup(&link.parent).first().copied();
            let to = parent.unwrap_or(*first_member.entry(link.parent.clone()).or_insert(members[0]));
            let years = match (link.from_year, link.to_year) {
                (None, None) => String::new(),
                (from, to) => format!(
                    " {}-{}",
                    from.map_or(String::new(), |y| y.to_string()),
                    to.map_or(String::new(), |y| y.to_string())
                ),
            };
            for m in members {
                if link.is_current() {
                    self.curated_parent[m] = Some(row);
                }
                let detail = format!("{} of {}{years}", link.kind.as_str(), link.parent);
                let proposal = self.propose(m, to, GroupEvidence::Curated, detail);
                proposal.source = Some(link.source_url.clone());
                proposal.to_is_head = parent.is_some();
                proposal.current = link.is_current();
            }
        }
        unmatched
    }

    /// "Sensecy (a Verint company)", "X (formerly Y)": relations the resolver read in names, where the
    /// other name is a company of the corpus. A membership that ended ("Cognyte, formerly a Verint
    /// company") is kept as history; joint stands are two firms sharing a stand, not a group. A firm
    /// has one parent at a time: when the names of a brand's companies state membership of several
    /// ("Sikorsky Aircraft Corporation, a United Technologies company", later "Sikorsky, a Lockheed
    /// Martin company"), the parent stated latest is current and the others are history, so that a
    /// firm sold from one group to another does not join the two.
    pub fn stated_relations(&mut self, brands: &Brands, resolution: &Resolution) {
        let index = brands.index;
        let latest_parent = latest_stated_parents(brands, resolution);
        for relation in &resolution.relations {
            let (Some(other), evidence) = (
                relation.other,
                match relation.kind {
                    RelationKind::MemberOfGroup | RelationKind::FormerlyMemberOf => {
                        GroupEvidence::StatedRelation
                    }
                    RelationKind::FormerlyKnownAs => GroupEvidence::FormerName,
                    RelationKind::JointStand => continue,
                },
            ) else {
                continue;
            };
            let mut detail = format!("{} {}", relation.kind.as_str(), relation.other_name);
            let latest = latest_parent.get(brands.family(relation.company));
            let superseded = relation.kind == RelationKind::MemberOfGroup
                && latest.is_some_and(|l| {
                    first_word(index.keys[l.other.unwrap_or(other)]) != first_word(index.keys[other])
                });
            if let (true, Some(latest)) = (superseded, latest) {
                detail.push_str(&format!(" (history: a later record names {})", latest.other_name));
            }
            let proposal = self.propose(relation.company, other, evidence, detail);
            proposal.to_is_head = relation.kind == RelationKind::MemberOfGroup;
            proposal.current = relation.kind != RelationKind::FormerlyMemberOf && !superseded;
        }
    }

    /// Companies whose records give one domain and whose names agree with it.
    pub fn shared_domains(&mut self, index: &CompanyIndex, dataset: &Dataset, resolution: &Resolution) {
        let company_domains = company_domains(dataset, resolution);
        let mut by_domain: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (c, domains) in company_domains.iter().enumerate() {
            for d in domains {
                by_domain.entry(d.as_str()).or_default().push(c);
            }
        }
        let mut domains: Vec<(&str, Vec<usize>)> = by_domain
            .into_iter()
            .filter(|(_, companies)| (2..=DOMAIN_MAX_COMPANIES).contains(&companies.len()))
            .collect();
        domains.sort_unstable();
        for (domain, companies) in domains {
            let label = domain.split('.').next().unwrap_or(domain).replace('-', "");
            for (x, &a) in companies.iter().enumerate() {
                for &b in &companies[x + 1..] {
                    if names_agree_with_domain(index.keys[a], index.keys[b], &label) {
                        self.propose(a, b, GroupEvidence::SharedDomain, domain.to_owned());
                    }
                }
            }
        }
    }

    /// "Cellebrite UK", "Verint Systems Asia Pacific": a distinctive brand and a place join the
    /// companies of that brand, if one group holds them all.
    pub fn national_entities(&mut self, brands: &Brands) {
        let index = brands.index;
        for (c, key) in index.keys.iter().enumerate() {
            let Some((brand, place)) = brand_and_place(key) else {
                continue;
            };
            if !brands.is_distinctive_brand(brand) {
                continue;
            }
            let named = index.companies_keyed(brand).filter(|&b| b != c).collect();
            self.propose_to_all(
                c,
                named,
                GroupEvidence::NationalEntity,
                format!("{brand} in {place}"),
            );
        }
    }
}

impl Proposals<'_> {
    /// "Hanwha Aerospace", "ATI Aerospace": a division the resolver kept apart from its brand's
    /// company joins the group of the brand's company of a country it allows, headed by it. A brand
    /// of everyday English or a place ("Delta Aerospace", "Delta Defence") is several firms, not one
    /// with divisions.
    pub fn divisions(&mut self, brands: &Brands, resolution: &Resolution) {
        let index = brands.index;
        let country = |c: usize| resolution.companies[c].country.as_deref();
        let divisions = Divisions::new(
            resolution
                .companies
                .iter()
                .flat_map(|company| company.keys().map(|key| (key, company.country.as_deref()))),
        );
        for (c, key) in index.keys.iter().enumerate() {
            let Some(brand) = divisions.brand_of(key) else {
                continue;
            };
            let word = first_word(brand);
            if is_everyday_word(word) || names_a_place(word) {
                continue;
            }
            let named = index
                .companies_keyed(brand)
                .filter(|&b| b != c && Divisions::countries_allow(brand, country(b), country(c)))
                .collect();
            let lines = key[brand.len() + 1..].to_owned();
            self.propose_to_all(c, named, GroupEvidence::Division, lines);
        }
    }
}

impl Proposals<'_> {
    /// "Rheinmetall Waffe Munition", "Rheinmetall Expal Munitions": companies whose names begin with
    /// one brand join the group of that brand, headed by the company named by the brand alone where
    /// there is one. The brand is the first word, a brand word; when that word is everyday English
    /// and names no one firm ([`CompanyIndex::word_names_one_firm`]: "Golden", "Axon"), it is the
    /// first two words instead ("axon cable", "senior aerospace"). A name whose first word is no
    /// brand word joins by its first two words when they name a known firm
    /// ([`CompanyIndex::known_firm_phrase`]: "general dynamics land systems").
    pub fn shared_brands(&mut self, brands: &Brands) {
        let index = brands.index;
        let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_brand: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        // Asked once per word: a common first word begins many thousands of names.
        let mut brand_words: FxHashMap<&str, bool> = FxHashMap::default();
        for (c, key) in index.keys.iter().enumerate() {
            let word = first_word(key);
            if *brand_words
                .entry(word)
                .or_insert_with(|| brands.is_brand_word(word))
            {
                by_word.entry(word).or_default().push(c);
            } else if let Some(phrase) = brands.known_firm_phrase(key) {
                by_brand.entry(phrase).or_default().push(c);
            }
        }
        for (word, companies) in by_word {
            if index.word_names_one_firm(word, &companies) {
                by_brand.entry(word).or_default().extend(companies);
                continue;
            }
            for c in companies {
                if let Some(phrase) = brands.brand_phrase(index.keys[c]) {
                    by_brand.entry(phrase).or_default().push(c);
                }
            }
        }
        for (brand, companies) in by_brand.into_iter().filter(|(_, list)| list.len() > 1) {
            let bare = companies.iter().copied().find(|&c| index.keys[c] == brand);
            let head = bare.unwrap_or(companies[0]);
            for &c in companies.iter().filter(|&&c| c != head) {
                self.propose(c, head, GroupEvidence::SharedBrand, brand.to_owned())
                    .to_is_head = bare.is_some();
            }
        }
    }
}

impl Proposals<'_> {
    /// "Marposs" (GB) and "MARPOSS SAS" (FR): the companies one distinctive name keys to, kept apart
    /// as legal entities of different jurisdictions, join one group headed by the one with the most
    /// records.
    pub fn same_names_abroad(&mut self, index: &CompanyIndex) {
        let by_key = CompaniesByKey::new(index.keys.iter().copied().zip(0..));
        let mut shared: Vec<(&str, &[usize])> = by_key.runs().filter(|(_, list)| list.len() > 1).collect();
        shared.sort_unstable_by_key(|(key, _)| *key);
        for (key, companies) in shared {
            let head = *companies
                .iter()
                .max_by_key(|&&c| (index.records[c], std::cmp::Reverse(c)))
                .expect("two or more");
            if !is_distinctive_name(key, index.records[head]) {
                continue;
            }
            for &c in companies.iter().filter(|&&c| c != head) {
                self.propose(c, head, GroupEvidence::SameNameAbroad, key.to_owned());
            }
        }
    }
}

/// A name of coined words only, none everyday English, none a place, with `BRAND_MIN_LETTERS`
/// letters in all; or a shorter coined word of `ABROAD_SHORT_MIN_LETTERS` letters or more ("moog",
/// "saft", "ceia") when the company of most records under it, `largest`, holds at least
/// `ABROAD_SHORT_MIN_RECORDS`: one firm known at many fairs, not a code two small firms happen to
/// share ("argo", "nebo").
fn is_distinctive_name(key: &str, largest: usize) -> bool {
    let letters = key.bytes().filter(u8::is_ascii_alphabetic).count();
    let long_enough = letters >= BRAND_MIN_LETTERS
        || (letters >= ABROAD_SHORT_MIN_LETTERS && largest >= ABROAD_SHORT_MIN_RECORDS);
    long_enough && key.split(' ').all(|w| !is_everyday_word(w) && !names_a_place(w))
}

/// Two names under one domain agree when they hold one word of three letters or more that the
/// domain's name holds too ("thales uk", "thales alenia space" under thalesgroup.com; "teledyne flir
/// defense", "flir detection" under flir.com), or when they are close spellings. A reseller's or an
/// agency's site listing other firms fails: their shared words are not the site's.
fn names_agree_with_domain(a: &str, b: &str, label: &str) -> bool {
    let compact = |k: &str| k.replace(' ', "");
    a.split(' ')
        .any(|w| w.len() >= 3 && label.contains(w) && b.split(' ').any(|x| x == w))
        || rapidfuzz::distance::indel::normalized_similarity(compact(a).chars(), compact(b).chars())
            >= CLOSE_NAMES
}

pub fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_under_one_domain_must_agree_with_it() {
        assert!(names_agree_with_domain(
            "thales uk",
            "thales alenia space",
            "thalesgroup"
        ));
        assert!(names_agree_with_domain("cellebrite", "celebrite", "cellebrite"));
        assert!(
            !names_agree_with_domain("global eye", "global radar", "defenceagency"),
            "a reseller's site does not join the firms it lists"
        );
        assert!(!names_agree_with_domain(
            "finfisher",
            "gamma international",
            "gammagroup"
        ));
    }
}
