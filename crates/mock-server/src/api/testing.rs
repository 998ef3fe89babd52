use axum::extract::State;
use axum::http::StatusCode;
use licensing::contract::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Error;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default().routes(routes!(testing_reset))
}

/// Puts every customer back as the fixture had it, so end-to-end tests start from known data.
/// Sessions stay signed in; every `Idempotency-Key` is forgotten.
#[utoipa::path(
    post,
    path = "/testing/reset",
    security(()),
    responses(
        (status = 204, description = "Every customer is as the fixture had it."),
        (status = 500, description = "Reset, but the state file could not be written (1500).", body = ApiError),
    )
)]
async fn testing_reset(State(state): State<AppState>) -> Result<StatusCode, Error> {
    state.reset().await?;
    Ok(StatusCode::NO_CONTENT)
}
