//! Reactive state shared by several pages of one customer.

use leptos::prelude::*;

use crate::model::selection::Selection;
use crate::storage;

/// The customer's selection as a signal, read from `sessionStorage` and written back on every
/// change, so it survives reloads and moving between Users and licenses and Manage licenses.
pub fn customer_selection(customer_id: &str) -> RwSignal<Selection> {
    let key = Selection::storage_key(customer_id);
    let selection = RwSignal::new(
        storage::session_get(&key)
            .map(|json| Selection::from_json(&json))
            .unwrap_or_default(),
    );
    Effect::new(move |_| selection.with(|s| storage::session_set(&key, &s.to_json())));
    selection
}
