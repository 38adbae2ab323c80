//! Human judgements about pairs of names: the same legal entity, not the same, unsure, and, one level
//! up, the same corporate group or not. They are data: kept in a
//! CSV file in the repository (`curation/judgements.csv`), copied into every database, and applied on
//! every rebuild, so a decision made once survives every data update.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::normalise::split_name;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One legal entity: the resolver merges them.
    Same,
    /// Different legal entities: the resolver never merges them (they may still share a group).
    NotSame,
    Unsure,
    /// Different legal entities of one corporate group: the group stage joins their groups.
    SameGroup,
    /// Not of one corporate group: the group stage never joins their groups.
    NotSameGroup,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::NotSame => "not_same",
            Verdict::Unsure => "unsure",
            Verdict::SameGroup => "same_group",
            Verdict::NotSameGroup => "not_same_group",
        }
    }

    /// Whether the verdict is about corporate groups rather than legal entities.
    pub fn is_about_groups(self) -> bool {
        matches!(self, Verdict::SameGroup | Verdict::NotSameGroup)
    }
}

impl std::str::FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Verdict, String> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "same" => Ok(Verdict::Same),
            "not_same" => Ok(Verdict::NotSame),
            "unsure" => Ok(Verdict::Unsure),
            "same_group" => Ok(Verdict::SameGroup),
            "not_same_group" => Ok(Verdict::NotSameGroup),
            other => Err(format!(
                "`{other}` is not a judgement (same, not-same, unsure, same-group, not-same-group)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub left: String,
    pub right: String,
    pub verdict: Verdict,
    pub author: String,
    pub date: String,
    pub note: String,
}

impl Judgement {
    /// The matching key both names share, when the judgement says they are not the same: the
    /// matcher cannot keep apart two spellings it reads as one name, so such a judgement has no effect.
    pub fn unenforceable_key(&self) -> Option<String> {
        let (left, right) = (split_name(&self.left), split_name(&self.right));
        // Legal forms of disjoint jurisdictions ("GAMMA SAS" / "GAMMA ZRT") are apart already.
        let disjoint = match (&left.jurisdiction, &right.jurisdiction) {
            (Some(a), Some(b)) => !a.iter().any(|code| b.contains(code)),
            _ => false,
        };
        (self.verdict == Verdict::NotSame && left.key == right.key && !disjoint).then_some(left.key)
    }
}

/// What a judgement did in a build: every build reports those that did nothing, never ignoring them
/// silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    Applied,
    /// One of its names matches no record.
    NameNotFound {
        name: String,
    },
    /// A stronger judgement forbids what it asks.
    Overruled {
        reason: String,
    },
    /// A `not_same` judgement between two spellings that read as one name.
    Unenforceable {
        key: String,
    },
}

impl Effect {
    pub fn as_str(&self) -> &'static str {
        match self {
            Effect::Applied => "applied",
            Effect::NameNotFound { .. } => "name_not_found",
            Effect::Overruled { .. } => "overruled",
            Effect::Unenforceable { .. } => "unenforceable",
        }
    }

    /// What went wrong, for people; empty when applied.
    pub fn detail(&self) -> &str {
        match self {
            Effect::Applied => "",
            Effect::NameNotFound { name } => name,
            Effect::Overruled { reason } => reason,
            Effect::Unenforceable { key } => key,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct JudgementError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

/// Reads a judgements file; a missing file is no judgements.
pub fn load(path: &Path) -> Result<Vec<Judgement>, JudgementError> {
    let file = path.display().to_string();
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .map_err(|e| JudgementError {
            file: file.clone(),
            line: 0,
            message: e.to_string(),
        })?;
    reader
        .deserialize()
        .map(|row: Result<Judgement, csv::Error>| {
            row.map_err(|e| JudgementError {
                file: file.clone(),
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })
        })
        .collect()
}

/// Appends one judgement, writing the header first if the file is new.
pub fn append(path: &Path, judgement: &Judgement) -> std::io::Result<()> {
    let is_new = !path.exists() || std::fs::metadata(path)?.len() == 0;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    let mut writer = csv::WriterBuilder::new().has_headers(is_new).from_writer(file);
    writer.serialize(judgement).map_err(std::io::Error::other)?;
    writer.flush()?;
    let mut inner = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    inner.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("judgements.csv");
        assert!(load(&path).unwrap().is_empty());
        let judgement = Judgement {
            left: "GAMMA ZRT".into(),
            right: "Gamma International, \"UK\"".into(),
            verdict: "not-same".parse().unwrap(),
            author: "test".into(),
            date: "2026-11-24".into(),
            note: "different firms".into(),
        };
        append(&path, &judgement).unwrap();
        append(
            &path,
            &Judgement {
                verdict: Verdict::Unsure,
                ..judgement.clone()
            },
        )
        .unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded[0], judgement);
        assert_eq!(loaded[1].verdict, Verdict::Unsure);
        std::fs::write(&path, "left,right,verdict,author,date,note\na,b,maybe,x,y,z\n").unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }
}
