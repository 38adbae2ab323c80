//! Reader of the CAAT / Omega Research Foundation corpus: one JSON file per fair edition
//! (`fair.schema.json` in the corpus describes it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::clean::{clean_multiline, clean_text, for_terminal};
use crate::country::CountryReader;
use crate::json_shapes::{Described, Object, OneOrMany, Place, RawJson};
use crate::model::{Dataset, Delegation, ExhibitorRecord, Fair, Organiser, Origin, Problem, RecordDetails};
use crate::ReadError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawFair {
    name: String,
    #[serde(default)]
    alias: OneOrMany<String>,
    series: Option<String>,
    edition: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    approx_date: Option<String>,
    #[serde(default)]
    address: OneOrMany<Place>,
    #[serde(default)]
    country: OneOrMany<Place>,
    online: Option<bool>,
    #[serde(default)]
    website: OneOrMany<String>,
    #[allow(dead_code)]
    social: Option<RawJson>,
    #[serde(default)]
    organiser: OneOrMany<Object<RawOrganiser>>,
    exhibitor_list_url: Option<String>,
    exhibitor_list_date: Option<String>,
    exhibitor: Option<Vec<Object<RawExhibitor>>>,
    exhibitor_list_incomplete: Option<bool>,
    delegation_list_url: Option<String>,
    delegation_list_date: Option<String>,
    #[serde(default)]
    delegation: Vec<Object<RawDelegation>>,
}

impl Described for RawFair {
    const WHAT: &'static str = "a fair object";
}
impl Described for RawOrganiser {
    const WHAT: &'static str = "an organiser object";
}
impl Described for RawDelegation {
    const WHAT: &'static str = "a delegation object";
}
impl Described for RawExhibitor {
    const WHAT: &'static str = "an exhibitor object";
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganiser {
    name: String,
    #[allow(dead_code)]
    #[serde(default)]
    alias: OneOrMany<String>,
    #[allow(dead_code)]
    #[serde(default)]
    address: OneOrMany<Place>,
    #[serde(default)]
    country: OneOrMany<Place>,
    #[serde(default)]
    website: OneOrMany<String>,
    #[allow(dead_code)]
    #[serde(default)]
    email: OneOrMany<String>,
    #[allow(dead_code)]
    #[serde(default)]
    telephone: OneOrMany<String>,
    #[allow(dead_code)]
    social: Option<RawJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDelegation {
    name: String,
    attended: Option<bool>,
    retracted: Option<bool>,
}

/// An exhibitor exactly as the file gives it; equality and hashing find rows a file repeats.
#[derive(Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawExhibitor {
    name: String,
    #[serde(default)]
    alias: OneOrMany<String>,
    exhibitor_url: Option<String>,
    #[serde(default)]
    address: OneOrMany<Place>,
    #[serde(default)]
    country: OneOrMany<Place>,
    #[serde(default)]
    website: OneOrMany<String>,
    #[serde(default)]
    email: OneOrMany<String>,
    #[serde(default)]
    telephone: OneOrMany<String>,
    social: Option<RawJson>,
    #[serde(default)]
    category: OneOrMany<String>,
}

/// The fair files of a corpus: `DIR/data/*.json` for a checkout, or `DIR/*.json` for its data folder.
pub fn corpus_files(root: &Path) -> Result<(PathBuf, Vec<PathBuf>), ReadError> {
    let data_dir = if root.join("data").is_dir() {
        root.join("data")
    } else {
        root.to_path_buf()
    };
    let entries = std::fs::read_dir(&data_dir).map_err(|source| ReadError::Io {
        path: data_dir.clone(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ReadError::NoCorpus(root.to_path_buf()));
    }
    Ok((data_dir, files))
}

/// Reads every fair file under `root`. With `keep_going`, a file that cannot be read is reported in
/// [`Dataset::problems`] and the rest are still read; without it, the first bad file (in name order)
/// is the error.
pub fn read_corpus(root: &Path, keep_going: bool) -> Result<Dataset, ReadError> {
    read_corpus_with(root, keep_going, |_| Ok(()))
}

/// [`read_corpus`] that hands the growing dataset to `on_file` each time a fair (and its records) is
/// added, in file-name order, while later files are still being parsed: a consumer such as the
/// store can write what is there instead of waiting for the whole corpus.
pub fn read_corpus_with<E: From<ReadError>>(
    root: &Path,
    keep_going: bool,
    mut on_file: impl FnMut(&Dataset) -> Result<(), E>,
) -> Result<Dataset, E> {
    let (data_dir, files) = corpus_files(root)?;
    let display_root = data_dir.parent().unwrap_or(&data_dir);
    let mut dataset = Dataset {
        sources: vec![("caat".into(), root.display().to_string())],
        ..Dataset::default()
    };
    // Workers take files in name order from a shared counter, so results arrive nearly in order and
    // the few that overtake wait in `early` only until the gap before them is filled.
    let next_file = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| -> Result<(), E> {
        let (sender, receiver) = mpsc::channel();
        for _ in 0..workers {
            let sender = sender.clone();
            let (next_file, files) = (&next_file, &files);
            scope.spawn(move || loop {
                let index = next_file.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(index) else { break };
                let relative = path.strip_prefix(display_root).unwrap_or(path);
                if sender
                    .send((index, read_fair_file(path, &relative.to_string_lossy())))
                    .is_err()
                {
                    break;
                }
            });
        }
        drop(sender);
        // Returning early drops `receiver`, so the workers' next send fails and they stop.
        let mut early = BTreeMap::new();
        let mut wanted = 0;
        for (index, result) in receiver {
            early.insert(index, result);
            while let Some(result) = early.remove(&wanted) {
                wanted += 1;
                match result {
                    Ok(file) => {
                        dataset.extend(file);
                        on_file(&dataset)?;
                    }
                    Err(problem) if keep_going => dataset.problems.push(problem),
                    Err(problem) => return Err(ReadError::Invalid(problem).into()),
                }
            }
        }
        Ok(())
    })?;
    Ok(dataset)
}

fn read_fair_file(path: &Path, relative: &str) -> Result<Dataset, Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem {
        file: for_terminal(relative).into_owned(),
        line: None,
        column: None,
        message: e.to_string(),
    })?;
    parse_fair_file(&bytes, relative)
}

