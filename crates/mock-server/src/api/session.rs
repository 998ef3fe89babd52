use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use licensing::contract::{ApiError, Session, SessionRequest};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::ApiJson;
use crate::openapi::ReadsJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default().routes(routes!(session_create))
}

/// The mock sign-in: any role may sign in; what it may do is decided per route.
#[utoipa::path(
    post,
    path = "/v1/session",
    request_body = SessionRequest,
    security(()),
    responses(
        (status = 201, description = "The session; send its token as `Authorization: Bearer <token>`.", body = Session),
        (status = 400, description = "An invalid body, e.g. an unknown role (1001).", body = ApiError),
        ReadsJson,
    )
)]
async fn session_create(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SessionRequest>,
) -> (StatusCode, Json<Session>) {
    let display_name = request
        .display_name
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "Partner user".to_owned());
    let session = state.create_session(request.role, display_name);
    (StatusCode::CREATED, Json(session))
}
