use std::collections::HashSet;

use axum::extract::State;
use axum::Json;
use licensing::contract::{ApiError, LicenseSummary, LicenseSummaryRequest};
use licensing::rules::holdings;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use licensing::user_filter::{format_timestamp, UserFilter};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::ids::CustomerPath;
use crate::api::licenses::{BATCH_BODY_LIMIT, MAX_BATCH_UPDATES};
use crate::api::users::{matching, FilteredQuery, SortField};
use crate::error::Error;
use crate::extract::{ApiJsonUpTo, ApiPath, Manager};
use crate::openapi::{Managing, ReadsLargeJson};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    // As many ids as a batch: the batch's body limit, set by `ApiJsonUpTo`.
    OpenApiRouter::default().routes(routes!(license_summary, license_summary_filtered))
}

/// The search of a filtered summary (its filters are [`UserFilter`]'s).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// Part of the display name or user principal name, any letter case.
    filter: Option<String>,
}

/// Mock extension: how many of the users a filter of the users list finds hold each product,
/// e.g. with `reclaimable=true` how many seats per product would come back. The same parameters
/// as the users list, without paging and order.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/licensesummary",
    params(CustomerPath, SummaryQuery, UserFilter),
    responses(
        (status = 200, description = "How many of the matching users hold each product.", body = LicenseSummary),
        (status = 400, description = "A malformed or unknown parameter, or a bad filter value (1002); the description names the parameter.", body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
    )
)]
async fn license_summary_filtered(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
    FilteredQuery { query, filter }: FilteredQuery<SummaryQuery>,
) -> Result<Json<LicenseSummary>, Error> {
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        filter
            .check_skus(|id| tenant.product(id).is_some())
            .map_err(|e| Error::InvalidParameter(e.to_string()))?;
        let needle = query
            .filter
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        let found = matching(tenant, &needle, &filter, SortField::DisplayName);
        let users = tenant.users();
        Ok(Json(LicenseSummary {
            users: found.len(),
            unknown_user_ids: Vec::new(),
            products: holdings(
                found.iter().map(|&i| &users[i as usize]),
                tenant.catalogue(),
            ),
            as_of: Some(format_timestamp(tenant.now())),
        }))
    })
}

/// Mock extension: how many of the given users hold each product, counted under one read lock,
/// so Manage licenses can show its boxes for 10,000 users at once. As many ids as a batch.
#[utoipa::path(
    post,
    path = "/v1/customers/{customerId}/licensesummary",
    params(CustomerPath),
    request_body = LicenseSummaryRequest,
    responses(
        (status = 200, description = "How many of the users hold each product; ids of no user are listed apart.", body = LicenseSummary),
        (status = 400, description = "An invalid body (1001) or parameter (1002); over 10,000 ids (1003).", body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
        ReadsLargeJson,
    )
)]
async fn license_summary(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
    ApiJsonUpTo(request): ApiJsonUpTo<LicenseSummaryRequest, BATCH_BODY_LIMIT>,
) -> Result<Json<LicenseSummary>, Error> {
    let ids = request.user_ids;
    if ids.len() > MAX_BATCH_UPDATES {
        return Err(Error::InvalidBatch(format!(
            "{} user ids; at most {MAX_BATCH_UPDATES} fit in one summary. Split them, then try \
             again.",
            ids.len()
        )));
    }
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        let mut seen = HashSet::new();
        let mut users = Vec::new();
        let mut unknown_user_ids = Vec::new();
        for id in &ids {
            if !seen.insert(id.as_str()) {
                continue;
            }
            match tenant.user(id) {
                Ok(user) => users.push(user),
                Err(_) => unknown_user_ids.push(id.clone()),
            }
        }
        Ok(Json(LicenseSummary {
            users: users.len(),
            unknown_user_ids,
            products: holdings(users, tenant.catalogue()),
            as_of: None,
        }))
    })
}
