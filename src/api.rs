//! Every HTTP call the app makes, typed by the shared contract crate. Requests are aborted when
//! the reactive owner that started them is cleaned up (the user navigated away).

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::on_cleanup;
use licensing::contract;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::model::list_query::ListQuery;
use crate::url::with_query;

/// The API base, same origin as the app (the mock server serves both; `trunk serve` proxies).
pub const API_BASE: &str = "/api/v1";

/// Why a call failed, with what the UI needs to say so and offer the next step.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached (offline, server stopped, request aborted).
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with an error in the Partner Center format (its English
    /// `description` is for logs: the app words the error from its code, `error_text`).
    #[error("HTTP {status}, code {}", body.code)]
    Server {
        status: u16,
        body: contract::ApiError,
    },
    /// An error status without the contract's error body (a gateway's or proxy's page).
    #[error("HTTP {0}")]
    Status(u16),
    /// The server answered something that is not the contract (a proxy page, a bug).
    #[error("unexpected response: {0}")]
    Decode(String),
}

impl ApiError {
    /// The Partner Center error body, when the server sent one.
    pub fn body(&self) -> Option<&contract::ApiError> {
        match self {
            ApiError::Server { body, .. } => Some(body),
            _ => None,
        }
    }

    pub fn is_forbidden(&self) -> bool {
        matches!(self, ApiError::Server { status: 403, .. })
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Ties a request to the current reactive owner: navigating away aborts it.
fn abortable(builder: RequestBuilder) -> RequestBuilder {
    let Ok(controller) = web_sys::AbortController::new() else {
        return builder;
    };
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    builder.abort_signal(Some(&signal))
}

fn authorized(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

async fn read<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    let status = response.status();
    if (200..300).contains(&status) {
        // As bytes, not text: a megabyte of JSON is copied into wasm as it came, without being
        // turned into a JavaScript string and re-encoded on the way.
        let bytes = response
            .binary()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        return serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(e.to_string()));
    }
    match response.json::<contract::ApiError>().await {
        Ok(body) => Err(ApiError::Server { status, body }),
        Err(_) => Err(ApiError::Status(status)),
    }
}

async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    let request = request.map_err(|e| ApiError::Decode(e.to_string()))?;
    request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

async fn get<T: DeserializeOwned>(token: &str, path: &str) -> ApiResult<T> {
    let url = format!("{API_BASE}{path}");
    // A failed or unreadable early answer is asked for again, so its error is the app's own.
    // Read as bytes, like every answer (`read`): one reader of each type in the wasm, not two.
    if let Some(value) = take_early_answer(token, &url)
        .await
        .and_then(|text| serde_json::from_slice(text.as_bytes()).ok())
    {
        return Ok(value);
    }
    let builder = authorized(Request::get(&url), token);
    read(send(abortable(builder).build()).await?).await
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> ApiResult<T> {
    read(send(abortable(builder).json(body)).await?).await
}

/// Where `index.html` leaves the sign-in it starts before the app loads: `{ role, answer, text }`
/// (the answer's promise, and its text once it is in).
const EARLY_SIGN_IN: &str = "__pcSignIn";

/// The early sign-in, if `index.html` started one for `role`.
fn early_sign_in(role: contract::Role) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &EARLY_SIGN_IN.into()).ok()?;
    let for_role = early.is_object() && early_field(&early, "role")?.as_string()? == role.as_str();
    for_role.then_some(early)
}

fn early_field(early: &wasm_bindgen::JsValue, name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(early, &name.into()).ok()
}

/// Drops the early sign-in: it is used once at most.
fn forget_early_sign_in() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &EARLY_SIGN_IN.into());
    }
}

/// Where `index.html` leaves the reads it starts for the first screen once signed in: address ->
/// `{ token, answer }` (a promise of the answer's text, or of null when it failed).
const EARLY_GETS: &str = "__pcEarlyGets";

/// The answer `index.html` read for `url` with `token` while the app loaded, taken once (an
/// answer read with another token is dropped unused): the first screen's requests cost no round
/// trip after the start, and when the answer is already in the screen is drawn with its data in
/// the task that starts the app. `None` for a failed read: the app asks by itself then.
pub async fn take_early_answer(token: &str, url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let gets = early_field(&window, EARLY_GETS)?;
    let entry = early_field(&gets, url).filter(wasm_bindgen::JsValue::is_object)?;
    let _ = js_sys::Reflect::delete_property(gets.unchecked_ref::<js_sys::Object>(), &url.into());
    if early_field(&entry, "token")?.as_string()? != token {
        return None;
    }
    let answer = early_field(&entry, "answer")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()?
        .as_string()
}

