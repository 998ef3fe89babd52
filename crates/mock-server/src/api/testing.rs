use axum::extract::State;
use axum::http::StatusCode;

use crate::error::Error;
use crate::routes::Routes;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::default().post("/testing/reset", testing_reset)
}

/// Puts every customer back as the fixture had it, so end-to-end tests start from known data.
/// Sessions stay signed in.
async fn testing_reset(State(state): State<AppState>) -> Result<StatusCode, Error> {
    state.reset().await?;
    Ok(StatusCode::NO_CONTENT)
}
