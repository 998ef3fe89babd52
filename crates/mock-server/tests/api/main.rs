//! The API through its router (`tower::ServiceExt::oneshot`); `race` alone serves it on a
//! real socket.

mod auth;
mod bad_input;
mod batch;
mod common;
mod customers;
mod dry_run;
mod faults;
mod holders;
mod http;
mod idempotency;
mod licenses;
mod model;
mod openapi;
mod race;
mod security;
mod subscriptions;
mod summary;
mod undo;
mod user_filters;
mod users;
