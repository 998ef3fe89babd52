use leptos::prelude::*;
use licensing::catalogue::Catalogue;

use crate::api::ApiError;
use crate::error_text;
use crate::i18n::{use_i18n, Key};

/// A failed request, said plainly in the reader's language (from the error's code, never the
/// server's English description), with a Retry. Nothing the user entered lives here, so
/// retrying never loses work.
#[component]
pub fn ErrorPanel(
    /// The headline ("Couldn't load users").
    title_key: Key,
    /// What went wrong.
    error: ApiError,
    /// Called by the Retry button; no button without it.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-panel" role="alert" data-testid="error-panel">
            <p class="error-panel__title">{move || i18n.t(title_key)}</p>
            <p class="error-panel__message">
                {move || error_text::api_error(&i18n, &error, &Catalogue::default())}
            </p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button
                            type="button"
                            class="button button--primary"
                            data-testid="retry"
                            on:click=move |_| retry.run(())
                        >
                            {move || i18n.t(key!("shell.retry"))}
                        </button>
                    }
                })}
        </div>
    }
}
