use leptos::ev;
use leptos::prelude::*;

use crate::components::left_nav::use_nav_menu;
use crate::i18n::use_i18n;

/// Opens and closes the left navigation where the window is too narrow to show it beside the
/// page (style/main.css hides the button elsewhere). Escape closes the menu and returns here.
#[component]
pub fn MenuButton() -> impl IntoView {
    let i18n = use_i18n();
    let menu = use_nav_menu();
    let button = NodeRef::<leptos::html::Button>::new();
    let on_escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && menu.open.get_untracked() {
            menu.open.set(false);
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        }
    });
    on_cleanup(move || on_escape.remove());
    view! {
        <button
            type="button"
            class="top-bar__menu"
            data-testid="menu-button"
            node_ref=button
            aria-label=move || i18n.t(key!("shell.menu"))
            aria-expanded=move || menu.open.get().to_string()
            aria-controls="left-nav"
            on:click=move |_| menu.open.update(|open| *open = !*open)
        >
            <span class="top-bar__menu-icon" aria-hidden="true"></span>
        </button>
    }
}