/// Where `index.html` leaves a promise that settles once its early reads (sign-in, then the
/// first screen's data) are all in or failed.
const EARLY_DONE: &str = "__pcEarlyDone";

/// Waits until the page's early reads are in, at most `bound`: usually a few milliseconds when the
/// app starts, and waiting for them draws the first screen once, complete, instead of a skeleton
/// and then again (the browser laying the page out twice).
pub async fn early_reads(bound: std::time::Duration) {
    use wasm_bindgen::JsCast;
    let Some(done) = web_sys::window()
        .and_then(|window| early_field(&window, EARLY_DONE))
        .and_then(|done| done.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let done = wasm_bindgen_futures::JsFuture::from(done);
    let late = crate::tasks::sleep(bound);
    futures::pin_mut!(done, late);
    // Either way: when they are too slow, the app starts without them and follows them up.
    let _ = futures::future::select(done, late).await;
}

/// Ends the early reads once the app has started: what it asks for later is read afresh (an
/// answer from the start could be stale by then), and `index.html` starts none after this (a
/// sign-in answer later than the start is the app's to follow up).
pub fn close_early_gets() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(gets) = early_field(&window, EARLY_GETS).filter(wasm_bindgen::JsValue::is_object) {
        let _ = js_sys::Reflect::set(&gets, &"closed".into(), &true.into());
    }
    let _ = js_sys::Reflect::delete_property(&window, &EARLY_GETS.into());
}

/// The session `index.html` opened before the app loaded, if its answer is already in, was for
/// `role` and succeeded: then the app's first screen is drawn signed in, its requests leaving
/// with it (not drawn once signed out, then again). Taken once.
pub fn early_session_now(role: contract::Role) -> Option<contract::Session> {
    let text = early_field(&early_sign_in(role)?, "text")?.as_string()?;
    forget_early_sign_in();
    // As bytes, the reader `read` already has for a session (not a second one for text).
    serde_json::from_slice(text.as_bytes()).ok()
}

/// The session `index.html` started opening before the app loaded, if it was for `role` and
/// succeeded, waiting for its answer. Taken once: later sign-ins call [`create_session`].
pub async fn early_session(role: contract::Role) -> Option<contract::Session> {
    use wasm_bindgen::JsCast;
    let early = early_sign_in(role);
    forget_early_sign_in();
    let answer = early_field(&early?, "answer")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let text = wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_slice(text.as_bytes()).ok()
}

/// Mock sign-in: a session for the chosen Partner Center role.
pub async fn create_session(role: contract::Role) -> ApiResult<contract::Session> {
    let request = contract::SessionRequest {
        role,
        display_name: None,
    };
    send_json(Request::post(&format!("{API_BASE}/session")), &request).await
}

/// Query parameters of a paged list call.
fn list_params(query: &ListQuery) -> Vec<(&'static str, String)> {
    let mut params = vec![
        ("size", query.size.to_string()),
        ("page", query.page.to_string()),
    ];
    if !query.filter.is_empty() {
        params.push(("filter", query.filter.clone()));
    }
    params
}

/// One page of the partner's customers.
pub async fn list_customers(
    token: &str,
    query: &ListQuery,
) -> ApiResult<contract::Collection<contract::Customer>> {
    get(token, &with_query("/customers", &list_params(query))).await
}

/// One customer, for page titles and breadcrumbs.
pub async fn get_customer(token: &str, customer_id: &str) -> ApiResult<contract::Customer> {
    get(token, &format!("/customers/{}", encode(customer_id))).await
}

/// One page of a customer's users (each with its assigned licenses), optionally only `ids`.
pub async fn list_users(
    token: &str,
    customer_id: &str,
    query: &ListQuery,
    ids: Option<&[String]>,
) -> ApiResult<contract::Collection<contract::CustomerUser>> {
    let mut params = list_params(query);
    params.push(("sortField", "displayName".to_owned()));
    if let Some(ids) = ids {
        params.push(("ids", ids.join(",")));
    }
    let path = format!("/customers/{}/users", encode(customer_id));
    get(token, &with_query(&path, &params)).await
}

/// Percent-encodes one path segment.
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// The customer's license entitlements with seat counts, service plans and rules.
pub async fn list_subscribed_skus(
    token: &str,
    customer_id: &str,
) -> ApiResult<contract::Collection<contract::SubscribedSku>> {
    get(
        token,
        &format!("/customers/{}/subscribedskus", encode(customer_id)),
    )
    .await
}

