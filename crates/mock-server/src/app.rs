//! The whole server as one router: the API under `/api`, the built app everywhere else.

use std::time::Duration;

use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::error::Error;
use crate::state::AppState;
use crate::{api, faults, openapi, security, spa};

/// The API mounts under this prefix.
pub const API_PREFIX: &str = "/api";

/// Largest request body the API reads (the batch route allows more).
pub const BODY_LIMIT: usize = 1 << 20;

/// The server. Tests drive it with `tower::ServiceExt::oneshot`, `main` serves it.
///
/// Every response carries the security headers of [`security::headers`]; the CSP allows the
/// inline script(s) of the `index.html` in the state's `dist` as it is now (rebuild the app,
/// restart the server). Every request is logged at debug, every 5xx at warn ([`trace`]).
pub fn app(state: AppState) -> Router {
    let (api, _) = api::routes().split_for_parts();
    // After routing, so a fault names the route's template (`MatchedPath`).
    let api = api
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::layer,
        ))
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
    trace(router).with_state(state)
}

/// One line per request at debug (method, path, status, time); a 5xx also at warn. A 4xx is the
/// caller's mistake, answered in the API's error format: debug, like any other answer.
fn trace(router: Router<AppState>) -> Router<AppState> {
    router.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &Request| {
                tracing::debug_span!("request", method = %request.method(), path = %request.uri().path())
            })
            .on_request(())
            .on_response(|response: &Response, latency: Duration, _: &Span| {
                tracing::debug!(status = response.status().as_u16(), ?latency, "answered");
            })
            .on_failure(|failure: ServerErrorsFailureClass, latency: Duration, _: &Span| {
                tracing::warn!(%failure, ?latency, "failed");
            }),
    )
}

/// Every method and path the API serves, as its OpenAPI document lists them.
pub fn served_routes() -> Vec<(Method, String)> {
    openapi::operations()
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
