//! `fairwatch serve`: the web pages and the JSON API, read-only on the database that `fairwatch build`
//! wrote. Pages are rendered on the server from templates that escape every value and work without
//! JavaScript; the API under `/api/` returns the same data with stable ids, paginated, described by an
//! OpenAPI 3 document generated from the code (`/api/openapi.json`). Secure by default: a read-only
//! connection, a strict Content-Security-Policy and the usual headers, and limits on request size,
//! URL and query length, page size and time.

mod api;
pub mod db;
pub mod limits;
mod map;
mod pages;
pub mod questions;
pub mod search;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use db::Db;
pub use search::SearchIndex;

/// What can go wrong answering a request or starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Store(#[from] fairwatch_store::StoreError),
    #[error("database query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("template: {0}")]
    Template(#[from] minijinja::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ServeError {
    /// "No firm "fg-…"." for a `what` that names nothing; the given name is cut short, as it comes
    /// from the URL.
    pub fn not_found(what: &str, given: &str) -> ServeError {
        ServeError::NotFound(format!(
            "No {what} {:?}.",
            given.chars().take(60).collect::<String>()
        ))
    }

    fn status(&self) -> StatusCode {
        match self {
            ServeError::NotFound(_) => StatusCode::NOT_FOUND,
            ServeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Errors of the API answer as JSON `{"error": ...}` with their status.
impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.to_string() });
        (self.status(), axum::Json(body)).into_response()
    }
}

/// What every handler shares.
pub(crate) struct AppState {
    pub db: Db,
    pub search: SearchIndex,
    pub templates: minijinja::Environment<'static>,
    pub pages: PageCache,
    pub world: map::World,
    pub questions: questions::Assessments,
}

/// How many bytes of rendered pages are kept: a few thousand firm pages (about 20 KB each) or a few
/// hundred answers of the four questions (up to 200 KB), whatever mix is asked.
const CACHED_BYTES: usize = 64 << 20;

/// Rendered pages by request key. The database does not change while it is served, so a page once
/// rendered stays right; the cache is emptied when it would outgrow [`CACHED_BYTES`], which bounds its
/// memory however many different pages are asked for.
#[derive(Default)]
pub(crate) struct PageCache {
    pages: std::sync::Mutex<CachedPages>,
}

#[derive(Default)]
struct CachedPages {
    by_key: std::collections::HashMap<String, axum::body::Bytes>,
    bytes: usize,
}

impl PageCache {
    pub fn get_or_render(
        &self,
        key: String,
        render: impl FnOnce() -> Result<String, ServeError>,
    ) -> Result<axum::body::Bytes, ServeError> {
        if let Some(page) = self.lock().by_key.get(&key) {
            return Ok(page.clone());
        }
        let page = axum::body::Bytes::from(render()?);
        let mut pages = self.lock();
        let size = key.len() + page.len();
        if pages.bytes + size > CACHED_BYTES {
            *pages = CachedPages::default();
        }
        if size <= CACHED_BYTES && pages.by_key.insert(key, page.clone()).is_none() {
            pages.bytes += size;
        }
        Ok(page)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CachedPages> {
        self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) type State = Arc<AppState>;

/// Runs a query on a blocking thread.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &State,
    query: impl FnOnce(&AppState) -> Result<T, ServeError> + Send + 'static,
) -> Result<T, ServeError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || query(&state))
        .await
        .map_err(|e| ServeError::Io(std::io::Error::other(e)))?
}

/// The whole application on the database at `db`.
pub fn app(path: &Path) -> Result<Router, ServeError> {
    let db = Db::open(path)?;
    let search = db.with(SearchIndex::build)?;
    let world = db.with(map::World::load)?;
    let questions = questions::Assessments::load(path)?;
    let state = Arc::new(AppState {
        db,
        search,
        templates: pages::templates(),
        pages: PageCache::default(),
        world,
        questions,
    });
    Ok(limits::secure(
        Router::new()
            .merge(pages::routes())
            .nest("/api", api::routes())
            .with_state(state),
    ))
}

/// Serves `db` on `bind` until Ctrl-C or SIGTERM; `ready` is told the address (a port of 0 picks one).
pub async fn run(db: &Path, bind: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let app = app(db)?;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_cache_never_holds_more_than_its_bytes() {
        let cache = PageCache::default();
        let page = "x".repeat(1 << 20);
        for i in 0..200 {
            let key = format!("/questions?from={i}");
            let got = cache.get_or_render(key.clone(), || Ok(page.clone())).unwrap();
            assert_eq!(got.len(), page.len());
            let again = cache.get_or_render(key, || panic!("rendered twice")).unwrap();
            assert_eq!(again.len(), page.len());
            assert!(cache.lock().bytes <= CACHED_BYTES);
        }
        let huge = cache
            .get_or_render("huge".into(), || Ok("y".repeat(CACHED_BYTES + 1)))
            .unwrap();
        assert_eq!(huge.len(), CACHED_BYTES + 1, "served, not kept");
        assert!(!cache.lock().by_key.contains_key("huge"));
    }
}
