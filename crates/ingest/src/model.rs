//! The record types every reader produces.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::inline_ascii::InlineAscii;

/// Where a fair edition came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A file of the CAAT/Omega corpus.
    Caat,
    /// A researcher's CSV list of exhibitors or sponsors.
    CsvList,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Caat => "caat",
            Origin::CsvList => "csv",
        }
    }
}

/// An ISO 3166-1 alpha-2 code, kept inline rather than as a string: a large list gives a million.
pub type Iso2 = InlineAscii<2>;

impl Iso2 {
    /// The code of a country of the reference tables: two ASCII letters.
    pub fn new(code: &str) -> Iso2 {
        match code.as_bytes() {
            &[a, b] if code.is_ascii() => InlineAscii::from_ascii([a, b]),
            _ => panic!("{code:?} is no ISO 3166-1 alpha-2 code"),
        }
    }
}

/// A country value as read and as resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountryValue {
    /// ISO 3166-1 alpha-2, when the value resolved to one country.
    pub iso2: Option<Iso2>,
    /// The value as the source gave it (a code, a name, an address's last line).
    pub raw: Option<Box<str>>,
    /// Which field it came from: `country`, `address`.
    pub field: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organiser {
    pub name: String,
    pub country: CountryValue,
    pub websites: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub name: String,
    pub attended: Option<bool>,
    pub retracted: Option<bool>,
}

/// One edition of a fair (or of an event typed up from a CSV list).
#[derive(Debug, Clone, PartialEq)]
pub struct Fair {
    /// Stable identifier: the file stem for the corpus (`milipol-paris-2019`), `csv:<event>-<year>`
    /// for CSV lists.
    pub slug: String,
    pub origin: Origin,
    /// Path of the file relative to the source root.
    pub file: String,
    pub name: String,
    pub series: String,
    pub edition: String,
    pub aliases: Vec<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// A partial date (`2019`, `2019-11`) where exact dates are unknown.
    pub approx_date: Option<String>,
    pub year: Option<i32>,
    pub host_country: CountryValue,
    pub address: Option<String>,
    pub online: bool,
    pub websites: Vec<String>,
    pub organisers: Vec<Organiser>,
    pub exhibitor_list_url: Option<String>,
    /// When the list was retrieved (UTC timestamp as the corpus gives it).
    pub exhibitor_list_date: Option<String>,
    pub exhibitor_list_incomplete: bool,
    pub has_exhibitor_list: bool,
    pub delegation_list_url: Option<String>,
    pub delegation_list_date: Option<String>,
    pub delegations: Vec<Delegation>,
}

impl Fair {
    /// A fair known by its slug, origin and file, every other field empty: readers and tests fill in
    /// what they know with struct-update syntax.
    pub fn new(slug: String, origin: Origin, file: String) -> Fair {
        Fair {
            slug,
            origin,
            file,
            name: String::new(),
            series: String::new(),
            edition: String::new(),
            aliases: Vec::new(),
            start_date: None,
            end_date: None,
            approx_date: None,
            year: None,
            host_country: CountryValue::default(),
            address: None,
            online: false,
            websites: Vec::new(),
            organisers: Vec::new(),
            exhibitor_list_url: None,
            exhibitor_list_date: None,
            exhibitor_list_incomplete: false,
            has_exhibitor_list: false,
            delegation_list_url: None,
            delegation_list_date: None,
            delegations: Vec::new(),
        }
    }
}

/// One exhibitor (or sponsor) row of one fair, with where it came from. What little a list typed up
/// as CSV gives is kept inline; the rest ([`RecordDetails`]) is boxed, and the usual role is not
/// allocated: a large list gives a million records, most of whose details are empty.
#[derive(Debug, Clone, PartialEq)]
pub struct ExhibitorRecord {
    /// Index of the fair in [`Dataset::fairs`].
    pub fair: usize,
    /// Position in the fair's exhibitor list (0-based), or the CSV data row (1-based line number).
    pub position: u32,
    /// `exhibitor` for the corpus; whatever the CSV says (`sponsor`, `exhibitor`, ...).
    pub role: Cow<'static, str>,
    /// The name as the source gave it, when cleaning changed it; None when it is `name`
    /// ([`ExhibitorRecord::name_raw`] reads it either way).
    pub name_as_given: Option<Box<str>>,
    pub name: String,
    pub country: CountryValue,
    /// None when the source gives no details ([`ExhibitorRecord::details`] reads them either way).
    pub details: Option<Box<RecordDetails>>,
    /// Position of an earlier record of the same file that this one repeats exactly.
    pub duplicate_of: Option<u32>,
}

