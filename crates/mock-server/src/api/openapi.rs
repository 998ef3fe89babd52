use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::openapi::DOCUMENT_JSON;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default().routes(routes!(openapi_get))
}

/// This document: OpenAPI 3.1, generated from the contract types and the routes served.
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    security(()),
    responses((status = 200, description = "The OpenAPI document.", content_type = "application/json", body = Object))
)]
async fn openapi_get() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], DOCUMENT_JSON.clone())
}
