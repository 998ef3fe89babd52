//! How pages load: every server read is a `LocalResource` made here, loaded with the signed-in
//! [`Client`] (so signing in as another role loads it again) and shown by its page through
//! `<Transition>` and the error panel, whose Retry refetches it. Also the reads that several
//! pages of one customer share.

use std::any::Any;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use leptos::prelude::*;
use leptos::reactive::computed::AsyncDerivedFuture;
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

/// Any read's answer, behind one type: every read shares one copy of the resource machinery
/// instead of one per answer type (they were a large share of the wasm).
#[derive(Clone)]
struct Answer(Rc<dyn Any>);

impl Answer {
    fn get<T: 'static>(&self) -> &T {
        self.0
            .downcast_ref()
            .expect("a read's answer is of its Loaded type")
    }
}

type Load = Pin<Box<dyn Future<Output = Answer>>>;

/// A server read whose answer is a `T`: a `LocalResource` of an erased answer, read back typed.
/// Like the resource it is `Copy`, awaited in `Suspend`, read with `get`/`with` and `refetch`ed.
pub struct Loaded<T> {
    resource: LocalResource<Answer>,
    answer: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: Clone + 'static> Loaded<T> {
    /// The answer (tracked), `None` while loading.
    pub fn get(&self) -> Option<T> {
        self.with(|answer| answer.cloned())
    }

    /// Reads the answer (tracked) without cloning it.
    pub fn with<R>(&self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.resource
            .with(|answer| read(answer.as_ref().map(Answer::get)))
    }

    /// Reads the answer without tracking it.
    pub fn with_untracked<R>(&self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.resource
            .with_untracked(|answer| read(answer.as_ref().map(Answer::get)))
    }
}

impl<T> Loaded<T> {
    /// Loads it again.
    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

impl<T: Clone + 'static> IntoFuture for Loaded<T> {
    type Output = T;
    type IntoFuture = LoadedFuture<T>;

    fn into_future(self) -> LoadedFuture<T> {
        LoadedFuture {
            answer: self.resource.into_future(),
            typed: PhantomData,
        }
    }
}

/// Awaiting a [`Loaded`]: the resource's own future (which `Suspend` can hold), typed on the way
/// out.
pub struct LoadedFuture<T> {
    answer: AsyncDerivedFuture<Answer>,
    typed: PhantomData<fn() -> T>,
}

impl<T: Clone + 'static> Future for LoadedFuture<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        Pin::new(&mut self.get_mut().answer)
            .poll(cx)
            .map(|answer| answer.get::<T>().clone())
    }
}

/// The one `LocalResource` constructor: not generic, so built once for every read.
fn erased_resource(load: Rc<dyn Fn(Client) -> Load>) -> LocalResource<Answer> {
    let auth = use_auth();
    LocalResource::new(move || {
        let call = auth.client().map(|client| load(client));
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

/// A read made with the signed-in client. Signed out it stays loading (and runs again once
/// signed in) instead of asking without a session.
pub fn signed_in_resource<T, Fut>(load: impl Fn(Client) -> Fut + 'static) -> Loaded<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let load = move |client| -> Load {
        let answer = load(client);
        Box::pin(async move { Answer(Rc::new(answer.await)) })
    };
    Loaded {
        resource: erased_resource(Rc::new(load)),
        answer: PhantomData,
    }
}

/// A read of one customer's data with the signed-in client.
fn customer_resource<T, Fut>(
    customer_id: &str,
    load: impl Fn(Client, String) -> Fut + 'static,
) -> Loaded<T>
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
pub fn catalogue(customer_id: &str) -> Loaded<ApiResult<Catalogue>> {
    customer_resource(customer_id, |client, id| async move {
        client
            .list_subscribed_skus(&id)
            .await
            .map(|c| Catalogue::new(c.items))
    })
}

/// What `catalogue` has loaded, empty before (or after a failure): for pages that only name
/// products. Each load is a new catalogue, so loads are not compared product by product.
pub fn loaded(catalogue: Loaded<ApiResult<Catalogue>>) -> Memo<Catalogue> {
    Memo::new_with_compare(
        move |_| catalogue.get().and_then(Result::ok).unwrap_or_default(),
        |_, _| true,
    )
}

/// The customer's products and the subscriptions that sell them, loaded together: what Buy
/// more reads and changes.
#[derive(Clone, Copy)]
pub struct Products {
    pub catalogue: Loaded<ApiResult<Catalogue>>,
    pub subscriptions: Loaded<ApiResult<Vec<Subscription>>>,
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
