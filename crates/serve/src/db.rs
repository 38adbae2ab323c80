//! The queries the pages and the API answer from, on read-only connections to the database `build`
//! wrote (the one source of truth after a build). One connection per worker thread, opened on first
//! use; every query is bounded by an index or by a small table.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use fairwatch_assess::{RatingLevel, Rules};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use utoipa::ToSchema;

use crate::ServeError;

/// Where the database is; connections are opened per thread.
#[derive(Debug, Clone)]
pub struct Db {
    path: PathBuf,
}

thread_local! {
    static CONNECTION: RefCell<Option<(PathBuf, Connection)>> = const { RefCell::new(None) };
}

impl Db {
    /// Checks that `path` is a fairwatch database of this version, read-only.
    pub fn open(path: &Path) -> Result<Db, ServeError> {
        fairwatch_store::open(path)?;
        Ok(Db {
            path: path.to_path_buf(),
        })
    }

    /// Runs `query` on this thread's read-only connection.
    pub fn with<T>(&self, query: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, ServeError> {
        CONNECTION.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.as_ref().is_none_or(|(p, _)| p != &self.path) {
                *slot = Some((self.path.clone(), fairwatch_store::open(&self.path)?));
            }
            let (_, conn) = slot.as_ref().expect("opened above");
            query(conn).map_err(ServeError::from)
        })
    }
}

fn rating_label(id: &Option<String>) -> Option<String> {
    id.as_deref()
        .and_then(RatingLevel::from_id)
        .map(|r| r.label().to_owned())
}

fn capability_label(id: &str) -> String {
    let rules = Rules::get();
    rules
        .capability(id)
        .map_or_else(|| id.to_owned(), |c| rules.capabilities[c].label.clone())
}

/// A firm as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FirmSummary {
    /// Stable group id (`fg-…`).
    pub id: String,
    pub name: String,
    /// `company`, `government`, `police_military`, `university_research`, `association`, `media`,
    /// `organiser`.
    pub kind: String,
    /// `high`, `medium`, `low`, or null when not flagged.
    pub confidence: Option<String>,
    pub headquarters: Option<String>,
    /// Rating id (`irresponsible_proliferator`, ...), null when not flagged.
    pub rating: Option<String>,
    pub rating_label: Option<String>,
    /// Interception/intrusion capabilities it is flagged for.
    pub capabilities: Vec<String>,
    pub fairs: i64,
}

/// Filters of the firm list.
#[derive(Debug, Clone, Default)]
pub struct FirmFilter {
    pub capability: Option<String>,
    pub confidence: Option<String>,
    pub rating: Option<String>,
    pub headquarters: Option<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Only flagged firms (the default of lists).
    pub flagged_only: bool,
}

const FIRM_SUMMARY: &str = "SELECT a.firm_id, a.name, a.kind, a.confidence, a.headquarters, a.rating,
       (SELECT group_concat(capability, ' ') FROM capability_finding c
         WHERE c.level = a.level AND c.firm_id = a.firm_id AND c.in_scope = 1 AND c.confidence IS NOT NULL),
       (SELECT count(*) FROM market m WHERE m.level = a.level AND m.firm_id = a.firm_id)
FROM assessment a";

fn firm_summary(row: &Row) -> rusqlite::Result<FirmSummary> {
    let rating: Option<String> = row.get(5)?;
    let capabilities: Option<String> = row.get(6)?;
    Ok(FirmSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        confidence: row.get(3)?,
        headquarters: row.get(4)?,
        rating_label: rating_label(&rating),
        rating,
        capabilities: capabilities
            .map(|c| c.split(' ').map(str::to_owned).collect())
            .unwrap_or_default(),
        fairs: row.get(7)?,
    })
}

