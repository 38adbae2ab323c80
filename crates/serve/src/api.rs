//! The JSON API under `/api/`: the same data as the pages, with stable ids and pagination, and its
//! OpenAPI 3 description generated from these handlers and types (`/api/openapi.json`).

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fairwatch_report::charts::cell;
use fairwatch_report::Report;
use rusqlite::Connection;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::db::{self, CountryPage, EditionPage, Firm, FirmSummary, Overview, SeriesSummary};
use crate::limits::{self, list_params};
use crate::questions::Question;
use crate::search::Hit;
use crate::{blocking, ServeError, State};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "fairwatch API",
        description = "Surveillance vendors at arms and security fairs: firms (corporate groups) with their \
                       evidence, fairs, countries and search. Read-only; every id is stable across rebuilds.",
        license(name = "Apache-2.0")
    ),
    paths(overview, firms, firms_csv, firm, search, fairs, edition, country, questions),
    components(schemas(
        Report,
        FirmPage,
        FirmSummary,
        Firm,
        Hits,
        Hit,
        SeriesSummary,
        EditionPage,
        CountryPage,
        Overview,
        ApiError
    ))
)]
struct ApiDoc;

pub fn routes() -> Router<State> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/overview", get(overview))
        .route("/firms", get(firms))
        .route("/firms.csv", get(firms_csv))
        .route("/firms/{id}", get(firm))
        .route("/search", get(search))
        .route("/fairs", get(fairs))
        .route("/fairs/{slug}", get(edition))
        .route("/countries/{iso2}", get(country))
        .route("/questions", get(questions))
        .fallback(|| async { ServeError::NotFound("no such API route".into()) })
}

/// The error body of every 4xx and 5xx answer.
#[derive(Serialize, ToSchema)]
struct ApiError {
    error: String,
}

/// One page of firms.
#[derive(Serialize, ToSchema)]
struct FirmPage {
    total: usize,
    page: usize,
    per_page: usize,
    firms: Vec<FirmSummary>,
}

#[derive(Serialize, ToSchema)]
struct Hits {
    query: String,
    hits: Vec<Hit>,
}

async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

#[utoipa::path(get, path = "/api/overview", responses((status = 200, body = Overview)))]
async fn overview(
    axum::extract::State(state): axum::extract::State<State>,
) -> Result<Json<Overview>, ServeError> {
    Ok(Json(blocking(&state, |s| s.db.with(db::overview)).await?))
}

#[utoipa::path(
    get,
    path = "/api/firms",
    params(
        ("capability" = Option<String>, Query, description = "capability id of data/taxonomy.csv"),
        ("confidence" = Option<String>, Query, description = "high, medium or low"),
        ("rating" = Option<String>, Query, description = "rating id, e.g. irresponsible_proliferator"),
        ("hq" = Option<String>, Query, description = "headquarters, ISO 3166 alpha-2"),
        ("from" = Option<i32>, Query, description = "exhibited in this year or later"),
        ("to" = Option<i32>, Query, description = "exhibited in this year or earlier"),
        ("page" = Option<usize>, Query, description = "1-based page"),
        ("per_page" = Option<usize>, Query, description = "at most 100"),
    ),
    responses((status = 200, body = FirmPage), (status = 400, body = ApiError))
)]
async fn firms(
    axum::extract::State(state): axum::extract::State<State>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<FirmPage>, ServeError> {
    let list = list_params(&params, true)?;
    let (page, per_page) = (list.page, list.per_page);
    let (firms, total) = blocking(&state, move |s| {
        s.db.with(|c| db::firms(c, &list.filter, (page - 1) * per_page, per_page))
    })
    .await?;
    Ok(Json(FirmPage {
        total,
        page,
        per_page,
        firms,
    }))
}

#[utoipa::path(
    get,
    path = "/api/firms.csv",
    params(("page" = Option<usize>, Query), ("per_page" = Option<usize>, Query)),
    responses((status = 200, description = "the page of firms of /api/firms as CSV", content_type = "text/csv"))
)]
async fn firms_csv(
    state: axum::extract::State<State>,
    params: Query<HashMap<String, String>>,
) -> Result<Response, ServeError> {
    let Json(page) = firms(state, params).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "name",
        "kind",
        "confidence",
        "capabilities",
        "headquarters",
        "rating",
        "fairs",
    ];
    writer.write_record(header).map_err(csv_error)?;
    for f in &page.firms {
        let row = [
            f.id.clone(),
            f.name.clone(),
            f.kind.clone(),
            f.confidence.clone().unwrap_or_default(),
            f.capabilities.join(";"),
            f.headquarters.clone().unwrap_or_default(),
            f.rating.clone().unwrap_or_default(),
            f.fairs.to_string(),
        ];
        writer
            .write_record(row.iter().map(|c| cell(c)))
            .map_err(csv_error)?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| csv_error(e.into_error().into()))?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response())
}

fn csv_error(e: csv::Error) -> ServeError {
    ServeError::Io(std::io::Error::other(e))
}

