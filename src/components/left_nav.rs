use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::use_i18n;
use crate::url;

/// Whether the folded navigation is open (narrow windows only; see [`MenuButton`]).
///
/// [`MenuButton`]: crate::components::menu_button::MenuButton
#[derive(Clone, Copy)]
pub struct NavMenu {
    pub open: RwSignal<bool>,
}

pub fn use_nav_menu() -> NavMenu {
    expect_context::<NavMenu>()
}

/// The Partner Center menu. `A` marks the current section with `aria-current="page"`. Following a
/// link closes the folded menu.
#[component]
pub fn LeftNav() -> impl IntoView {
    let i18n = use_i18n();
    let menu = use_nav_menu();
    let location = use_location();
    // The customer whose pages are open (`/customers/{id}/...`), if any.
    let customer = Memo::new(move |_| {
        location.pathname.with(|path| {
            let rest = path.strip_prefix("/customers/")?;
            let id = rest.split('/').next().filter(|id| !id.is_empty())?;
            Some(id.to_owned())
        })
    });
    let customer = move || customer.get();
    view! {
        <nav
            id="left-nav"
            class="left-nav"
            class:left-nav--open=move || menu.open.get()
            aria-label=move || i18n.t(key!("shell.nav_label"))
            data-testid="left-nav"
            on:click=move |_| menu.open.set(false)
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
                // Inside a customer: its Users and licenses and its Products.
                {move || {
                    customer()
                        .map(|id| {
                            view! {
                                <li>
                                    <A
                                        href=url::users_page(&id)
                                        attr:class="left-nav__link left-nav__link--sub"
                                        attr:data-testid="nav-users"
                                    >
                                        {move || i18n.t(key!("users.title"))}
                                    </A>
                                </li>
                                <li>
                                    <A
                                        href=url::products_page(&id)
                                        attr:class="left-nav__link left-nav__link--sub"
                                        attr:data-testid="nav-products"
                                    >
                                        {move || i18n.t(key!("products.title"))}
                                    </A>
                                </li>
                            }
                        })
                }}
            </ul>
        </nav>
    }
}
