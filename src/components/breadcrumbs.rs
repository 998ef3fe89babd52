use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{use_i18n, Key};

/// One step of the trail: a label and, except for the current page, where it leads.
#[derive(Clone)]
pub struct Crumb {
    pub label: Signal<String>,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(label: impl Into<Signal<String>>, href: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    pub fn current(label: impl Into<Signal<String>>) -> Crumb {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

/// The trail above a page title; the last crumb is the current page.
#[component]
pub fn Breadcrumbs(crumbs: Vec<Crumb>) -> impl IntoView {
    let i18n = use_i18n();
    // False while a label (the customer's name) is still loading: a screen held in its loading
    // state is complete for a screenshot tool only once its trail is.
    let labels: Vec<Signal<String>> = crumbs.iter().map(|crumb| crumb.label).collect();
    let complete = move || labels.iter().all(|label| label.with(|l| !l.is_empty()));
    view! {
        <nav
            class="breadcrumbs"
            aria-label=move || i18n.t(key!("shell.breadcrumbs_label"))
            data-testid="breadcrumbs"
            data-complete=move || complete().to_string()
        >
            <ol class="breadcrumbs__list">
                {crumbs
                    .into_iter()
                    .map(|crumb| {
                        let label = crumb.label;
                        view! {
                            <li class="breadcrumbs__item">
                                {match crumb.href {
                                    Some(href) => {
                                        view! {
                                            <A href=href attr:class="breadcrumbs__link">
                                                {move || label.get()}
                                            </A>
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <span class="breadcrumbs__current" aria-current="page">
                                                {move || label.get()}
                                            </span>
                                        }
                                            .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// Customers › company › Users and licenses, then the page's own crumb when it is deeper.
pub fn customer_trail(
    company_name: Signal<String>,
    customer_id: &str,
    current_key: Option<Key>,
) -> Vec<Crumb> {
    let i18n = use_i18n();
    let users_href = crate::url::users_page(customer_id);
    let users_label = Signal::derive(move || i18n.t(key!("users.title")));
    let mut trail = vec![
        Crumb::link(
            Signal::derive(move || i18n.t(key!("shell.nav.customers"))),
            "/customers",
        ),
        Crumb::link(company_name, users_href.clone()),
    ];
    match current_key {
        None => trail.push(Crumb::current(users_label)),
        Some(key) => {
            trail.push(Crumb::link(users_label, users_href));
            trail.push(Crumb::current(Signal::derive(move || i18n.t(key))));
        }
    }
    trail
}