/// Parses one fair file from its bytes: `file` is its path relative to the corpus root, which
/// provenance and errors cite, and its stem is the fair's slug. The dataset holds the one fair and
/// its records; a file that is not a fair is a [`Problem`] with its line and column.
///
/// A file name is scraped text too, and so are the keys a parser's message quotes: their control
/// and bidirectional characters are written as visible escapes ([`for_terminal`]) in the fair's
/// file, its slug and every problem, so no output (terminal, database, page, CSV) carries them raw.
pub fn parse_fair_file(bytes: &[u8], file: &str) -> Result<Dataset, Problem> {
    let file = &*for_terminal(file);
    let problem = |line, column, message: String| Problem {
        file: file.to_owned(),
        line,
        column,
        message: for_terminal(&message).into_owned(),
    };
    // A byte order mark is no part of the JSON text (RFC 8259 lets a parser ignore it); line and
    // column stay those of the file, the mark being at the start of line 1.
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Object(raw) = serde_json::from_slice::<Object<RawFair>>(json).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; the position is kept in its own fields.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        problem(Some(e.line()), Some(e.column()), message.to_owned())
    })?;
    if raw.start_date.is_none() && raw.approx_date.is_none() {
        return Err(problem(
            None,
            None,
            "fair has neither startDate nor approxDate".into(),
        ));
    }
    let slug = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(convert(raw, slug, file.to_owned()))
}

