//! Every HTTP call the app makes, typed by the shared contract crate. Requests are aborted when
//! the reactive owner that started them is cleaned up (the user navigated away). Every call but
//! the sign-in is a method of [`Client`], which only exists for an open session.

use gloo_net::http::{Request, RequestBuilder};
use licensing::contract;
use licensing::user_filter::UserFilter;
use serde::de::DeserializeOwned;

use std::sync::Arc;

use crate::early::take_early_answer;
use crate::model::list_query::ListQuery;
use crate::ready::Busy;
use crate::url::with_query;

/// The API base, same origin as the app (the mock server serves both; `trunk serve` proxies).
pub const API_BASE: &str = "/api/v1";

mod transport;

use self::transport::{abortable, decode, send, send_json};
pub use self::transport::{ApiError, ApiResult};

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

/// Query parameters of a page of users: paging, search, order and filters.
fn user_list_params(query: &ListQuery) -> Vec<(&'static str, String)> {
    let mut params = list_params(query);
    params.push(("sortField", query.sort.field.as_str().to_owned()));
    if query.sort.descending {
        params.push(("sortDirection", "descending".to_owned()));
    }
    params.extend(query.narrow.to_params());
    params
}

/// Percent-encodes one path segment.
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// The signed-in partner's way to the API: each call carries the session's token. There is no
/// client without a session, so no request ever leaves with an empty token.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    session: Arc<contract::Session>,
}

impl Client {
    pub fn new(session: contract::Session) -> Client {
        Client {
            session: Arc::new(session),
        }
    }

    pub fn session(&self) -> &contract::Session {
        &self.session
    }

    fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        builder.header("Authorization", &format!("Bearer {}", self.session.token))
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ApiResult<T> {
        let url = format!("{API_BASE}{path}");
        let _in_flight = Busy::start();
        // A failed or unreadable early answer is asked for again, so its error is the app's own.
        // (Under a testing scenario `index.html` reads nothing early.)
        if let Some(text) = take_early_answer(&self.session.token, &url).await {
            if let Ok(value) = serde_json::from_slice(text.as_bytes()) {
                return Ok(value);
            }
        }
        decode(&self.fetch(&url).await?)
    }

    /// A GET's answer bytes (not generic, like `read`).
    async fn fetch(&self, url: &str) -> ApiResult<Vec<u8>> {
        let builder = self.authorized(Request::get(url));
        send(abortable(builder).build()).await
    }

    /// One page of the partner's customers.
    pub async fn list_customers(
        &self,
        query: &ListQuery,
    ) -> ApiResult<contract::Collection<contract::Customer>> {
        self.get(&with_query("/customers", &list_params(query)))
            .await
    }

    /// One customer, for page titles and breadcrumbs.
    pub async fn get_customer(&self, customer_id: &str) -> ApiResult<contract::Customer> {
        self.get(&format!("/customers/{}", encode(customer_id)))
            .await
    }

    /// One page of a customer's users (each with its assigned licenses), optionally only `ids`.
    pub async fn list_users(
        &self,
        customer_id: &str,
        query: &ListQuery,
        ids: Option<&[String]>,
    ) -> ApiResult<contract::Collection<contract::CustomerUser>> {
        let mut params = user_list_params(query);
        if let Some(ids) = ids {
            params.push(("ids", ids.join(",")));
        }
        let path = format!("/customers/{}/users", encode(customer_id));
        self.get(&with_query(&path, &params)).await
    }

    /// One page of the users holding a product (the reverse look-up), searched, filtered, sorted
    /// and paged as the users list is.
    pub async fn list_sku_holders(
        &self,
        customer_id: &str,
        sku_id: &str,
        query: &ListQuery,
    ) -> ApiResult<contract::Collection<contract::CustomerUser>> {
        let path = format!(
            "/customers/{}/subscribedskus/{}/users",
            encode(customer_id),
            encode(sku_id)
        );
        self.get(&with_query(&path, &user_list_params(query))).await
    }

    /// The customer's license entitlements with seat counts, service plans and rules.
    pub async fn list_subscribed_skus(
        &self,
        customer_id: &str,
    ) -> ApiResult<contract::Collection<contract::SubscribedSku>> {
        self.get(&format!(
            "/customers/{}/subscribedskus",
            encode(customer_id)
        ))
        .await
    }

