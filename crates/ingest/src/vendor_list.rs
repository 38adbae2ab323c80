//! Reader of published lists of surveillance vendors: `vendors.csv` of digitalfreedom/data-vendors
//! (columns `company`, `website`, `solution`, `country`), from a folder holding it or the file itself.
//! Every row keeps its line so that the evidence it becomes can cite the list, its commit and the row.
//! Names are scraped text like the fairs': cleaned the same way.

use std::path::{Path, PathBuf};

use crate::clean::clean_text;
use crate::model::Problem;
use crate::ReadError;

/// The repository the list is published in, for citations and fetching.
pub const DIGITALFREEDOM_REPOSITORY: &str = "https://github.com/digitalfreedom/data-vendors";

const COLUMNS: [&str; 4] = ["company", "website", "solution", "country"];

/// One vendor as the list states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedVendor {
    /// Line of the row in the file (1 is the header).
    pub line: usize,
    pub company: String,
    pub website: String,
    /// What the list says it sells, as written ("Lawful Interception, Data Retention").
    pub solution: String,
    /// ISO 3166-1 alpha-2 code as the list gives it (upper case), if any.
    pub country: Option<String>,
}

/// A list read from disk, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorList {
    pub file: PathBuf,
    /// The publisher's commit the copy was taken at, when the folder says (`SOURCE.md` or
    /// `SOURCE.txt` naming a 40-hex commit, as `fairwatch fetch` writes and the shared copy has).
    pub commit: Option<String>,
    pub vendors: Vec<ListedVendor>,
}

impl VendorList {
    /// Where a reader can see the row: the file at its commit, at the row's line.
    pub fn row_url(&self, vendor: &ListedVendor) -> String {
        let reference = self.commit.as_deref().unwrap_or("HEAD");
        format!(
            "{DIGITALFREEDOM_REPOSITORY}/blob/{reference}/vendors.csv#L{}",
            vendor.line
        )
    }
}

/// Reads `vendors.csv` from `path` (the file, or a folder holding it).
pub fn read_vendor_list(path: &Path) -> Result<VendorList, ReadError> {
    let file = if path.is_dir() {
        path.join("vendors.csv")
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file).map_err(|source| ReadError::Io {
        path: file.clone(),
        source,
    })?;
    Ok(VendorList {
        vendors: parse_vendor_list(&text, &file.display().to_string())?,
        commit: source_commit(file.parent().unwrap_or(Path::new("."))),
        file,
    })
}

/// Parses the rows of a `vendors.csv` from its text; `file` is what errors cite.
pub fn parse_vendor_list(text: &str, file: &str) -> Result<Vec<ListedVendor>, ReadError> {
    let problem = |line: Option<usize>, message: String| {
        ReadError::Invalid(Problem {
            file: file.to_owned(),
            line,
            column: None,
            message,
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| problem(Some(1), e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |c: &str| headers.iter().position(|h| h == c);
    let mut positions = [0; 4];
    for (slot, wanted) in positions.iter_mut().zip(COLUMNS) {
        *slot = column(wanted).ok_or_else(|| {
            problem(
                Some(1),
                format!("missing column `{wanted}` (required: {})", COLUMNS.join(", ")),
            )
        })?;
    }
    let mut vendors = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| problem(e.position().map(|p| p.line() as usize), e.to_string()))?;
        let line = row.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| clean_text(row.get(positions[i]).unwrap_or("")).into_owned();
        let company = field(0);
        if company.is_empty() {
            return Err(problem(Some(line), "empty `company`".into()));
        }
        vendors.push(ListedVendor {
            line,
            company,
            website: field(1),
            solution: field(2),
            country: alpha2(&field(3)),
        });
    }
    Ok(vendors)
}

/// The list's country as an ISO 3166-1 alpha-2 code (upper case), when it is two ASCII letters: a
/// cell such as "3]" or "é" is no country.
fn alpha2(cell: &str) -> Option<String> {
    (cell.len() == 2 && cell.bytes().all(|b| b.is_ascii_alphabetic())).then(|| cell.to_ascii_uppercase())
}

/// The first 40-hex word after "commit" in the folder's `SOURCE.md` or `SOURCE.txt`.
fn source_commit(dir: &Path) -> Option<String> {
    ["SOURCE.md", "SOURCE.txt"].iter().find_map(|name| {
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        let after = &text[text.find("commit")?..];
        after
            .split(|c: char| !c.is_ascii_hexdigit())
            .find(|w| w.len() == 40)
            .map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn reads_rows_with_their_lines_and_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "vendors.csv",
            "\u{feff}\"company\",\"website\",\"solution\",\"country\"\n\"Acme \u{202e}GmbH\",\"http://acme.example\",\"Lawful Interception, DPI\",\"de\"\n\"Multi\nline\",\"\",\"Trojans\",\"\"\n\"Last\",\"\",\"Exploits\",\"FR\"\n",
        );
        write(
            dir.path(),
            "SOURCE.md",
            "- Snapshot: commit cd15c69e76aedb6ca4b244191cafc77a770005d1 (2016)\n",
        );
        let list = read_vendor_list(dir.path()).unwrap();
        assert_eq!(list.vendors.len(), 3);
        assert_eq!(list.vendors[0].company, "Acme GmbH", "bidi control stripped");
        assert_eq!(list.vendors[0].country.as_deref(), Some("DE"));
        assert_eq!(list.vendors[0].line, 2);
        assert_eq!(list.vendors[2].line, 5, "a quoted line break counts");
        assert_eq!(list.vendors[1].country, None);
        assert_eq!(
            list.row_url(&list.vendors[2]),
            "https://github.com/digitalfreedom/data-vendors/blob/cd15c69e76aedb6ca4b244191cafc77a770005d1/vendors.csv#L5"
        );
    }

    #[test]
    fn a_country_is_two_ascii_letters_or_none() {
        // Found by fuzzing (fuzz/fuzz_targets/vendor_list.rs): "3]" and "é" were kept as countries.
        let text = "company,website,solution,country\nA,,X,3]\nB,,X,\u{e9}\nC,,X,fr\nD,,X,FRA\n";
        let countries: Vec<_> = parse_vendor_list(text, "vendors.csv")
            .unwrap()
            .into_iter()
            .map(|v| v.country)
            .collect();
        assert_eq!(countries, [None, None, Some("FR".into()), None]);
    }

    #[test]
    fn a_missing_column_or_file_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "vendors.csv", "company,website,country\nA,,DE\n");
        let error = read_vendor_list(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("vendors.csv") && error.contains("`solution`"),
            "{error}"
        );
        let error = read_vendor_list(&dir.path().join("none.csv"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("none.csv"), "{error}");
    }
}
