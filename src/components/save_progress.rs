use leptos::prelude::*;

use crate::i18n::{format_number, use_i18n};

/// "Saving… 200 of 1,000 users" with a progress bar.
#[component]
pub fn SaveProgress(
    /// Users answered so far.
    done: usize,
    /// Users being sent.
    total: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="save-progress" data-testid="save-progress">
            <progress
                max=total.to_string()
                value=done.to_string()
                aria-label=move || i18n.t(key!("manage.saving"))
            ></progress>
            <span role="status">
                {move || {
                    let lang = i18n.lang.get();
                    i18n.t_with(
                        key!("manage.saving_progress"),
                        &[
                            ("done", format_number(lang, done)),
                            ("total", format_number(lang, total)),
                        ],
                    )
                }}
            </span>
        </div>
    }
}
