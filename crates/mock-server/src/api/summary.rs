use std::collections::HashSet;

use axum::extract::State;
use axum::Json;
use licensing::contract::{ApiError, LicenseSummary, LicenseSummaryRequest};
use licensing::rules::holdings;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::CustomerPath;
use crate::api::licenses::{BATCH_BODY_LIMIT, MAX_BATCH_UPDATES};
use crate::error::Error;
use crate::extract::{ApiJsonUpTo, ApiPath, Manager};
use crate::openapi::{Managing, ReadsLargeJson};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    // As many ids as a batch: the batch's body limit, set by `ApiJsonUpTo`.
    OpenApiRouter::default().routes(routes!(license_summary))
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
        }))
    })
}
