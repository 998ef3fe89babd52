use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

use crate::routes::Routes;

pub fn router() -> Routes {
    Routes::default().get("/health", health_get)
}

/// The cheapest answer the server gives: no sign-in, no store, no lock. `make bench` measures
/// the API's throughput against it.
async fn health_get() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], r#"{"status":"ok"}"#)
}
