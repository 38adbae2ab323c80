//! The curated groups file (`data/groups.csv`): what names cannot tell (a holding entity, a renamed or
//! acquired firm, a parent that names its subsidiaries differently), one row per member, each citing a
//! source that was read. Compiled in, like every reference table. The group stage joins by it; the
//! resolver reads its acquisitions (a bought firm renamed under its buyer's brand stays its own legal
//! entity).

use std::sync::OnceLock;

use crate::data_rows;
use serde::Deserialize;

const GROUPS: &str = include_str!("../../../data/groups.csv");

/// How a member belongs to its parent, as the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CuratedKind {
    Subsidiary,
    Brand,
    /// The member is a former name of the parent.
    Renamed,
    Acquired,
    /// The member is a holding or shell entity of the parent ("Q Cyber Technologies").
    Holding,
    Division,
    /// The member is the parent's own legal entity ("Cellebrite DI Ltd" for Cellebrite).
    Entity,
}

impl CuratedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CuratedKind::Subsidiary => "subsidiary",
            CuratedKind::Brand => "brand",
            CuratedKind::Renamed => "renamed",
            CuratedKind::Acquired => "acquired",
            CuratedKind::Holding => "holding",
            CuratedKind::Division => "division",
            CuratedKind::Entity => "entity",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CuratedLink {
    pub parent: String,
    /// ISO 3166 code of the group's headquarters, where a source read says it.
    pub parent_country: Option<String>,
    pub member: String,
    pub kind: CuratedKind,
    pub from_year: Option<i32>,
    /// The last year the link held; a link that ended (a unit sold) is kept as history, not membership.
    pub to_year: Option<i32>,
    pub source_url: String,
    pub source_says: String,
    pub read_on: String,
}

impl CuratedLink {
    /// Whether the link holds today (no end year).
    pub fn is_current(&self) -> bool {
        self.to_year.is_none()
    }
}

/// The compiled-in curated links, read once: the resolver and the group stage both ask for them.
pub fn curated_links() -> &'static [CuratedLink] {
    static LINKS: OnceLock<Vec<CuratedLink>> = OnceLock::new();
    LINKS.get_or_init(|| data_rows("groups.csv", GROUPS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_cites_a_source_it_quotes() {
        for link in curated_links() {
            assert!(
                link.source_url.starts_with("http") && !link.source_says.trim().is_empty(),
                "{link:?}"
            );
            assert!(
                !link.parent.trim().is_empty() && !link.member.trim().is_empty(),
                "{link:?}"
            );
            if let Some(country) = &link.parent_country {
                assert!(crate::Countries::get().by_iso2(country).is_some(), "{link:?}");
            }
        }
    }
}
