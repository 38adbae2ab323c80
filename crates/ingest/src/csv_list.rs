//! Reader of exhibitor or sponsor lists typed up as CSV by researchers (an ISS World agenda, a fair
//! the corpus lacks). Columns, in any order and case: `name`, `event`, `year` (required), `country`,
//! `website`, `category` (several separated by `;`), `role` (default `exhibitor`).

use std::collections::HashMap;
use std::path::Path;

use crate::clean::clean_text;
use crate::country::CountryReader;
use crate::model::{CountryValue, Dataset, ExhibitorRecord, Fair, Origin, Problem, RecordDetails};
use crate::ReadError;

const REQUIRED: [&str; 3] = ["name", "event", "year"];
const OPTIONAL: [&str; 4] = ["country", "website", "category", "role"];

/// Reads one CSV list onto the end of `dataset`: every distinct (event, year) becomes a fair edition
/// of origin `csv`. Its records go straight into the dataset's, room made for them all at once (a
/// list of a million rows is not read apart and then moved); on an error the dataset is as it was.
pub fn read_csv_list(path: &Path, dataset: &mut Dataset) -> Result<(), ReadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        ReadError::Invalid(Problem {
            file: file.clone(),
            line: None,
            column: None,
            message: e.to_string(),
        })
    })?;
    // A record a line at most.
    dataset
        .records
        .reserve(bytes.iter().filter(|&&b| b == b'\n').count());
    let (fairs, records) = (dataset.fairs.len(), dataset.records.len());
    let read = parse_onto(&bytes[..], &file, dataset);
    if read.is_err() {
        dataset.fairs.truncate(fairs);
        dataset.records.truncate(records);
    }
    read
}

/// Parses one CSV list from `input`; `file` is what its fairs' provenance and its errors cite.
pub fn parse_csv_list(input: impl std::io::Read, file: &str) -> Result<Dataset, ReadError> {
    let mut dataset = Dataset::default();
    parse_onto(input, file, &mut dataset)?;
    Ok(dataset)
}

/// Parses one CSV list onto the end of `dataset`; on an error, some of its fairs and records may
/// have been added.
fn parse_onto(input: impl std::io::Read, file: &str, dataset: &mut Dataset) -> Result<(), ReadError> {
    let file = file.to_owned();
    let problem = |line: Option<usize>, column: Option<usize>, message: String| {
        ReadError::Invalid(Problem {
            file: file.clone(),
            line,
            column,
            message,
        })
    };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| problem(Some(1), None, e.to_string()))?
        .clone();
    let mut column_of: HashMap<String, usize> = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        let header = header.trim().to_ascii_lowercase();
        if let Some(first) = column_of.insert(header.clone(), i) {
            return Err(problem(
                Some(1),
                Some(i + 1),
                format!(
                    "column `{header}` appears twice (columns {} and {})",
                    first + 1,
                    i + 1
                ),
            ));
        }
    }
    if let Some(missing) = REQUIRED.iter().find(|c| !column_of.contains_key(**c)) {
        return Err(problem(
            Some(1),
            None,
            format!("missing column `{missing}` (required: {})", REQUIRED.join(", ")),
        ));
    }
    if let Some(unknown) = column_of
        .keys()
        .find(|h| !REQUIRED.contains(&h.as_str()) && !OPTIONAL.contains(&h.as_str()))
    {
        return Err(problem(Some(1), None, format!("unknown column `{unknown}`")));
    }

    let mut countries = CountryReader::new();
    let mut fair_of: HashMap<(String, i32), usize> = HashMap::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            problem(line, None, e.to_string())
        })?;
        let line = row.position().map_or(0, |p| p.line() as usize);
        let field = |name: &str| {
            column_of
                .get(name)
                .and_then(|&i| row.get(i))
                .map(|v| clean_text(v).into_owned())
                .unwrap_or_default()
        };
        let column = |name: &str| column_of.get(name).map(|i| i + 1);
        let name = field("name");
        if name.is_empty() {
            return Err(problem(Some(line), column("name"), "empty name".into()));
        }
        let event = field("event");
        if event.is_empty() {
            return Err(problem(Some(line), column("event"), "empty event".into()));
        }
        let year_text = field("year");
        let year: i32 = year_text
            .parse()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .ok_or_else(|| problem(Some(line), column("year"), format!("`{year_text}` is not a year")))?;
        let fair = *fair_of.entry((event.clone(), year)).or_insert_with(|| {
            dataset.fairs.push(csv_fair(&event, year, &file));
            dataset.fairs.len() - 1
        });
        let country_text = field("country");
        let country = if country_text.is_empty() {
            CountryValue::default()
        } else {
            countries.read_text(&country_text, "csv.country")
        };
        let role = field("role");
        dataset.fairs[fair].has_exhibitor_list = true;
        dataset.records.push(ExhibitorRecord {
            role: if role.is_empty() {
                "exhibitor".into()
            } else {
                role.to_lowercase().into()
            },
            name_as_given: ExhibitorRecord::as_given(
                row.get(column_of["name"]).unwrap_or_default().to_owned(),
                &name,
            ),
            name,
            country,
            details: RecordDetails {
                websites: non_empty(field("website")),
                categories: field("category")
                    .split(';')
                    .map(|c| c.trim().to_owned())
                    .filter(|c| !c.is_empty())
                    .collect(),
                ..RecordDetails::default()
            }
            .boxed(),
            ..ExhibitorRecord::new(fair, line as u32, "")
        });
    }
    dataset.countries.merge(countries.tally);
    dataset.sources.push(("csv".into(), file.clone()));
    Ok(())
}

