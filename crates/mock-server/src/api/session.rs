use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use licensing::contract::{Session, SessionRequest};

use crate::extract::ApiJson;
use crate::routes::Routes;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::default().post("/v1/session", session_create)
}

/// The mock sign-in: any role may sign in; what it may do is decided per route.
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
