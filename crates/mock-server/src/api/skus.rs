use axum::extract::State;
use axum::Json;
use licensing::contract::{ApiError, Collection, CustomerUser, SubscribedSku};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::{CustomerPath, SkuPath};
use crate::api::users::{FilteredQuery, UserQuery};
use crate::error::Error;
use crate::extract::{ApiPath, Manager};
use crate::json::JsonBody;
use crate::openapi::{Managing, BAD_PARAMETER};
use crate::paging::{encode, unpaged};
use crate::state::AppState;
use licensing::user_filter::UserFilter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(subscribed_skus_list))
        .routes(routes!(sku_holders_list))
}

/// The customer's products with seat counts, service plans and rules.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/subscribedskus",
    params(CustomerPath),
    responses(
        (status = 200, description = "Every product of the customer.", body = Collection<SubscribedSku>),
        (status = 400, description = BAD_PARAMETER, body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
    )
)]
async fn subscribed_skus_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
) -> Result<Json<Collection<SubscribedSku>>, Error> {
    state.read(|store| {
        Ok(Json(unpaged(
            store.tenant(&customer_id)?.catalogue().to_vec(),
        )))
    })
}

/// Who holds a product (the reverse look-up), optionally among `ids` only: the "Assigned"
/// tooltip, and the Products page's holders. It takes the users list's search, filters, order
/// and paging, so "reclaimable holders of this product" is one call.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/subscribedskus/{skuId}/users",
    params(
        SkuPath,
        UserQuery,
        UserFilter,
    ),
    responses(
        (status = 200, description = "A page of the users who hold the product.", body = Collection<CustomerUser>),
        (status = 400, description = "A malformed or unknown parameter, a bad filter value (an unknown sku id, a bool other than true or false, days not a whole number, not a country code), a size outside 1-500, or a page past the last (1002); the description names the parameter.", body = ApiError),
        (status = 404, description = "No such customer (60003) or product (60005).", body = ApiError),
        Managing,
    )
)]
async fn sku_holders_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(SkuPath {
        customer_id,
        sku_id,
    }): ApiPath<SkuPath>,
    FilteredQuery { query, filter }: FilteredQuery<UserQuery>,
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
                &filter,
                Some(&|user: &CustomerUser| user.holds(&sku_id)),
            )
            .map(|page| JsonBody::page(&page))
    })
}
