//! The whole server as one router: the API under `/api`, the built app everywhere else.

use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::Error;
use crate::routes::API_PREFIX;
use crate::state::AppState;
use crate::{api, security, spa};

/// Largest request body the API reads (the batch route allows more).
pub const BODY_LIMIT: usize = 1 << 20;

/// The server. Tests drive it with `tower::ServiceExt::oneshot`, `main` serves it.
///
/// Every response carries the security headers of [`security::headers`]; the CSP allows the
/// inline script(s) of the `index.html` in the state's `dist` as it is now (rebuild the app,
/// restart the server).
pub fn app(state: AppState) -> Router {
    let api = api::routes()
        .into_router()
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    let index_html = std::fs::read_to_string(state.dist().join("index.html")).ok();
    let mut router = Router::new()
        .nest(API_PREFIX, api)
        .fallback(not_routed)
        // Fastest: at brotli's default level, compressing 10,000 users' JSON cost the server more
        // time than sending it uncompressed over loopback; level 1 still shrinks it ~8x.
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Fastest),
        );
    for (name, value) in security::headers(index_html.as_deref()) {
        router = router.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    router.with_state(state)
}

/// Every method and path the API serves, for the OpenAPI test.
pub fn served_routes() -> Vec<(Method, String)> {
    api::routes().served()
}

/// Anything no route took: under `/api` a JSON 404 (a client must never get the app's
/// `index.html` as an API answer), elsewhere the built app. The nested API router has no
/// fallback of its own, so this one decides for `/api`, `/api/` and `/api/...` alike.
async fn not_routed(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    request: Request,
) -> Response {
    let path = uri.path();
    let under_api = path
        .strip_prefix(API_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    if under_api {
        Error::RouteNotFound(path.to_owned()).into_response()
    } else {
        spa::app_files(state.dist(), request).await
    }
}

async fn api_method_not_allowed() -> Error {
    Error::MethodNotAllowed
}
