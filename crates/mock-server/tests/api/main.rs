//! The API through its router (`tower::ServiceExt::oneshot`), no sockets.

mod auth;
mod batch;
mod common;
mod customers;
mod http;
mod idempotency;
mod licenses;
mod model;
mod security;
mod subscriptions;
mod users;