fn clean_all(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| clean_text(v).into_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn year_of(date: Option<&str>) -> Option<i32> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

fn address_text(places: &[Place]) -> Option<String> {
    let text = places
        .iter()
        .map(|p| clean_multiline(&p.text))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    (!text.is_empty()).then_some(text)
}

fn convert(raw: RawFair, slug: String, file: String) -> Dataset {
    let mut countries = CountryReader::new();
    let mut host_country = countries.read_country_field(&raw.country.0, "fair.country");
    if host_country.iso2.is_none() {
        if let Some(from_address) = countries.read_address(&raw.address.0) {
            host_country = from_address;
        }
    }
    let organisers = raw
        .organiser
        .0
        .iter()
        .map(|Object(o)| Organiser {
            name: clean_text(&o.name).into_owned(),
            country: countries.read_country_field(&o.country.0, "organiser.country"),
            websites: clean_all(&o.website.0),
        })
        .collect();
    let year = year_of(raw.start_date.as_deref())
        .or_else(|| year_of(raw.approx_date.as_deref()))
        .or_else(|| year_of(raw.edition.as_deref()));
    let has_exhibitor_list = raw.exhibitor.is_some();
    let records = raw
        .exhibitor
        .map(|exhibitors| {
            // In place: an `Object` is its value (`repr(transparent)`).
            let exhibitors = exhibitors.into_iter().map(|Object(e)| e).collect();
            exhibitor_records(exhibitors, &mut countries)
        })
        .unwrap_or_default();
    let fair = Fair {
        slug,
        origin: Origin::Caat,
        file,
        name: clean_text(&raw.name).into_owned(),
        series: raw
            .series
            .as_deref()
            .map(|s| clean_text(s).into_owned())
            .unwrap_or_default(),
        edition: raw.edition.unwrap_or_default(),
        aliases: clean_all(&raw.alias.0),
        start_date: raw.start_date,
        end_date: raw.end_date,
        approx_date: raw.approx_date,
        year,
        host_country,
        address: address_text(&raw.address.0),
        online: raw.online.unwrap_or(false),
        websites: clean_all(&raw.website.0),
        organisers,
        exhibitor_list_url: raw.exhibitor_list_url,
        exhibitor_list_date: raw.exhibitor_list_date,
        exhibitor_list_incomplete: raw.exhibitor_list_incomplete.unwrap_or(false),
        has_exhibitor_list,
        delegation_list_url: raw.delegation_list_url,
        delegation_list_date: raw.delegation_list_date,
        delegations: raw
            .delegation
            .into_iter()
            .map(|Object(d)| Delegation {
                name: clean_text(&d.name).into_owned(),
                attended: d.attended,
                retracted: d.retracted,
            })
            .collect(),
    };
    Dataset {
        fairs: vec![fair],
        records,
        countries: countries.tally,
        ..Dataset::default()
    }
}

fn exhibitor_records(exhibitors: Vec<RawExhibitor>, countries: &mut CountryReader) -> Vec<ExhibitorRecord> {
    let mut first_seen: FxHashMap<&RawExhibitor, u32> =
        FxHashMap::with_capacity_and_hasher(exhibitors.len(), Default::default());
    let mut duplicates = vec![None; exhibitors.len()];
    for (position, exhibitor) in exhibitors.iter().enumerate() {
        let first = *first_seen.entry(exhibitor).or_insert(position as u32);
        if first != position as u32 {
            duplicates[position] = Some(first);
        }
    }
    drop(first_seen);
    exhibitors
        .into_iter()
        .zip(duplicates)
        .enumerate()
        .map(|(position, (e, duplicate_of))| {
            let mut country = countries.read_country_field(&e.country.0, "exhibitor.country");
            if country.iso2.is_none() {
                if let Some(from_address) = countries.read_address(&e.address.0) {
                    country = from_address;
                }
            }
            let name = clean_text(&e.name).into_owned();
            ExhibitorRecord {
                fair: 0,
                position: position as u32,
                role: "exhibitor".into(),
                name_as_given: ExhibitorRecord::as_given(e.name, &name),
                name,
                country,
                details: RecordDetails {
                    aliases: clean_all(&e.alias.0),
                    address: address_text(&e.address.0),
                    websites: clean_all(&e.website.0),
                    emails: clean_all(&e.email.0),
                    telephones: clean_all(&e.telephone.0),
                    categories: clean_all(&e.category.0),
                    exhibitor_url: e.exhibitor_url,
                    social: e.social.map(|s| s.0),
                }
                .boxed(),
                duplicate_of,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAIR: &str = r#"{"name": "X 2020", "series": "X", "edition": "2020", "startDate": "2020-01-01",
        "exhibitor": [EXHIBITOR]}"#;

    #[test]
    fn a_byte_order_mark_is_read_past() {
        let file = format!("\u{FEFF}{}", FAIR.replace("EXHIBITOR", r#"{"name": "A"}"#));
        let dataset = parse_fair_file(file.as_bytes(), "data/x-2020.json").unwrap();
        assert_eq!(dataset.records[0].name, "A");
    }

    #[test]
    fn a_wrong_shape_is_named_in_the_schema_s_words_with_its_place() {
        let file = FAIR.replace("EXHIBITOR", r#"["A", "GB"]"#);
        let problem = parse_fair_file(file.as_bytes(), "data/x-2020.json").unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(2), Some(23)));
        assert_eq!(
            problem.message,
            "invalid type: sequence, expected an exhibitor object"
        );
        let problem = parse_fair_file(b"[\"X 2020\"]", "data/x-2020.json").unwrap_err();
        assert_eq!(problem.message, "invalid type: sequence, expected a fair object");
    }

    #[test]
    fn a_hostile_file_name_and_key_are_stored_escaped() {
        let file = FAIR.replace("EXHIBITOR", "{\"name\": \"A\"}");
        let dataset = parse_fair_file(file.as_bytes(), "data/x\u{1b}[2J\u{2067}-2020.json").unwrap();
        assert_eq!(dataset.fairs[0].file, "data/x\\u{1b}[2J\\u{2067}-2020.json");
        assert_eq!(dataset.fairs[0].slug, "x\\u{1b}[2J\\u{2067}-2020");
        let file = FAIR.replace("EXHIBITOR", "{\"name\": \"A\", \"k\\u001b\": 1}");
        let problem = parse_fair_file(file.as_bytes(), "data/x-2020.json").unwrap_err();
        assert!(
            problem.message.starts_with("unknown field `k\\u{1b}`"),
            "{}",
            problem.message
        );
    }
}
