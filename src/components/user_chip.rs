use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A selected user as a small rounded box near the top of Manage licenses; its × drops the user
/// from the selection.
#[component]
pub fn UserChip(
    /// The user's display name.
    name: String,
    /// Called when the user is dropped; no × without it.
    #[prop(optional)]
    on_remove: Option<Callback<()>>,
    /// The × shows but cannot be used yet (the page is still loading the users).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = name.clone();
    let title = name.clone();
    view! {
        <li class="user-chip" data-testid="user-chip">
            // A long name is cut with an ellipsis: the whole of it on hover.
            <span class="user-chip__name truncate" title=title>
                {name}
            </span>
            {on_remove
                .map(|remove| {
                    view! {
                        <button
                            type="button"
                            class="user-chip__remove"
                            data-testid="user-chip-remove"
                            aria-label=move || {
                                i18n.t_with(key!("manage.remove_user"), &[("name", label.clone())])
                            }
                            disabled=move || disabled.get()
                            on:click=move |_| remove.run(())
                        >
                            <span class="user-chip__x" aria-hidden="true"></span>
                        </button>
                    }
                })}
        </li>
    }
}
