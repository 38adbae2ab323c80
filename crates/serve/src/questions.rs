//! The four questions of the 2021 study, live: for any window of years, set of fairs, adversary list
//! and level, computed from the stored assessment as `fairwatch report` computes them
//! ([`fairwatch_assess::within`], [`fairwatch_report::Report::build`]), so the page, the API and the
//! report agree. The stored assessment of both levels is read once when the server starts.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use fairwatch_assess::{within, Catalogue, Level, Scope, Settings, Stored};
use fairwatch_report::Report;
use fairwatch_store::Assessment;

use crate::limits::{one_of, year_window};
use crate::ServeError;

/// Fair slugs a question may name.
pub const MAX_FAIRS: usize = 20;

/// The stored assessment at both levels, and what its indices point to.
pub struct Assessments {
    catalogue: Catalogue,
    groups: Stored,
    entities: Stored,
    /// Fair series slugs, for the form's suggestions.
    pub series: Vec<String>,
}

/// One question: the scope, the adversary list and the level.
#[derive(Debug, Clone)]
pub struct Question {
    pub scope: Scope,
    pub adversaries: BTreeSet<String>,
    pub level: Level,
}

impl Assessments {
    pub fn load(db: &Path) -> Result<Assessments, ServeError> {
        let assessment = Assessment::open(db)?;
        let groups = assessment.stored(Level::Group)?;
        let entities = assessment.stored(Level::Entity)?;
        let series: BTreeSet<String> = assessment
            .catalogue
            .editions
            .iter()
            .map(|e| fairwatch_report::series_key(&e.slug))
            .collect();
        Ok(Assessments {
            catalogue: assessment.catalogue,
            groups,
            entities,
            series: series.into_iter().collect(),
        })
    }

    /// The report answering `question`; a scope that holds no fair edition is a bad request.
    pub fn answer(&self, question: &Question) -> Result<Report, ServeError> {
        let stored = match question.level {
            Level::Group => &self.groups,
            Level::Entity => &self.entities,
        };
        let findings = within(stored, &self.catalogue, &question.scope, &question.adversaries);
        if findings.fairs.is_empty() {
            return Err(ServeError::BadRequest(
                "No fair edition matches these years and fairs.".into(),
            ));
        }
        Ok(Report::build(&self.catalogue, &findings))
    }
}

impl Question {
    /// Reads `from` and `to` (in order: [`crate::limits::year_window`]), `fairs` (at most 20 slugs
    /// separated by commas or spaces), `adversaries` (ISO codes likewise; empty: the default list)
    /// and `level` (`group` or `entity`). Every refusal is a bad request.
    pub fn from_params(params: &HashMap<String, String>) -> Result<Question, ServeError> {
        let get = |k: &str| params.get(k).map(String::as_str);
        let fairs = words(get("fairs"));
        if fairs.len() > MAX_FAIRS {
            return Err(ServeError::BadRequest(format!("at most {MAX_FAIRS} fairs")));
        }
        if let Some(bad) = fairs.iter().find(|f| !is_slug(f)) {
            return Err(ServeError::BadRequest(format!(
                "fairs: {:?} is not a fair slug (such as milipol-paris or milipol-qatar-2012)",
                bad.chars().take(40).collect::<String>()
            )));
        }
        let codes = words(get("adversaries"));
        let adversaries = if codes.is_empty() {
            Settings::default().adversaries
        } else {
            fairwatch_refdata::adversary_codes("adversaries", codes.iter().map(String::as_str))
                .map_err(ServeError::BadRequest)?
        };
        let level = match one_of("level", get("level"), &["group", "entity"])?.as_deref() {
            Some("entity") => Level::Entity,
            _ => Level::Group,
        };
        let (from, to) = year_window(params)?;
        Ok(Question {
            scope: Scope { from, to, fairs },
            adversaries,
            level,
        })
    }

    /// The question as a query string, the same for the same question however it was written.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(from) = self.scope.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = self.scope.to {
            parts.push(format!("to={to}"));
        }
        if !self.scope.fairs.is_empty() {
            parts.push(format!("fairs={}", self.scope.fairs.join("+")));
        }
        parts.push(format!(
            "adversaries={}",
            self.adversaries_text().replace(' ', "+")
        ));
        parts.push(format!("level={}", self.level.as_str()));
        parts.join("&")
    }

    /// The adversary list as the form shows it ("CN IR KP RU").
    pub fn adversaries_text(&self) -> String {
        self.adversaries.iter().cloned().collect::<Vec<_>>().join(" ")
    }
}

/// Words of a form field separated by commas or white space, lower- or upper-case as given.
fn words(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or("")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A fair series or edition slug: lower-case letters, digits, `-` and `:` (`csv:iss-world-2019`).
fn is_slug(text: &str) -> bool {
    text.len() <= 100
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_question_reads_its_fields_and_refuses_bad_ones() {
        let q = Question::from_params(&params(&[
            ("from", "2000"),
            ("to", "2021"),
            ("fairs", "milipol-paris, milipol-qatar-2012"),
            ("adversaries", "ru cn"),
            ("level", "entity"),
        ]))
        .unwrap();
        assert_eq!(q.scope.fairs, ["milipol-paris", "milipol-qatar-2012"]);
        assert_eq!(q.adversaries_text(), "CN RU");
        assert_eq!(q.level, Level::Entity);
        assert_eq!(
            q.query(),
            "from=2000&to=2021&fairs=milipol-paris+milipol-qatar-2012&adversaries=CN+RU&level=entity"
        );
        let default = Question::from_params(&params(&[])).unwrap();
        assert_eq!(default.adversaries, Settings::default().adversaries);
        for bad in [
            ("from", "19999"),
            ("fairs", "<script>"),
            ("adversaries", "XX"),
            ("level", "planet"),
        ] {
            assert!(
                matches!(
                    Question::from_params(&params(&[bad])),
                    Err(ServeError::BadRequest(_))
                ),
                "{bad:?}"
            );
        }
        // A reversed window holds no fair: refused by the parser, not answered empty.
        assert!(matches!(
            Question::from_params(&params(&[("from", "2022"), ("to", "2021")])),
            Err(ServeError::BadRequest(_))
        ));
    }
}