/// Group-level firms matching `filter`, strongest first, one page of them, and how many match.
pub fn firms(
    conn: &Connection,
    filter: &FirmFilter,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<(Vec<FirmSummary>, usize)> {
    use rusqlite::types::Value;
    let mut clauses = vec!["a.level = 'group'".to_owned()];
    let mut args: Vec<Value> = Vec::new();
    if filter.flagged_only {
        clauses.push("a.confidence IS NOT NULL".into());
    }
    for (column, value) in [
        ("a.confidence", &filter.confidence),
        ("a.rating", &filter.rating),
        ("a.headquarters", &filter.headquarters),
    ] {
        if let Some(value) = value {
            clauses.push(format!("{column} = ?"));
            args.push(value.clone().into());
        }
    }
    if let Some(c) = &filter.capability {
        clauses.push(
            "EXISTS (SELECT 1 FROM capability_finding c WHERE c.level = a.level AND c.firm_id = a.firm_id \
             AND c.capability = ? AND c.confidence IS NOT NULL)"
                .into(),
        );
        args.push(c.clone().into());
    }
    if filter.from.is_some() || filter.to.is_some() {
        clauses.push(
            "EXISTS (SELECT 1 FROM market m WHERE m.level = a.level AND m.firm_id = a.firm_id \
             AND m.year >= ? AND m.year <= ?)"
                .into(),
        );
        args.push(i64::from(filter.from.unwrap_or(i32::MIN)).into());
        args.push(i64::from(filter.to.unwrap_or(i32::MAX)).into());
    }
    let filtered = format!("{FIRM_SUMMARY} WHERE {}", clauses.join(" AND "));
    let total = conn.query_row(
        &format!("SELECT count(*) FROM ({filtered})"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get::<_, i64>(0),
    )? as usize;
    let page = format!(
        "{filtered} ORDER BY CASE a.confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 \
         ELSE 3 END, 8 DESC, a.name LIMIT ? OFFSET ?"
    );
    args.push((limit as i64).into());
    args.push((offset as i64).into());
    let mut stmt = conn.prepare_cached(&page)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), firm_summary)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, total))
}

