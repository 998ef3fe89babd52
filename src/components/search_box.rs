use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};

/// A search field that searches on Enter or with its button (the server filters, so not on
/// every keystroke), and clears with Escape.
#[component]
pub fn SearchBox(
    /// The search in effect (from the URL).
    #[prop(into)]
    value: Signal<String>,
    /// Translation key of the field's accessible name and placeholder.
    label_key: Key,
    /// Called with the new search text.
    on_search: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(value.get_untracked());
    Effect::new(move |_| draft.set(value.get()));
    view! {
        <form
            class="search-box"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                on_search.run(draft.get_untracked());
            }
        >
            <input
                type="search"
                class="search-box__input"
                data-testid="search-input"
                aria-label=move || i18n.t(label_key)
                placeholder=move || i18n.t(label_key)
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Escape" && !draft.get_untracked().is_empty() {
                        draft.set(String::new());
                        on_search.run(String::new());
                    }
                }
            />
            <button type="submit" class="button" data-testid="search-submit">
                {move || i18n.t(key!("shell.search"))}
            </button>
        </form>
    }
}
