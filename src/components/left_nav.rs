use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// The Partner Center menu. `A` marks the current section with `aria-current="page"`.
#[component]
pub fn LeftNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav
            class="left-nav"
            aria-label=move || i18n.t(key!("shell.nav_label"))
            data-testid="left-nav"
        >
            <ul class="left-nav__list">
                <li>
                    <A
                        href="/customers"
                        attr:class="left-nav__link"
                        attr:data-testid="nav-customers"
                    >
                        <span class="left-nav__icon" aria-hidden="true"></span>
                        {move || i18n.t(key!("shell.nav.customers"))}
                    </A>
                </li>
            </ul>
        </nav>
    }
}
