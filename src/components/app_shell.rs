use leptos::prelude::*;

use crate::auth::{use_auth, Session};
use crate::components::error_panel::ErrorPanel;
use crate::components::left_nav::{LeftNav, NavMenu};
use crate::components::top_bar::TopBar;
use crate::i18n::use_i18n;

/// The Partner Center frame: top bar, left navigation and the main area. Pages render only once
/// the mock sign-in has a session, so none of them has to handle "no token yet".
#[component]
pub fn AppShell(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let signed_in = move || auth.session.with(|s| matches!(s, Session::SignedIn(_)));
    let menu = NavMenu {
        open: RwSignal::new(false),
    };
    provide_context(menu);
    // The folded menu lies over the page: a click on the page closes it, as it would a popup.
    let close_menu = move |_| {
        if menu.open.get_untracked() {
            menu.open.set(false);
        }
    };
    view! {
        <a class="skip-link" href="#main">
            {move || i18n.t(key!("shell.skip_to_content"))}
        </a>
        <TopBar />
        <div class="shell">
            <LeftNav />
            <main
                id="main"
                class="shell__main"
                tabindex="-1"
                data-testid="main"
                on:click=close_menu
            >
                <Show
                    when=signed_in
                    fallback=move || {
                        view! {
                            {move || match auth.session.get() {
                                Session::Failed(err) => {
                                    view! {
                                        <ErrorPanel
                                            title_key=key!("shell.sign_in_failed")
                                            error=err
                                            on_retry=Callback::new(move |_| auth.sign_in())
                                        />
                                    }
                                        .into_any()
                                }
                                Session::SigningIn | Session::SignedIn(_) => {
                                    view! {
                                        <p class="shell__status" role="status">
                                            {move || i18n.t(key!("shell.signing_in"))}
                                        </p>
                                    }
                                        .into_any()
                                }
                            }}
                        }
                    }
                >
                    {children()}
                </Show>
            </main>
        </div>
    }
}
