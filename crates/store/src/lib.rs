//! The `store` stage: writes everything the pipeline produced into one SQLite file, atomically.
//!
//! A build writes a fresh database beside the target and renames it over the target only after it
//! is complete and synced, so a crash or a bad input never leaves a half-written database in place
//! of the last good one.

mod read;
mod summary;

use std::fs;
use std::path::{Path, PathBuf};

use fairwatch_assess::rules::Rules;
use fairwatch_assess::Findings;
use fairwatch_group::Grouping;
use fairwatch_ingest::{Dataset, Fair};
use fairwatch_refdata::Countries;
use fairwatch_resolve::judgements::{Effect, Judgement};
use fairwatch_resolve::runs::Runs;
use fairwatch_resolve::{RecordKind, Resolution};
use rusqlite::{params, Connection};

pub use read::Assessment;
pub use summary::{summarise, Summary};

const SCHEMA: &str = include_str!("schema.sql");
const RECORD_INDEXES: &str = include_str!("record_indexes.sql");
const RESOLUTION_INDEXES: &str = include_str!("resolution_indexes.sql");
const GROUP_INDEXES: &str = include_str!("group_indexes.sql");
const FINDINGS_INDEXES: &str = include_str!("findings_indexes.sql");
/// Each table's indexes are built once its bulk load is done: by the step that wrote it, on the
/// thread that writes while the next stage runs, or else at commit.
const INDEX_SETS: [&str; 4] = [
    RECORD_INDEXES,
    RESOLUTION_INDEXES,
    GROUP_INDEXES,
    FINDINGS_INDEXES,
];

/// Version of the schema in `docs/schema.md`; bumped on every incompatible change.
pub const SCHEMA_VERSION: u32 = 7;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: not a fairwatch database (run `fairwatch build` first)", .0.display())]
    NotADatabase(PathBuf),
    #[error("{}: {reason}", path.display())]
    Target { path: PathBuf, reason: String },
    /// A stored value the reader does not know (the database was changed by hand, or is damaged).
    #[error("{}: {what}", path.display())]
    Unreadable { path: PathBuf, what: String },
}

/// Refuses, before any work, a target a build could not or should not replace: a directory, a path
/// under a file, or (unless `force`) an existing file that is not a fairwatch database.
pub fn check_target(target: &Path, force: bool) -> Result<(), StoreError> {
    let refuse = |reason: String| {
        Err(StoreError::Target {
            path: target.to_path_buf(),
            reason,
        })
    };
    if let Some(file) = target.ancestors().skip(1).find(|a| a.is_file()) {
        return refuse(format!("{} is a file, not a folder", file.display()));
    }
    if target.is_dir() {
        return refuse("is a directory; give the database's file name".into());
    }
    if target.exists() && !force && open(target).is_err() {
        return refuse("exists and is not a fairwatch database; pass --force to replace it".into());
    }
    Ok(())
}