/// One piece of evidence, with the record and fair it came from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceItem {
    pub kind: String,
    pub strength: String,
    /// The legal entity it is about.
    pub entity: String,
    pub text: String,
    /// The rule that matched, or the source URL.
    pub basis: String,
    pub fair: Option<String>,
    pub fair_name: Option<String>,
    pub year: Option<i32>,
    pub file: Option<String>,
    /// Position of the record in its file's exhibitor list (0-based).
    pub position: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CapabilityItem {
    pub capability: String,
    pub label: String,
    pub in_scope: bool,
    pub confidence: Option<String>,
    pub evidence: Vec<EvidenceItem>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Entity {
    pub company_id: String,
    pub name: String,
    pub country: Option<String>,
    pub records: i64,
    pub head: bool,
    /// The strongest evidence that links it to the group.
    pub link: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NameSeen {
    pub name: String,
    pub records: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MarketItem {
    pub fair: String,
    pub fair_name: String,
    pub year: Option<i32>,
    pub host: Option<String>,
    pub host_name: Option<String>,
    pub nato: bool,
    pub adversary: bool,
    pub regime: Option<String>,
    pub records: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkItem {
    pub entity: String,
    pub other: String,
    pub evidence: String,
    pub detail: String,
    pub source_url: Option<String>,
    pub accepted: bool,
}

/// Everything the firm page and `GET /api/firms/{id}` show.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Firm {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_reason: String,
    pub confidence: Option<String>,
    pub headquarters: Option<String>,
    pub headquarters_name: Option<String>,
    pub headquarters_reason: String,
    pub headquarters_detail: String,
    pub outside_home_continent: bool,
    pub rating: Option<String>,
    pub rating_label: Option<String>,
    pub rating_explanation: Option<String>,
    pub entities: Vec<Entity>,
    pub names: Vec<NameSeen>,
    pub capabilities: Vec<CapabilityItem>,
    pub markets: Vec<MarketItem>,
    pub links: Vec<LinkItem>,
    /// Registry and list sources behind its evidence.
    pub sources: Vec<String>,
}

/// The group `id` with all it shows, or None when there is no such group.
pub fn firm(conn: &Connection, id: &str) -> rusqlite::Result<Option<Firm>> {
    let group = conn
        .query_row(
            "SELECT g.name, g.headquarters, g.headquarters_reason, a.kind, a.kind_reason, a.confidence,
                    a.headquarters, a.headquarters_reason, a.headquarters_detail, a.outside_home_continent,
                    a.rating, a.rating_explanation
             FROM corporate_group g LEFT JOIN assessment a ON a.level = 'group' AND a.firm_id = g.id
             WHERE g.id = ?1",
            params![id],
            |r| {
                let assessed: Option<String> = r.get(3)?;
                let rating: Option<String> = r.get(10)?;
                Ok(Firm {
                    id: id.to_owned(),
                    name: r.get(0)?,
                    kind: assessed.unwrap_or_else(|| "company".into()),
                    kind_reason: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    confidence: r.get(5)?,
                    headquarters: r.get::<_, Option<String>>(6)?.or(r.get(1)?),
                    headquarters_name: None,
                    headquarters_reason: r.get::<_, Option<String>>(7)?.unwrap_or(r.get(2)?),
                    headquarters_detail: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    outside_home_continent: r.get::<_, Option<bool>>(9)?.unwrap_or(false),
                    rating_label: rating_label(&rating),
                    rating,
                    rating_explanation: r.get(11)?,
                    entities: Vec::new(),
                    names: Vec::new(),
                    capabilities: Vec::new(),
                    markets: Vec::new(),
                    links: Vec::new(),
                    sources: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut firm) = group else {
        return Ok(None);
    };
    firm.headquarters_name = firm
        .headquarters
        .as_deref()
        .map(|h| country_name(conn, h))
        .transpose()?
        .flatten();
    firm.entities = entities(conn, id)?;
    firm.names = names(conn, id)?;
    firm.capabilities = capabilities(conn, id)?;
    firm.markets = markets(conn, id)?;
    firm.links = links(conn, id)?;
    let mut sources: Vec<String> = firm
        .capabilities
        .iter()
        .flat_map(|c| c.evidence.iter())
        .filter(|e| e.kind == "registry" || e.kind == "vendor_list")
        .map(|e| e.basis.clone())
        .collect();
    sources.sort();
    sources.dedup();
    firm.sources = sources;
    Ok(Some(firm))
}

fn country_name(conn: &Connection, iso2: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT name FROM country WHERE iso2 = ?1", params![iso2], |r| {
        r.get(0)
    })
    .optional()
}

fn entities(conn: &Connection, id: &str) -> rusqlite::Result<Vec<Entity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, c.country, c.records, m.head, m.link FROM group_member m
         JOIN company c ON c.id = m.company_id WHERE m.group_id = ?1 ORDER BY m.head DESC, c.records DESC, c.name",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(Entity {
            company_id: r.get(0)?,
            name: r.get(1)?,
            country: r.get(2)?,
            records: r.get(3)?,
            head: r.get(4)?,
            link: r.get(5)?,
        })
    })?;
    rows.collect()
}

fn names(conn: &Connection, id: &str) -> rusqlite::Result<Vec<NameSeen>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.name, sum(n.records) FROM group_member m JOIN company_name n ON n.company_id = m.company_id
         WHERE m.group_id = ?1 GROUP BY n.name ORDER BY 2 DESC, n.name LIMIT 200",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(NameSeen {
            name: r.get(0)?,
            records: r.get(1)?,
        })
    })?;
    rows.collect()
}

