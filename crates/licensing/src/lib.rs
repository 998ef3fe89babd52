//! The Partner Center licensing contract and the rules that decide license outcomes.
//!
//! [`contract`] holds the API types; [`catalogue`] the customer's products by id; [`rules`] the
//! pure functions the mock server applies and the UI previews with, so both sides always agree;
//! [`locations`] the valid usage locations; [`user_filter`] sign-in activity and the filters of a
//! user list; [`right_sizing`] how many seats a subscription could drop, and by when; [`csv`]
//! files in and out; [`export`] the rows and names of exported files; [`import`] a file of license
//! changes checked and previewed.

pub mod catalogue;
pub mod contract;
pub mod csv;
pub mod export;
pub mod import;
pub mod locations;
pub mod right_sizing;
pub mod rules;
pub mod user_filter;
