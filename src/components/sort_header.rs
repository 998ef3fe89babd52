use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};

/// Which way a column is sorted, as `aria-sort` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortState {
    None,
    Ascending,
    Descending,
}

impl SortState {
    pub fn as_str(self) -> &'static str {
        match self {
            SortState::None => "none",
            SortState::Ascending => "ascending",
            SortState::Descending => "descending",
        }
    }
}

/// A column header that sorts the table: `aria-sort` on the header, and a button (so the
/// keyboard reaches it) that sorts by the column, or turns the order round when it already does.
#[component]
pub fn SortHeader(
    /// The column's name.
    label_key: Key,
    /// `data-testid` of the button.
    testid: &'static str,
    #[prop(into)] state: Signal<SortState>,
    on_sort: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col" aria-sort=move || state.get().as_str()>
            <button
                type="button"
                class="sort-button"
                data-testid=testid
                on:click=move |_| on_sort.run(())
            >
                {move || i18n.t(label_key)}
                <span
                    class=move || {
                        format!("sort-button__arrow sort-button__arrow--{}", state.get().as_str())
                    }
                    aria-hidden="true"
                ></span>
            </button>
        </th>
    }
}
