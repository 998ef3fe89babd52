use axum::extract::State;
use axum::Json;
use licensing::contract::{Collection, Subscription, SubscriptionPatch};
use licensing::rules::check_quantity_change;

use crate::error::Error;
use crate::extract::{ApiJson, ApiPath, Manager};
use crate::paging::unpaged;
use crate::routes::Routes;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::default()
        .get(
            "/v1/customers/{customerId}/subscriptions",
            subscriptions_list,
        )
        .patch(
            "/v1/customers/{customerId}/subscriptions/{subscriptionId}",
            subscriptions_update,
        )
}

async fn subscriptions_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(customer_id): ApiPath<String>,
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
async fn subscriptions_update(
    _: Manager,
    State(state): State<AppState>,
    ApiPath((customer_id, subscription_id)): ApiPath<(String, String)>,
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
