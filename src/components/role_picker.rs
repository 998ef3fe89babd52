use leptos::prelude::*;
use licensing::contract::Role;

use crate::auth::use_auth;
use crate::i18n::{role_key, use_i18n};

/// Mock sign-in: the Partner Center role the partner acts as. Roles that may not manage
/// licenses stay selectable, so their refusal can be seen and tested.
#[component]
pub fn RolePicker() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(role) = Role::ALL.iter().copied().find(|r| r.as_str() == value) {
            auth.switch_role(role);
        }
    };
    view! {
        <label class="top-bar__field" title=move || i18n.t(key!("shell.role_hint"))>
            <span class="visually-hidden">{move || i18n.t(key!("shell.role"))}</span>
            <select
                class="top-bar__select"
                data-testid="role-picker"
                prop:value=move || auth.role.get().as_str()
                on:change=on_change
            >
                {Role::ALL
                    .iter()
                    .map(|role| {
                        let key = role_key(*role);
                        view! { <option value=role.as_str()>{move || i18n.t(key)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
