//! Draws the pairs of names that `curation/pair_truth.csv` labels by hand, so anyone can redraw them.
//!
//! Usage: `cargo run --release -p fairwatch-synth --example sample_truth_pairs -- CORPUS_DIR SEED OUT.csv CONTEXT.md [PER_STRATUM]`
//!        `cargo run --release -p fairwatch-synth --example sample_truth_pairs -- CORPUS_DIR --relabel TRUTH.csv OUT.csv CONTEXT.md`
//!
//! PER_STRATUM draws that many pairs from every stratum instead of the counts in `STRATA` (a smaller
//! fresh sample, to check figures tuned on the first).
//!
//! `--relabel` draws nothing: it writes the pairs of a labelled truth file again with their labels,
//! reasons and sources blanked, and their context, for a second labeller who must not see the first
//! one's answers (`bench/truth/agreement.py` then compares the two).
//!
//! The unit is a *name entry*: one cleaned exhibitor name in one country (or none), over the records the
//! resolver calls companies (exact repeats inside a list left out). The population is every pair of
//! entries that shares something a matcher could go on, cut into disjoint strata in this order (a pair
//! belongs to the first that fits): the same matching key; a registrable website domain; a telephone
//! number or postal address; an acronym and the name whose initials it spells; the same first word, by
//! how alike the names are (indel similarity of the compact keys >= 0.8, >= 0.6, below); a rarer word
//! (found in at most 20 keys) other than the first; the same six-letter prefix of the compact key; and, last, pairs the
//! matcher put in one company at drawing time that none of the others holds. Each stratum is counted
//! exactly and sampled uniformly without replacement with the SplitMix64 of `fairwatch_synth` seeded by
//! SEED; a sampled pair
//! weighs `stratum pairs / stratum sample`, so weighted counts estimate the pairwise confusion matrix of
//! any matcher over the whole population (see `fairwatch_group::truth`). Pairs that share none of
//! these (no word, no contact) are outside the population: recall is over pairs that a reader could
//! suspect from the data, which the methodology says.
//!
//! CONTEXT.md lists, for each pair, what the records show of both entries (fairs, countries, websites,
//! categories, an address): the labeller's material. The matcher's answer is not in it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use fairwatch_ingest::read_corpus;
use fairwatch_resolve::domain::{fair_domains, is_generic, registrable_domain};
use fairwatch_resolve::normalise::{spells_initials, split_name};
use fairwatch_resolve::{address_numbers, resolve, telephone_numbers, Options, RecordKind};
use fairwatch_synth::Random;
use rustc_hash::{FxHashMap, FxHashSet};

/// Pairs drawn from each stratum, in the order strata are tried.
const STRATA: &[(&str, usize)] = &[
    ("same_key", 110),
    ("shared_domain", 90),
    ("shared_contact", 40),
    ("acronym", 40),
    ("first_word_close", 80),
    ("first_word_mid", 60),
    ("first_word_far", 40),
    ("rare_word", 60),
    ("same_prefix", 40),
    ("matcher_joined", 60),
];

/// A domain, telephone, address, word or prefix shared by more entries than this is a placeholder, a
/// host, a business park or a common word: it groups nothing, and its pairs fall to later strata.
const CROWD: usize = 400;

/// A word found in at most this many keys is rare enough that sharing it is worth a look.
const RARE_WORD_KEYS: usize = 20;

#[derive(Default)]
struct Entry {
    name: String,
    country: Option<String>,
    key: String,
    records: usize,
    company: BTreeMap<usize, usize>,
    fairs: BTreeSet<String>,
    domains: BTreeSet<String>,
    contacts: BTreeSet<String>,
    categories: BTreeMap<String, usize>,
    address: Option<String>,
}