fn capabilities(conn: &Connection, id: &str) -> rusqlite::Result<Vec<CapabilityItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT capability, in_scope, confidence FROM capability_finding
         WHERE level = 'group' AND firm_id = ?1 ORDER BY in_scope DESC,
         CASE confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, capability",
    )?;
    let mut found: Vec<CapabilityItem> = stmt
        .query_map(params![id], |r| {
            let capability: String = r.get(0)?;
            Ok(CapabilityItem {
                label: capability_label(&capability),
                capability,
                in_scope: r.get(1)?,
                confidence: r.get(2)?,
                evidence: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT e.capability, e.kind, e.strength, c.name, e.text, e.basis, f.slug, f.name, f.year, f.file, r.position
         FROM evidence e JOIN company c ON c.id = e.company_id
         LEFT JOIN exhibitor_record r ON r.id = e.record_id LEFT JOIN fair f ON f.id = r.fair_id
         WHERE e.level = 'group' AND e.firm_id = ?1
         ORDER BY e.kind = 'category', e.strength = 'weak', f.year, e.text",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            EvidenceItem {
                kind: r.get(1)?,
                strength: r.get(2)?,
                entity: r.get(3)?,
                text: r.get(4)?,
                basis: r.get(5)?,
                fair: r.get(6)?,
                fair_name: r.get(7)?,
                year: r.get(8)?,
                file: r.get(9)?,
                position: r.get(10)?,
            },
        ))
    })?;
    for row in rows {
        let (capability, item) = row?;
        if let Some(c) = found.iter_mut().find(|c| c.capability == capability) {
            c.evidence.push(item);
        }
    }
    Ok(found)
}

fn markets(conn: &Connection, id: &str) -> rusqlite::Result<Vec<MarketItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.slug, f.name, m.year, m.host_country, c.name, m.nato, m.adversary, m.regime, m.records
         FROM market m JOIN fair f ON f.id = m.fair_id LEFT JOIN country c ON c.iso2 = m.host_country
         WHERE m.level = 'group' AND m.firm_id = ?1 ORDER BY m.year, f.slug",
    )?;
    let rows = stmt.query_map(params![id], market_item)?;
    rows.collect()
}

fn market_item(r: &Row) -> rusqlite::Result<MarketItem> {
    Ok(MarketItem {
        fair: r.get(0)?,
        fair_name: r.get(1)?,
        year: r.get(2)?,
        host: r.get(3)?,
        host_name: r.get(4)?,
        nato: r.get(5)?,
        adversary: r.get(6)?,
        regime: r.get(7)?,
        records: r.get(8)?,
    })
}

fn links(conn: &Connection, id: &str) -> rusqlite::Result<Vec<LinkItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.name, b.name, l.evidence, l.detail, l.source_url, l.accepted FROM group_member m
         JOIN group_link l ON l.company_id = m.company_id
         JOIN company a ON a.id = l.company_id JOIN company b ON b.id = l.other_company_id
         WHERE m.group_id = ?1 ORDER BY l.accepted DESC, l.evidence LIMIT 200",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(LinkItem {
            entity: r.get(0)?,
            other: r.get(1)?,
            evidence: r.get(2)?,
            detail: r.get(3)?,
            source_url: r.get(4)?,
            accepted: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// A fair edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Edition {
    pub slug: String,
    pub name: String,
    pub series: String,
    pub year: Option<i32>,
    pub host: Option<String>,
    pub host_name: Option<String>,
    pub file: String,
    pub exhibitor_list_url: Option<String>,
    pub exhibitors: i64,
}

fn edition(r: &Row) -> rusqlite::Result<Edition> {
    Ok(Edition {
        slug: r.get(0)?,
        name: r.get(1)?,
        series: r.get(2)?,
        year: r.get(3)?,
        host: r.get(4)?,
        host_name: r.get(5)?,
        file: r.get(6)?,
        exhibitor_list_url: r.get(7)?,
        exhibitors: r.get(8)?,
    })
}

const EDITION: &str = "SELECT f.slug, f.name, f.series, f.year, f.host_country, c.name, f.file,
       f.exhibitor_list_url, f.exhibitor_count FROM fair f LEFT JOIN country c ON c.iso2 = f.host_country";

