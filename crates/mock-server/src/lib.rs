//! A mock Partner Center backend: the licensing API (`/api/v1/...`) over fixture data, and
//! the built app from `dist/`, from one router.
//!
//! License rules come from the `licensing` crate, the same code the app previews with.

mod api;
mod app;
mod describe;
mod error;
mod extract;
mod fixture;
mod idempotency;
mod json;
mod license_mix;
mod openapi;
mod paging;
mod security;
mod spa;
mod state;
mod store;

pub use app::{app, served_routes, BODY_LIMIT};
pub use fixture::{
    Fixture, FixtureError, GenerateUsers, GeneratedLicenses, Product, TenantFixture, SEED_JSON,
};
pub use idempotency::{MAX_KEYS as IDEMPOTENCY_MAX_KEYS, MAX_KEY_LEN as IDEMPOTENCY_MAX_KEY_LEN};
pub use security::{content_security_policy, inline_script_hashes};
pub use state::AppState;
