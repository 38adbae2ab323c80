//! Runs `fairwatch serve` on a database built from the real corpus and asks every page and API route,
//! with good and with bad or hostile input: every answer is a page or JSON with the right status, a
//! clear 4xx for what is wrong, never a 500, and every response carries the security headers.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path)
}

/// The server on a fresh build, and its base URL; stopped when dropped, also when a check fails.
struct Server {
    url: String,
    db: PathBuf,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fairwatch.sqlite");
        let built = Command::new(env!("CARGO_BIN_EXE_fairwatch"))
            .args(["build", "--source"])
            .arg(shared("caat"))
            .arg("--vendor-list")
            .arg(shared("digitalfreedom-vendors"))
            .arg("--db")
            .arg(&db)
            .env_remove("FAIRWATCH_DB")
            .output()
            .unwrap();
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_fairwatch"))
            .args(["serve", "--bind", "127.0.0.1:0", "--db"])
            .arg(&db)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Server {
            url,
            db,
            child,
            _dir: dir,
        }
    }
}

/// One server for every check: a build takes seconds, and the server must be stopped at the end.
#[test]
fn serve_answers_every_page_and_api_route() {
    let server = Server::start();
    let url = server.url.as_str();
    every_page_answers_with_html(url);
    search_forgives_spelling(url);
    a_firm_page_shows_entities_evidence_fairs_and_sources(url);
    lists_paginate_and_filter_and_download(url);
    the_openapi_document_describes_every_route(url);
    bad_and_hostile_input_gets_a_clear_4xx_never_a_500(url);
    the_four_questions_live_agree_with_the_report(url, &server.db);
    the_openapi_document_passes_a_validator(url);
    a_person_in_chromium_finds_a_firm_its_fair_and_its_country(url);
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The document is checked by openapi-spec-validator (PyPI) in the venv .ci/run makes.
fn the_openapi_document_passes_a_validator(url: &str) {
    let python = repo().join("target/venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run .ci/run, which makes it (python3 -m venv target/venv; pip install openapi-spec-validator)",
        python.display()
    );
    let (_, _, doc) = get(url, "/api/openapi.json");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), doc).unwrap();
    let checked = Command::new(python)
        .args(["-m", "openapi_spec_validator"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}

/// bench/browser/e2e.mjs in the system's headless Chromium: a misspelt search, the firm, one of its
/// fairs, its host country, a CSV download, and axe-core on every page (no serious or critical
/// violation). Screenshots go to target/browser/.
fn a_person_in_chromium_finds_a_firm_its_fair_and_its_country(url: &str) {
    let browser = repo().join("bench/browser");
    assert!(
        browser.join("node_modules/playwright-core").exists(),
        "bench/browser/node_modules is missing: run .ci/run, which installs it (npm ci --prefix bench/browser)"
    );
    let run = Command::new("node")
        .arg(browser.join("e2e.mjs"))
        .arg(url)
        .arg(repo().join("target/browser"))
        .output()
        .expect("node runs (.ci/run installs it)");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("browser checks passed"));
}

/// Status, content type and body of a GET.
fn get(base: &str, path: &str) -> (u16, String, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(&format!("{base}{path}"))
        .call()
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers();
    assert_eq!(
        headers
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff"),
        "{path}"
    );
    assert!(
        headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("default-src 'none'")),
        "{path}"
    );
    let kind = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (status, kind, body)
}

fn json(base: &str, path: &str) -> serde_json::Value {
    let (status, kind, body) = get(base, path);
    assert_eq!(status, 200, "{path}: {body}");
    assert!(kind.starts_with("application/json"), "{path}: {kind}");
    serde_json::from_str(&body).unwrap()
}