/// An exhibitor of an edition: its group and what the assessment says of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Exhibitor {
    pub name: String,
    pub group: Option<String>,
    pub group_name: Option<String>,
    pub kind: Option<String>,
    pub confidence: Option<String>,
    pub country: Option<String>,
}

/// An edition with its exhibitors (flagged first) and what changed from the previous edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EditionPage {
    pub edition: Edition,
    pub exhibitors: Vec<Exhibitor>,
    pub previous: Option<String>,
    /// Firms (groups) new at this edition, and those of the previous edition that are gone.
    pub arrived: Vec<String>,
    pub left: Vec<String>,
}

/// The series of `slug`'s editions, oldest first.
pub fn series(conn: &Connection, series: &str) -> rusqlite::Result<Vec<Edition>> {
    let mut stmt = conn.prepare_cached(&format!("{EDITION} WHERE f.series = ?1 ORDER BY f.year, f.slug"))?;
    let rows = stmt.query_map(params![series], edition)?;
    rows.collect()
}

/// Every series with its number of editions and first and last year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SeriesSummary {
    pub series: String,
    pub editions: i64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub latest: String,
}

pub fn all_series(conn: &Connection) -> rusqlite::Result<Vec<SeriesSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT series, count(*), min(year), max(year), max(slug) FROM fair GROUP BY series ORDER BY series",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SeriesSummary {
            series: r.get(0)?,
            editions: r.get(1)?,
            first_year: r.get(2)?,
            last_year: r.get(3)?,
            latest: r.get(4)?,
        })
    })?;
    rows.collect()
}

pub fn edition_page(conn: &Connection, slug: &str) -> rusqlite::Result<Option<EditionPage>> {
    let Some(edition) = conn
        .query_row(&format!("{EDITION} WHERE f.slug = ?1"), params![slug], edition)
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT r.name, rg.group_id, rg.group_name, a.kind, a.confidence, r.country
         FROM exhibitor_record r JOIN fair f ON f.id = r.fair_id
         LEFT JOIN record_group rg ON rg.record_id = r.id
         LEFT JOIN assessment a ON a.level = 'group' AND a.firm_id = rg.group_id
         WHERE f.slug = ?1 AND r.duplicate_of IS NULL
         ORDER BY CASE a.confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, r.position",
    )?;
    let exhibitors: Vec<Exhibitor> = stmt
        .query_map(params![slug], |r| {
            Ok(Exhibitor {
                name: r.get(0)?,
                group: r.get(1)?,
                group_name: r.get(2)?,
                kind: r.get(3)?,
                confidence: r.get(4)?,
                country: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let previous = conn
        .query_row(
            "SELECT slug FROM fair WHERE series = ?1 AND year < ?2 AND has_exhibitor_list = 1
             ORDER BY year DESC LIMIT 1",
            params![edition.series, edition.year],
            |r| r.get::<_, String>(0),
        )
        .optional()?;
    let (arrived, left) = match &previous {
        Some(previous) => changes(conn, slug, previous)?,
        None => (Vec::new(), Vec::new()),
    };
    Ok(Some(EditionPage {
        edition,
        exhibitors,
        previous,
        arrived,
        left,
    }))
}

/// Group names at `slug` and not at `previous`, and the other way round.
fn changes(conn: &Connection, slug: &str, previous: &str) -> rusqlite::Result<(Vec<String>, Vec<String>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT rg.group_name FROM record_group rg JOIN fair f ON f.id = rg.fair_id
         WHERE f.slug = ?1 AND rg.group_id NOT IN
           (SELECT rg2.group_id FROM record_group rg2 JOIN fair f2 ON f2.id = rg2.fair_id
            WHERE f2.slug = ?2 AND rg2.group_id IS NOT NULL)
           AND rg.group_name IS NOT NULL
         ORDER BY rg.group_name LIMIT 500",
    )?;
    let mut difference = |a: &str, b: &str| -> rusqlite::Result<Vec<String>> {
        stmt.query_map(params![a, b], |r| r.get(0))?.collect()
    };
    Ok((difference(slug, previous)?, difference(previous, slug)?))
}

/// A country page: vendors headquartered there, fairs it hosted, flagged firms that marketed there.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountryPage {
    pub iso2: String,
    pub name: String,
    pub region: String,
    pub continent: String,
    pub vendors: Vec<FirmSummary>,
    pub fairs: Vec<Edition>,
    pub marketing_here: Vec<FirmSummary>,
}

pub fn country_page(conn: &Connection, iso2: &str) -> rusqlite::Result<Option<CountryPage>> {
    let Some((name, region, continent)) = conn
        .query_row(
            "SELECT name, region, continent FROM country WHERE iso2 = ?1",
            params![iso2],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let flagged_where = |clause: &str| -> rusqlite::Result<Vec<FirmSummary>> {
        let mut stmt = conn.prepare_cached(&format!(
            "{FIRM_SUMMARY} WHERE a.level = 'group' AND a.confidence IS NOT NULL AND {clause}
             ORDER BY CASE a.confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, a.name"
        ))?;
        let rows = stmt.query_map(params![iso2], firm_summary)?;
        rows.collect()
    };
    let vendors = flagged_where("a.headquarters = ?1")?;
    let marketing_here = flagged_where(
        "EXISTS (SELECT 1 FROM market m WHERE m.level = a.level AND m.firm_id = a.firm_id AND m.host_country = ?1)",
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{EDITION} WHERE f.host_country = ?1 ORDER BY f.year, f.slug"
    ))?;
    let fairs = stmt
        .query_map(params![iso2], edition)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(CountryPage {
        iso2: iso2.to_owned(),
        name,
        region,
        continent,
        vendors,
        fairs,
        marketing_here,
    }))
}

