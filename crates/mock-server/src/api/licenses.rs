use std::collections::HashSet;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header::HeaderName;
use axum::http::{HeaderValue, StatusCode};
use axum::{Extension, Json};
use licensing::contract::{
    ApiError, AssignedLicense, BatchLicenseUpdateRequest, BatchLicenseUpdateResponse, Collection,
    License, LicenseError, LicenseUpdate, UpdateStatus, UserLicenseUpdate, UserUpdateResult,
};
use licensing::rules::{plan_batch, plan_user_update, seat_demand, BatchEntry, UserPlan};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::{CustomerPath, UserPath};
use crate::describe::refusal;
use crate::error::Error;
use crate::extract::{ApiJson, ApiJsonUpTo, ApiPath, ApiQuery, IdempotencyKey, Manager};
use crate::faults::PartialFailure;
use crate::idempotency::{Once, Outcome, Stored};
use crate::openapi::{
    refusal_example, Idempotent, Managing, ReadsJson, ReadsLargeJson, BAD_PARAMETER,
};
use crate::paging::unpaged;
use crate::state::AppState;
use crate::store::Tenant;

/// Most user updates one batch may hold.
pub const MAX_BATCH_UPDATES: usize = 10_000;
/// 10,000 updates of a few products each need more than the API's usual 1 MiB.
pub const BATCH_BODY_LIMIT: usize = 8 << 20;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(user_licenses_list))
        .routes(routes!(user_license_updates_create))
        // Its larger body limit comes with its body extractor, `ApiJsonUpTo`.
        .routes(routes!(license_updates_batch_create))
}

/// The products a user holds, each with the service plans the user gets.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/users/{userId}/licenses",
    params(
        UserPath,
    ),
    responses(
        (status = 200, description = "The user's products.", body = Collection<License>),
        (status = 400, description = BAD_PARAMETER, body = ApiError),
        (status = 404, description = "No such customer (60003) or user (60002).", body = ApiError),
        Managing,
    )
)]
async fn user_licenses_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(UserPath {
        customer_id,
        user_id,
    }): ApiPath<UserPath>,
) -> Result<Json<Collection<License>>, Error> {
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        let user = tenant.user(&user_id)?;
        Ok(Json(unpaged(tenant.licenses_of(user))))
    })
}

/// Partner Center's one-user call: all of it applies, or none of it. Honours `Idempotency-Key`.
///
/// Re-assigning a held product only replaces its excluded plans.
#[utoipa::path(
    post,
    path = "/v1/customers/{customerId}/users/{userId}/licenseupdates",
    params(
        UserPath,
        IdempotencyKey,
    ),
    request_body = LicenseUpdate,
    responses(
        (status = 201, description = "What was applied, with warnings.", body = LicenseUpdate),
        (status = 400, description = "An invalid body (1001) or parameter, a malformed Idempotency-Key (1002), or refused by a license rule (60012, 60031-60039: `kind` and `detail` say which).", body = ApiError,
            example = refusal_example),
        (status = 404, description = "No such customer (60003) or user (60002).", body = ApiError),
        Managing,
        ReadsJson,
        Idempotent,
    )
)]
async fn user_license_updates_create(
    _: Manager,
    IdempotencyKey(key): IdempotencyKey,
    State(state): State<AppState>,
    ApiPath(UserPath {
        customer_id,
        user_id,
    }): ApiPath<UserPath>,
    ApiJson(update): ApiJson<LicenseUpdate>,
) -> Result<Outcome, Error> {
    let once = Once::new(key, &customer_id, &format!("user {user_id}"), &update);
    state
        .persist_once(once, |store| {
            let tenant = store.tenant_mut(&customer_id)?;
            let skus = tenant.catalogue();
            let user = tenant.user(&user_id)?;
            let refused = |errors: &[LicenseError]| Error::refused(errors, skus);
            let plan = plan_user_update(
                user,
                &update.licenses_to_assign,
                &update.licenses_to_remove,
                skus,
            )
            .map_err(|errors| refused(&errors))?;
            let short: Vec<LicenseError> = seat_demand(skus, [&plan])
                .iter()
                .filter_map(|demand| demand.error())
                .collect();
            if !short.is_empty() {
                return Err(refused(&short));
            }
            tenant.set_licenses(&user_id, plan.licenses)?;
            Ok((StatusCode::CREATED, plan.update))
        })
        .await
}

/// `Server-Timing` of a batch: `apply;dur=` milliseconds from the parsed request to the
/// results (checks, planning and applying under the lock), for `make bench`.
const SERVER_TIMING: HeaderName = HeaderName::from_static("server-timing");

