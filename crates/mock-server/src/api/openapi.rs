use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

use crate::routes::Routes;

/// The hand-maintained description of the API; a test holds it to every route served.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

pub fn router() -> Routes {
    Routes::default().get("/v1/openapi.json", openapi_get)
}

async fn openapi_get() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