fn every_page_answers_with_html(url: &str) {
    for path in [
        "/",
        "/search",
        "/search?q=celebrite",
        "/search?confidence=high&capability=spyware",
        "/search?rating=irresponsible_proliferator&from=2000&to=2021",
        "/fairs",
        "/fairs/Milipol%20Qatar",
        "/fair/milipol-qatar-2012",
        "/country/QA",
        "/downloads",
        "/questions",
        "/questions?from=2000&to=2021&fairs=milipol-paris%2C+milipol-qatar-2012",
        "/questions?level=entity&adversaries=QA+IR",
    ] {
        let (status, kind, body) = get(url, path);
        assert_eq!(status, 200, "{path}");
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
        assert!(body.contains("<main>") && body.contains("</html>"), "{path}");
    }
    let (_, _, overview) = get(url, "/");
    assert!(overview.contains("<svg"), "charts on the overview");
}

fn search_forgives_spelling(url: &str) {
    for (query, firm) in [
        ("celebrite", "Cellebrite"),
        ("Q-Cyber", "NSO Group"),
        ("hacking%20team%20srl", "Memento Labs"),
    ] {
        let found = json(url, &format!("/api/search?q={query}&limit=5"));
        assert_eq!(found["hits"][0]["label"], firm, "{query}: {found}");
        assert!(found["hits"][0]["id"].as_str().unwrap().starts_with("fg-"));
        let (_, _, page) = get(url, &format!("/search?q={query}"));
        assert!(page.contains(firm), "{query}");
    }
    let countries = json(url, "/api/search?q=Qatar&limit=5");
    assert!(countries["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["kind"] == "country" && h["id"] == "QA"));
}

fn a_firm_page_shows_entities_evidence_fairs_and_sources(url: &str) {
    let hit = json(url, "/api/search?q=Gamma%20Group&limit=1");
    let id = hit["hits"][0]["id"].as_str().unwrap().to_owned();
    let firm = json(url, &format!("/api/firms/{id}"));
    assert_eq!(firm["name"], "Gamma Group");
    assert!(firm["entities"].as_array().unwrap().len() >= 3);
    assert!(firm["markets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["fair"] == "milipol-qatar-2012"));
    assert!(!firm["sources"].as_array().unwrap().is_empty());
    let (status, _, page) = get(url, &format!("/firm/{id}"));
    assert_eq!(status, 200);
    for part in [
        "FinFisher GmbH",
        "Headquarters",
        "Fairs attended",
        "Milipol Qatar 2012",
    ] {
        assert!(page.contains(part), "{part}");
    }
    // A fair edition lists it, and links to the firm.
    let (_, _, edition) = get(url, "/fair/milipol-qatar-2012");
    assert!(edition.contains(&format!("/firm/{id}")));
}

fn lists_paginate_and_filter_and_download(url: &str) {
    let page = json(url, "/api/firms?confidence=high&per_page=5&page=2");
    assert_eq!(page["per_page"], 5);
    assert_eq!(page["page"], 2);
    assert!(page["total"].as_u64().unwrap() > 5);
    assert!(page["firms"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["confidence"] == "high"));
    let (status, kind, csv) = get(url, "/api/firms.csv?confidence=high");
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"));
    assert!(csv.starts_with("id,name,kind,confidence"));
    let (status, _, csv) = get(url, "/download/assessment.csv");
    assert_eq!(status, 200);
    assert!(csv.starts_with("level,firm_id,name"));
    let rows = json(url, "/download/country.json");
    assert!(rows.as_array().unwrap().len() > 200);
    assert!(rows[0]["iso2"].is_string());
    let fairs = json(url, "/api/fairs");
    assert!(fairs.as_array().unwrap().len() > 400);
    let country = json(url, "/api/countries/QA");
    assert!(!country["fairs"].as_array().unwrap().is_empty());
}

/// The page and the API answer the four questions as `fairwatch report` does on the same database.
fn the_four_questions_live_agree_with_the_report(url: &str, db: &std::path::Path) {
    let report = Command::new(env!("CARGO_BIN_EXE_fairwatch"))
        .args([
            "report",
            "--from",
            "2000",
            "--to",
            "2021",
            "--fair",
            "milipol-paris",
        ])
        .args([
            "--adversary",
            "RU",
            "--adversary",
            "CN",
            "--format",
            "json",
            "--db",
        ])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let query = "from=2000&to=2021&fairs=milipol-paris&adversaries=ru,cn";
    assert_eq!(json(url, &format!("/api/questions?{query}")), report);
    let (status, _, page) = get(url, &format!("/questions?{query}"));
    assert_eq!(status, 200);
    let flagged = report["counts"]["flagged"].as_u64().unwrap();
    assert!(flagged > 0);
    assert!(
        page.contains(&format!(
            "Firms marketing interception&#x2f;intrusion: {flagged} (high"
        )),
        "{flagged}"
    );
    let first = report["firms"][0]["id"].as_str().unwrap();
    assert!(
        page.contains(&format!("href=\"/firm/{first}\"")),
        "firms link to their pages"
    );
    for heading in [
        "id=\"q1\"",
        "id=\"q2\"",
        "id=\"q3\"",
        "id=\"q4\"",
        "value=\"CN RU\"",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
}

fn the_openapi_document_describes_every_route(url: &str) {
    let doc = json(url, "/api/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/firms",
        "/api/firms/{id}",
        "/api/search",
        "/api/fairs",
        "/api/fairs/{slug}",
        "/api/countries/{iso2}",
        "/api/overview",
        "/api/questions",
    ] {
        assert!(paths.contains_key(path), "{path}");
    }
}

fn bad_and_hostile_input_gets_a_clear_4xx_never_a_500(url: &str) {
    let long = "a".repeat(300);
    let huge = "a".repeat(10_000);
    for (path, expected) in [
        ("/firm/fg-000000000000", 404),
        ("/api/firms/fg-000000000000", 404),
        ("/fair/no-such-fair", 404),
        ("/api/fairs/no-such-fair", 404),
        ("/fairs/No%20Such%20Series", 404),
        ("/country/XX", 404),
        ("/country/%3Cscript%3E", 404),
        ("/api/countries/QAT", 400),
        ("/nope", 404),
        ("/api/nope", 404),
        ("/download/sqlite_master.csv", 404),
        ("/download/..%2F..%2Fetc%2Fpasswd", 404),
        ("/download/assessment.xml", 404),
        ("/search?confidence=bogus", 400),
        ("/api/firms?per_page=1000", 400),
        ("/api/firms?page=0", 400),
        ("/api/firms?page=-1", 400),
        ("/api/firms?from=abc", 400),
        ("/api/firms?hq=%27%3BDROP", 400),
        ("/api/firms?capability=%27%20OR%201%3D1", 400),
        (&format!("/api/search?q={long}") as &str, 400),
        (&format!("/search?q={long}") as &str, 400),
        (&format!("/api/search?q={huge}") as &str, 414),
        ("/questions?adversaries=XX", 400),
        ("/questions?fairs=%3Cscript%3E", 400),
        ("/questions?fairs=no-such-fair", 400),
        ("/questions?level=planet", 400),
        ("/api/questions?from=1800", 400),
        ("/api/questions?to=2021&from=2030", 400),
        (&format!("/api/questions?fairs={}", "a,".repeat(21)) as &str, 400),
    ] {
        let (status, kind, body) = get(url, path);
        assert_eq!(status, expected, "{path}: {body}");
        if path.starts_with("/api/") && status != 414 {
            let error: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert!(error["error"].is_string(), "{path}");
        } else if status != 414 {
            assert!(kind.starts_with("text/html"), "{path}");
        }
    }
    // A hostile query is shown escaped, never as markup.
    let (status, _, page) = get(url, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(status, 200);
    assert!(!page.contains("<script>") && page.contains("&lt;script&gt;"));
    let empty = json(url, "/api/search?q=%00%01%E2%80%AE");
    assert!(empty["hits"].is_array());
}
