//! The `ingest` stage: readers for each source format, all producing [`ExhibitorRecord`]s with
//! provenance, cleaned text beside the raw text, and countries resolved to ISO codes.

mod caat;
pub mod clean;
mod country;
mod csv_list;
pub mod fetch;
pub mod inline_ascii;
mod json_shapes;
mod model;
mod vendor_list;

use std::path::PathBuf;

pub use caat::{corpus_files, parse_fair_file, read_corpus, read_corpus_with};
pub use csv_list::{parse_csv_list, read_csv_list};
pub use model::{
    CountryTally, CountryValue, Dataset, Delegation, ExhibitorRecord, Fair, Iso2, Organiser, Origin, Problem,
    RecordDetails,
};
pub use vendor_list::{
    parse_vendor_list, read_vendor_list, ListedVendor, VendorList, DIGITALFREEDOM_REPOSITORY,
};

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no fair files (*.json) in {0} or its data/ folder")]
    NoCorpus(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Invalid(Problem),
    #[error("could not fetch {from}: {message}")]
    Fetch { from: String, message: String },
}
