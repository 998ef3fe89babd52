//! Data that several pages of one customer load alike. Each is a `LocalResource` that reads the
//! session's token, so signing in as another role refetches it.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use licensing::contract::{SubscribedSku, Subscription};

use crate::api::{self, ApiResult};
use crate::auth::use_auth;

/// The `:customer_id` of the current route.
pub fn use_customer_id() -> String {
    use_params_map().with_untracked(|p| p.get("customer_id").unwrap_or_default())
}

/// A resource loaded with the session's token and the customer's id.
fn customer_resource<T, Fut>(
    customer_id: &str,
    load: impl Fn(String, String) -> Fut + 'static,
) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let auth = use_auth();
    let customer_id = customer_id.to_owned();
    LocalResource::new(move || {
        let token = auth.token();
        let customer_id = customer_id.clone();
        let load = &load;
        let call = token.map(|token| load(token, customer_id));
        async move {
            match call {
                Some(call) => call.await,
                None => std::future::pending().await,
            }
        }
    })
}

/// The session's token, once signed in: a resource read before that stays loading (its fetcher
/// runs again when the token arrives) instead of calling the API without one and flashing a
/// sign-in error.
pub async fn signed_in(token: Option<String>) -> String {
    match token {
        Some(token) => token,
        None => std::future::pending().await,
    }
}

/// The customer's company name, for titles and breadcrumbs; empty until loaded.
pub fn company_name(customer_id: &str) -> Signal<String> {
    let customer = customer_resource(customer_id, |token, id| async move {
        api::get_customer(&token, &id).await
    });
    Signal::derive(move || {
        customer
            .get()
            .and_then(Result::ok)
            .map(|c| c.company_profile.company_name)
            .unwrap_or_default()
    })
}

/// The customer's products with seat counts, plans and rules.
pub fn subscribed_skus(customer_id: &str) -> LocalResource<ApiResult<Vec<SubscribedSku>>> {
    customer_resource(customer_id, |token, id| async move {
        api::list_subscribed_skus(&token, &id)
            .await
            .map(|c| c.items)
    })
}

/// The customer's subscriptions (what Buy more raises).
pub fn subscriptions(customer_id: &str) -> LocalResource<ApiResult<Vec<Subscription>>> {
    customer_resource(customer_id, |token, id| async move {
        api::list_subscriptions(&token, &id).await.map(|c| c.items)
    })
}
