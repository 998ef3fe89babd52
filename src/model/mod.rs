//! Plain data and the decisions made on it, kept out of the views so ordinary tests cover them
//! (the Leptos book's "Testing" advice). License rules themselves live in `crates/licensing`.

pub mod list_query;
pub mod progress;
pub mod save_results;
pub mod selection;
