use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default().routes(routes!(health_get))
}

#[derive(Serialize, ToSchema)]
struct Health {
    /// Always `ok`.
    #[schema(pattern = "^ok$")]
    status: &'static str,
}

/// Liveness: the cheapest answer the server gives, with no sign-in, no data and no lock.
/// `make bench` measures the API's throughput against it.
#[utoipa::path(
    get,
    path = "/health",
    security(()),
    responses((status = 200, description = "The server is up.", body = Health))
)]
async fn health_get() -> Json<Health> {
    Json(Health { status: "ok" })
}
