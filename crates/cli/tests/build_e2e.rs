//! Runs the real `fairwatch` binary on the real corpus in `../shared/data/caat`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/caat")
}

fn fairwatch(args: &[&str]) -> Output {
    command(args).output().expect("the binary runs")
}

/// The binary with `args`, and the environment every test runs it in.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fairwatch"));
    command
        .args(args)
        .env_remove("FAIRWATCH_SOURCE")
        // The published vendor list, as a user passes a local copy (CI has no network).
        .env(
            "FAIRWATCH_VENDOR_LIST",
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/digitalfreedom-vendors"),
        )
        .env_remove("FAIRWATCH_DB");
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn build(db: &Path, extra: &[&str]) -> Output {
    let corpus = corpus();
    let mut args = vec![
        "build",
        "--source",
        corpus.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    fairwatch(&args)
}

/// Fails naming the first table and row where two databases differ; the tables of `sqlite_master`
/// are read in its order, each in its stored (rowid) order, so row order counts too.
fn assert_same_rows(left: &Path, right: &Path) {
    let (a, b) = (Connection::open(left).unwrap(), Connection::open(right).unwrap());
    let tables = |conn: &Connection| -> Vec<String> {
        let mut statement = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
            .unwrap();
        let names = statement.query_map([], |r| r.get(0)).unwrap();
        names.map(Result::unwrap).collect()
    };
    let mut names = tables(&a);
    assert_eq!(names, tables(&b), "the same tables");
    names.insert(0, "sqlite_master".into());
    for table in names {
        let sql = format!("SELECT * FROM \"{table}\"");
        let (mut x, mut y) = (a.prepare(&sql).unwrap(), b.prepare(&sql).unwrap());
        let columns = x.column_count();
        let (mut x, mut y) = (x.query([]).unwrap(), y.query([]).unwrap());
        for row in 0.. {
            match (x.next().unwrap(), y.next().unwrap()) {
                (None, None) => break,
                (Some(p), Some(q)) => {
                    let values = |r: &rusqlite::Row| -> Vec<rusqlite::types::Value> {
                        (0..columns).map(|i| r.get(i).unwrap()).collect()
                    };
                    assert_eq!(values(p), values(q), "{table}, row {row}");
                }
                _ => panic!("{table}: one database has more than {row} rows"),
            }
        }
    }
}

#[test]
fn build_writes_the_whole_corpus_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fw.sqlite");
    let out = build(&db, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("1851 editions of 502 series"), "{stdout}");
    assert!(
        stdout.contains("222845 exhibitor records (3249 exact repeats"),
        "{stdout}"
    );

    let conn = Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM fair"), 1851);
    assert_eq!(count("SELECT count(*) FROM fair WHERE has_exhibitor_list"), 578);
    assert_eq!(count("SELECT count(*) FROM exhibitor_record"), 222_845);
    assert_eq!(count("SELECT sum(exhibitor_count) FROM fair"), 222_845);
    // Every fair with any location information has a host country.
    assert_eq!(
        count("SELECT count(*) FROM fair WHERE host_country IS NULL AND (address IS NOT NULL OR host_country_raw IS NOT NULL)"),
        0
    );
    // Host countries given as free text resolve ("Russian Federation", "Korea, Republic of").
    let host = |slug: &str| -> String {
        conn.query_row("SELECT host_country FROM fair WHERE slug = ?1", [slug], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(host("milipol-qatar-2018"), "QA");
    let (name, file, place, url): (String, String, String, String) = conn
        .query_row(
            "SELECT p.name_raw, p.file, p.place_in_file, p.exhibitor_list_url FROM record_provenance p \
             JOIN exhibitor_record r ON r.id = p.record_id JOIN fair f ON f.id = r.fair_id \
             WHERE f.slug = 'milipol-paris-2019' AND r.position = 4",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(name, "4INTELLIGENCE");
    assert_eq!(file, "data/milipol-paris-2019.json");
    assert_eq!(place, "/exhibitor/4");
    assert_eq!(url, "https://en.milipol.com/Catalogue-2019/Liste-des-exposants");
    // Reference data travels with the database.
    let continent: String = conn
        .query_row("SELECT continent FROM country WHERE iso2 = 'BR'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(continent, "South America");

    // The assessment is stored with its evidence and markets, at group level (the firm people name)
    // and entity level: Hacking Team, exhibitor #79 of Milipol Qatar 2012, is flagged high on a
    // registry source, and Qatar is a closed autocracy.
    let (firm, confidence): (String, String) = conn
        .query_row(
            "SELECT a.firm_id, a.confidence FROM assessment a \
             JOIN record_group rg ON rg.group_id = a.firm_id AND a.level = 'group' \
             JOIN exhibitor_record r ON r.id = rg.record_id JOIN fair f ON f.id = r.fair_id \
             WHERE f.slug = 'milipol-qatar-2012' AND r.position = 79",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(confidence, "high");
    assert!(firm.starts_with("fg-"), "{firm}");
    let registry: Vec<String> = conn
        .prepare("SELECT basis FROM evidence WHERE level = 'group' AND firm_id = ?1 AND kind = 'registry'")
        .unwrap()
        .query_map([&firm], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        registry
            .iter()
            .any(|b| b.starts_with("https://privacyinternational.org/")),
        "{registry:?}"
    );
    let (regime, nato): (String, bool) = conn
        .query_row(
            "SELECT m.regime, m.nato FROM market m JOIN fair f ON f.id = m.fair_id \
             WHERE m.level = 'group' AND m.firm_id = ?1 AND f.slug = 'milipol-qatar-2012'",
            [&firm],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((regime.as_str(), nato), ("closed autocracy", false));
    // Evidence from a record always belongs to the firm that record resolved to, at either level.
    assert_eq!(
        count(
            "SELECT count(*) FROM evidence e JOIN record_group rg ON rg.record_id = e.record_id \
               WHERE (e.level = 'group' AND rg.group_id != e.firm_id) \
                  OR (e.level = 'entity' AND rg.company_id != e.firm_id)"
        ),
        0
    );
    // Ratings and kinds are stored as ids; a police force is kept as one and never flagged.
    assert!(count("SELECT count(*) FROM assessment WHERE rating = 'irresponsible_proliferator'") > 0);
    assert_eq!(
        count("SELECT count(*) FROM assessment WHERE kind != 'company' AND confidence IS NOT NULL"),
        0
    );

    // The build checks no references row by row (too slow); every one must still hold.
    let dangling: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(dangling.is_empty(), "dangling references in {dangling:?}");
    // Nor CHECK constraints: every stored id must be one the schema allows.
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");

    let stats = fairwatch(&["stats", "--db", db.to_str().unwrap(), "--json"]);
    assert!(stats.status.success(), "{}", text(&stats.stderr));
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["exhibitor_records"], 222_845);
    assert_eq!(json["fairs_with_exhibitor_list"], 578);
}

/// A corpus with one broken file: the error names file, line and column; `--keep-going` builds the
/// rest; the last good database is never replaced by a failed build.
#[test]
fn bad_files_are_reported_and_never_cost_the_last_good_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("corpus/data");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["milipol-qatar-2018.json", "iss-world-europe-2013.json"] {
        if corpus().join("data").join(name).exists() {
            std::fs::copy(corpus().join("data").join(name), data.join(name)).unwrap();
        }
    }
    std::fs::copy(
        corpus().join("data/milipol-paris-2019.json"),
        data.join("milipol-paris-2019.json"),
    )
    .unwrap();
    let source = dir.path().join("corpus");
    let db = dir.path().join("fw.sqlite");
    let good = fairwatch(&[
        "build",
        "--source",
        source.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    let good_bytes = std::fs::read(&db).unwrap();

    std::fs::write(
        data.join("zz-broken-2020.json"),
        "{\n  \"name\": \"Broken\",\n  \"series\": \"B\" \"edition\": 1\n}\n",
    )
    .unwrap();
    let bad = fairwatch(&[
        "build",
        "--source",
        source.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!bad.status.success());
    let stderr = text(&bad.stderr);
    assert!(stderr.contains("data/zz-broken-2020.json:3:17"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        good_bytes,
        "the last good database is untouched"
    );

    let kept = fairwatch(&[
        "build",
        "--keep-going",
        "--source",
        source.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(kept.status.success(), "{}", text(&kept.stderr));
    assert!(text(&kept.stderr).contains("skipped data/zz-broken-2020.json:3:17"));
    let conn = Connection::open(&db).unwrap();
    let problems: i64 = conn
        .query_row("SELECT count(*) FROM ingest_problem", [], |r| r.get(0))
        .unwrap();
    assert_eq!(problems, 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no staging files left: {leftovers:?}");
}

/// A file name and a JSON key holding escape sequences and bidi isolates reach neither the terminal
/// of `build` nor that of `stats` raw; a bad CSV list is skipped with `--keep-going` like a bad fair
/// file, and a column given twice is refused.
#[test]
fn hostile_file_names_and_keys_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("corpus/data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(
        corpus().join("data/milipol-paris-2019.json"),
        data.join("milipol-paris-2019.json"),
    )
    .unwrap();
    std::fs::write(
        data.join("evil\u{1b}[31m\u{2066}-2020.json"),
        "{\"name\": \"X\", \"startDate\": \"2020-01-01\", \"exhibitor\": [{\"name\": \"A\", \"k\u{1b}[2J\": 1}]}",
    )
    .unwrap();
    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(&bad_csv, "name,event,year\n\"A,ISS World,2013\n").unwrap();
    let source = dir.path().join("corpus");
    let db = dir.path().join("fw.sqlite");
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "build".to_owned(),
            "--source".to_owned(),
            source.display().to_string(),
            "--db".to_owned(),
            db.display().to_string(),
        ];
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };
    let run = |args: Vec<String>| command(&[]).args(args).output().unwrap();
    let raw = |out: &Output| {
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        text(&all).contains(['\u{1b}', '\u{2066}'])
    };

    let stopped = run(args(&[]));
    assert!(!stopped.status.success());
    assert!(!raw(&stopped), "{}", text(&stopped.stderr));
    assert!(
        text(&stopped.stderr).contains("evil\\u{1b}[31m\\u{2066}-2020.json:1:"),
        "{}",
        text(&stopped.stderr)
    );

    let mut kept = args(&["--keep-going", "--csv"]);
    kept.push(bad_csv.display().to_string());
    let kept = run(kept);
    assert!(kept.status.success(), "{}", text(&kept.stderr));
    assert!(!raw(&kept));
    assert!(text(&kept.stderr).contains("skipped ") && text(&kept.stderr).contains("bad.csv:2"));
    let stats = fairwatch(&["stats", "--db", db.to_str().unwrap()]);
    assert!(stats.status.success());
    assert!(!raw(&stats), "{}", text(&stats.stdout));
    assert!(
        text(&stats.stdout).contains("skipped files    2"),
        "{}",
        text(&stats.stdout)
    );

    std::fs::write(&bad_csv, "name,event,year,NAME\nA,ISS World,2013,B\n").unwrap();
    let mut twice = args(&["--keep-going", "--csv"]);
    twice.push(bad_csv.display().to_string());
    let twice = run(twice);
    assert!(text(&twice.stderr).contains("column `name` appears twice (columns 1 and 4)"));
}

#[test]
fn csv_lists_add_events_the_corpus_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("iss.csv");
    std::fs::write(
        &csv,
        "name,country,website,category,event,year,role\n\
         \"=HYPERLINK(\"\"http://x\"\")\",Italy,,Intrusion,ISS World Europe,2013,sponsor\n\
         Gamma Group,UNITED KINGDOM,gammagroup.com,,ISS World Europe,2013,exhibitor\n",
    )
    .unwrap();
    let db = dir.path().join("fw.sqlite");
    let out = build(&db, &["--csv", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let conn = Connection::open(&db).unwrap();
    let (origin, count): (String, i64) = conn
        .query_row(
            "SELECT origin, exhibitor_count FROM fair WHERE slug = 'csv:iss-world-europe-2013'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((origin.as_str(), count), ("csv", 2));
    let country: String = conn
        .query_row(
            "SELECT country FROM exhibitor_record WHERE name = 'Gamma Group'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(country, "GB");
}

#[test]
fn missing_inputs_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = fairwatch(&["build", "--source", dir.path().join("nope").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no such folder"),
        "{}",
        text(&out.stderr)
    );
    let out = fairwatch(&["stats", "--db", dir.path().join("none.sqlite").to_str().unwrap()]);
    assert!(
        text(&out.stderr).contains("not a fairwatch database"),
        "{}",
        text(&out.stderr)
    );
    let out = fairwatch(&[
        "fetch",
        "--archive",
        dir.path().join("none.tar.gz").to_str().unwrap(),
        "--dest",
        dir.path().join("c").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("none.tar.gz"), "{}", text(&out.stderr));
}

/// Spellings of one firm share a company; a judgement recorded with `fairwatch judge` splits them on
/// the next build, and survives in the database.
#[test]
fn companies_and_judgements_survive_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fw.sqlite");
    let judgements = dir.path().join("judgements.csv");
    let company_of = |db: &Path, name: &str| -> String {
        Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT rc.company_id FROM exhibitor_record r JOIN record_company rc ON rc.record_id = r.id \
                 WHERE r.name = ?1 LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
    };
    let judged = ["--judgements", judgements.to_str().unwrap()];
    // A judgements file named on the command line must exist: a typo would apply none, silently.
    let out = build(&db, &judged);
    assert!(!out.status.success() && !db.exists());
    assert!(
        text(&out.stderr).contains("no such judgements file"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(&judgements, "left,right,verdict,author,date,note\n").unwrap();
    let out = build(&db, &judged);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(company_of(&db, "CELLEBRITE"), company_of(&db, "CELLEBRITE LTD"));
    assert_ne!(
        company_of(&db, "AVOX OXYGEN"),
        company_of(&db, "Oxygen Forensics")
    );
    let cellebrite = company_of(&db, "CELLEBRITE");
    assert_eq!(company_of(&db, "NEXTER"), company_of(&db, "NEXTER SYSTEMS"));

    let out = fairwatch(&[
        "judge",
        "Hacking Team",
        "HT - Hacking Team",
        "not-same",
        "--judgements",
        judgements.to_str().unwrap(),
    ]);
    assert!(
        !out.status.success(),
        "one name read two ways cannot be judged apart"
    );
    assert!(
        text(&out.stderr).contains("\"hacking team\""),
        "{}",
        text(&out.stderr)
    );
    let out = fairwatch(&[
        "judge",
        "NEXTER",
        "NEXTER SYSTEMS",
        "not-same",
        "--note",
        "test",
        "--judgements",
        judgements.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = build(&db, &judged);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_ne!(company_of(&db, "NEXTER"), company_of(&db, "NEXTER SYSTEMS"));
    assert_eq!(
        company_of(&db, "CELLEBRITE"),
        cellebrite,
        "ids are stable across rebuilds"
    );
    let stored: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM judgement WHERE verdict = 'not_same'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 1);
}

#[test]
fn eval_reports_scores_as_json() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = corpus();
    let truth = repo.join("curation/truth_pairs.csv");
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("records.jsonl");
    let out = fairwatch(&[
        "eval",
        "--json",
        "--source",
        corpus.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
        "--pair-truth",
        repo.join("curation/pair_truth.csv").to_str().unwrap(),
        "--errors",
        "5",
        "--export",
        export.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f1 = |key: &str| json[key]["pairwise"]["f1"].as_f64().unwrap();
    assert!(
        f1("websites_hidden") > 0.75 && f1("websites_shown") > f1("websites_hidden"),
        "{json}"
    );
    assert_eq!(json["hand_labelled"]["missing"], 0);
    let sample = &json["pair_truth"];
    assert!(sample["labelled"].as_u64().unwrap() >= 600, "{sample}");
    assert!(
        sample["group"]["f1"].as_f64().unwrap() >= sample["group"]["precision"].as_f64().unwrap().min(0.5)
    );
    assert!(json["groups"].as_u64().unwrap() < json["companies_websites_shown"].as_u64().unwrap());
    assert!(json["domain_truth"]["excluded_group_wide"].as_u64().unwrap() > 0);
    let errors = &json["worst_errors_websites_hidden"];
    assert_eq!(errors["splits"].as_array().unwrap().len(), 5);
    assert!(
        errors["merges"][0]["parts"].as_array().unwrap().len() > 1,
        "{errors}"
    );

    // The export carries every company record, its truth label where it has one and its company.
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > 200_000 && lines.len() < 222_845, "{}", lines.len());
    let labelled = lines.iter().filter(|l| !l["truth"].is_null()).count() as u64;
    assert_eq!(labelled, json["domain_truth"]["records"].as_u64().unwrap());
    assert!(lines
        .iter()
        .all(|l| l["fairwatch"].as_str().unwrap().starts_with("fw-")));
}

/// Two builds of the same input hold the same rows in the same order, and with `SOURCE_DATE_EPOCH`
/// (the only input a build reads besides its files: the time it records) they are the same file, byte
/// for byte: anyone can rebuild a published database and check it is what the corpus gives.
#[test]
fn builds_are_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.sqlite"), dir.path().join("second.sqlite"));
    let corpus = corpus();
    for db in [&first, &second] {
        let args = [
            "build",
            "--source",
            corpus.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ];
        let out = command(&args)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .expect("the binary runs");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let built_at: String = Connection::open(&first)
        .unwrap()
        .query_row("SELECT value FROM build_info WHERE key = 'built_at'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(built_at, "2023-11-14T22:13:20Z");
    assert_same_rows(&first, &second);
    let (a, b) = (std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    assert_eq!(a.len(), b.len(), "the same size");
    let differ = a.iter().zip(&b).position(|(x, y)| x != y);
    assert_eq!(differ, None, "first differing byte");

    let out = command(&[
        "build",
        "--source",
        corpus.to_str().unwrap(),
        "--db",
        first.to_str().unwrap(),
    ])
    .env("SOURCE_DATE_EPOCH", "yesterday")
    .output()
    .expect("the binary runs");
    assert!(!out.status.success(), "a malformed SOURCE_DATE_EPOCH is refused");
    assert!(
        text(&out.stderr).contains("SOURCE_DATE_EPOCH"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&first).unwrap(),
        a,
        "and leaves the database as it was"
    );
}

/// The files a build into `db` is writing or left: `.NAME.building-PID` and SQLite's files beside them.
fn staging_files(db: &Path) -> Vec<String> {
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.starts_with(&format!(".{name}.building-")))
        .collect()
}

/// Kills builds at points spread over the whole build (a fixed sequence, so a failure can be
/// rerun), alternating SIGTERM (the build removes its staging file itself) and SIGKILL (the next
/// build does): the previous database always stays whole and readable, and no staging file remains.
#[test]
fn killed_builds_never_cost_the_previous_database_nor_leave_staging_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fw.sqlite");
    assert!(build(&db, &[]).status.success());
    let companies = |db: &Path| -> i64 {
        let conn = Connection::open(db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        conn.query_row("SELECT count(*) FROM company", [], |r| r.get(0))
            .unwrap()
    };
    let before = companies(&db);
    let mut seed: u64 = 20261201;
    for kill in 0..8 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let after_ms = 150 + (seed >> 33) % 5000;
        let corpus = corpus();
        let mut child = command(&[
            "build",
            "--source",
            corpus.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        let signal = if kill % 2 == 0 { "-TERM" } else { "-KILL" };
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        assert_eq!(
            companies(&db),
            before,
            "kill {kill} ({signal} after {after_ms} ms)"
        );
        if signal == "-TERM" && !status.success() {
            assert_eq!(status.code(), Some(130), "a stopped build says so");
            assert!(
                staging_files(&db).is_empty(),
                "SIGTERM after {after_ms} ms left {:?}",
                staging_files(&db)
            );
        }
    }
    assert!(build(&db, &[]).status.success());
    assert_eq!(companies(&db), before);
    assert!(staging_files(&db).is_empty(), "{:?}", staging_files(&db));
}