#[utoipa::path(
    get,
    path = "/api/firms/{id}",
    params(("id" = String, Path, description = "group id, fg-...")),
    responses((status = 200, body = Firm), (status = 404, body = ApiError))
)]
async fn firm(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
) -> Result<Json<Firm>, ServeError> {
    let wanted = id.clone();
    blocking(&state, move |s| s.db.with(|c| db::firm(c, &wanted)))
        .await?
        .map(Json)
        .ok_or_else(|| ServeError::not_found("firm", &id))
}

#[utoipa::path(
    get,
    path = "/api/search",
    params(
        ("q" = String, Query, description = "a firm, fair or country; spelling is forgiven (at most 200 characters)"),
        ("limit" = Option<usize>, Query, description = "at most 100"),
    ),
    responses((status = 200, body = Hits), (status = 400, body = ApiError))
)]
async fn search(
    axum::extract::State(state): axum::extract::State<State>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Hits>, ServeError> {
    let query = limits::query_text(params.get("q").map(String::as_str))?;
    let limit = limits::number(
        "limit",
        params.get("limit").map(String::as_str),
        1..=limits::MAX_PAGE_SIZE as i64,
    )?
    .unwrap_or(20) as usize;
    // In memory and well under a millisecond: answered on the worker, without a thread hop.
    let hits = state.search.search(&query, limit);
    Ok(Json(Hits { query, hits }))
}

#[utoipa::path(get, path = "/api/fairs", responses((status = 200, body = Vec<SeriesSummary>)))]
async fn fairs(
    axum::extract::State(state): axum::extract::State<State>,
) -> Result<Json<Vec<SeriesSummary>>, ServeError> {
    Ok(Json(blocking(&state, |s| s.db.with(db::all_series)).await?))
}

#[utoipa::path(
    get,
    path = "/api/fairs/{slug}",
    params(("slug" = String, Path, description = "edition slug, e.g. milipol-qatar-2012")),
    responses((status = 200, body = EditionPage), (status = 404, body = ApiError))
)]
async fn edition(
    axum::extract::State(state): axum::extract::State<State>,
    Path(slug): Path<String>,
) -> Result<Json<EditionPage>, ServeError> {
    let wanted = slug.clone();
    blocking(&state, move |s| s.db.with(|c| db::edition_page(c, &wanted)))
        .await?
        .map(Json)
        .ok_or_else(|| ServeError::not_found("fair edition", &slug))
}

#[utoipa::path(
    get,
    path = "/api/countries/{iso2}",
    params(("iso2" = String, Path, description = "ISO 3166 alpha-2")),
    responses((status = 200, body = CountryPage), (status = 404, body = ApiError))
)]
async fn country(
    axum::extract::State(state): axum::extract::State<State>,
    Path(iso2): Path<String>,
) -> Result<Json<CountryPage>, ServeError> {
    let code = limits::country_code("iso2", Some(&iso2))?.unwrap_or_default();
    blocking(&state, move |s| s.db.with(|c| db::country_page(c, &code)))
        .await?
        .map(Json)
        .ok_or_else(|| ServeError::not_found("country", &iso2))
}

#[utoipa::path(
    get,
    path = "/api/questions",
    params(
        ("from" = Option<i32>, Query, description = "first year of fairs"),
        ("to" = Option<i32>, Query, description = "last year of fairs"),
        ("fairs" = Option<String>, Query, description = "fair series or edition slugs, separated by commas or spaces (at most 20)"),
        ("adversaries" = Option<String>, Query, description = "ISO 3166 alpha-2 codes separated by commas or spaces; default: data/adversaries.csv"),
        ("level" = Option<String>, Query, description = "group (default) or entity"),
    ),
    responses(
        (status = 200, body = Report, description = "the four questions of the 2021 study for this scope, as `fairwatch report --format json` gives them"),
        (status = 400, body = ApiError)
    )
)]
async fn questions(
    axum::extract::State(state): axum::extract::State<State>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Report>, ServeError> {
    let question = Question::from_params(&params)?;
    Ok(Json(
        blocking(&state, move |s| s.questions.answer(&question)).await?,
    ))
}

/// A whole table as CSV, cells guarded against spreadsheet formulas.
pub fn table_csv(conn: &Connection, table: &str) -> Result<Vec<u8>, ServeError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    db::table_rows(conn, table, |row| {
        writer
            .write_record(row.iter().map(|c| cell(c)))
            .map_err(csv_error)
    })?;
    writer.into_inner().map_err(|e| csv_error(e.into_error().into()))
}

/// A whole table as a JSON array of objects.
pub fn table_json(conn: &Connection, table: &str) -> Result<Vec<u8>, ServeError> {
    let mut columns: Vec<String> = Vec::new();
    let mut rows: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    db::table_rows(conn, table, |row| {
        if columns.is_empty() {
            columns = row.to_vec();
        } else {
            rows.push(
                columns
                    .iter()
                    .cloned()
                    .zip(row.iter().map(|v| serde_json::Value::String(v.clone())))
                    .collect(),
            );
        }
        Ok(())
    })?;
    serde_json::to_vec(&rows).map_err(|e| ServeError::Io(std::io::Error::other(e)))
}