/// The telephone numbers and postal address of a record, as the resolver compares them.
fn contacts(record: &fairwatch_ingest::ExhibitorRecord) -> Vec<String> {
    let telephones = telephone_numbers(record).into_iter().map(|t| format!("tel {t}"));
    let addresses = address_numbers(record)
        .into_iter()
        .map(|a| format!("address {a}"));
    telephones.chain(addresses).collect()
}

fn entries(corpus: &Path) -> Vec<Entry> {
    let dataset = read_corpus(corpus, false).expect("the corpus reads");
    let resolution = resolve(&dataset, &[], Options { use_websites: true });
    let own_domains = fair_domains(&dataset);
    let mut index: FxHashMap<(String, Option<String>), usize> = FxHashMap::default();
    let mut list: Vec<Entry> = Vec::new();
    for (i, r) in dataset.records.iter().enumerate() {
        if r.duplicate_of.is_some() || resolution.kinds[i] != RecordKind::Company {
            continue;
        }
        let at = *index
            .entry((r.name.clone(), r.country.iso2.as_deref().map(str::to_owned)))
            .or_insert_with(|| {
                list.push(Entry {
                    name: r.name.clone(),
                    country: r.country.iso2.as_deref().map(str::to_owned),
                    key: split_name(&r.name).key,
                    ..Entry::default()
                });
                list.len() - 1
            });
        let entry = &mut list[at];
        entry.records += 1;
        *entry
            .company
            .entry(resolution.record_company[i].unwrap_or(usize::MAX))
            .or_default() += 1;
        let fair = &dataset.fairs[r.fair];
        entry.fairs.insert(format!(
            "{} {}",
            fair.series,
            fair.year.map_or(String::new(), |y| y.to_string())
        ));
        // A fair's own domain (catalogue pages given as websites) says nothing of the exhibitor.
        let own = &own_domains[r.fair];
        entry.domains.extend(
            r.details()
                .websites
                .iter()
                .filter_map(|w| registrable_domain(w).filter(|d| !is_generic(d) && !own.contains(d))),
        );
        entry.contacts.extend(contacts(r));
        for c in &r.details().categories {
            *entry.categories.entry(c.clone()).or_default() += 1;
        }
        if entry.address.is_none() {
            entry.address = r.details().address.as_ref().map(|a| a.replace('\n', ", "));
        }
    }
    list.sort_by(|a, b| (&a.name, &a.country).cmp(&(&b.name, &b.country)));
    list
}

/// Every pair of `members` (entry indexes), smaller index first.
fn all_pairs(members: &[usize], out: &mut Vec<(u32, u32)>) {
    for (x, &a) in members.iter().enumerate() {
        for &b in &members[x + 1..] {
            out.push((a.min(b) as u32, a.max(b) as u32));
        }
    }
}

fn grouped_pairs<'a>(list: &'a [Entry], by: impl Fn(&'a Entry) -> Vec<String>) -> Vec<(u32, u32)> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in list.iter().enumerate() {
        for k in by(e) {
            groups.entry(k).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in groups.values_mut() {
        members.dedup();
        if members.len() > CROWD {
            continue;
        }
        all_pairs(members, &mut out);
    }
    out
}

fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or(key)
}

fn similarity(a: &Entry, b: &Entry) -> f64 {
    let (x, y) = (a.key.replace(' ', ""), b.key.replace(' ', ""));
    rapidfuzz::distance::indel::normalized_similarity(x.chars(), y.chars())
}

