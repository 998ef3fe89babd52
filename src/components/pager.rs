use leptos::prelude::*;

use crate::i18n::{format_number, use_i18n, Key};
use crate::model::list_query::PAGE_SIZES;

/// First / Previous / Next / Last, "Page X of Y", and the page size when `on_size` is given.
#[component]
pub fn Pager(
    /// The current page, 1-based.
    #[prop(into)]
    page: Signal<u32>,
    /// How many pages there are (at least 1).
    #[prop(into)]
    page_count: Signal<u32>,
    /// Called with the page to go to.
    on_page: Callback<u32>,
    /// The current page size, shown with `on_size`.
    #[prop(optional, into)]
    size: Option<Signal<u32>>,
    /// Called with a new page size; without it no size picker shows.
    #[prop(optional)]
    on_size: Option<Callback<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let at_start = move || page.get() <= 1;
    let at_end = move || page.get() >= page_count.get();
    let button = move |key: Key, testid: &'static str, disabled: Signal<bool>, to: Signal<u32>| {
        view! {
            <button
                type="button"
                class="button"
                data-testid=testid
                disabled=move || disabled.get()
                on:click=move |_| on_page.run(to.get_untracked())
            >
                {move || i18n.t(key)}
            </button>
        }
    };
    let size_picker = size.zip(on_size).map(|(size, on_size)| {
        view! {
            <label class="pager__size">
                {move || i18n.t(key!("shell.pager.page_size"))}
                <select
                    class="select"
                    data-testid="page-size"
                    prop:value=move || size.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse() {
                            on_size.run(n);
                        }
                    }
                >
                    {PAGE_SIZES
                        .into_iter()
                        .map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> })
                        .collect_view()}
                </select>
            </label>
        }
    });
    view! {
        <nav class="pager" aria-label=move || i18n.t(key!("shell.pager.label")) data-testid="pager">
            {button(
                key!("shell.pager.first"),
                "pager-first",
                Signal::derive(at_start),
                Signal::derive(|| 1),
            )}
            {button(
                key!("shell.pager.previous"),
                "pager-previous",
                Signal::derive(at_start),
                Signal::derive(move || page.get().saturating_sub(1).max(1)),
            )}
            {button(
                key!("shell.pager.next"),
                "pager-next",
                Signal::derive(at_end),
                Signal::derive(move || (page.get() + 1).min(page_count.get())),
            )}
            {button(key!("shell.pager.last"), "pager-last", Signal::derive(at_end), page_count)}
            <span class="pager__status" data-testid="pager-status" aria-live="polite">
                {move || {
                    let lang = i18n.lang.get();
                    i18n.t_with(
                        key!("shell.pager.status"),
                        &[
                            ("page", format_number(lang, page.get() as usize)),
                            ("pages", format_number(lang, page_count.get() as usize)),
                        ],
                    )
                }}
            </span>
            {size_picker}
        </nav>
    }
}
