//! The HTML pages: overview, search and firm list, firm, fair series and edition, country, downloads.
//! Each handler reads the database on a blocking thread and renders one template; templates escape
//! every value (minijinja's HTML auto-escaping); charts are the report's own SVG (`fairwatch_report::
//! charts`), and the stylesheet is the report's too.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use fairwatch_assess::Level;
use fairwatch_report::charts;
use minijinja::{context, Environment, Value};

use crate::db::{self, FirmFilter};
use crate::limits::{self, list_params};
use crate::map;
use crate::questions::Question;
use crate::search::HitKind;
use crate::{blocking, ServeError, State};

const TEMPLATES: [(&str, &str); 11] = [
    ("base.html", include_str!("../templates/base.html")),
    ("overview.html", include_str!("../templates/overview.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("firm.html", include_str!("../templates/firm.html")),
    ("fairs.html", include_str!("../templates/fairs.html")),
    ("series.html", include_str!("../templates/series.html")),
    ("edition.html", include_str!("../templates/edition.html")),
    ("country.html", include_str!("../templates/country.html")),
    ("downloads.html", include_str!("../templates/downloads.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("questions.html", include_str!("../templates/questions.html")),
];

pub fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES.into_iter().chain(fairwatch_report::TEMPLATES) {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env
}

pub fn routes() -> Router<State> {
    Router::new()
        .route("/", get(overview))
        .route("/search", get(search))
        .route("/firm/{id}", get(firm))
        .route("/fairs", get(fairs))
        .route("/fairs/{series}", get(series))
        .route("/fair/{slug}", get(edition))
        .route("/country/{iso2}", get(country))
        .route("/questions", get(questions))
        .route("/downloads", get(downloads))
        .route("/download/{file}", get(download))
        .route("/static/style.css", get(style))
        .fallback(not_found)
}

/// A page's failure, shown as a page with its status.
pub struct PageError(ServeError);

impl From<ServeError> for PageError {
    fn from(e: ServeError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = templates()
            .get_template("error.html")
            .and_then(|t| t.render(context! { status => status.to_string(), message => self.0.to_string() }))
            .unwrap_or_else(|_| status.to_string());
        (status, Html(body)).into_response()
    }
}

type Page = Result<Html<String>, PageError>;

fn render(state: &State, name: &str, ctx: Value) -> Page {
    let html = state.templates.get_template(name).and_then(|t| t.render(ctx));
    Ok(Html(html.map_err(ServeError::from)?))
}

async fn not_found() -> PageError {
    PageError(ServeError::NotFound("No such page.".into()))
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        fairwatch_report::STYLE,
    )
}

async fn overview(axum::extract::State(state): axum::extract::State<State>) -> Page {
    let o = blocking(&state, |s| s.db.with(db::overview)).await?;
    let by_host: HashMap<String, usize> = o
        .flagged_by_host
        .iter()
        .map(|(iso2, n)| (iso2.clone(), *n as usize))
        .collect();
    let world_map = state.world.shaded(
        &by_host,
        "Where flagged firms exhibited",
        "flagged firms exhibited there",
    );
    let years: Vec<charts::YearBar> = o
        .by_year
        .iter()
        .map(|&(year, total, part)| charts::YearBar {
            year,
            total: total as usize,
            part: part as usize,
        })
        .collect();
    let bars = |rows: &[(String, i64)], title: &str| {
        let rows: Vec<(String, usize)> = rows.iter().map(|(l, n)| (l.clone(), *n as usize)).collect();
        Value::from_safe_string(charts::bars(&rows, title))
    };
    let ctx = context! {
        year_chart => Value::from_safe_string(charts::years(
            &years,
            "High/medium-confidence firms by year",
            "high/medium-confidence firms exhibiting that year",
            "of them, at fairs in adversary states",
        )),
        capability_chart => bars(&o.by_capability, "Flagged firms by capability"),
        rating_chart => bars(&o.by_rating, "Flagged firms by rating"),
        fair_chart => bars(&o.fairs_leading, "Fair series by high/medium-confidence firms"),
        world_map => Value::from_safe_string(world_map),
        o => Value::from_serialize(&o),
    };
    render(&state, "overview.html", ctx)
}

/// The four questions for the window, fairs, adversary list and level the form asks.
async fn questions(
    axum::extract::State(state): axum::extract::State<State>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Html<axum::body::Bytes>, PageError> {
    let question = Question::from_params(&params)?;
    let key = format!("/questions?{}", question.query());
    let page = blocking(&state, move |s| {
        s.pages.get_or_render(key, || {
            let report = s.questions.answer(&question)?;
            let link_firms = question.level == Level::Group;
            let ctx = context! {
                form => context! {
                    from => question.scope.from,
                    to => question.scope.to,
                    fairs => question.scope.fairs.join(", "),
                    adversaries => question.adversaries_text(),
                    level => question.level.as_str(),
                },
                series => &s.questions.series,
                json => format!("/api/questions?{}", question.query()),
                ..fairwatch_report::context(&report, link_firms)
            };
            Ok(s.templates.get_template("questions.html")?.render(ctx)?)
        })
    })
    .await?;
    Ok(Html(page))
}

async fn search(
    axum::extract::State(state): axum::extract::State<State>,
    Query(params): Query<HashMap<String, String>>,
) -> Page {
    let q = limits::query_text(params.get("q").map(String::as_str))?;
    let list = list_params(&params, true)?;
    let (page, per_page) = (list.page, list.per_page);
    let query = q.clone();
    let filter = list.filter.clone();
    let (hits, (firms, total)) = blocking(&state, move |s| {
        let hits = s.search.search(&query, 25);
        let firms =
            s.db.with(|c| db::firms(c, &filter, (page - 1) * per_page, per_page))?;
        Ok((hits, firms))
    })
    .await?;
    let pages = total.div_ceil(per_page).max(1);
    let link = |page: usize, path: &str| -> String { format!("{path}?{}", query_string(&params, page)) };
    let hits: Vec<Value> = hits
        .iter()
        .map(|h| {
            let href = match h.kind {
                HitKind::Firm => format!("/firm/{}", h.id),
                HitKind::Series => format!("/fairs/{}", url_query(&h.id)),
                HitKind::Fair => format!("/fair/{}", h.id),
                HitKind::Country => format!("/country/{}", h.id),
            };
            context! { href, ..Value::from_serialize(h) }
        })
        .collect();
    let ctx = context! {
        q,
        hits,
        firms => Value::from_serialize(&firms),
        total,
        page,
        pages,
        prev => (page > 1).then(|| link(page - 1, "/search")),
        next => (page < pages).then(|| link(page + 1, "/search")),
        csv => link(page, "/api/firms.csv"),
        json => link(page, "/api/firms"),
        f => filter_value(&list.filter),
        capabilities => capability_options(),
        ratings => rating_options(),
    };
    render(&state, "search.html", ctx)
}

/// The request's filters with another page number.
fn query_string(params: &HashMap<String, String>, page: usize) -> String {
    let mut keys: Vec<&String> = params.keys().filter(|k| k.as_str() != "page").collect();
    keys.sort();
    let mut parts: Vec<String> = keys
        .into_iter()
        .filter(|k| !params[*k].is_empty())
        .map(|k| format!("{}={}", url_query(k), url_query(&params[k])))
        .collect();
    parts.push(format!("page={page}"));
    parts.join("&")
}

fn url_query(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn filter_value(f: &FirmFilter) -> Value {
    context! {
        capability => f.capability.clone(),
        confidence => f.confidence.clone(),
        rating => f.rating.clone(),
        headquarters => f.headquarters.clone(),
        from => f.from,
        to => f.to,
    }
}

fn capability_options() -> Vec<(String, String)> {
    fairwatch_assess::Rules::get()
        .capabilities
        .iter()
        .filter(|c| c.scope)
        .map(|c| (c.id.clone(), c.label.clone()))
        .collect()
}

fn rating_options() -> Vec<(String, String)> {
    fairwatch_assess::RatingLevel::ALL
        .into_iter()
        .map(|r| (r.id().to_owned(), r.label().to_owned()))
        .collect()
}

async fn firm(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
) -> Result<Html<axum::body::Bytes>, PageError> {
    let page = blocking(&state, move |s| {
        s.pages.get_or_render(format!("firm/{id}"), || {
            let firm =
                s.db.with(|c| db::firm(c, &id))?
                    .ok_or_else(|| ServeError::not_found("firm with id", &id))?;
            let marks: HashMap<String, map::Mark> = firm
                .markets
                .iter()
                .filter_map(|m| {
                    let mark = match (m.adversary, m.nato) {
                        (true, _) => map::Mark::Adversary,
                        (false, true) => map::Mark::Nato,
                        _ => map::Mark::Other,
                    };
                    Some((m.host.clone()?, mark))
                })
                .collect();
            let world_map = s.world.marked(&marks, "Where it exhibited");
            let template = s.templates.get_template("firm.html")?;
            Ok(template.render(context! {
                firm => Value::from_serialize(&firm),
                world_map => Value::from_safe_string(world_map),
            })?)
        })
    })
    .await?;
    Ok(Html(page))
}

async fn fairs(axum::extract::State(state): axum::extract::State<State>) -> Page {
    let series = blocking(&state, |s| s.db.with(db::all_series)).await?;
    render(
        &state,
        "fairs.html",
        context! { series => Value::from_serialize(&series) },
    )
}

async fn series(axum::extract::State(state): axum::extract::State<State>, Path(name): Path<String>) -> Page {
    let wanted = name.clone();
    let editions = blocking(&state, move |s| s.db.with(|c| db::series(c, &wanted))).await?;
    if editions.is_empty() {
        return Err(ServeError::not_found("fair series", &name).into());
    }
    render(
        &state,
        "series.html",
        context! { name, editions => Value::from_serialize(&editions) },
    )
}

async fn edition(axum::extract::State(state): axum::extract::State<State>, Path(slug): Path<String>) -> Page {
    let wanted = slug.clone();
    let page = blocking(&state, move |s| s.db.with(|c| db::edition_page(c, &wanted)))
        .await?
        .ok_or_else(|| ServeError::not_found("fair edition", &slug))?;
    render(
        &state,
        "edition.html",
        context! { p => Value::from_serialize(&page) },
    )
}

async fn country(axum::extract::State(state): axum::extract::State<State>, Path(iso2): Path<String>) -> Page {
    let code = limits::country_code("country", Some(&iso2))
        .map_err(|_| ServeError::not_found("country", &iso2))?
        .unwrap_or_default();
    let page = blocking(&state, move |s| s.db.with(|c| db::country_page(c, &code)))
        .await?
        .ok_or_else(|| ServeError::not_found("country", &iso2))?;
    render(
        &state,
        "country.html",
        context! { c => Value::from_serialize(&page) },
    )
}

async fn downloads(axum::extract::State(state): axum::extract::State<State>) -> Page {
    let tables: Vec<&str> = db::DOWNLOADS.iter().map(|(t, _)| *t).collect();
    render(&state, "downloads.html", context! { tables })
}

/// `/download/TABLE.csv` or `.json`: the whole table.
async fn download(
    axum::extract::State(state): axum::extract::State<State>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let (table, json) = limits::download_file(&file)?;
    let table = table.to_owned();
    let body = blocking(&state, move |s| {
        s.db.with(|c| {
            Ok(if json {
                crate::api::table_json(c, &table)
            } else {
                crate::api::table_csv(c, &table)
            })
        })?
    })
    .await?;
    let kind = if json {
        "application/json"
    } else {
        "text/csv; charset=utf-8"
    };
    let disposition = format!("attachment; filename=\"{}\"", file.replace('"', ""));
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
