use leptos::prelude::*;

use crate::i18n::{format_number, use_i18n, Key};

/// "Saving… 200 of 1,000 users" with a progress bar (or another long action's words).
#[component]
pub fn SaveProgress(
    /// Users answered so far.
    done: usize,
    /// Users being sent.
    total: usize,
    /// The bar's accessible name.
    #[prop(default = key!("manage.saving"))]
    label: Key,
    /// The status beside it, with `{done}` and `{total}`.
    #[prop(default = key!("manage.saving_progress"))]
    text: Key,
    #[prop(default = "save-progress")] testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="save-progress" data-testid=testid>
            <progress
                max=total.to_string()
                value=done.to_string()
                aria-label=move || i18n.t(label)
            ></progress>
            <span role="status">
                {move || {
                    let lang = i18n.lang.get();
                    i18n.t_with(
                        text,
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
