use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// "Manage licenses": a link once users are selected and the role may manage licenses; otherwise
/// a disabled control whose reason is said beside it.
#[component]
pub fn ManageLicensesLink(
    href: String,
    selected_count: Signal<usize>,
    can_manage: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        if can_manage.get() && selected_count.get() > 0 {
            view! {
                <A
                    href=href.clone()
                    attr:class="command-bar__link"
                    attr:data-testid="manage-licenses-link"
                >
                    {move || i18n.t(key!("users.manage_licenses"))}
                </A>
            }
            .into_any()
        } else {
            let reason = if can_manage.get() {
                key!("users.manage_needs_selection")
            } else {
                key!("users.manage_not_allowed")
            };
            view! {
                <button
                    type="button"
                    class="command-bar__link"
                    data-testid="manage-licenses-link"
                    disabled=true
                    aria-describedby="manage-licenses-reason"
                >
                    {move || i18n.t(key!("users.manage_licenses"))}
                </button>
                <span id="manage-licenses-reason" class="visually-hidden">
                    {move || i18n.t(reason)}
                </span>
            }
            .into_any()
        }
    }
}
