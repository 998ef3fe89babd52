use std::collections::HashSet;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::HeaderName;
use axum::http::{Method, StatusCode};
use axum::routing::post;
use axum::Json;
use licensing::contract::{
    ApiError, BatchLicenseUpdateRequest, BatchLicenseUpdateResponse, Collection, License,
    LicenseError, LicenseUpdate, UpdateStatus, UserUpdateResult,
};
use licensing::rules::{plan_batch, plan_user_update, seat_demand, BatchEntry, UserPlan};

use crate::error::Error;
use crate::extract::{ApiJson, ApiPath, IdempotencyKey, Manager};
use crate::idempotency::{Once, Outcome};
use crate::paging::unpaged;
use crate::routes::Routes;
use crate::state::AppState;

/// Most user updates one batch may hold.
pub const MAX_BATCH_UPDATES: usize = 10_000;
/// 10,000 updates of a few products each need more than the API's usual 1 MiB.
pub const BATCH_BODY_LIMIT: usize = 8 << 20;

pub fn router() -> Routes {
    Routes::default()
        .get(
            "/v1/customers/{customerId}/users/{userId}/licenses",
            user_licenses_list,
        )
        .post(
            "/v1/customers/{customerId}/users/{userId}/licenseupdates",
            user_license_updates_create,
        )
        .route(
            Method::POST,
            "/v1/customers/{customerId}/licenseupdates",
            post(license_updates_batch_create).layer(DefaultBodyLimit::max(BATCH_BODY_LIMIT)),
        )
}

/// The products a user holds, each with the service plans the user gets.
async fn user_licenses_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath((customer_id, user_id)): ApiPath<(String, String)>,
) -> Result<Json<Collection<License>>, Error> {
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        let user = tenant.user(&user_id)?;
        Ok(Json(unpaged(tenant.licenses_of(user))))
    })
}

/// Partner Center's one-user call: all of it applies, or none of it. Honours `Idempotency-Key`.
async fn user_license_updates_create(
    _: Manager,
    IdempotencyKey(key): IdempotencyKey,
    State(state): State<AppState>,
    ApiPath((customer_id, user_id)): ApiPath<(String, String)>,
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
async fn license_updates_batch_create(
    _: Manager,
    IdempotencyKey(key): IdempotencyKey,
    State(state): State<AppState>,
    ApiPath(customer_id): ApiPath<String>,
    ApiJson(request): ApiJson<BatchLicenseUpdateRequest>,
) -> Result<([(HeaderName, String); 1], Outcome), Error> {
    let started = Instant::now();
    let outcome = apply_batch(&state, key, &customer_id, request).await?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    Ok(([(SERVER_TIMING, format!("apply;dur={millis:.3}"))], outcome))
}

async fn apply_batch(
    state: &AppState,
    key: Option<String>,
    customer_id: &str,
    request: BatchLicenseUpdateRequest,
) -> Result<Outcome, Error> {
    let once = Once::new(key, customer_id, "batch", &request);
    let updates = request.updates;
    if updates.len() > MAX_BATCH_UPDATES {
        return Err(Error::InvalidBatch(format!(
            "{} updates; at most {MAX_BATCH_UPDATES} fit in one batch. Split it, then try again.",
            updates.len()
        )));
    }
    let mut seen = HashSet::with_capacity(updates.len());
    if let Some(repeated) = updates.iter().find(|u| !seen.insert(u.user_id.as_str())) {
        return Err(Error::InvalidBatch(format!(
            "user {} is listed twice. Merge the user's updates into one, then try again.",
            repeated.user_id
        )));
    }

    state
        .persist_once(once, |store| {
            let tenant = store.tenant_mut(customer_id)?;
            let skus = tenant.catalogue();
            let mut results: Vec<Option<UserUpdateResult>> = vec![None; updates.len()];
            let mut entries = Vec::new();
            let mut positions = Vec::new();
            for (position, update) in updates.iter().enumerate() {
                match tenant.user(&update.user_id) {
                    Ok(user) => {
                        entries.push(BatchEntry {
                            user,
                            to_assign: &update.licenses_to_assign,
                            to_remove: &update.licenses_to_remove,
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
                    Err(errors) => failed(
                        &updates[position].user_id,
                        ApiError::refused(&errors, skus),
                        errors,
                    ),
                });
            }
            for (position, licenses) in applied {
                tenant.set_licenses(&updates[position].user_id, licenses)?;
            }
            let results = results.into_iter().flatten().collect();
            Ok((StatusCode::OK, BatchLicenseUpdateResponse { results }))
        })
        .await
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
