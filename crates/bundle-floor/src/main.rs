//! See Cargo.toml: the framework's share of the bundle, measured with the app's own settings.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Customer {
    id: String,
    company_name: String,
}

#[derive(Clone, Debug, Deserialize)]
struct Page {
    items: Vec<Customer>,
}

async fn customers() -> Result<Vec<Customer>, String> {
    let response = gloo_net::http::Request::get("/api/v1/customers")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let page: Page = response.json().await.map_err(|e| e.to_string())?;
    Ok(page.items)
}

#[component]
fn Customers() -> impl IntoView {
    let list = LocalResource::new(customers);
    let (filter, set_filter) = signal(String::new());
    view! {
        <input on:input=move |ev| set_filter.set(event_target_value(&ev)) />
        <Transition fallback=|| "…">
            <ul>
                {move || Suspend::new(async move {
                    list.await
                        .map(|items| {
                            items
                                .into_iter()
                                .filter(|c| c.company_name.contains(&*filter.read()))
                                .map(|c| {
                                    view! {
                                        <li>
                                            <A href=format!("/customers/{}", c.id)>{c.company_name}</A>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                })}
            </ul>
        </Transition>
    }
}

#[component]
fn Customer() -> impl IntoView {
    let params = use_params_map();
    view! { <p>{move || params.read().get("id")}</p> }
}

fn main() {
    mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "not found">
                    <Route path=path!("/") view=Customers />
                    <Route path=path!("/customers/:id") view=Customer />
                </Routes>
            </Router>
        }
    })
}
