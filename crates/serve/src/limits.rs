//! What every response carries and every request must keep to: security headers (a strict
//! Content-Security-Policy: no scripts, styles and images from this server only), a bound on the URL
//! and body size and on the time a request may take, and the parsers of query parameters and path
//! segments (public, so that `fuzz/` can drive them without a server or a database).

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::ServeError;

/// The longest URL (path and query) answered.
pub const MAX_URL_BYTES: usize = 2048;
/// The longest search query.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most items a page of a list holds.
pub const MAX_PAGE_SIZE: usize = 100;
/// The highest page number of a list.
pub const MAX_PAGE: usize = 10_000;
/// The largest request body (the server takes none).
const MAX_BODY_BYTES: usize = 16 * 1024;
/// How long a request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'none'";

/// The router with its headers and limits.
pub fn secure(router: Router) -> Router {
    let headers: [(HeaderName, &str); 6] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    let mut router = router
        .layer(middleware::from_fn(bounded_url))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ));
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

async fn bounded_url(request: Request<Body>, next: Next) -> Response {
    let length = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if length > MAX_URL_BYTES {
        return (
            StatusCode::URI_TOO_LONG,
            format!("the URL is {length} bytes; at most {MAX_URL_BYTES} are answered"),
        )
            .into_response();
    }
    next.run(request).await
}

/// A query parameter that must be one of `allowed`.
pub fn one_of(name: &str, value: Option<&str>, allowed: &[&str]) -> Result<Option<String>, ServeError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
        Some(v) => Err(ServeError::BadRequest(format!(
            "{name} must be one of {}, not {:?}",
            allowed.join(", "),
            v.chars().take(40).collect::<String>()
        ))),
    }
}

/// A whole number parameter within `range`.
pub fn number(
    name: &str,
    value: Option<&str>,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, ServeError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(ServeError::BadRequest(format!(
                "{name} must be a whole number from {} to {}",
                range.start(),
                range.end()
            ))),
        },
    }
}

/// The years `from` and `to` of a request, each from 1900 to 2100; a window whose `from` is after its
/// `to` holds no year, so it is refused rather than answered empty.
pub fn year_window(
    params: &std::collections::HashMap<String, String>,
) -> Result<(Option<i32>, Option<i32>), ServeError> {
    let year =
        |k: &str| number(k, params.get(k).map(String::as_str), 1900..=2100).map(|y| y.map(|y| y as i32));
    let (from, to) = (year("from")?, year("to")?);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(ServeError::BadRequest(format!(
                "from ({from}) is after to ({to})"
            )));
        }
    }
    Ok((from, to))
}

/// A search query: trimmed, at most [`MAX_QUERY_CHARS`].
pub fn query_text(value: Option<&str>) -> Result<String, ServeError> {
    let q = value.unwrap_or("").trim();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ServeError::BadRequest(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    Ok(q.to_owned())
}

/// An ISO 3166 alpha-2 code parameter (two ASCII letters, upper-cased).
pub fn country_code(name: &str, value: Option<&str>) -> Result<Option<String>, ServeError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Ok(Some(v.to_ascii_uppercase()))
        }
        Some(_) => Err(ServeError::BadRequest(format!(
            "{name} must be an ISO 3166 alpha-2 code"
        ))),
    }
}

/// What `/download/FILE` asks for: the table and whether as JSON (`TABLE.json`) or CSV
/// (`TABLE.csv`); any other name is not found. Whether the table may be downloaded is
/// [`crate::db::table_rows`]'s to say.
pub fn download_file(file: &str) -> Result<(&str, bool), ServeError> {
    file.rsplit_once('.')
        .filter(|(_, format)| *format == "csv" || *format == "json")
        .map(|(table, format)| (table, format == "json"))
        .ok_or_else(|| ServeError::NotFound("Downloads are TABLE.csv or TABLE.json.".into()))
}

/// The firm-list filters and page of a request, checked.
pub struct ListParams {
    pub filter: crate::db::FirmFilter,
    pub page: usize,
    pub per_page: usize,
}

/// Reads `capability`, `confidence`, `rating`, `hq`, `from`, `to` (see [`year_window`]), `page` and
/// `per_page`.
pub fn list_params(
    params: &std::collections::HashMap<String, String>,
    flagged_only: bool,
) -> Result<ListParams, ServeError> {
    let get = |k: &str| params.get(k).map(String::as_str);
    let rules = fairwatch_assess::Rules::get();
    let capabilities: Vec<&str> = rules.capabilities.iter().map(|c| c.id.as_str()).collect();
    let ratings = fairwatch_assess::RatingLevel::ALL.map(|r| r.id());
    let (from, to) = year_window(params)?;
    Ok(ListParams {
        filter: crate::db::FirmFilter {
            capability: one_of("capability", get("capability"), &capabilities)?,
            confidence: one_of("confidence", get("confidence"), &["high", "medium", "low"])?,
            rating: one_of("rating", get("rating"), &ratings)?,
            headquarters: country_code("hq", get("hq"))?,
            from,
            to,
            flagged_only,
        },
        page: number("page", get("page"), 1..=MAX_PAGE as i64)?.unwrap_or(1) as usize,
        per_page: number("per_page", get("per_page"), 1..=MAX_PAGE_SIZE as i64)?.unwrap_or(50) as usize,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> std::collections::HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_window_of_years_is_in_order_or_refused() {
        assert_eq!(
            year_window(&params(&[("from", "2000"), ("to", "2021")])).unwrap(),
            (Some(2000), Some(2021))
        );
        assert_eq!(
            year_window(&params(&[("from", "2021"), ("to", "2021")])).unwrap(),
            (Some(2021), Some(2021))
        );
        assert_eq!(
            year_window(&params(&[("to", "1950")])).unwrap(),
            (None, Some(1950))
        );
        for reversed in [
            &[("from", "2030"), ("to", "2021")][..],
            &[("from", "2001"), ("to", "2000")],
        ] {
            assert!(matches!(
                year_window(&params(reversed)),
                Err(ServeError::BadRequest(_))
            ));
            assert!(matches!(
                list_params(&params(reversed), true),
                Err(ServeError::BadRequest(_))
            ));
        }
    }
}