/// The overview's figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Overview {
    pub fairs: i64,
    pub records: i64,
    pub groups: i64,
    pub flagged: i64,
    pub by_confidence: Vec<(String, i64)>,
    pub by_capability: Vec<(String, i64)>,
    pub by_rating: Vec<(String, i64)>,
    /// (year, high/medium firms exhibiting, of them at fairs in adversary states).
    pub by_year: Vec<(i32, i64, i64)>,
    /// (series, high/medium firms) leading.
    pub fairs_leading: Vec<(String, i64)>,
    /// (host country name, iso2, high/medium firms) leading.
    pub hosts_leading: Vec<(String, String, i64)>,
    /// (iso2, flagged firms that exhibited there) for every host country.
    pub flagged_by_host: Vec<(String, i64)>,
    pub built_at: String,
}

pub fn overview(conn: &Connection) -> rusqlite::Result<Overview> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, i64)>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    };
    let strong = "a.level = 'group' AND a.confidence IN ('high', 'medium')";
    let mut by_year_stmt = conn.prepare_cached(&format!(
        "SELECT m.year, count(DISTINCT a.firm_id), count(DISTINCT CASE WHEN m.adversary THEN a.firm_id END)
         FROM assessment a JOIN market m ON m.level = a.level AND m.firm_id = a.firm_id
         WHERE {strong} AND m.year IS NOT NULL GROUP BY m.year ORDER BY m.year"
    ))?;
    let by_year = by_year_stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut hosts = conn.prepare_cached(&format!(
        "SELECT c.name, c.iso2, count(DISTINCT a.firm_id) FROM assessment a
         JOIN market m ON m.level = a.level AND m.firm_id = a.firm_id JOIN country c ON c.iso2 = m.host_country
         WHERE {strong} GROUP BY c.iso2 ORDER BY 3 DESC, c.name LIMIT 15"
    ))?;
    let hosts_leading = hosts
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Overview {
        fairs: count("SELECT count(*) FROM fair")?,
        records: count("SELECT count(*) FROM exhibitor_record")?,
        groups: count("SELECT count(*) FROM corporate_group")?,
        flagged: count("SELECT count(*) FROM assessment WHERE level = 'group' AND confidence IS NOT NULL")?,
        by_confidence: pairs(
            "SELECT confidence, count(*) FROM assessment WHERE level = 'group' AND confidence IS NOT NULL
             GROUP BY confidence ORDER BY CASE confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END",
        )?,
        by_capability: pairs(
            "SELECT capability, count(*) FROM capability_finding
             WHERE level = 'group' AND in_scope = 1 AND confidence IS NOT NULL GROUP BY capability ORDER BY 2 DESC",
        )?
        .into_iter()
        .map(|(c, n)| (capability_label(&c), n))
        .collect(),
        by_rating: pairs(
            "SELECT rating, count(*) FROM assessment WHERE level = 'group' AND rating IS NOT NULL
             GROUP BY rating ORDER BY 2 DESC",
        )?
        .into_iter()
        .map(|(r, n)| (rating_label(&Some(r.clone())).unwrap_or(r), n))
        .collect(),
        by_year,
        fairs_leading: pairs(&format!(
            "SELECT f.series, count(DISTINCT a.firm_id) FROM assessment a
             JOIN market m ON m.level = a.level AND m.firm_id = a.firm_id JOIN fair f ON f.id = m.fair_id
             WHERE {strong} GROUP BY f.series ORDER BY 2 DESC, f.series LIMIT 15"
        ))?,
        hosts_leading,
        flagged_by_host: pairs(
            "SELECT m.host_country, count(DISTINCT a.firm_id) FROM assessment a
             JOIN market m ON m.level = a.level AND m.firm_id = a.firm_id
             WHERE a.level = 'group' AND a.confidence IS NOT NULL AND m.host_country IS NOT NULL
             GROUP BY m.host_country",
        )?,
        built_at: conn
            .query_row("SELECT value FROM build_info WHERE key = 'built_at'", [], |r| r.get(0))
            .optional()?
            .unwrap_or_default(),
    })
}

