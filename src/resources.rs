//! How pages load: every server read is a `LocalResource` made here, loaded with the signed-in
//! [`Client`] (so signing in as another role loads it again) and shown by its page through
//! `<Transition>` and the error panel, whose Retry refetches it. Also the reads that several
//! pages of one customer share.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use licensing::catalogue::Catalogue;
use licensing::contract::Subscription;

use crate::api::{ApiResult, Client};
use crate::auth::use_auth;
use crate::components::buy_more_dialog::BuyMoreTarget;
use crate::ready::Busy;

/// The `:customer_id` of the current route.
pub fn use_customer_id() -> String {
    use_params_map().with_untracked(|p| p.get("customer_id").unwrap_or_default())
}

/// A read made with the signed-in client. Signed out it stays loading (and runs again once
/// signed in) instead of asking without a session.
pub fn signed_in_resource<T, Fut>(load: impl Fn(Client) -> Fut + 'static) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let auth = use_auth();
    LocalResource::new(move || {
        let call = auth.client().map(&load);
        // Loading until it ends (or is dropped): the screen is not ready meanwhile.
        let busy = Busy::start();
        async move {
            let _busy = busy;
            match call {
                Some(call) => call.await,
                None => std::future::pending().await,
            }
        }
    })
}

/// A read of one customer's data with the signed-in client.
fn customer_resource<T, Fut>(
    customer_id: &str,
    load: impl Fn(Client, String) -> Fut + 'static,
) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let customer_id = customer_id.to_owned();
    signed_in_resource(move |client| load(client, customer_id.clone()))
}

/// The customer's company name, for titles and breadcrumbs; empty until loaded.
pub fn company_name(customer_id: &str) -> Signal<String> {
    let customer = customer_resource(customer_id, |client, id| async move {
        client.get_customer(&id).await
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
pub fn catalogue(customer_id: &str) -> LocalResource<ApiResult<Catalogue>> {
    customer_resource(customer_id, |client, id| async move {
        client
            .list_subscribed_skus(&id)
            .await
            .map(|c| Catalogue::new(c.items))
    })
}

/// What `catalogue` has loaded, empty before (or after a failure): for pages that only name
/// products. Each load is a new catalogue, so loads are not compared product by product.
pub fn loaded(catalogue: LocalResource<ApiResult<Catalogue>>) -> Memo<Catalogue> {
    Memo::new_with_compare(
        move |_| catalogue.get().and_then(Result::ok).unwrap_or_default(),
        |_, _| true,
    )
}

/// The customer's products and the subscriptions that sell them, loaded together: what Buy
/// more reads and changes.
#[derive(Clone, Copy)]
pub struct Products {
    pub catalogue: LocalResource<ApiResult<Catalogue>>,
    pub subscriptions: LocalResource<ApiResult<Vec<Subscription>>>,
}

impl Products {
    pub fn load(customer_id: &str) -> Products {
        Products {
            catalogue: catalogue(customer_id),
            subscriptions: customer_resource(customer_id, |client, id| async move {
                client.list_subscriptions(&id).await.map(|c| c.items)
            }),
        }
    }

    /// Loads both again: seats were bought or taken.
    pub fn refetch(self) {
        self.catalogue.refetch();
        self.subscriptions.refetch();
    }

    /// Buy more of `sku_id`, `short_by` suggested, from what is loaded now (`None` before, or
    /// when it can't be bought).
    pub fn buy_more(self, sku_id: &str, short_by: u32) -> Option<BuyMoreTarget> {
        self.catalogue.with_untracked(|skus| {
            self.subscriptions.with_untracked(|subscriptions| {
                BuyMoreTarget::for_product(
                    sku_id,
                    short_by,
                    skus.as_ref()?.as_ref().ok()?,
                    subscriptions.as_ref()?.as_ref().ok()?,
                )
            })
        })
    }
}
