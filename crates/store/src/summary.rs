//! What a built database holds, for `fairwatch stats` and the end of `fairwatch build`.

use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq)]
pub struct Summary {
    pub build: Vec<(String, String)>,
    pub fairs: i64,
    pub fair_series: i64,
    pub fairs_with_exhibitor_list: i64,
    pub fairs_with_host_country: i64,
    pub first_year: Option<i64>,
    pub last_year: Option<i64>,
    pub exhibitor_records: i64,
    pub exact_duplicate_records: i64,
    pub records_with_country: i64,
    pub records_with_website: i64,
    pub records_with_categories: i64,
    pub companies: i64,
    pub records_not_companies: i64,
    pub company_relations: i64,
    pub groups: i64,
    pub groups_of_several: i64,
    pub companies_in_groups_of_several: i64,
    /// Member names of the curated groups file that match no company.
    pub curated_unmatched: Vec<String>,
    pub judgements: i64,
    /// Judgements that did nothing in this build, with why (raw text from the judgements file:
    /// escape it before showing it).
    pub ineffective_judgements: Vec<String>,
    pub top_host_countries: Vec<(String, i64)>,
    pub top_exhibitor_countries: Vec<(String, i64)>,
    pub unresolved_country_values: Vec<(String, String, i64)>,
    pub not_a_country_values: Vec<(String, String, i64)>,
    pub ingest_problems: Vec<String>,
}

fn count(conn: &Connection, sql: &str) -> rusqlite::Result<i64> {
    conn.query_row(sql, [], |r| r.get(0))
}

fn pairs(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn texts(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], |r| r.get(0))?;
    rows.collect()
}

fn country_values(conn: &Connection, kind: &str) -> rusqlite::Result<Vec<(String, String, i64)>> {
    let mut statement = conn.prepare(
        "SELECT field, value, count FROM country_value_problem WHERE kind = ?1 ORDER BY count DESC, value",
    )?;
    let rows = statement.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// Reads the summary of a database opened with [`crate::open`].
pub fn summarise(conn: &Connection) -> rusqlite::Result<Summary> {
    let mut statement = conn.prepare("SELECT key, value FROM build_info ORDER BY key")?;
    let build = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = conn.prepare(
        "SELECT file || coalesce(':' || line, '') || coalesce(':' || \"column\", '') || ': ' || message \
         FROM ingest_problem",
    )?;
    let ingest_problems = problems
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // One scan of the records table for all its counts.
    let record_counts = conn.query_row(
        "SELECT count(*), count(duplicate_of), count(country), count(websites), count(categories) \
         FROM exhibitor_record",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(Summary {
        build,
        fairs: count(conn, "SELECT count(*) FROM fair")?,
        fair_series: count(conn, "SELECT count(DISTINCT series) FROM fair")?,
        fairs_with_exhibitor_list: count(conn, "SELECT count(*) FROM fair WHERE has_exhibitor_list")?,
        fairs_with_host_country: count(conn, "SELECT count(*) FROM fair WHERE host_country IS NOT NULL")?,
        first_year: conn.query_row("SELECT min(year) FROM fair", [], |r| r.get(0))?,
        last_year: conn.query_row("SELECT max(year) FROM fair", [], |r| r.get(0))?,
        exhibitor_records: record_counts.0,
        exact_duplicate_records: record_counts.1,
        records_with_country: record_counts.2,
        records_with_website: record_counts.3,
        records_with_categories: record_counts.4,
        companies: count(conn, "SELECT count(*) FROM company")?,
        records_not_companies: count(
            conn,
            "SELECT count(*) FROM record_company WHERE company_id IS NULL",
        )?,
        company_relations: count(conn, "SELECT count(*) FROM company_relation")?,
        groups: count(conn, "SELECT count(*) FROM corporate_group")?,
        groups_of_several: count(conn, "SELECT count(*) FROM corporate_group WHERE companies > 1")?,
        companies_in_groups_of_several: count(
            conn,
            "SELECT coalesce(sum(companies), 0) FROM corporate_group WHERE companies > 1",
        )?,
        curated_unmatched: texts(conn, "SELECT member FROM curated_link_unmatched ORDER BY member")?,
        judgements: count(conn, "SELECT count(*) FROM judgement")?,
        ineffective_judgements: texts(
            conn,
            "SELECT verdict || ': ' || left_name || ' ~ ' || right_name || ': ' || effect \
             || CASE WHEN effect_detail = '' THEN '' ELSE ' (' || effect_detail || ')' END \
             FROM judgement WHERE effect IS NOT NULL AND effect != 'applied' ORDER BY rowid",
        )?,
        top_host_countries: pairs(
            conn,
            "SELECT c.name, count(*) n FROM fair f JOIN country c ON c.iso2 = f.host_country \
             GROUP BY c.iso2 ORDER BY n DESC, c.name LIMIT 10",
        )?,
        top_exhibitor_countries: pairs(
            conn,
            "SELECT c.name, count(*) n FROM exhibitor_record r JOIN country c ON c.iso2 = r.country \
             GROUP BY c.iso2 ORDER BY n DESC, c.name LIMIT 10",
        )?,
        unresolved_country_values: country_values(conn, "unresolved")?,
        not_a_country_values: country_values(conn, "not_a_country")?,
        ingest_problems,
    })
}
