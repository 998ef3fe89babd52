//! The API's routes, one module per resource, merged here.

mod customers;
mod health;
mod licenses;
mod openapi;
mod session;
mod skus;
mod subscriptions;
mod summary;
mod testing;
mod users;

use crate::routes::Routes;

pub use openapi::OPENAPI_JSON;

/// Every API route, relative to `/api`.
pub fn routes() -> Routes {
    Routes::default()
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
