//! Partner Center "Users and licenses": the client-side app. `main.rs` only mounts [`app::App`];
//! everything lives here so browser tests can mount components.

// First, so that every module after it can name texts with `key!`.
#[macro_use]
pub mod i18n;
pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod download;
pub mod early;
pub mod error_text;
pub mod model;
pub mod pages;
pub mod prefs;
pub mod ready;
pub mod resources;
pub mod save;
pub mod state;
pub mod storage;
pub mod tasks;
pub mod url;