/// Candidate pairs of each stratum, before the earlier strata are taken out.
fn stratum_pairs(list: &[Entry], name: &str) -> Vec<(u32, u32)> {
    match name {
        "same_key" => grouped_pairs(list, |e| vec![e.key.clone()]),
        "shared_domain" => grouped_pairs(list, |e| e.domains.iter().cloned().collect()),
        "shared_contact" => grouped_pairs(list, |e| e.contacts.iter().cloned().collect()),
        "acronym" => acronym_pairs(list),
        "first_word_close" | "first_word_mid" | "first_word_far" => {
            let (low, high) = match name {
                "first_word_close" => (0.8, 1.01),
                "first_word_mid" => (0.6, 0.8),
                _ => (0.0, 0.6),
            };
            let mut pairs = grouped_pairs(list, |e| vec![first_word(&e.key).to_owned()]);
            pairs.retain(|&(a, b)| {
                let s = similarity(&list[a as usize], &list[b as usize]);
                s >= low && s < high
            });
            pairs
        }
        "rare_word" => {
            let mut keys_with: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
            for e in list {
                for w in e.key.split(' ') {
                    keys_with.entry(w).or_default().insert(&e.key);
                }
            }
            grouped_pairs(list, |e| {
                e.key
                    .split(' ')
                    .skip(1)
                    .filter(|w| w.len() >= 4 && keys_with[w].len() <= RARE_WORD_KEYS)
                    .map(str::to_owned)
                    .collect()
            })
        }
        "same_prefix" => grouped_pairs(list, |e| {
            let compact = e.key.replace(' ', "");
            (compact.len() >= 6)
                .then(|| compact[..6].to_owned())
                .into_iter()
                .collect()
        }),
        "matcher_joined" => grouped_pairs(list, |e| {
            let main = e.company.iter().max_by_key(|(_, n)| **n).map(|(c, _)| *c);
            main.map(|c| c.to_string()).into_iter().collect()
        }),
        other => unreachable!("unknown stratum {other}"),
    }
}

