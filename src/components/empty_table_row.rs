use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};

/// The one row of a table with nothing to list, saying why.
#[component]
pub fn EmptyTableRow(
    /// Columns the row spans.
    columns: usize,
    /// What the row says.
    message: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <tr>
            <td colspan=columns class="data-table__empty">
                {move || i18n.t(message)}
            </td>
        </tr>
    }
}
