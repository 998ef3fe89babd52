use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::use_i18n;

/// Any address no route matches.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let path = use_location().pathname;
    view! {
        <section class="page" data-testid="not-found">
            <h1 class="page__title">{move || i18n.t(key!("shell.not_found.title"))}</h1>
            <p>{move || i18n.t_with(key!("shell.not_found.body"), &[("path", path.get())])}</p>
            <A href="/customers" attr:class="button button--primary">
                {move || i18n.t(key!("shell.not_found.back"))}
            </A>
        </section>
    }
}