/// Every user id matching a search, for "Select all N users": pages of 500, the server's maximum.
/// `on_progress` is told how many are fetched so far out of how many.
pub async fn list_all_matching_users(
    token: &str,
    customer_id: &str,
    filter: &str,
    on_progress: impl Fn(usize, usize),
) -> ApiResult<Vec<contract::CustomerUser>> {
    let mut query = ListQuery {
        page: 1,
        size: 500,
        filter: filter.to_owned(),
        ..ListQuery::default()
    };
    let mut users = Vec::new();
    loop {
        let page = list_users(token, customer_id, &query, None).await?;
        let total = page.total_count as usize;
        let fetched = page.items.len();
        users.extend(page.items);
        on_progress(users.len(), total);
        if fetched == 0 || users.len() >= total {
            return Ok(users);
        }
        query.page += 1;
    }
}

/// The selected users themselves (fresh licenses and usage locations), fetched 500 ids at a time
/// so the address stays short whatever the selection's size.
pub async fn list_users_by_ids(
    token: &str,
    customer_id: &str,
    ids: &[String],
) -> ApiResult<Vec<contract::CustomerUser>> {
    // The server pages at most 500 users, and 500 ids keep the address near 19 KB. The chunks
    // are asked for in parallel and each answer is read as it comes, so 10,000 users load in
    // parallel and no single task parses them all.
    const CHUNK: usize = 500;
    let query = ListQuery {
        page: 1,
        size: CHUNK as u32,
        ..ListQuery::default()
    };
    // Six in flight, as many as the browser sends at once to one host: each request is built
    // when a slot frees, so no single task builds all twenty 19 KB addresses.
    use futures::{StreamExt, TryStreamExt};
    // Building a request with a 19 KB address takes the browser several milliseconds: each is
    // built in a task of its own.
    let pages: Vec<_> = futures::stream::iter(ids.chunks(CHUNK))
        .map(|chunk| async {
            crate::tasks::next_task().await;
            list_users(token, customer_id, &query, Some(chunk)).await
        })
        .buffered(6)
        .try_collect()
        .await?;
    Ok(pages.into_iter().flat_map(|page| page.items).collect())
}

/// How many of the given users hold each product (mock extension), in one call however many.
pub async fn license_summary(
    token: &str,
    customer_id: &str,
    user_ids: Vec<String>,
) -> ApiResult<contract::LicenseSummary> {
    let path = format!(
        "{API_BASE}/customers/{}/licensesummary",
        encode(customer_id)
    );
    // Writing 10,000 ids as JSON and handing them to the browser takes a while: in a task of its
    // own, not in the one that draws the page.
    crate::tasks::next_task().await;
    let body = contract::LicenseSummaryRequest { user_ids };
    send_json(authorized(Request::post(&path), token), &body).await
}

/// The customer's subscriptions: "Buy more" raises one's quantity.
pub async fn list_subscriptions(
    token: &str,
    customer_id: &str,
) -> ApiResult<contract::Collection<contract::Subscription>> {
    get(
        token,
        &format!("/customers/{}/subscriptions", encode(customer_id)),
    )
    .await
}

/// Sets a subscription's seat count.
pub async fn update_subscription_quantity(
    token: &str,
    customer_id: &str,
    subscription_id: &str,
    quantity: u32,
) -> ApiResult<contract::Subscription> {
    let path = format!(
        "{API_BASE}/customers/{}/subscriptions/{}",
        encode(customer_id),
        encode(subscription_id)
    );
    let body = contract::SubscriptionPatch { quantity };
    send_json(authorized(Request::patch(&path), token), &body).await
}

/// Sets a user's usage location.
pub async fn update_usage_location(
    token: &str,
    customer_id: &str,
    user_id: &str,
    usage_location: &str,
) -> ApiResult<contract::CustomerUser> {
    let path = format!(
        "{API_BASE}/customers/{}/users/{}",
        encode(customer_id),
        encode(user_id)
    );
    let body = contract::UserPatch {
        usage_location: usage_location.to_owned(),
    };
    send_json(authorized(Request::patch(&path), token), &body).await
}

/// Applies many users' license updates in one call; each user succeeds or fails on its own.
/// `idempotency_key` names this very request: sent again with the same key (after a dropped
/// answer), the server answers what it did the first time instead of applying it twice.
pub async fn apply_license_updates(
    token: &str,
    customer_id: &str,
    updates: Vec<contract::UserLicenseUpdate>,
    idempotency_key: &str,
) -> ApiResult<contract::BatchLicenseUpdateResponse> {
    let path = format!(
        "{API_BASE}/customers/{}/licenseupdates",
        encode(customer_id)
    );
    let body = contract::BatchLicenseUpdateRequest { updates };
    let builder =
        authorized(Request::post(&path), token).header("Idempotency-Key", idempotency_key);
    send_json(builder, &body).await
}