/// The batch extension: every user's update checked and applied under one lock, each user
/// all-or-nothing, the batch possibly in part. One result per update, in request order.
/// Honours `Idempotency-Key`.
///
/// Mock extension: with `dryRun=true` it answers exactly what the save would (same checks,
/// same plan, same forced scenario) and applies nothing; a dry run neither replays nor keeps
/// an `Idempotency-Key` answer.
#[utoipa::path(
    post,
    path = "/v1/customers/{customerId}/licenseupdates",
    params(
        CustomerPath,
        BatchQuery,
        IdempotencyKey,
    ),
    request_body = BatchLicenseUpdateRequest,
    responses(
        (status = 200, description = "One result per update, in request order; an unknown user or a refused update fails alone.", body = BatchLicenseUpdateResponse,
            headers(("Server-Timing" = String, description = "`apply;dur=` milliseconds from the parsed request to the results."))),
        (status = 400, description = "An invalid body (1001) or parameter, a malformed Idempotency-Key (1002); over 10,000 updates or a user listed twice (1003).", body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
        ReadsLargeJson,
        Idempotent,
    )
)]
async fn license_updates_batch_create(
    _: Manager,
    IdempotencyKey(key): IdempotencyKey,
    State(state): State<AppState>,
    partial_failure: Option<Extension<PartialFailure>>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
    ApiQuery(BatchQuery { dry_run }): ApiQuery<BatchQuery>,
    ApiJsonUpTo(request): ApiJsonUpTo<BatchLicenseUpdateRequest, BATCH_BODY_LIMIT>,
) -> Result<([(HeaderName, HeaderValue); 1], Outcome), Error> {
    let started = Instant::now();
    let forced = partial_failure.is_some();
    let outcome = apply_batch(&state, key, &customer_id, request, forced, dry_run).await?;
    Ok(([(SERVER_TIMING, server_timing(started.elapsed()))], outcome))
}

/// `apply;dur=` and the milliseconds to three decimals (to the nearest microsecond), from whole
/// microseconds: formatting an `f64` to a precision cost more than the rest of the header on
/// every batch.
fn server_timing(elapsed: Duration) -> HeaderValue {
    let micros = elapsed.as_nanos().saturating_add(500) / 1000;
    let text = format!("apply;dur={}.{:03}", micros / 1000, micros % 1000);
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("apply;dur=0.000"))
}

/// The batch's query: the mock's dry run.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// Mock extension: `true` runs the same checks and planning and answers exactly what the
    /// save would, applying nothing (no license, seat or `Idempotency-Key` answer changes).
    #[serde(default)]
    #[param(default = false)]
    dry_run: bool,
}

async fn apply_batch(
    state: &AppState,
    key: Option<String>,
    customer_id: &str,
    request: BatchLicenseUpdateRequest,
    partial_failure: bool,
    dry_run: bool,
) -> Result<Outcome, Error> {
    let updates = &request.updates;
    if updates.len() > MAX_BATCH_UPDATES {
        return Err(Error::InvalidBatch(format!(
            "{} updates; at most {MAX_BATCH_UPDATES} fit in one batch. Split it, then try again.",
            updates.len()
        )));
    }
    if let Some(repeated) = first_repeated(updates) {
        return Err(Error::InvalidBatch(format!(
            "user {} is listed twice. Merge the user's updates into one, then try again.",
            repeated.user_id
        )));
    }
    if dry_run {
        // Under the read lock: the store, its version and the kept answers stay as they are.
        let response = state.read(|store| {
            let tenant = store.tenant(customer_id)?;
            Ok::<_, Error>(plan(tenant, updates, partial_failure).0)
        })?;
        return Ok(Outcome {
            stored: Stored::json(StatusCode::OK, &response),
            replayed: false,
        });
    }

    let once = Once::new(key, customer_id, "batch", &request);
    state
        .persist_once(once, |store| {
            let tenant = store.tenant_mut(customer_id)?;
            let (response, applied) = plan(tenant, updates, partial_failure);
            for (position, licenses) in applied {
                tenant.set_licenses(&updates[position].user_id, licenses)?;
            }
            Ok((StatusCode::OK, response))
        })
        .await
}

/// What a batch does to `tenant`: the answer, and the licenses each user it succeeds for (by
/// position) would hold. The save applies them; a dry run only answers.
fn plan(
    tenant: &Tenant,
    updates: &[UserLicenseUpdate],
    partial_failure: bool,
) -> (
    BatchLicenseUpdateResponse,
    Vec<(usize, Vec<AssignedLicense>)>,
) {
    let skus = tenant.catalogue();
    let mut results: Vec<Option<UserUpdateResult>> = vec![None; updates.len()];
    let mut entries = Vec::new();
    let mut positions = Vec::new();
    let mut given_a_product = 0usize;
    for (position, update) in updates.iter().enumerate() {
        if partial_failure {
            if let Some(assigned) = update.licenses_to_assign.first() {
                given_a_product += 1;
                // The first user given a product, and every other one after it.
                if given_a_product % 2 == 1 {
                    let errors = vec![seats_taken(&assigned.sku_id)];
                    results[position] =
                        Some(failed(&update.user_id, refusal(&errors, skus), errors));
                    continue;
                }
            }
        }
        match tenant.user(&update.user_id) {
            Ok(user) => {
                entries.push(BatchEntry {
                    user,
                    to_assign: &update.licenses_to_assign,
                    to_remove: &update.licenses_to_remove,
                    expected: update.expected_licenses.as_deref(),
                });
                positions.push(position);
            }
            Err(not_found) => {
                results[position] = Some(failed(
                    &update.user_id,
                    not_found.to_api_error(),
                    Vec::new(),
                ));
            }
        }
    }
    let outcomes = plan_batch(&entries, skus);
    let mut applied = Vec::new();
    for (position, outcome) in positions.into_iter().zip(outcomes) {
        results[position] = Some(match outcome {
            Ok(plan) => {
                let result = succeeded(plan);
                if let Some(licenses) = &result.assigned_licenses {
                    applied.push((position, licenses.clone()));
                }
                result
            }
            Err(errors) => failed(&updates[position].user_id, refusal(&errors, skus), errors),
        });
    }
    let results = results.into_iter().flatten().collect();
    (BatchLicenseUpdateResponse { results }, applied)
}

