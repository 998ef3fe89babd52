use leptos::prelude::*;

use crate::auth::use_auth;
use crate::i18n::{role_key, use_i18n};

/// Says, when the signed-in role may not manage licenses, which roles may; nothing otherwise.
/// The server refuses such a role anyway: this only explains the disabled controls.
#[component]
pub fn RoleRefusedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let text = move || {
        let role = i18n.t(role_key(auth.role.get()));
        i18n.t_with(key!("users.manage_refused"), &[("role", role)])
    };
    move || {
        (!auth.can_manage_licenses()).then(|| {
            view! {
                <p class="notice" data-testid="manage-refused-reason">
                    {text}
                </p>
            }
        })
    }
}
