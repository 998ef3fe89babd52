use axum::extract::State;
use axum::Json;
use licensing::contract::Customer;
use serde::Deserialize;

use crate::error::Error;
use crate::extract::{ApiPath, ApiQuery, Caller};
use crate::json::JsonBody;
use crate::paging::{paginate, with_query, PageRequest};
use crate::routes::Routes;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::default()
        .get("/v1/customers", customers_list)
        .get("/v1/customers/{customerId}", customers_get)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CustomerQuery {
    size: Option<u32>,
    page: Option<u32>,
    /// Part of the company name or domain, any letter case.
    filter: Option<String>,
}

/// Every signed-in role may browse customers (only managing users and licenses is restricted).
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

async fn customers_get(
    _: Caller,
    State(state): State<AppState>,
    ApiPath(customer_id): ApiPath<String>,
) -> Result<Json<Customer>, Error> {
    state.read(|store| Ok(Json(store.tenant(&customer_id)?.customer.clone())))
}
