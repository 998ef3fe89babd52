use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use licensing::contract::ApiError;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::Error;
use crate::extract::ApiJson;
use crate::faults::{Fault, FaultRequest, Scenario};
use crate::openapi::ReadsJson;
use crate::screens::{self, Screen};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(testing_reset))
        .routes(routes!(
            testing_faults_list,
            testing_faults_create,
            testing_faults_clear
        ))
        .routes(routes!(testing_scenarios_list))
        .routes(routes!(testing_pages_list))
}

/// Puts every customer back as the fixture had it, so end-to-end tests start from known data.
/// Sessions stay signed in; every `Idempotency-Key` is forgotten; every testing fault is cleared
/// and every held request released.
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

/// A list answer: `{"items": [...]}`.
#[derive(Serialize, ToSchema)]
struct Items<T> {
    items: Vec<T>,
}

/// The faults in force, in the order they were added (the first that matches a request applies).
#[utoipa::path(
    get,
    path = "/testing/faults",
    security(()),
    responses((status = 200, description = "The faults in force.", body = Items<Fault>))
)]
async fn testing_faults_list(State(state): State<AppState>) -> Json<Items<Fault>> {
    Json(Items {
        items: state.faults().list(),
    })
}

/// Adds a fault: requests to the route (named as the OpenAPI document does) are delayed, held
/// until the faults are cleared, or answered with an error status in the API's error format.
/// Never applies to `/api/testing/*` or `/api/health`.
#[utoipa::path(
    post,
    path = "/testing/faults",
    security(()),
    request_body = FaultRequest,
    responses(
        (status = 201, description = "The fault, now in force.", body = Fault),
        (status = 400, description = "An invalid body: unknown route, a testing route, a status outside 400-599, a delay over 30,000 ms, `times` 0, or nothing to do (1001).", body = ApiError),
        ReadsJson,
    )
)]
async fn testing_faults_create(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<FaultRequest>,
) -> Result<(StatusCode, Json<Fault>), Error> {
    let fault = state.faults().add(request, &crate::app::served_routes())?;
    Ok((StatusCode::CREATED, Json(fault)))
}

/// Clears every fault and releases every held request (theirs and scenarios').
#[utoipa::path(
    delete,
    path = "/testing/faults",
    security(()),
    responses((status = 204, description = "No fault is in force; held requests go on."))
)]
async fn testing_faults_clear(State(state): State<AppState>) -> StatusCode {
    state.faults().clear();
    StatusCode::NO_CONTENT
}

/// The named scenarios a request can run under (`X-Scenario: <name>`; the app sends it for
/// every request when opened with `?scenario=<name>`). A scenario changes only the requests that
/// name it, so tools running side by side don't disturb each other.
#[utoipa::path(
    get,
    path = "/testing/scenarios",
    security(()),
    responses((status = 200, description = "Every scenario and what it does.", body = Items<Scenario>))
)]
async fn testing_scenarios_list() -> Json<Items<Scenario>> {
    Json(Items {
        items: crate::faults::scenarios(),
    })
}

/// Every screen state worth capturing, each reachable from its address alone (against the
/// built-in seed), with the viewport, language, theme and scenario it needs and the selector
/// that says it is complete.
#[utoipa::path(
    get,
    path = "/testing/pages",
    security(()),
    responses((status = 200, description = "The catalogue of screens.", body = Items<Screen>))
)]
async fn testing_pages_list() -> Json<Items<Screen>> {
    Json(Items {
        items: screens::catalogue(),
    })
}
