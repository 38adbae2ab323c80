//! Runs `fairwatch report` on the real corpus in `../shared/data/caat`: on the database a build wrote
//! (the default) and, re-reading the corpus, with `--source`; in every format, with scope filters, a
//! researcher's CSV list and hostile names. Both ways give the same report for every window tried.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path)
}

fn fairwatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fairwatch"))
        .args(args)
        .env_remove("FAIRWATCH_SOURCE")
        .env_remove("FAIRWATCH_DB")
        // The published vendor list, as a user passes a local copy (CI has no network).
        .env("FAIRWATCH_VENDOR_LIST", shared("digitalfreedom-vendors"))
        .output()
        .expect("the binary runs")
}

/// The database built once from the corpus for every test here.
fn database() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &BUILT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("fw.sqlite");
            let corpus = shared("caat");
            let args = [
                "build",
                "--source",
                corpus.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ];
            stdout(&fairwatch(&args));
            (dir, db)
        })
        .1
}

/// `fairwatch report` on the database.
fn report(args: &[&str]) -> Output {
    let db = database().display().to_string();
    fairwatch(&[&["report", "--db", db.as_str()], args].concat())
}

/// `fairwatch report` re-reading the corpus.
fn report_from_source(args: &[&str]) -> Output {
    let corpus = shared("caat").display().to_string();
    fairwatch(&[&["report", "--source", corpus.as_str()], args].concat())
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn milipol_qatar_2012_names_hacking_team_with_its_record() {
    let out = stdout(&report(&["--fair", "milipol-qatar-2012", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["scope"]["fair_editions"], 1);
    assert_eq!(json["scope"]["level"], "group");
    let firms = json["firms"].as_array().unwrap();
    // The group is the unit: Hacking Team is listed as an entity of Memento Labs (renamed 2019).
    let ht = firms
        .iter()
        .find(|f| {
            f["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e == "HACKING TEAM")
        })
        .expect("Hacking Team's group is listed");
    assert_eq!(ht["name"], "Memento Labs");
    assert!(ht["id"].as_str().unwrap().starts_with("fg-"));
    assert_eq!(ht["confidence"], "high");
    assert_eq!(ht["headquarters"], "IT");
    assert!(ht["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "registry"));
    assert!(firms
        .iter()
        .any(|f| f["name"].as_str().unwrap().to_lowercase().contains("cleartrail")));
    let gammas = firms
        .iter()
        .filter(|f| f["name"].as_str().unwrap().to_lowercase().contains("gamma"))
        .count();
    assert_eq!(gammas, 1, "Gamma Group once, its entities beneath");
    assert_eq!(json["host_countries"][0]["key"], "QA");

    // `--level entity` keeps the legal entities apart.
    let out = stdout(&report(&[
        "--fair",
        "milipol-qatar-2012",
        "--format",
        "json",
        "--level",
        "entity",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["scope"]["level"], "entity");
    let ht = json["firms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "HACKING TEAM")
        .expect("the entity is listed");
    assert!(ht["id"].as_str().unwrap().starts_with("fw-"));
}

#[test]
fn markdown_answers_the_four_questions_for_the_study_window() {
    let out = stdout(&report(&["--from", "2000", "--to", "2021"]));
    for heading in [
        "## 1. Which firms market interception/intrusion",
        "## 2. Which market them outside their headquartered region?",
        "## 3. Which fairs and host countries",
        "## 4. Which market them to US/NATO adversaries?",
        "## Trends by year",
        "## Limits",
    ] {
        assert!(out.contains(heading), "missing {heading}");
    }
    assert!(out.contains("| Security & Policing |"), "S&P is among the fairs");
    assert!(
        !out.contains("| 1999 |") && !out.contains("| 2022 |"),
        "years outside the window"
    );
}

#[test]
fn html_and_csv_escape_hostile_names_from_a_csv_list() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("iss.csv");
    std::fs::write(
        &list,
        "name,event,year,country,category\n\
         \"<script>alert(1)</script> Interception Ltd\",ISS World Europe,2019,GB,Telephone interception;Lawful interception\n\
         \"=HYPERLINK(\"\"http://x\"\") Intercept\",ISS World Europe,2019,DE,Lawful interception;Communication monitoring\n",
    )
    .unwrap();
    let html_file = dir.path().join("r.html");
    let args = [
        "--csv",
        list.to_str().unwrap(),
        "--fair",
        "csv:iss-world-europe",
        "--format",
        "html",
        "--out",
    ];
    let mut with_out: Vec<&str> = args.to_vec();
    with_out.push(html_file.to_str().unwrap());
    let output = report_from_source(&with_out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert!(
        html.contains("Nothing to chart in scope"),
        "two headings flag low only: no high/medium firm to chart, and the report says so"
    );
    assert!(!html.contains("<script>"), "names are escaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; Interception Ltd"),
        "escaped"
    );
    assert!(
        !html.contains("http://cdn") && !html.contains("src=\"http"),
        "self-contained"
    );

    let csv = stdout(&report_from_source(&[
        "--csv",
        list.to_str().unwrap(),
        "--fair",
        "csv:iss-world-europe",
        "--format",
        "csv",
    ]));
    assert!(csv.starts_with("id,name,confidence,"));
    assert!(csv.contains("'=HYPERLINK"), "formula neutralised: {csv}");
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"));
}

#[test]
fn bad_scope_and_adversary_codes_get_clear_errors() {
    let none = report(&["--fair", "no-such-fair"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no fair edition matches"));
    let bad = report(&["--adversary", "XX"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"XX\" is not an ISO 3166 alpha-2 code"));
    let reversed = report(&["--from", "2021", "--to", "2000"]);
    assert!(!reversed.status.success());
    assert!(String::from_utf8_lossy(&reversed.stderr).contains("--from 2021 is after --to 2000"));
}

#[test]
fn the_database_and_the_corpus_give_the_same_report_for_every_window() {
    let windows: [&[&str]; 6] = [
        &[],
        &["--from", "2000", "--to", "2021"],
        &["--fair", "milipol-paris", "--fair", "milipol-qatar-2012"],
        &["--level", "entity", "--from", "2010"],
        &["--adversary", "QA", "--adversary", "IR", "--to", "2015"],
        &["--from", "2019", "--to", "2019", "--format", "md"],
    ];
    for window in windows {
        let args = [window, &["--format", "json"][..]].concat();
        let args = if window.contains(&"--format") {
            window
        } else {
            &args[..]
        };
        let stored = stdout(&report(args));
        let fresh = stdout(&report_from_source(args));
        assert!(
            stored == fresh,
            "report {args:?} differs between --db and --source"
        );
    }
}

#[test]
fn a_missing_database_says_to_build_or_read_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.sqlite");
    let out = fairwatch(&["report", "--db", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("none.sqlite") && err.contains("fairwatch build") && err.contains("--source"),
        "{err}"
    );
}