/// The first update whose user an earlier update of the batch already names. A few updates
/// (the usual batch is one user) are compared pairwise: no hash set, no random hash keys.
fn first_repeated(updates: &[UserLicenseUpdate]) -> Option<&UserLicenseUpdate> {
    const PAIRWISE_UP_TO: usize = 16;
    if updates.len() <= PAIRWISE_UP_TO {
        return updates.iter().enumerate().find_map(|(position, update)| {
            updates[..position]
                .iter()
                .any(|earlier| earlier.user_id == update.user_id)
                .then_some(update)
        });
    }
    let mut seen = HashSet::with_capacity(updates.len());
    updates.iter().find(|u| !seen.insert(u.user_id.as_str()))
}

fn succeeded(plan: UserPlan) -> UserUpdateResult {
    UserUpdateResult {
        user_id: plan.user_id,
        status: UpdateStatus::Succeeded,
        update: Some(plan.update),
        assigned_licenses: Some(plan.licenses),
        error: None,
        errors: Vec::new(),
    }
}

/// Scenario `save-partial-failure`'s refusal: the product's last seats went to someone else
/// between the preview and the save, so one more is needed.
fn seats_taken(sku_id: &str) -> LicenseError {
    LicenseError::NotEnoughSeats {
        sku_id: sku_id.to_owned(),
        requested: 1,
        available: 0,
        short_by: 1,
    }
}

fn failed(user_id: &str, error: ApiError, errors: Vec<LicenseError>) -> UserUpdateResult {
    UserUpdateResult {
        user_id: user_id.to_owned(),
        status: UpdateStatus::Failed,
        update: None,
        assigned_licenses: None,
        error: Some(error),
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn updates(ids: &[&str]) -> Vec<UserLicenseUpdate> {
        ids.iter()
            .map(|id| UserLicenseUpdate {
                user_id: (*id).to_owned(),
                ..UserLicenseUpdate::default()
            })
            .collect()
    }

    /// The reference: the first update whose user was seen before, with a set.
    fn with_a_set(updates: &[UserLicenseUpdate]) -> Option<usize> {
        let mut seen = HashSet::new();
        updates
            .iter()
            .position(|u| !seen.insert(u.user_id.as_str()))
    }

    #[test]
    fn the_first_repeated_user_is_found_at_every_batch_size() {
        for size in [0, 1, 2, 3, 15, 16, 17, 40] {
            let ids: Vec<String> = (0..size).map(|n| format!("u{n}")).collect();
            let mut cases: Vec<Vec<&str>> = vec![ids.iter().map(String::as_str).collect()];
            // Every pair of positions holding the same user, and a second repeat after it.
            for later in 1..size {
                for earlier in 0..later {
                    let mut case: Vec<&str> = ids.iter().map(String::as_str).collect();
                    case[later] = case[earlier];
                    cases.push(case.clone());
                    if later + 1 < size {
                        case[later + 1] = case[0];
                        cases.push(case);
                    }
                }
            }
            for case in cases {
                let batch = updates(&case);
                let found = first_repeated(&batch).map(|u| {
                    let position = batch.iter().position(|b| std::ptr::eq(b, u)).unwrap();
                    assert_eq!(batch[position].user_id, u.user_id);
                    position
                });
                assert_eq!(found, with_a_set(&batch), "{case:?}");
            }
        }
    }

    #[test]
    fn server_timing_is_milliseconds_to_the_nearest_microsecond() {
        let timing = |nanos: u64| server_timing(Duration::from_nanos(nanos));
        assert_eq!(timing(0), "apply;dur=0.000");
        assert_eq!(timing(499), "apply;dur=0.000");
        assert_eq!(timing(500), "apply;dur=0.001");
        assert_eq!(timing(12_345_678), "apply;dur=12.346");
        assert_eq!(timing(1_000_000), "apply;dur=1.000");
        assert_eq!(timing(98_765_432_100), "apply;dur=98765.432");
        // The old `format!("{:.3}", millis)` agreed everywhere but on exact half microseconds.
        for nanos in (0..5_000_000).step_by(997) {
            let millis = Duration::from_nanos(nanos).as_secs_f64() * 1000.0;
            if nanos % 1000 != 500 {
                assert_eq!(timing(nanos), format!("apply;dur={millis:.3}").as_str());
            }
        }
    }
}
