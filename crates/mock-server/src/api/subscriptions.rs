use axum::extract::State;
use axum::Json;
use licensing::contract::{ApiError, Collection, Subscription, SubscriptionPatch};
use licensing::rules::check_quantity_change;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::{CustomerPath, SubscriptionPath};
use crate::error::Error;
use crate::extract::{ApiJson, ApiPath, Manager};
use crate::openapi::{Managing, ReadsJson, BAD_PARAMETER};
use crate::paging::unpaged;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(subscriptions_list))
        .routes(routes!(subscriptions_update))
}

/// The purchases behind the customer's products, with their seat counts.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/subscriptions",
    params(CustomerPath),
    responses(
        (status = 200, description = "Every subscription of the customer.", body = Collection<Subscription>),
        (status = 400, description = BAD_PARAMETER, body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
    )
)]
async fn subscriptions_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
) -> Result<Json<Collection<Subscription>>, Error> {
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        let subscriptions = tenant
            .products()
            .iter()
            .map(|product| product.subscription.clone())
            .collect();
        Ok(Json(unpaged(subscriptions)))
    })
}

/// Changes a subscription's seat count: how "Buy more" ends up.
#[utoipa::path(
    patch,
    path = "/v1/customers/{customerId}/subscriptions/{subscriptionId}",
    params(
        SubscriptionPath,
    ),
    request_body = SubscriptionPatch,
    responses(
        (status = 200, description = "The subscription with its new seat count.", body = Subscription),
        (status = 400, description = "An invalid body (1001) or parameter (1002); fewer seats than users holding the product (60041); a suspended subscription (60036).", body = ApiError),
        (status = 404, description = "No such customer (60003) or subscription (60004).", body = ApiError),
        Managing,
        ReadsJson,
    )
)]
async fn subscriptions_update(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(SubscriptionPath {
        customer_id,
        subscription_id,
    }): ApiPath<SubscriptionPath>,
    ApiJson(patch): ApiJson<SubscriptionPatch>,
) -> Result<Json<Subscription>, Error> {
    state
        .persist(|store| {
            let tenant = store.tenant_mut(&customer_id)?;
            let skus = tenant.catalogue();
            let product = tenant
                .products()
                .iter()
                .find(|product| product.subscription.id == subscription_id)
                .ok_or_else(|| Error::SubscriptionNotFound(subscription_id.clone()))?;
            if let Some(sku) = skus.get(&product.subscription.sku_id) {
                check_quantity_change(sku, patch.quantity)
                    .map_err(|error| Error::refused(&[error], skus))?;
            }
            let subscription = tenant.set_quantity(&subscription_id, patch.quantity)?;
            Ok(Json(subscription.clone()))
        })
        .await
}
