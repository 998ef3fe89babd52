//! The app's root: context providers, the shell, and every route (one place to find a screen).

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::auth::Auth;
use crate::components::app_shell::AppShell;
use crate::i18n::{self, I18n};
use crate::pages::customers::CustomersPage;
use crate::pages::import::ImportPage;
use crate::pages::licenses_updated::LicensesUpdatedPage;
use crate::pages::manage_licenses::ManageLicensesPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::products::ProductsPage;
use crate::pages::users::UsersPage;
use crate::prefs;
use crate::ready;

/// Keeps `<html data-app-ready>` in step with the screen (it follows the router's location).
#[component]
fn ReadySignal() -> impl IntoView {
    ready::track();
}

#[component]
pub fn App() -> impl IntoView {
    prefs::init_test_mode();
    prefs::init_scenario();
    let i18n = I18n {
        lang: RwSignal::new(prefs::initial_lang()),
    };
    provide_context(i18n);
    prefs::sync_document_lang(i18n);
    let theme = prefs::ThemeChoice(RwSignal::new(prefs::initial_theme()));
    provide_context(theme);
    prefs::sync_document_theme(theme);
    provide_context(Auth::start());
    // A collator is slow to build on first use: built soon after the start, not in a page's sort.
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        set_timeout(
            move || i18n::prepare_collation(lang),
            std::time::Duration::from_millis(300),
        );
    });

    view! {
        <Router>
            <ReadySignal />
            <AppShell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/customers" /> } />
                    <Route path=path!("/customers") view=CustomersPage />
                    <Route path=path!("/customers/:customer_id/users") view=UsersPage />
                    <Route
                        path=path!("/customers/:customer_id/users/manage-licenses")
                        view=ManageLicensesPage
                    />
                    <Route path=path!("/customers/:customer_id/users/import") view=ImportPage />
                    <Route
                        path=path!("/customers/:customer_id/users/licenses-updated")
                        view=LicensesUpdatedPage
                    />
                    <Route path=path!("/customers/:customer_id/products") view=ProductsPage />
                    <Route path=path!("/customers/:customer_id/products/:sku_id") view=UsersPage />
                </Routes>
            </AppShell>
        </Router>
    }
}
