//! Reading the assessment back: the stored whole-corpus findings of one level and the catalogue of
//! editions, records and companies they point into, so that `report` and `serve` compute any window
//! ([`fairwatch_assess::within`]) from the database alone. Indices are positions in the tables' row
//! order (companies in id order); stored ids and labels become the assessment's own types again, and
//! a value the assessment does not know is an error naming the table and row, never a guess.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use fairwatch_assess::rules::Rules;
use fairwatch_assess::{
    Catalogue, Edition, Evidence, Headquarters, HeadquartersReason, Level, RecordPlace, Stored, StoredFirm,
};
use rusqlite::{Connection, Row};
use serde::de::{DeserializeOwned, IntoDeserializer};

use crate::{open, StoreError, SCHEMA_VERSION};

/// Why a read failed: SQLite's error, or a stored value the assessment does not know.
enum ReadError {
    Sql(rusqlite::Error),
    Value(String),
}

impl From<rusqlite::Error> for ReadError {
    fn from(e: rusqlite::Error) -> ReadError {
        ReadError::Sql(e)
    }
}

type Read<T> = Result<T, ReadError>;

/// A built database opened to read its assessment.
pub struct Assessment {
    conn: Connection,
    path: PathBuf,
    /// Company ids by their index in the catalogue.
    company_index: HashMap<String, usize>,
    pub catalogue: Catalogue,
}

impl Assessment {
    /// Opens the database at `path` and reads its catalogue; refuses a database of another schema.
    pub fn open(path: &Path) -> Result<Assessment, StoreError> {
        let conn = open(path)?;
        let mut reader = Assessment {
            conn,
            path: path.to_path_buf(),
            company_index: HashMap::new(),
            catalogue: Catalogue {
                editions: Vec::new(),
                records: Vec::new(),
                companies: Vec::new(),
            },
        };
        let read = reader.check_version().and_then(|()| reader.read_catalogue());
        read.map_err(|e| reader.failed(e))?;
        Ok(reader)
    }

    /// The error of a failed read, naming the database.
    fn failed(&self, error: ReadError) -> StoreError {
        let path = self.path.clone();
        match error {
            ReadError::Sql(source) => StoreError::Sqlite { path, source },
            ReadError::Value(what) => StoreError::Unreadable { path, what },
        }
    }

    fn check_version(&self) -> Read<()> {
        let version: String = self.conn.query_row(
            "SELECT value FROM build_info WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )?;
        if version != SCHEMA_VERSION.to_string() {
            return Err(ReadError::Value(format!(
                "built with schema {version}, this fairwatch reads schema {SCHEMA_VERSION}: run `fairwatch build` again"
            )));
        }
        Ok(())
    }

    fn read_catalogue(&mut self) -> Read<()> {
        let conn = &self.conn;
        let mut counts: HashMap<i64, usize> = HashMap::new();
        let mut statement = conn.prepare(
            "SELECT r.fair_id, count(*) FROM exhibitor_record r JOIN record_company rc ON rc.record_id = r.id
             WHERE rc.kind = 'company' AND r.duplicate_of IS NULL GROUP BY r.fair_id",
        )?;
        for row in statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (fair, n): (i64, i64) = row?;
            counts.insert(fair, n as usize);
        }
        let mut statement =
            conn.prepare("SELECT id, slug, name, series, file, year, host_country FROM fair ORDER BY id")?;
        let editions = statement.query_map([], |r| {
            Ok(Edition {
                company_records: counts.get(&r.get::<_, i64>(0)?).copied().unwrap_or(0),
                slug: r.get(1)?,
                name: r.get(2)?,
                series: r.get(3)?,
                file: r.get(4)?,
                year: r.get(5)?,
                host: r.get(6)?,
            })
        })?;
        self.catalogue.editions = editions.collect::<rusqlite::Result<_>>()?;
        drop(statement);
        let mut statement = conn.prepare("SELECT fair_id, position FROM exhibitor_record ORDER BY id")?;
        let records = statement.query_map([], |r| {
            Ok(RecordPlace {
                fair: index(r.get(0)?),
                position: r.get(1)?,
            })
        })?;
        self.catalogue.records = records.collect::<rusqlite::Result<_>>()?;
        let mut statement = conn.prepare("SELECT id, name FROM company ORDER BY id")?;
        let companies = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for (i, company) in companies.enumerate() {
            let (id, name) = company?;
            self.company_index.insert(id, i);
            self.catalogue.companies.push(name);
        }
        Ok(())
    }

    /// The stored assessment of the whole corpus at `level`, firms in the order they were assessed.
    pub fn stored(&self, level: Level) -> Result<Stored, StoreError> {
        self.read_stored(level).map_err(|e| self.failed(e))
    }

