use axum::extract::State;
use axum::Json;
use licensing::contract::{ApiError, Collection, Customer};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::CustomerPath;
use crate::error::Error;
use crate::extract::{ApiPath, ApiQuery, Caller};
use crate::json::JsonBody;
use crate::openapi::{SignedIn, BAD_PARAMETER};
use crate::paging::{paginate, with_query, PageRequest};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(customers_list))
        .routes(routes!(customers_get))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct CustomerQuery {
    /// Customers per page (25 when left out).
    #[param(minimum = 1, maximum = 500)]
    size: Option<u32>,
    /// The page, from 1.
    #[param(minimum = 1)]
    page: Option<u32>,
    /// Part of the company name or domain, any letter case.
    filter: Option<String>,
}

/// The partner's customers, a page at a time, sorted by company name.
///
/// Every signed-in role may browse customers (only managing users and licenses is restricted).
#[utoipa::path(
    get,
    path = "/v1/customers",
    params(CustomerQuery),
    responses(
        (status = 200, description = "A page of customers.", body = Collection<Customer>),
        (status = 400, description = "A malformed or unknown parameter, a size outside 1-500, or a page past the last (1002).", body = ApiError),
        SignedIn,
    )
)]
async fn customers_list(
    _: Caller,
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CustomerQuery>,
) -> Result<JsonBody, Error> {
    let request = PageRequest::new(query.size, query.page)?;
    let filter = query.filter.as_deref().map(str::trim).unwrap_or_default();
    let needle = filter.to_lowercase();
    let size = request.size.to_string();
    state.read(|store| {
        let matching: Vec<&Customer> = store
            .customers()
            .filter(|customer| {
                let profile = &customer.company_profile;
                profile.company_name.to_lowercase().contains(&needle)
                    || profile.domain.to_lowercase().contains(&needle)
            })
            .collect();
        let uri = |page: u32| {
            let page = page.to_string();
            let filter = (!filter.is_empty()).then_some(filter);
            with_query(
                "/api/v1/customers",
                &[
                    ("size", Some(&size)),
                    ("page", Some(&page)),
                    ("filter", filter),
                ],
            )
        };
        paginate(&matching, request, uri).map(|page| JsonBody::page(&page))
    })
}

/// One customer.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}",
    params(CustomerPath),
    responses(
        (status = 200, description = "The customer.", body = Customer),
        (status = 400, description = BAD_PARAMETER, body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        SignedIn,
    )
)]
async fn customers_get(
    _: Caller,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
) -> Result<Json<Customer>, Error> {
    state.read(|store| Ok(Json(store.tenant(&customer_id)?.customer.clone())))
}