/// What else a source says of an exhibitor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordDetails {
    pub aliases: Vec<String>,
    pub address: Option<String>,
    pub websites: Vec<String>,
    pub emails: Vec<String>,
    pub telephones: Vec<String>,
    pub categories: Vec<String>,
    /// The record's page in the fair's online catalogue.
    pub exhibitor_url: Option<String>,
    /// JSON text of the social-media links, as given.
    pub social: Option<String>,
}

/// The details of a record that has none.
static NO_DETAILS: RecordDetails = RecordDetails {
    aliases: Vec::new(),
    address: None,
    websites: Vec::new(),
    emails: Vec::new(),
    telephones: Vec::new(),
    categories: Vec::new(),
    exhibitor_url: None,
    social: None,
};

impl RecordDetails {
    /// The details, boxed for a record, or None when there are none.
    pub fn boxed(self) -> Option<Box<RecordDetails>> {
        (self != NO_DETAILS).then(|| Box::new(self))
    }
}

impl ExhibitorRecord {
    /// An exhibitor named `name` (raw and clean alike) at `position` of fair `fair`, every other field
    /// empty: readers and tests fill in what they know with struct-update syntax.
    pub fn new(fair: usize, position: u32, name: &str) -> ExhibitorRecord {
        ExhibitorRecord {
            fair,
            position,
            role: Cow::Borrowed("exhibitor"),
            name_as_given: None,
            name: name.into(),
            country: CountryValue::default(),
            details: None,
            duplicate_of: None,
        }
    }

    /// The name as the source gave it.
    pub fn name_raw(&self) -> &str {
        self.name_as_given.as_deref().unwrap_or(&self.name)
    }

    /// The raw name kept beside a cleaned one, when cleaning changed it.
    pub fn as_given(raw: String, clean: &str) -> Option<Box<str>> {
        (raw != clean).then(|| raw.into_boxed_str())
    }

    /// Its aliases, address, websites, e-mail addresses, telephones, categories, catalogue page and
    /// social links, empty when the source gives none.
    pub fn details(&self) -> &RecordDetails {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }

    /// Its details, to fill in.
    pub fn details_mut(&mut self) -> &mut RecordDetails {
        self.details.get_or_insert_with(Box::default)
    }
}

/// A file (or row) that could not be read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Country values that did not resolve to one country, by (field, value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountryTally {
    pub unresolved: BTreeMap<(String, String), usize>,
    pub not_a_country: BTreeMap<(String, String), usize>,
}

impl CountryTally {
    pub fn merge(&mut self, other: CountryTally) {
        for (k, n) in other.unresolved {
            *self.unresolved.entry(k).or_default() += n;
        }
        for (k, n) in other.not_a_country {
            *self.not_a_country.entry(k).or_default() += n;
        }
    }
}

/// Everything read from one or more sources.
#[derive(Debug, Default)]
pub struct Dataset {
    pub fairs: Vec<Fair>,
    pub records: Vec<ExhibitorRecord>,
    pub countries: CountryTally,
    /// Files skipped under `--keep-going`.
    pub problems: Vec<Problem>,
    /// Where each source came from: (kind, location).
    pub sources: Vec<(String, String)>,
}

impl Dataset {
    /// Appends another dataset, renumbering its fair references.
    pub fn extend(&mut self, other: Dataset) {
        let offset = self.fairs.len();
        self.fairs.extend(other.fairs);
        self.records.extend(other.records.into_iter().map(|mut r| {
            r.fair += offset;
            r
        }));
        self.countries.merge(other.countries);
        self.problems.extend(other.problems);
        self.sources.extend(other.sources);
    }
}