    fn read_stored(&self, level: Level) -> Read<Stored> {
        let mut firms = self.firms(level)?;
        let at: HashMap<String, usize> = firms.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
        let mut evidence: Vec<BTreeMap<usize, Vec<Evidence>>> = vec![BTreeMap::new(); firms.len()];
        self.each_row(
            "SELECT firm_id, capability, kind, strength, company_id, record_id, text, basis FROM evidence
             WHERE level = ?1 ORDER BY rowid",
            level,
            |row| {
                let firm = self.firm_at(&at, row.get(0)?)?;
                let capability = self.capability(row.get(1)?)?;
                let item = Evidence {
                    kind: self.id(row.get(2)?, "evidence.kind")?,
                    strength: self.id(row.get(3)?, "evidence.strength")?,
                    company: self.company(row.get(4)?)?,
                    record: row.get::<_, Option<i64>>(5)?.map(index),
                    text: row.get(6)?,
                    basis: row.get(7)?,
                };
                evidence[firm].entry(capability).or_default().push(item);
                Ok(())
            },
        )?;
        for (firm, evidence) in firms.iter_mut().zip(evidence) {
            firm.capabilities = evidence.into_iter().collect();
        }
        self.each_row(
            "SELECT firm_id, fair_id, records FROM market WHERE level = ?1 ORDER BY rowid",
            level,
            |row| {
                let firm = self.firm_at(&at, row.get(0)?)?;
                firms[firm]
                    .markets
                    .push((index(row.get(1)?), row.get::<_, i64>(2)? as usize));
                Ok(())
            },
        )?;
        Ok(Stored { level, firms })
    }

    fn firms(&self, level: Level) -> Read<Vec<StoredFirm>> {
        let members = match level {
            Level::Group => self.group_members()?,
            Level::Entity => HashMap::new(),
        };
        let mut firms = Vec::new();
        self.each_row(
            "SELECT firm_id, name, kind, kind_reason, headquarters, headquarters_reason, headquarters_detail
             FROM assessment WHERE level = ?1 ORDER BY rowid",
            level,
            |row| {
                let id: String = row.get(0)?;
                let companies = match level {
                    Level::Group => members
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| ReadError::Value(format!("assessment: group {id} has no members")))?,
                    Level::Entity => vec![self.company(id.clone())?],
                };
                firms.push(StoredFirm {
                    id,
                    name: row.get(1)?,
                    companies,
                    kind: self.id(row.get(2)?, "assessment.kind")?,
                    kind_reason: row.get(3)?,
                    headquarters: Headquarters {
                        iso2: row.get(4)?,
                        reason: self.headquarters_reason(row.get(5)?)?,
                        detail: row.get(6)?,
                    },
                    capabilities: Vec::new(),
                    markets: Vec::new(),
                });
                Ok(())
            },
        )?;
        Ok(firms)
    }

    /// Each group's companies, head first, in the order the build wrote them.
    fn group_members(&self) -> Read<HashMap<String, Vec<usize>>> {
        let mut members: HashMap<String, Vec<usize>> = HashMap::new();
        let mut statement = self
            .conn
            .prepare("SELECT group_id, company_id FROM group_member ORDER BY rowid")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let company = self.company(row.get(1)?)?;
            members.entry(row.get(0)?).or_default().push(company);
        }
        Ok(members)
    }

    /// Runs `sql` with the level as its one parameter and hands each row to `each`.
    fn each_row(&self, sql: &str, level: Level, mut each: impl FnMut(&Row) -> Read<()>) -> Read<()> {
        let mut statement = self.conn.prepare(sql)?;
        let mut rows = statement.query([level.as_str()])?;
        while let Some(row) = rows.next()? {
            each(row)?;
        }
        Ok(())
    }

    fn firm_at(&self, at: &HashMap<String, usize>, id: String) -> Read<usize> {
        at.get(&id).copied().ok_or_else(|| {
            ReadError::Value(format!(
                "a row names firm {id}, which the assessment does not hold"
            ))
        })
    }

    fn company(&self, id: String) -> Read<usize> {
        self.company_index
            .get(&id)
            .copied()
            .ok_or_else(|| ReadError::Value(format!("no company {id}")))
    }

    fn capability(&self, id: String) -> Read<usize> {
        Rules::get()
            .capability(&id)
            .ok_or_else(|| ReadError::Value(format!("evidence: capability {id} is not in data/taxonomy.csv")))
    }

    fn headquarters_reason(&self, id: String) -> Read<HeadquartersReason> {
        match id.as_str() {
            "registry" => Ok(HeadquartersReason::Registry),
            _ => Ok(HeadquartersReason::Records(
                self.id(id, "assessment.headquarters_reason")?,
            )),
        }
    }

    /// The value of a stored id (`vendor_list`, `police_military`), by the type's own names.
    fn id<T: DeserializeOwned>(&self, id: String, column: &str) -> Read<T> {
        T::deserialize(id.as_str().into_deserializer())
            .map_err(|_: serde::de::value::Error| ReadError::Value(format!("{column}: unknown value {id:?}")))
    }
}

/// A row id (1-based) as the index of its row.
fn index(id: i64) -> usize {
    (id - 1) as usize
}