    /// Every user matching a search and filters, for "Select all N users": pages of 500, the
    /// server's maximum. `on_progress` is told how many are fetched so far out of how many.
    /// With `holding`, only the holders of that product (through the reverse look-up).
    pub async fn list_all_matching_users(
        &self,
        customer_id: &str,
        holding: Option<&str>,
        filter: &str,
        narrow: &UserFilter,
        on_progress: &dyn Fn(usize, usize),
    ) -> ApiResult<Vec<contract::CustomerUser>> {
        let mut query = ListQuery {
            page: 1,
            size: 500,
            filter: filter.to_owned(),
            narrow: narrow.clone(),
            ..ListQuery::default()
        };
        let mut users = Vec::new();
        loop {
            let page = match holding {
                Some(sku_id) => self.list_sku_holders(customer_id, sku_id, &query).await?,
                None => self.list_users(customer_id, &query, None).await?,
            };
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
        &self,
        customer_id: &str,
        ids: &[String],
    ) -> ApiResult<Vec<contract::CustomerUser>> {
        // The server's largest page; 500 ids keep the address short enough for any proxy.
        const CHUNK: usize = 500;
        let query = ListQuery {
            page: 1,
            size: CHUNK as u32,
            ..ListQuery::default()
        };
        use futures::{StreamExt, TryStreamExt};
        // As many in flight as the browser sends to one host, each built in a task of its own so
        // no single task builds (or parses) them all.
        let pages: Vec<_> = futures::stream::iter(ids.chunks(CHUNK))
            .map(|chunk| async {
                crate::tasks::next_task().await;
                self.list_users(customer_id, &query, Some(chunk)).await
            })
            .buffered(6)
            .try_collect()
            .await?;
        Ok(pages.into_iter().flat_map(|page| page.items).collect())
    }

    /// How many of the given users hold each product (mock extension), in one call however many.
    pub async fn license_summary(
        &self,
        customer_id: &str,
        user_ids: Vec<String>,
    ) -> ApiResult<contract::LicenseSummary> {
        let path = format!(
            "{API_BASE}/customers/{}/licensesummary",
            encode(customer_id)
        );
        // Writing thousands of ids as JSON gets a task of its own, not the one drawing the page.
        crate::tasks::next_task().await;
        let body = contract::LicenseSummaryRequest { user_ids };
        send_json(self.authorized(Request::post(&path)), &body).await
    }

    /// How many of the users a filter finds hold each product (mock extension): the seats the
    /// Reclaimable preset would give back.
    pub async fn filtered_license_summary(
        &self,
        customer_id: &str,
        filter: &str,
        narrow: &UserFilter,
    ) -> ApiResult<contract::LicenseSummary> {
        let mut params = narrow.to_params();
        if !filter.is_empty() {
            params.push(("filter", filter.to_owned()));
        }
        let path = format!("/customers/{}/licensesummary", encode(customer_id));
        self.get(&with_query(&path, &params)).await
    }

    /// The customer's subscriptions: "Buy more" raises one's quantity.
    pub async fn list_subscriptions(
        &self,
        customer_id: &str,
    ) -> ApiResult<contract::Collection<contract::Subscription>> {
        self.get(&format!("/customers/{}/subscriptions", encode(customer_id)))
            .await
    }

    /// Sets a subscription's seat count.
    pub async fn update_subscription_quantity(
        &self,
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
        send_json(self.authorized(Request::patch(&path)), &body).await
    }

    /// Sets a user's usage location.
    pub async fn update_usage_location(
        &self,
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
        send_json(self.authorized(Request::patch(&path)), &body).await
    }

    /// Applies many users' license updates in one call; each user succeeds or fails on its own.
    /// `idempotency_key` names this very request: sent again with the same key (after a dropped
    /// answer), the server answers what it did the first time instead of applying it twice.
    /// A `dry_run` (mock extension) is answered exactly as the save would be and applies nothing.
    pub async fn apply_license_updates(
        &self,
        customer_id: &str,
        updates: Vec<contract::UserLicenseUpdate>,
        idempotency_key: &str,
        dry_run: bool,
    ) -> ApiResult<contract::BatchLicenseUpdateResponse> {
        let path = format!(
            "{API_BASE}/customers/{}/licenseupdates{}",
            encode(customer_id),
            if dry_run { "?dryRun=true" } else { "" }
        );
        let body = contract::BatchLicenseUpdateRequest { updates };
        let builder = self
            .authorized(Request::post(&path))
            .header("Idempotency-Key", idempotency_key);
        send_json(builder, &body).await
    }
}