/// An entry whose key is one short word and the entries whose initials it spells.
fn acronym_pairs(list: &[Entry]) -> Vec<(u32, u32)> {
    let mut by_initial: FxHashMap<u8, Vec<usize>> = FxHashMap::default();
    for (i, e) in list.iter().enumerate() {
        if e.key.contains(' ') {
            by_initial.entry(e.key.as_bytes()[0]).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (a, e) in list.iter().enumerate() {
        if e.key.contains(' ') || !(2..=6).contains(&e.key.len()) {
            continue;
        }
        for &b in by_initial.get(&e.key.as_bytes()[0]).into_iter().flatten() {
            if spells_initials(&e.key, &list[b].key) {
                out.push((a.min(b) as u32, a.max(b) as u32));
            }
        }
    }
    out
}

fn describe(out: &mut String, label: &str, e: &Entry) {
    let fairs: Vec<&str> = e.fairs.iter().map(String::as_str).take(6).collect();
    let mut categories: Vec<(&String, &usize)> = e.categories.iter().collect();
    categories.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let categories: Vec<&str> = categories.iter().take(8).map(|(c, _)| c.as_str()).collect();
    let _ = writeln!(
        out,
        "- {label}: \"{}\" country {} | {} records | fairs: {}{} | websites: {} | categories: {} | address: {}",
        e.name,
        e.country.as_deref().unwrap_or("-"),
        e.records,
        fairs.join(", "),
        if e.fairs.len() > 6 { ", ..." } else { "" },
        e.domains.iter().cloned().collect::<Vec<_>>().join(" "),
        categories.join("; "),
        e.address.as_deref().unwrap_or("-"),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, corpus, flag, truth, out, context] = &args[..] {
        if flag == "--relabel" {
            return relabel(Path::new(corpus), truth, out, context);
        }
    }
    let (corpus, seed, out, context, per_stratum) = match &args[..] {
        [_, corpus, seed, out, context] => (corpus, seed, out, context, None),
        [_, corpus, seed, out, context, n] => (
            corpus,
            seed,
            out,
            context,
            Some(n.parse().expect("PER_STRATUM is a number")),
        ),
        _ => {
            eprintln!(
                "usage: sample_truth_pairs CORPUS_DIR SEED OUT.csv CONTEXT.md [PER_STRATUM]\n       \
                 sample_truth_pairs CORPUS_DIR --relabel TRUTH.csv OUT.csv CONTEXT.md"
            );
            std::process::exit(2);
        }
    };
    let list = entries(Path::new(corpus));
    let mut random = Random(seed.parse().expect("SEED is a number"));
    let mut taken: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut writer = csv::Writer::from_path(out).expect("OUT.csv can be written");
    writer.write_record(COLUMNS).unwrap();
    let mut notes = format!("# Pairs to label (seed {seed}, {} name entries)\n\n", list.len());
    let mut id = 0;
    for &(stratum, default) in STRATA {
        let wanted = per_stratum.unwrap_or(default);
        let mut pairs = stratum_pairs(&list, stratum);
        pairs.sort_unstable();
        pairs.dedup();
        pairs.retain(|p| !taken.contains(p));
        taken.extend(pairs.iter().copied());
        let drawn = wanted.min(pairs.len());
        for k in 0..drawn {
            let pick = k + random.below(pairs.len() - k);
            pairs.swap(k, pick);
        }
        eprintln!("{stratum}: {} pairs, {drawn} drawn", pairs.len());
        for &(a, b) in &pairs[..drawn] {
            id += 1;
            let (l, r) = (&list[a as usize], &list[b as usize]);
            let (total, drawn) = (pairs.len().to_string(), drawn.to_string());
            let pair = format!("p{id:03}");
            write_pair(&mut writer, &mut notes, [&pair, stratum, &total, &drawn], l, r);
        }
    }
    writer.flush().unwrap();
    std::fs::write(context, notes).expect("CONTEXT.md can be written");
}

/// The columns of a truth file.
const COLUMNS: [&str; 11] = [
    "pair",
    "stratum",
    "stratum_pairs",
    "stratum_sample",
    "left_name",
    "left_country",
    "right_name",
    "right_country",
    "label",
    "reason",
    "source",
];

/// One unlabelled row (`head`: pair, stratum, stratum pairs, stratum sample) and its context.
fn write_pair(
    writer: &mut csv::Writer<std::fs::File>,
    notes: &mut String,
    head: [&str; 4],
    l: &Entry,
    r: &Entry,
) {
    let names = [
        l.name.as_str(),
        l.country.as_deref().unwrap_or(""),
        &r.name,
        r.country.as_deref().unwrap_or(""),
    ];
    let row = head.iter().chain(&names).chain(&["", "", ""]);
    writer.write_record(row).unwrap();
    let _ = writeln!(notes, "## {}", head[0]);
    describe(notes, "A", l);
    describe(notes, "B", r);
    notes.push('\n');
}

/// The pairs of the labelled file `truth`, unlabelled, with their context, for a second labeller.
fn relabel(corpus: &Path, truth: &str, out: &str, context: &str) {
    let list = entries(corpus);
    let at: FxHashMap<(&str, &str), &Entry> = list
        .iter()
        .map(|e| ((e.name.as_str(), e.country.as_deref().unwrap_or("")), e))
        .collect();
    let mut reader = csv::Reader::from_path(truth).expect("TRUTH.csv can be read");
    let mut writer = csv::Writer::from_path(out).expect("OUT.csv can be written");
    writer.write_record(COLUMNS).unwrap();
    let mut notes = format!(
        "# Pairs to label (the pairs of {truth}, {} name entries)\n\n",
        list.len()
    );
    for row in reader.records() {
        let row = row.expect("TRUTH.csv is well formed");
        let entry = |name: usize| {
            *at.get(&(&row[name], &row[name + 1])).unwrap_or_else(|| {
                panic!(
                    "{} ({}) is not a name entry of this corpus",
                    &row[name],
                    &row[name + 1]
                )
            })
        };
        let head = [&row[0], &row[1], &row[2], &row[3]];
        write_pair(&mut writer, &mut notes, head, entry(4), entry(6));
    }
    writer.flush().unwrap();
    std::fs::write(context, notes).expect("CONTEXT.md can be written");
}
