//! The names behind a finding's indices — fair editions, records, companies — taken from a dataset
//! and its resolution, or read back from the database. Findings restricted to a window
//! ([`crate::window`]) and the reports made of them need these and nothing else of the corpus.

use fairwatch_ingest::Dataset;
use fairwatch_resolve::Resolution;

/// What a window and a report need of one fair edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub slug: String,
    pub name: String,
    pub series: String,
    /// The file it was read from, relative to the corpus root.
    pub file: String,
    pub year: Option<i32>,
    pub host: Option<String>,
    /// Its records that are companies, exact repeats left out: what a scope counts.
    pub company_records: usize,
}

/// Where a record is: its fair edition and its place in that fair's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPlace {
    pub fair: usize,
    pub position: u32,
}

/// Fair editions, records and companies by the indices findings use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    pub editions: Vec<Edition>,
    pub records: Vec<RecordPlace>,
    /// Each company's name.
    pub companies: Vec<String>,
}

impl Catalogue {
    pub fn of(dataset: &Dataset, resolution: &Resolution) -> Catalogue {
        let mut company_records = vec![0; dataset.fairs.len()];
        for (record, company) in dataset.records.iter().zip(&resolution.record_company) {
            if company.is_some() && record.duplicate_of.is_none() {
                company_records[record.fair] += 1;
            }
        }
        Catalogue {
            editions: dataset
                .fairs
                .iter()
                .zip(company_records)
                .map(|(fair, company_records)| Edition {
                    slug: fair.slug.clone(),
                    name: fair.name.clone(),
                    series: fair.series.clone(),
                    file: fair.file.clone(),
                    year: fair.year,
                    host: fair.host_country.iso2.as_deref().map(str::to_owned),
                    company_records,
                })
                .collect(),
            records: dataset
                .records
                .iter()
                .map(|r| RecordPlace {
                    fair: r.fair,
                    position: r.position,
                })
                .collect(),
            companies: resolution.companies.iter().map(|c| c.name().to_owned()).collect(),
        }
    }
}
