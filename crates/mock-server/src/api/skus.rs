use axum::extract::State;
use axum::Json;
use licensing::contract::{Collection, CustomerUser, SubscribedSku};

use crate::api::users::UserQuery;
use crate::error::Error;
use crate::extract::{ApiPath, ApiQuery, Manager};
use crate::json::JsonBody;
use crate::paging::{encode, unpaged};
use crate::routes::Routes;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::default()
        .get(
            "/v1/customers/{customerId}/subscribedskus",
            subscribed_skus_list,
        )
        .get(
            "/v1/customers/{customerId}/subscribedskus/{skuId}/users",
            sku_holders_list,
        )
}

/// The customer's products with seat counts, service plans and rules.
async fn subscribed_skus_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(customer_id): ApiPath<String>,
) -> Result<Json<Collection<SubscribedSku>>, Error> {
    state.read(|store| {
        Ok(Json(unpaged(
            store.tenant(&customer_id)?.catalogue().to_vec(),
        )))
    })
}

/// Who holds a product, optionally among `ids` only: the "Assigned" tooltip, and the holder
/// sets the Manage licenses page builds its boxes from.
async fn sku_holders_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath((customer_id, sku_id)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<UserQuery>,
) -> Result<JsonBody, Error> {
    let path = format!(
        "/api/v1/customers/{}/subscribedskus/{}/users",
        encode(&customer_id),
        encode(&sku_id)
    );
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        if tenant.product(&sku_id).is_none() {
            return Err(Error::SkuNotFound(sku_id.clone()));
        }
        query
            .page_of(
                tenant,
                &path,
                Some(&|user: &CustomerUser| user.holds(&sku_id)),
            )
            .map(|page| JsonBody::page(&page))
    })
}
