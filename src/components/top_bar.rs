use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::use_auth;
use crate::components::language_switch::LanguageSwitch;
use crate::components::menu_button::MenuButton;
use crate::components::role_picker::RolePicker;
use crate::components::theme_picker::ThemePicker;
use crate::i18n::use_i18n;

/// The dark Partner Center bar: the menu button (narrow windows), product name, language and theme
/// pickers, and the signed-in identity.
#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // The app's mock sign-in names no one (the server's stand-in name is English): the bar
    // says who is signed in in the reader's language.
    let display_name = move || {
        auth.client()
            .is_some()
            .then(|| i18n.t(key!("shell.partner_user")))
    };
    view! {
        <header class="top-bar" data-testid="top-bar">
            <div class="top-bar__start">
                <MenuButton />
                <A href="/customers" attr:class="top-bar__product" attr:data-testid="product-name">
                    <span class="top-bar__logo" aria-hidden="true"></span>
                    {move || i18n.t(key!("shell.product_name"))}
                </A>
            </div>
            <div class="top-bar__tools">
                <LanguageSwitch />
                <ThemePicker />
                <div class="top-bar__identity" data-testid="identity">
                    <span class="top-bar__user">
                        <span class="visually-hidden">
                            {move || i18n.t(key!("shell.signed_in_as"))}
                        </span>
                        <span data-testid="display-name">{display_name}</span>
                    </span>
                    <RolePicker />
                </div>
            </div>
        </header>
    }
}