/// Removes the staging files that builds into `dir/name` left when they were killed: those whose
/// process is gone. Only where the system lists its processes (`/proc`), so a live build's file is
/// never taken; a build running beside this one keeps its own.
fn remove_stale_staging(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.building-");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A database being built. Nothing is visible at the target path until [`Builder::commit`].
pub struct Builder {
    target: PathBuf,
    staging: PathBuf,
    conn: Option<Connection>,
    written: Written,
    /// The index sets already built, of [`INDEX_SETS`].
    indexed: Vec<&'static str>,
}

/// How many of a dataset's fairs and records are already in the database.
#[derive(Default, Clone, Copy)]
struct Written {
    fairs: usize,
    records: usize,
}

impl Builder {
    /// The hidden file the database is written into until [`Builder::commit`] renames it.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    pub fn create(target: &Path) -> Result<Builder, StoreError> {
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = target
            .file_name()
            .map_or("fairwatch.sqlite".into(), |n| n.to_string_lossy());
        remove_stale_staging(dir, &name);
        let staging = dir.join(format!(".{name}.building-{}", std::process::id()));
        let _ = fs::remove_file(&staging);
        let conn = Connection::open(&staging).map_err(|source| StoreError::Sqlite {
            path: staging.clone(),
            source,
        })?;
        let mut builder = Builder {
            target: target.to_path_buf(),
            staging,
            conn: Some(conn),
            written: Written::default(),
            indexed: Vec::new(),
        };
        // The staging file is private until renamed, so durability is only needed at commit. The
        // references are made by this program from positions in its own tables; checking each on
        // insert doubled the cost of writing companies, so the end-to-end tests check them at once
        // (`PRAGMA foreign_key_check`). So are the CHECK constraints (`PRAGMA integrity_check`): the
        // values are the enums' ids, and SQLite builds a table for an `IN (...)` list at every
        // insert (a million groups took 2 s more). Index sorts may use a second thread.
        builder.exec(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; \
             PRAGMA foreign_keys = OFF; PRAGMA threads = 2; PRAGMA ignore_check_constraints = ON;",
        )?;
        builder.exec(SCHEMA)?;
        builder.exec("BEGIN")?;
        Ok(builder)
    }

    fn conn(&self) -> &Connection {
        self.conn.as_ref().expect("connection is open until commit")
    }

    fn sql_error(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.target.clone(),
            source,
        }
    }

    fn exec(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn().execute_batch(sql).map_err(self.sql_error())
    }

    /// Reference tables and build facts.
    pub fn write_reference(&mut self, info: &[(&str, String)]) -> Result<(), StoreError> {
        let conn = self.conn();
        let err = self.sql_error();
        let mut country = conn
            .prepare("INSERT INTO country VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .map_err(&err)?;
        for c in Countries::get().all() {
            country
                .execute(params![
                    c.iso2,
                    c.iso3,
                    none_if_empty(&c.m49),
                    c.name,
                    c.region,
                    c.subregion,
                    c.intermediate_region,
                    c.continent
                ])
                .map_err(&err)?;
        }
        let mut fact = conn
            .prepare("INSERT OR REPLACE INTO build_info VALUES (?1, ?2)")
            .map_err(&err)?;
        fact.execute(params!["schema_version", SCHEMA_VERSION.to_string()])
            .map_err(&err)?;
        for (key, value) in info {
            fact.execute(params![key, value]).map_err(&err)?;
        }
        Ok(())
    }

    /// Fairs and exhibitor records added to `dataset` since the last call, so a reader can hand over
    /// each file as it is parsed. Fair ids are positions in `dataset.fairs` + 1; record ids are
    /// positions in `dataset.records` + 1. A fair's records must arrive with it.
    pub fn write_records(&mut self, dataset: &Dataset) -> Result<(), StoreError> {
        self.insert_records_after(dataset, self.written)?;
        self.written = Written {
            fairs: dataset.fairs.len(),
            records: dataset.records.len(),
        };
        Ok(())
    }

    fn insert_records_after(&self, dataset: &Dataset, written: Written) -> Result<(), StoreError> {
        let Written { fairs, records } = written;
        let conn = self.conn();
        let err = self.sql_error();
        let new_fairs = &dataset.fairs[fairs..];
        let new_records = &dataset.records[records..];
        let mut counts = vec![0i64; new_fairs.len()];
        let mut first_record = vec![0i64; new_fairs.len()];
        for (i, r) in new_records.iter().enumerate() {
            let fair = r
                .fair
                .checked_sub(fairs)
                .expect("a fair's records arrive with the fair");
            if counts[fair] == 0 {
                first_record[fair] = (records + i) as i64 + 1;
            }
            counts[fair] += 1;
        }
        let mut fair_insert = conn
            .prepare_cached(
                "INSERT INTO fair VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, \
                 ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            )
            .map_err(&err)?;
        let mut organiser = conn
            .prepare_cached("INSERT INTO organiser VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(&err)?;
        let mut delegation = conn
            .prepare_cached("INSERT INTO delegation VALUES (?1, ?2, ?3, ?4, ?5)")
            .map_err(&err)?;
        for (i, fair) in new_fairs.iter().enumerate() {
            let id = (fairs + i) as i64 + 1;
            write_fair(&mut fair_insert, id, fair, counts[i]).map_err(&err)?;
            for (p, o) in fair.organisers.iter().enumerate() {
                organiser
                    .execute(params![
                        id,
                        p as i64,
                        o.name,
                        o.country.iso2.as_deref(),
                        o.country.raw.as_deref(),
                        json_list(&o.websites)
                    ])
                    .map_err(&err)?;
            }
            for (p, d) in fair.delegations.iter().enumerate() {
                delegation
                    .execute(params![id, p as i64, d.name, d.attended, d.retracted])
                    .map_err(&err)?;
            }
        }
        let mut record = conn
            .prepare_cached(
                "INSERT INTO exhibitor_record VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
                 ?13, ?14, ?15, ?16, ?17, ?18)",
            )
            .map_err(&err)?;
        for (i, r) in new_records.iter().enumerate() {
            // Duplicates point at an earlier row of the same fair; corpus positions are contiguous.
            let duplicate_of = r.duplicate_of.map(|p| first_record[r.fair - fairs] + p as i64);
            let details = r.details();
            record
                .execute(params![
                    (records + i) as i64 + 1,
                    r.fair as i64 + 1,
                    r.position,
                    r.role.as_ref(),
                    r.name,
                    r.name_raw(),
                    json_list(&details.aliases),
                    r.country.iso2.as_deref(),
                    r.country.raw.as_deref(),
                    r.country.field,
                    details.address,
                    json_list(&details.websites),
                    json_list(&details.emails),
                    json_list(&details.telephones),
                    json_list(&details.categories),
                    details.exhibitor_url,
                    details.social,
                    duplicate_of,
                ])
                .map_err(&err)?;
        }
        Ok(())
    }

    /// Whatever of `dataset` [`Builder::write_records`] has not written yet, then its sources and what
    /// could not be read; called once, when the dataset is complete.
    pub fn write_dataset(&mut self, dataset: &Dataset) -> Result<(), StoreError> {
        self.write_records(dataset)?;
        let conn = self.conn();
        let err = self.sql_error();
        for (kind, location) in &dataset.sources {
            conn.execute(
                "INSERT INTO source (kind, location) VALUES (?1, ?2)",
                params![kind, location],
            )
            .map_err(&err)?;
        }
        let mut problem = conn
            .prepare("INSERT INTO country_value_problem VALUES (?1, ?2, ?3, ?4)")
            .map_err(&err)?;
        for (kind, tally) in [
            ("unresolved", &dataset.countries.unresolved),
            ("not_a_country", &dataset.countries.not_a_country),
        ] {
            for ((field, value), n) in tally {
                problem
                    .execute(params![kind, field, value, *n as i64])
                    .map_err(&err)?;
            }
        }
        let mut ingest = conn
            .prepare("INSERT INTO ingest_problem VALUES (?1, ?2, ?3, ?4)")
            .map_err(&err)?;
        for p in &dataset.problems {
            ingest
                .execute(params![
                    p.file,
                    p.line.map(|l| l as i64),
                    p.column.map(|c| c as i64),
                    p.message
                ])
                .map_err(&err)?;
        }
        Ok(())
    }

    /// Companies, the record-to-company map and the relations stated in names, then their indexes:
    /// built here, on the thread that writes while the next stage runs, rather than at commit.
    pub fn write_resolution(&mut self, dataset: &Dataset, resolution: &Resolution) -> Result<(), StoreError> {
        self.insert_resolution(dataset, resolution)?;
        self.index(RESOLUTION_INDEXES)
    }

    fn insert_resolution(&mut self, dataset: &Dataset, resolution: &Resolution) -> Result<(), StoreError> {
        let conn = self.conn();
        let err = self.sql_error();
        let records_of = Runs::new(
            resolution.companies.len(),
            (resolution.record_company.iter().enumerate()).filter_map(|(i, c)| Some(((*c)?, i))),
        );
        let mut fairs: Vec<usize> = Vec::new();
        let mut company = conn
            .prepare("INSERT INTO company VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .map_err(&err)?;
        let mut name = conn
            .prepare("INSERT INTO company_name VALUES (?1, ?2, ?3)")
            .map_err(&err)?;
        // In key order, so each insert appends to the tables' B-trees instead of splitting pages.
        let mut by_id: Vec<usize> = (0..resolution.companies.len()).collect();
        by_id.sort_unstable_by_key(|&c| resolution.companies[c].id.as_str());
        for &i in &by_id {
            let (c, records) = (&resolution.companies[i], records_of.of(i));
            // The fairs and years its records span.
            fairs.clear();
            fairs.extend(records.iter().map(|&r| dataset.records[r].fair));
            fairs.sort_unstable();
            fairs.dedup();
            let years = fairs.iter().filter_map(|&f| dataset.fairs[f].year);
            let (first, last) = (years.clone().min(), years.max());
            company
                .execute(params![
                    c.id.as_str(),
                    c.name(),
                    c.anchor,
                    c.country.as_deref(),
                    c.records as i64,
                    fairs.len() as i64,
                    first,
                    last
                ])
                .map_err(&err)?;
            let mut names: Vec<&(Box<str>, usize)> = c.names.iter().collect();
            names.sort_unstable_by_key(|(spelling, _)| &**spelling);
            for (spelling, n) in names {
                name.execute(params![c.id.as_str(), spelling, *n as i64])
                    .map_err(&err)?;
            }
        }
        let mut map = conn
            .prepare("INSERT INTO record_company VALUES (?1, ?2, ?3)")
            .map_err(&err)?;
        for (i, (kind, company)) in resolution
            .kinds
            .iter()
            .zip(&resolution.record_company)
            .enumerate()
        {
            let kind = match kind {
                RecordKind::Company => "company",
                RecordKind::NotACompany(kind) => kind,
                RecordKind::Unnamed => "unnamed",
            };
            let id = company.map(|c| resolution.companies[c].id.as_str());
            map.execute(params![i as i64 + 1, kind, id]).map_err(&err)?;
        }
        let mut relation = conn
            .prepare("INSERT INTO company_relation VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(&err)?;
        for r in &resolution.relations {
            relation
                .execute(params![
                    resolution.companies[r.company].id.as_str(),
                    r.kind.as_str(),
                    r.other.map(|o| resolution.companies[o].id.as_str()),
                    r.other_name,
                    r.record as i64 + 1,
                    r.records as i64
                ])
                .map_err(&err)?;
        }
        Ok(())
    }

    /// Corporate groups, their members and the links between companies, and every judgement with
    /// what it did in this build (`effects`, in the order of `judgements`; `None` where no stage
    /// reported one); then their indexes, as for [`Builder::write_resolution`].
    pub fn write_groups(
        &mut self,
        resolution: &Resolution,
        grouping: &Grouping,
        judgements: &[Judgement],
        effects: &[Option<Effect>],
    ) -> Result<(), StoreError> {
        self.insert_groups(resolution, grouping, judgements, effects)?;
        self.index(GROUP_INDEXES)
    }

    fn insert_groups(
        &mut self,
        resolution: &Resolution,
        grouping: &Grouping,
        judgements: &[Judgement],
        effects: &[Option<Effect>],
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        let err = self.sql_error();
        let company_id = |c: usize| resolution.companies[c].id.as_str();
        let mut group = conn
            .prepare("INSERT INTO corporate_group VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .map_err(&err)?;
        let mut member = conn
            .prepare("INSERT INTO group_member VALUES (?1, ?2, ?3, ?4)")
            .map_err(&err)?;
        for g in &grouping.groups {
            group
                .execute(params![
                    g.id.as_str(),
                    g.name,
                    g.anchor,
                    g.headquarters.as_deref(),
                    g.headquarters_reason.as_str(),
                    g.members.len() as i64,
                    g.records as i64
                ])
                .map_err(&err)?;
            for m in &g.members {
                member
                    .execute(params![
                        g.id.as_str(),
                        company_id(m.company),
                        m.head,
                        m.link.map(|l| l.as_str())
                    ])
                    .map_err(&err)?;
            }
        }
        let mut link = conn
            .prepare("INSERT INTO group_link VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(&err)?;
        for l in &grouping.links {
            link.execute(params![
                company_id(l.from),
                company_id(l.to),
                l.evidence.as_str(),
                l.detail,
                l.source,
                l.accepted
            ])
            .map_err(&err)?;
        }
        let mut unmatched = conn
            .prepare("INSERT INTO curated_link_unmatched VALUES (?1)")
            .map_err(&err)?;
        for name in &grouping.curated_unmatched {
            unmatched.execute(params![name]).map_err(&err)?;
        }
        let mut judgement = conn
            .prepare("INSERT INTO judgement VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .map_err(&err)?;
        for (j, effect) in judgements.iter().zip(effects) {
            judgement
                .execute(params![
                    j.left,
                    j.right,
                    j.verdict.as_str(),
                    j.author,
                    j.date,
                    j.note,
                    effect.as_ref().map(Effect::as_str),
                    effect.as_ref().map_or("", Effect::detail)
                ])
                .map_err(&err)?;
        }
        Ok(())
    }

    /// Every assessed firm of `findings` (one level) with its kind, evidence, capabilities, markets
    /// and rating, and the adversary list the ratings used; record and fair ids as in
    /// [`Builder::write_dataset`].
    pub fn write_findings(&mut self, resolution: &Resolution, findings: &Findings) -> Result<(), StoreError> {
        let conn = self.conn();
        let err = self.sql_error();
        let capabilities = &Rules::get().capabilities;
        let level = findings.settings.level.as_str();
        let adversaries: Vec<&str> = findings.settings.adversaries.iter().map(String::as_str).collect();
        conn.execute(
            "INSERT OR REPLACE INTO build_info VALUES ('assessment_adversaries', ?1)",
            params![adversaries.join(" ")],
        )
        .map_err(&err)?;
        let mut assessment = conn
            .prepare("INSERT INTO assessment VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            .map_err(&err)?;
        let mut capability = conn
            .prepare("INSERT INTO capability_finding VALUES (?1, ?2, ?3, ?4, ?5)")
            .map_err(&err)?;
        let mut evidence = conn
            .prepare("INSERT INTO evidence VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .map_err(&err)?;
        let mut market = conn
            .prepare("INSERT INTO market VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
            .map_err(&err)?;
        for finding in &findings.firms {
            let id = finding.id.as_str();
            let hq = &finding.headquarters;
            let rating = finding.rating.as_ref();
            assessment
                .execute(params![
                    level,
                    id,
                    finding.name,
                    finding.kind.as_str(),
                    finding.kind_reason,
                    finding.confidence.map(|c| c.as_str()),
                    hq.iso2,
                    hq.reason.as_str(),
                    hq.detail,
                    finding.outside_home_continent,
                    rating.map(|r| r.level.id()),
                    rating.map(|r| r.explanation.as_str()),
                ])
                .map_err(&err)?;
            for found in &finding.capabilities {
                let cap = &capabilities[found.capability];
                capability
                    .execute(params![
                        level,
                        id,
                        cap.id,
                        cap.scope,
                        found.confidence.map(|c| c.as_str())
                    ])
                    .map_err(&err)?;
                for e in &found.evidence {
                    evidence
                        .execute(params![
                            level,
                            id,
                            cap.id,
                            e.kind.as_str(),
                            e.strength.as_str(),
                            resolution.companies[e.company].id.as_str(),
                            e.record.map(|r| r as i64 + 1),
                            e.text,
                            e.basis
                        ])
                        .map_err(&err)?;
                }
            }
            for m in &finding.markets {
                market
                    .execute(params![
                        level,
                        id,
                        m.fair as i64 + 1,
                        m.records as i64,
                        m.host,
                        m.year,
                        m.nato,
                        m.adversary,
                        m.regime.map(|r| r.regime.as_str()),
                        m.regime.map(|r| r.year),
                    ])
                    .map_err(&err)?;
            }
        }
        Ok(())
    }

    /// Indexes the fair and record tables; call after [`Builder::write_dataset`]. A full build does
    /// this on its own thread while companies are resolved; [`Builder::commit`] does it otherwise.
    pub fn index_records(&mut self) -> Result<(), StoreError> {
        self.index(RECORD_INDEXES)
    }

    fn index(&mut self, set: &'static str) -> Result<(), StoreError> {
        self.exec(set)?;
        self.indexed.push(set);
        Ok(())
    }

    /// Finishes the database and puts it in place of the target.
    pub fn commit(mut self) -> Result<PathBuf, StoreError> {
        for set in INDEX_SETS {
            if !self.indexed.contains(&set) {
                self.index(set)?;
            }
        }
        self.exec("COMMIT;")?;
        let conn = self.conn.take().expect("connection is open until commit");
        conn.close().map_err(|(_, source)| StoreError::Sqlite {
            path: self.staging.clone(),
            source,
        })?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        fs::File::open(&self.staging)
            .and_then(|f| f.sync_all())
            .map_err(io(&self.staging))?;
        fs::rename(&self.staging, &self.target).map_err(io(&self.target))?;
        if let Some(dir) = self.target.parent().filter(|p| !p.as_os_str().is_empty()) {
            // Makes the rename itself durable; not every platform can open a directory.
            let _ = fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(self.target.clone())
    }
}

impl Drop for Builder {
    /// An unfinished build leaves nothing behind.
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            drop(conn);
            let _ = fs::remove_file(&self.staging);
        }
    }
}

fn write_fair(
    statement: &mut rusqlite::Statement,
    id: i64,
    f: &Fair,
    exhibitors: i64,
) -> rusqlite::Result<usize> {
    statement.execute(params![
        id,
        f.slug,
        f.origin.as_str(),
        f.file,
        f.name,
        f.series,
        f.edition,
        f.year,
        f.start_date,
        f.end_date,
        f.approx_date,
        f.host_country.iso2.as_deref(),
        f.host_country.raw.as_deref(),
        f.host_country.field,
        f.address,
        f.online,
        json_list(&f.websites),
        json_list(&f.aliases),
        f.has_exhibitor_list,
        f.exhibitor_list_url,
        f.exhibitor_list_date,
        f.exhibitor_list_incomplete,
        exhibitors,
        f.delegation_list_url,
        f.delegation_list_date,
    ])
}

/// A JSON array as text, or NULL for an empty list (queryable with SQLite's `json_each`).
fn json_list(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| serde_json::to_string(values).expect("strings serialise"))
}

fn none_if_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// Opens a built database for reading.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    if !path.is_file() {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            StoreError::Sqlite {
                path: path.to_path_buf(),
                source,
            }
        })?;
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM build_info WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .ok();
    if version.is_none() {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fairwatch_ingest::{CountryValue, ExhibitorRecord, Iso2, Origin, RecordDetails};

    fn fair(slug: &str) -> Fair {
        Fair {
            name: slug.into(),
            series: "Test Fair".into(),
            edition: "2020".into(),
            approx_date: Some("2020".into()),
            year: Some(2020),
            host_country: CountryValue {
                iso2: Some(Iso2::new("FR")),
                raw: Some("France".into()),
                field: Some("country"),
            },
            has_exhibitor_list: true,
            ..Fair::new(slug.into(), Origin::Caat, format!("data/{slug}.json"))
        }
    }

    fn record(fair: usize, position: u32, name: &str, duplicate_of: Option<u32>) -> ExhibitorRecord {
        ExhibitorRecord {
            details: RecordDetails {
                websites: vec!["https://example.org".into()],
                ..RecordDetails::default()
            }
            .boxed(),
            duplicate_of,
            ..ExhibitorRecord::new(fair, position, name)
        }
    }

    fn dataset(slugs: &[&str]) -> Dataset {
        Dataset {
            fairs: slugs.iter().map(|s| fair(s)).collect(),
            records: vec![
                record(0, 0, "A", None),
                record(1, 0, "B", None),
                record(1, 1, "B", Some(0)),
            ],
            ..Dataset::default()
        }
    }

    fn build(path: &Path, data: &Dataset) -> Result<PathBuf, StoreError> {
        let mut builder = Builder::create(path)?;
        builder.write_reference(&[("test", "yes".into())])?;
        builder.write_dataset(data)?;
        builder.commit()
    }

    #[test]
    fn writes_and_summarises() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.sqlite");
        build(&path, &dataset(&["a-2020", "b-2020"])).unwrap();
        let conn = open(&path).unwrap();
        let summary = summarise(&conn).unwrap();
        assert_eq!(
            (
                summary.fairs,
                summary.exhibitor_records,
                summary.exact_duplicate_records
            ),
            (2, 3, 1)
        );
        let duplicate_of: i64 = conn
            .query_row(
                "SELECT duplicate_of FROM exhibitor_record WHERE id = 3",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(duplicate_of, 2);
        let place: String = conn
            .query_row(
                "SELECT place_in_file FROM record_provenance WHERE record_id = 3",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(place, "/exhibitor/1");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging file is left"
        );
    }

    #[test]
    fn records_written_fair_by_fair_match_one_write() {
        let dir = tempfile::tempdir().unwrap();
        let whole = dataset(&["a-2020", "b-2020"]);
        let at_once = build(&dir.path().join("once.sqlite"), &whole).unwrap();
        let mut builder = Builder::create(&dir.path().join("stepwise.sqlite")).unwrap();
        builder.write_reference(&[("test", "yes".into())]).unwrap();
        let mut growing = Dataset::default();
        for fair in 0..whole.fairs.len() {
            growing.fairs.push(whole.fairs[fair].clone());
            growing
                .records
                .extend(whole.records.iter().filter(|r| r.fair == fair).cloned());
            builder.write_records(&growing).unwrap();
        }
        builder.write_dataset(&whole).unwrap();
        let stepwise = builder.commit().unwrap();
        let rows = |path: &Path| -> Vec<(i64, i64, i64, Option<i64>)> {
            open(path)
                .unwrap()
                .prepare(
                    "SELECT r.id, r.fair_id, f.exhibitor_count, r.duplicate_of FROM exhibitor_record r \
                     JOIN fair f ON f.id = r.fair_id ORDER BY r.id",
                )
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        assert_eq!(rows(&stepwise), rows(&at_once));
        assert_eq!(rows(&at_once)[2], (3, 2, 2, Some(2)));
    }

    #[test]
    fn targets_that_a_build_may_not_replace_are_refused_before_any_work() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.txt");
        fs::write(&notes, "my notes").unwrap();
        let refused = |path: &Path, force: bool| check_target(path, force).unwrap_err().to_string();
        assert!(refused(dir.path(), false).contains("is a directory"));
        assert!(refused(&notes, false).contains("--force"));
        assert!(check_target(&notes, true).is_ok());
        assert!(refused(&notes.join("x.sqlite"), false).contains("is a file"));
        assert!(check_target(&dir.path().join("new.sqlite"), false).is_ok());
        assert_eq!(
            fs::read_to_string(&notes).unwrap(),
            "my notes",
            "nothing is touched"
        );
    }

    #[test]
    fn a_dead_build_leaves_no_staging_file_behind_the_next() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("fw.sqlite");
        let dead = dir.path().join(".fw.sqlite.building-4000000000");
        let live = dir.path().join(".fw.sqlite.building-1");
        fs::write(&dead, "half a database").unwrap();
        fs::write(&live, "another build's").unwrap();
        let builder = Builder::create(&target).unwrap();
        assert!(!dead.exists(), "a dead build's file is removed");
        assert!(live.exists(), "a live build's file is left alone");
        drop(builder);
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.sqlite");
        build(&path, &dataset(&["a-2020", "b-2020"])).unwrap();
        // Two fairs with one slug violate a constraint half-way through the write.
        let err = build(&path, &dataset(&["c-2020", "c-2020"])).unwrap_err();
        assert!(err.to_string().contains("UNIQUE"), "{err}");
        let summary = summarise(&open(&path).unwrap()).unwrap();
        assert_eq!(summary.fairs, 2);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging file is left"
        );
    }

    #[test]
    fn refuses_files_that_are_not_fairwatch_databases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(matches!(open(&path), Err(StoreError::NotADatabase(_))));
        assert!(matches!(
            open(&dir.path().join("missing")),
            Err(StoreError::NotADatabase(_))
        ));
    }
}
