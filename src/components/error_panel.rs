use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// A failed request, said plainly, with the server's own description and a Retry. Nothing the
/// user entered lives here, so retrying never loses work.
#[component]
pub fn ErrorPanel(
    /// Translation key of the headline ("Couldn't load users").
    title_key: &'static str,
    /// What went wrong.
    error: ApiError,
    /// Called by the Retry button; no button without it.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message_key = error.message_key();
    let detail = error.body().map(|b| b.description.clone());
    view! {
        <div class="error-panel" role="alert" data-testid="error-panel">
            <p class="error-panel__title">{move || i18n.t(title_key)}</p>
            <p class="error-panel__message">{move || i18n.t(message_key)}</p>
            {detail.map(|d| view! { <p class="error-panel__detail">{d}</p> })}
            {on_retry
                .map(|retry| {
                    view! {
                        <button
                            type="button"
                            class="button button--primary"
                            data-testid="retry"
                            on:click=move |_| retry.run(())
                        >
                            {move || i18n.t("shell.retry")}
                        </button>
                    }
                })}
        </div>
    }
}