fn non_empty(value: String) -> Vec<String> {
    if value.is_empty() {
        Vec::new()
    } else {
        vec![value]
    }
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

fn csv_fair(event: &str, year: i32, file: &str) -> Fair {
    Fair {
        name: format!("{event} {year}"),
        series: event.to_owned(),
        edition: year.to_string(),
        approx_date: Some(year.to_string()),
        year: Some(year),
        has_exhibitor_list: true,
        ..Fair::new(
            format!("csv:{}-{year}", slugify(event)),
            Origin::CsvList,
            file.to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write_csv(text: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        file
    }

    #[test]
    fn reads_events_records_and_countries() {
        let file = write_csv(
            "Name,Country,Website,Category,Event,Year,Role\n\
             Hacking Team,Italy,hackingteam.it,Intrusion;Interception,ISS World Europe,2013,sponsor\n\
             \"Gamma Group\",UK,,,ISS World Europe,2013,\n\
             Area SpA,IT,,,ISS World Middle East,2012,exhibitor\n",
        );
        let mut data = Dataset::default();
        read_csv_list(file.path(), &mut data).unwrap();
        assert_eq!(data.fairs.len(), 2);
        assert_eq!(data.fairs[0].slug, "csv:iss-world-europe-2013");
        assert_eq!(data.records.len(), 3);
        let ht = &data.records[0];
        assert_eq!((ht.role.as_ref(), ht.position), ("sponsor", 2));
        assert_eq!(ht.country.iso2.as_deref(), Some("IT"));
        assert_eq!(ht.details().categories, ["Intrusion", "Interception"]);
        assert_eq!(data.records[1].country.iso2.as_deref(), Some("GB"));
        assert_eq!(data.records[1].role, "exhibitor");
        assert_eq!(data.records[2].fair, 1);
    }

    #[test]
    fn a_list_is_read_onto_a_dataset_or_not_at_all() {
        let good = write_csv("name,event,year,country\nA,ISS World,2013,Atlantis\n");
        let mut data = Dataset::default();
        read_csv_list(good.path(), &mut data).unwrap();
        let bad = write_csv("name,event,year\nB,Milipol,2014\nC,Milipol,twenty\n");
        assert!(read_csv_list(bad.path(), &mut data).is_err());
        assert_eq!(
            (data.fairs.len(), data.records.len()),
            (1, 1),
            "nothing of the bad list"
        );
        assert_eq!(data.sources.len(), 1);
        read_csv_list(good.path(), &mut data).unwrap();
        assert_eq!((data.fairs.len(), data.records.len()), (2, 2));
        assert_eq!(data.records[1].fair, 1, "a fair of the second list is its own");
        assert_eq!(data.countries.unresolved.values().sum::<usize>(), 2);
    }

    #[test]
    fn bad_rows_name_file_line_and_column() {
        let file = write_csv("name,event,year\nA,ISS World,2013\nB,ISS World,twenty\n");
        let ReadError::Invalid(problem) = read_csv_list(file.path(), &mut Dataset::default()).unwrap_err()
        else {
            panic!("expected a problem")
        };
        assert_eq!((problem.line, problem.column), (Some(3), Some(3)));
        assert!(problem.message.contains("twenty"), "{problem}");

        let file = write_csv("name,year\nA,2013\n");
        let err = read_csv_list(file.path(), &mut Dataset::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing column `event`"), "{err}");
    }

    #[test]
    fn a_column_given_twice_is_refused_not_overwritten() {
        let file = write_csv("name,event,year,Name\nA,ISS World,2013,B\n");
        let ReadError::Invalid(problem) = read_csv_list(file.path(), &mut Dataset::default()).unwrap_err()
        else {
            panic!("expected a problem")
        };
        assert_eq!((problem.line, problem.column), (Some(1), Some(4)));
        assert_eq!(problem.message, "column `name` appears twice (columns 1 and 4)");
    }

    #[test]
    fn an_unterminated_quote_is_an_error_not_a_last_field() {
        let file = write_csv("name,event,year\n\"A,ISS World,2013\n");
        assert!(read_csv_list(file.path(), &mut Dataset::default()).is_err());
    }
}
