//! One file per screen; routes are in `app.rs`.

pub mod customers;
pub mod import;
pub mod licenses_updated;
pub mod manage_licenses;
pub mod not_found;
pub mod products;
pub mod users;