/// The tables and views that can be downloaded whole, with their order.
pub const DOWNLOADS: [(&str, &str); 14] = [
    ("assessment", "level, firm_id"),
    ("capability_finding", "level, firm_id, capability"),
    ("evidence", "level, firm_id, capability"),
    ("market", "level, firm_id, fair_id"),
    ("corporate_group", "id"),
    ("group_member", "group_id, company_id"),
    ("group_link", "company_id, other_company_id"),
    ("company", "id"),
    ("company_name", "company_id, name"),
    ("company_relation", "company_id"),
    ("fair", "id"),
    ("country", "iso2"),
    ("exhibitor_record", "id"),
    ("record_group", "record_id"),
];

/// Streams every row of a downloadable table to `each` (column names first), in a stable order.
pub fn table_rows(
    conn: &Connection,
    table: &str,
    mut each: impl FnMut(&[String]) -> Result<(), ServeError>,
) -> Result<(), ServeError> {
    let Some((name, order)) = DOWNLOADS.iter().find(|(t, _)| *t == table) else {
        return Err(ServeError::not_found("table to download", table));
    };
    let mut stmt = conn.prepare(&format!("SELECT * FROM {name} ORDER BY {order}"))?;
    let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    each(&columns)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let values: Vec<String> = (0..columns.len())
            .map(|i| match row.get_ref(i) {
                Ok(rusqlite::types::ValueRef::Null) | Err(_) => String::new(),
                Ok(rusqlite::types::ValueRef::Integer(n)) => n.to_string(),
                Ok(rusqlite::types::ValueRef::Real(x)) => x.to_string(),
                Ok(rusqlite::types::ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
                Ok(rusqlite::types::ValueRef::Blob(_)) => String::new(),
            })
            .collect();
        each(&values)?;
    }
    Ok(())
}
