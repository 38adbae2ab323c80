//! Any query string, decoded into parameters as axum's `Query` decodes it, read by every parser the
//! web server has for what a request gives (the four questions, the firm list, search, and each value
//! also as a path segment: a country code, a download, a firm id or fair slug that names nothing):
//! a checked value or a bad request (not found for a path), never a panic. What is parsed is within
//! its documented bounds, a question written back as its query string reads as the same question,
//! and an error message cuts what it echoes short.
#![no_main]

use std::collections::HashMap;

use fairwatch_assess::{Level, RatingLevel, Rules};
use fairwatch_refdata::Countries;
use fairwatch_serve::limits::{self, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS};
use fairwatch_serve::questions::{Question, MAX_FAIRS};
use fairwatch_serve::ServeError;
use libfuzzer_sys::fuzz_target;

/// An error names the parameter and at most a short cut of its value, so it stays small however long
/// the URL (up to 2 KB) is: 40 to 60 characters, each at most 10 bytes once escaped, and the text.
const MAX_MESSAGE_BYTES: usize = 1024;

fn decode(query: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(query).into_owned().collect()
}

/// The value of an answer that is a bad request or a value.
fn or_bad_request<T>(answer: Result<T, ServeError>) -> Option<T> {
    match answer {
        Ok(value) => Some(value),
        Err(ServeError::BadRequest(message)) => {
            assert!(message.len() <= MAX_MESSAGE_BYTES, "{message:?}");
            None
        }
        Err(other) => panic!("a refusal that is not a bad request: {other:?}"),
    }
}

fn assert_not_found(answer: ServeError) {
    match answer {
        ServeError::NotFound(message) => assert!(message.len() <= MAX_MESSAGE_BYTES, "{message:?}"),
        other => panic!("not a 404: {other:?}"),
    }
}

fn assert_years(from: Option<i32>, to: Option<i32>) {
    for year in from.iter().chain(&to) {
        assert!((1900..=2100).contains(year), "{year}");
    }
    if let (Some(from), Some(to)) = (from, to) {
        assert!(from <= to, "{from} after {to}");
    }
}

fn check_question(params: &HashMap<String, String>) {
    let Some(question) = or_bad_request(Question::from_params(params)) else {
        return;
    };
    assert_years(question.scope.from, question.scope.to);
    assert!(question.scope.fairs.len() <= MAX_FAIRS);
    for fair in &question.scope.fairs {
        assert!(!fair.is_empty() && fair.len() <= 100, "{fair:?}");
        assert!(
            fair.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b':'),
            "{fair:?}"
        );
    }
    assert!(!question.adversaries.is_empty());
    for code in &question.adversaries {
        assert!(Countries::get().by_iso2(code).is_some(), "{code:?}");
    }
    let entity = params.get("level").is_some_and(|l| l == "entity");
    assert_eq!(question.level == Level::Entity, entity);
    let query = question.query();
    let again = Question::from_params(&decode(query.as_bytes()))
        .unwrap_or_else(|e| panic!("{query:?} does not read back: {e}"));
    assert_eq!(again.scope, question.scope, "{query:?}");
    assert_eq!(again.adversaries, question.adversaries, "{query:?}");
    assert_eq!(again.level, question.level, "{query:?}");
    assert_eq!(again.query(), query);
}

fn check_list(params: &HashMap<String, String>, flagged_only: bool) {
    let Some(list) = or_bad_request(limits::list_params(params, flagged_only)) else {
        return;
    };
    assert!((1..=MAX_PAGE).contains(&list.page), "{}", list.page);
    assert!((1..=MAX_PAGE_SIZE).contains(&list.per_page), "{}", list.per_page);
    let filter = &list.filter;
    assert_eq!(filter.flagged_only, flagged_only);
    if let Some(capability) = &filter.capability {
        assert!(Rules::get().capabilities.iter().any(|c| &c.id == capability));
    }
    if let Some(confidence) = &filter.confidence {
        assert!(["high", "medium", "low"].contains(&confidence.as_str()));
    }
    if let Some(rating) = &filter.rating {
        assert!(RatingLevel::ALL.iter().any(|r| r.id() == rating));
    }
    if let Some(hq) = &filter.headquarters {
        assert!(
            hq.len() == 2 && hq.bytes().all(|b| b.is_ascii_uppercase()),
            "{hq:?}"
        );
    }
    assert_years(filter.from, filter.to);
}

fn check_search(params: &HashMap<String, String>) {
    let given = params.get("q").map(String::as_str);
    match limits::query_text(given) {
        Ok(query) => {
            assert_eq!(query, given.unwrap_or("").trim());
            assert!(query.chars().count() <= MAX_QUERY_CHARS);
        }
        Err(refused) => {
            assert!(given.unwrap_or("").trim().chars().count() > MAX_QUERY_CHARS);
            or_bad_request::<()>(Err(refused));
        }
    }
    let limit = limits::number(
        "limit",
        params.get("limit").map(String::as_str),
        1..=MAX_PAGE_SIZE as i64,
    );
    if let Some(Some(limit)) = or_bad_request(limit) {
        assert!((1..=MAX_PAGE_SIZE as i64).contains(&limit));
    }
}

/// A value as the last segment of `/country/…`, `/download/…` and `/firm/…`.
fn check_path_segment(segment: &str) {
    if let Some(code) = or_bad_request(limits::country_code("iso2", Some(segment))) {
        match code {
            Some(code) => {
                assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()));
                assert!(code.eq_ignore_ascii_case(segment));
            }
            None => assert!(segment.is_empty()),
        }
    }
    match limits::download_file(segment) {
        Ok((table, json)) => {
            let format = if json { "json" } else { "csv" };
            assert_eq!(format!("{table}.{format}"), segment);
        }
        Err(refused) => assert_not_found(refused),
    }
    assert_not_found(ServeError::not_found("firm with id", segment));
}

fuzz_target!(|query: &[u8]| {
    let params = decode(query);
    check_question(&params);
    check_list(&params, true);
    check_list(&params, false);
    check_search(&params);
    for (key, value) in &params {
        check_path_segment(key);
        check_path_segment(value);
    }
});
