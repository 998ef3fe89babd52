//! Reactive state shared by several pages of one customer.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

use crate::model::save_results::SaveResults;
use crate::model::selection::Selection;
use crate::storage;

/// The customer's selection as a signal, read from `sessionStorage` once per page load and
/// written back on every change, so it survives reloads and moving between Users and licenses
/// and Manage licenses. Between pages it is handed over in memory: parsing 10,000 selected users
/// from storage on every page would cost each page tens of milliseconds.
pub fn customer_selection(customer_id: &str) -> RwSignal<Selection> {
    let key = Selection::storage_key(customer_id);
    let shared = SELECTIONS.with(|all| {
        all.borrow_mut()
            .entry(customer_id.to_owned())
            .or_insert_with(|| {
                // `?users=<id>,<id>` (a visual-testing tool's address) replaces the remembered one.
                let given = storage::initial_query_param("users").map(|ids| {
                    let selection = Selection::from_ids(ids.split(','));
                    storage::session_set(&key, &selection.to_json());
                    selection
                });
                ArcRwSignal::new(given.unwrap_or_else(|| {
                    storage::session_get(&key)
                        .map(|json| Selection::from_json(&json))
                        .unwrap_or_default()
                }))
            })
            .clone()
    });
    let selection = RwSignal::from(shared);
    // Written back on every change, not on arrival (10,000 users are a megabyte of JSON).
    Effect::new(move |first: Option<()>| {
        selection.with(|s| {
            if first.is_some() {
                storage::session_set(&key, &s.to_json());
            }
        })
    });
    selection
}

thread_local! {
    /// Each customer's selection, shared by the pages of this page load.
    static SELECTIONS: RefCell<HashMap<String, ArcRwSignal<Selection>>> =
        RefCell::new(HashMap::new());
    /// The last save's results per customer, handed from Manage licenses to Licenses updated
    /// in memory: 10,000 results may not fit the tab's `sessionStorage` (about 5 MB), which
    /// holds a copy for reloads when they do.
    static RESULTS: RefCell<HashMap<String, SaveResults>> = RefCell::new(HashMap::new());
}

/// Keeps a save's results for the confirmation page (and in `sessionStorage` for a reload).
pub fn store_results(customer_id: &str, results: &SaveResults) {
    RESULTS.with(|r| {
        r.borrow_mut()
            .insert(customer_id.to_owned(), results.clone())
    });
    storage::session_set(&SaveResults::storage_key(customer_id), &results.to_json());
}

/// The customer's last save results: from memory, else from a reload's `sessionStorage`.
pub fn saved_results(customer_id: &str) -> Option<SaveResults> {
    RESULTS
        .with(|r| r.borrow().get(customer_id).cloned())
        .or_else(|| {
            storage::session_get(&SaveResults::storage_key(customer_id))
                .and_then(|json| SaveResults::from_json(&json))
        })
}
