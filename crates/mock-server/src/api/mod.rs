//! The API's routes, one module per resource, merged here. Each handler is registered with the
//! path of its `#[utoipa::path]`, which is also what the OpenAPI document says.

mod customers;
mod health;
mod ids;
mod licenses;
mod openapi;
mod session;
mod skus;
mod subscriptions;
mod summary;
mod testing;
mod users;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Every API route, relative to `/api`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .merge(session::router())
        .merge(customers::router())
        .merge(users::router())
        .merge(skus::router())
        .merge(licenses::router())
        .merge(summary::router())
        .merge(subscriptions::router())
        .merge(testing::router())
        .merge(openapi::router())
        .merge(health::router())
}
