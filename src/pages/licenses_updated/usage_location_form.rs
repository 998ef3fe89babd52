use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::auth::use_auth;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// Sets a user's usage location in place (PATCH user), so a retry can succeed.
#[component]
pub fn UsageLocationForm(user_id: String, customer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let value = RwSignal::new(String::new());
    let state = RwSignal::new(None::<Result<String, ApiError>>);
    let input_id = format!("location-{user_id}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = value.get_untracked().trim().to_ascii_uppercase();
        let Some(client) = auth.client_untracked() else {
            return;
        };
        let (customer_id, user_id) = (customer_id.clone(), user_id.clone());
        spawn_local(async move {
            let result = client
                .update_usage_location(&customer_id, &user_id, &code)
                .await;
            state.set(Some(result.map(|u| u.usage_location.unwrap_or(code))));
        });
    };
    view! {
        <form class="inline-form" data-testid="usage-location-form" on:submit=submit>
            <label for=input_id.clone()>{move || i18n.t(key!("updated.set_location"))}</label>
            <input
                id=input_id
                class="field__input field__input--short"
                maxlength="2"
                data-testid="usage-location-input"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <button type="submit" class="button" data-testid="usage-location-save">
                {move || i18n.t(key!("updated.set_location_button"))}
            </button>
            {move || match state.get() {
                None => ().into_any(),
                Some(Ok(code)) => {
                    view! {
                        <span class="inline-form__ok" role="status">
                            {move || {
                                i18n.t_with(
                                    key!("updated.location_set"),
                                    &[("location", code.clone())],
                                )
                            }}
                        </span>
                    }
                        .into_any()
                }
                Some(Err(error)) => {
                    view! { <ErrorPanel title_key=key!("updated.location_failed") error=error /> }
                        .into_any()
                }
            }}
        </form>
    }
}
